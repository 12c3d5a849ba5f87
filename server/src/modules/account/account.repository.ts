/** SQL for Mijn gegevens: the person's own data, their organisations, e-mail links and change requests. */
import { and, asc, desc, eq, gt, isNull, ne } from 'drizzle-orm';
import { membershipGrantsAccess } from '../../platform/access.js';
import type { DbOrTx } from '../../platform/db.js';
import {
  clients,
  dataChangeRequests,
  emailTokens,
  memberships,
  organisations,
  persons,
  staffRoles,
} from '../../platform/schema.js';

/** The clients whose own portal this is (relation 'self'), with their personal data as the ECD has it. */
export async function listSelfClients(db: DbOrTx, personId: string, now: Date) {
  return db
    .select({
      id: clients.id,
      organisationId: clients.organisationId,
      dateOfBirth: clients.dateOfBirth,
      street: clients.street,
      houseNumber: clients.houseNumber,
      postalCode: clients.postalCode,
      city: clients.city,
    })
    .from(memberships)
    .innerJoin(clients, eq(clients.id, memberships.clientId))
    .where(and(eq(memberships.personId, personId), eq(memberships.relation, 'self'), membershipGrantsAccess(now)))
    .orderBy(asc(memberships.grantedAt));
}

export type OrganisationRow = typeof organisations.$inferSelect;

export async function findOrganisation(db: DbOrTx, organisationId: string): Promise<OrganisationRow | undefined> {
  const [row] = await db.select().from(organisations).where(eq(organisations.id, organisationId)).limit(1);
  return row;
}

/**
 * The organisations a person belongs to: through an active place in a network first (oldest
 * first), then through a staff role.
 */
export async function listOrganisationsOf(db: DbOrTx, personId: string, now: Date): Promise<OrganisationRow[]> {
  const viaNetwork = await db
    .select({ organisation: organisations })
    .from(memberships)
    .innerJoin(clients, eq(clients.id, memberships.clientId))
    .innerJoin(organisations, eq(organisations.id, clients.organisationId))
    .where(and(eq(memberships.personId, personId), membershipGrantsAccess(now)))
    .orderBy(asc(memberships.grantedAt));
  const viaStaff = await db
    .select({ organisation: organisations })
    .from(staffRoles)
    .innerJoin(organisations, eq(organisations.id, staffRoles.organisationId))
    .where(eq(staffRoles.personId, personId))
    .orderBy(asc(staffRoles.createdAt));
  const seen = new Set<string>();
  return [...viaNetwork, ...viaStaff]
    .map((r) => r.organisation)
    .filter((o) => (seen.has(o.id) ? false : (seen.add(o.id), true)));
}

/** Whether another person's account already uses the address (invited, active or disabled). */
export async function emailTakenByOther(db: DbOrTx, email: string, personId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: persons.id })
    .from(persons)
    .where(and(eq(persons.email, email), ne(persons.id, personId)))
    .limit(1);
  return row !== undefined;
}

/** The newest e-mail change link that still works, for "we sent a link to …". */
export async function findOpenEmailChange(db: DbOrTx, personId: string, now: Date) {
  const [row] = await db
    .select()
    .from(emailTokens)
    .where(
      and(
        eq(emailTokens.personId, personId),
        eq(emailTokens.purpose, 'email_change'),
        isNull(emailTokens.usedAt),
        gt(emailTokens.expiresAt, now),
      ),
    )
    .orderBy(desc(emailTokens.createdAt))
    .limit(1);
  return row;
}

/** Ends every open e-mail change link of the person: a newer request replaces them. */
export async function expireOpenEmailChanges(db: DbOrTx, personId: string, now: Date): Promise<void> {
  await db
    .update(emailTokens)
    .set({ expiresAt: now })
    .where(
      and(
        eq(emailTokens.personId, personId),
        eq(emailTokens.purpose, 'email_change'),
        isNull(emailTokens.usedAt),
        gt(emailTokens.expiresAt, now),
      ),
    );
}

export async function insertChangeRequest(db: DbOrTx, values: typeof dataChangeRequests.$inferInsert) {
  const [row] = await db.insert(dataChangeRequests).values(values).returning();
  return row!;
}

export async function listChangeRequests(db: DbOrTx, personId: string) {
  return db
    .select()
    .from(dataChangeRequests)
    .where(eq(dataChangeRequests.personId, personId))
    .orderBy(asc(dataChangeRequests.createdAt));
}
