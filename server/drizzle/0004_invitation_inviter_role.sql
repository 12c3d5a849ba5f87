ALTER TABLE "invitations" ADD COLUMN "inviter_role" text;--> statement-breakpoint
-- Invitations sent before this column: the role the inviter acted in is in the invitation's audit event.
UPDATE "invitations" SET "inviter_role" = (
  SELECT "actor_role" FROM "audit_events"
  WHERE "action" = 'network.invited' AND "object_type" = 'invitation' AND "object_id" = "invitations"."id"::text
  ORDER BY "id"
  LIMIT 1
);
