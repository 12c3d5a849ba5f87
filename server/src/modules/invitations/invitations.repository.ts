import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db.js';
import {
  clients,
  departments,
  invitations,
  memberships,
  organisations,
  persons,
  staffRoles,
} from '../../platform/schema.js';

export async function insertClient(db: DbOrTx, values: typeof clients.$inferInsert) {
  const [row] = await db.insert(clients).values(values).returning();
  return row!;
}

export async function findClient(db: DbOrTx, clientId: string) {
  const [row] = await db.select().from(clients).where(eq(clients.id, clientId)).limit(1);
  return row;
}

export async function findDepartment(db: DbOrTx, departmentId: string) {
  const [row] = await db.select().from(departments).where(eq(departments.id, departmentId)).limit(1);
  return row;
}

export async function findOrganisation(db: DbOrTx, organisationId: string) {
  const [row] = await db.select().from(organisations).where(eq(organisations.id, organisationId)).limit(1);
  return row;
}

export async function listAdminOrganisations(db: DbOrTx, personId: string) {
  return db
    .select({ organisationId: staffRoles.organisationId })
    .from(staffRoles)
    .where(and(eq(staffRoles.personId, personId), eq(staffRoles.role, 'organisation_admin')));
}

export async function findPersonByEmail(db: DbOrTx, email: string) {
  const [row] = await db.select().from(persons).where(eq(persons.email, email)).limit(1);
  return row;
}

export async function insertPerson(db: DbOrTx, values: typeof persons.$inferInsert) {
  const [row] = await db.insert(persons).values(values).returning();
  return row!;
}

export async function updatePerson(db: DbOrTx, personId: string, values: Partial<typeof persons.$inferInsert>) {
  await db.update(persons).set(values).where(eq(persons.id, personId));
}

export async function insertInvitation(db: DbOrTx, values: typeof invitations.$inferInsert) {
  const [row] = await db.insert(invitations).values(values).returning();
  return row!;
}

export async function findInvitationByTokenHash(db: DbOrTx, tokenHash: string) {
  const [row] = await db
    .select({
      invitation: invitations,
      person: persons,
      client: {
        id: clients.id,
        givenName: clients.givenName,
        namePrefix: clients.namePrefix,
        familyName: clients.familyName,
      },
      organisationName: organisations.name,
    })
    .from(invitations)
    .innerJoin(persons, eq(persons.id, invitations.personId))
    .innerJoin(clients, eq(clients.id, invitations.clientId))
    .innerJoin(organisations, eq(organisations.id, clients.organisationId))
    .where(eq(invitations.tokenHash, tokenHash))
    .limit(1);
  return row;
}

export async function findInvitation(db: DbOrTx, id: string) {
  const [row] = await db.select().from(invitations).where(eq(invitations.id, id)).limit(1);
  return row;
}

export async function markInvitationAccepted(db: DbOrTx, id: string, at: Date) {
  await db.update(invitations).set({ acceptedAt: at }).where(eq(invitations.id, id));
}

/** Adds the person to the network, or renews a membership that had ended. */
export async function upsertMembership(db: DbOrTx, values: typeof memberships.$inferInsert) {
  await db
    .insert(memberships)
    .values(values)
    .onConflictDoUpdate({
      target: [memberships.personId, memberships.clientId],
      set: {
        relation: values.relation,
        relationLabel: values.relationLabel ?? null,
        permissions: values.permissions ?? [],
        grantedBy: values.grantedBy ?? null,
        grantedAt: values.grantedAt,
        endsAt: null,
        revokedAt: null,
      },
    });
}
