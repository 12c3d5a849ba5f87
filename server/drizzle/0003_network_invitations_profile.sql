CREATE TABLE "data_change_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"person_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"client_id" uuid,
	"message" text NOT NULL,
	"sent_to" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "invitations" ADD COLUMN "access_ends_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "invitations" ADD COLUMN "given_name" text;--> statement-breakpoint
ALTER TABLE "invitations" ADD COLUMN "name_prefix" text;--> statement-breakpoint
ALTER TABLE "invitations" ADD COLUMN "family_name" text;--> statement-breakpoint
ALTER TABLE "persons" ADD COLUMN "date_of_birth" date;--> statement-breakpoint
ALTER TABLE "persons" ADD COLUMN "street" text;--> statement-breakpoint
ALTER TABLE "persons" ADD COLUMN "house_number" text;--> statement-breakpoint
ALTER TABLE "persons" ADD COLUMN "postal_code" text;--> statement-breakpoint
ALTER TABLE "persons" ADD COLUMN "city" text;--> statement-breakpoint
ALTER TABLE "persons" ADD COLUMN "photo_key" text;--> statement-breakpoint
ALTER TABLE "persons" ADD COLUMN "photo_updated_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "data_change_requests" ADD CONSTRAINT "data_change_requests_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "data_change_requests" ADD CONSTRAINT "data_change_requests_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "data_change_requests" ADD CONSTRAINT "data_change_requests_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "data_change_requests_person_idx" ON "data_change_requests" USING btree ("person_id","created_at");