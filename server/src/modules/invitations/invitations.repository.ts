import { and, eq, gt, isNull } from 'drizzle-orm';
import { membershipGrantsAccess } from '../../platform/access.js';
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

/**
 * Sets the password and number of an account that was never finished and makes it active. False
 * when the account is active already (or disabled): then nothing changes.
 */
export async function activateInvitedPerson(
  db: DbOrTx,
  personId: string,
  values: Pick<typeof persons.$inferInsert, 'passwordHash' | 'passwordChangedAt' | 'mobile'>,
) {
  const rows = await db
    .update(persons)
    .set({ ...values, status: 'active' })
    .where(and(eq(persons.id, personId), eq(persons.status, 'invited')))
    .returning({ id: persons.id });
  return rows.length > 0;
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

/**
 * Adds the person to the network, or revives a membership that was removed or had ended: the same
 * row, with the new relation, rights and end date.
 */
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
        endsAt: values.endsAt ?? null,
        revokedAt: null,
      },
    });
}

/**
 * The person with this address, locked until the transaction ends, so that two invitations for
 * the same address cannot both stay open.
 */
export async function lockPersonByEmail(db: DbOrTx, email: string) {
  const [row] = await db.select().from(persons).where(eq(persons.email, email)).limit(1).for('update');
  return row;
}

/** The person's membership of the client that grants access now: an active account, not removed, not ended. */
const activeMembershipOf = (personId: string, clientId: string, now: Date) =>
  and(
    eq(memberships.personId, personId),
    eq(memberships.clientId, clientId),
    eq(persons.status, 'active'),
    membershipGrantsAccess(now),
  );

/** Whether the person is in the client's network now: an active account with a membership that grants access. */
export async function hasActiveMembership(db: DbOrTx, personId: string, clientId: string, now: Date) {
  const [row] = await db
    .select({ id: memberships.id })
    .from(memberships)
    .innerJoin(persons, eq(persons.id, memberships.personId))
    .where(activeMembershipOf(personId, clientId, now))
    .limit(1);
  return row !== undefined;
}

/**
 * The inviter's place in the network as it grants access now, held with a share lock until the
 * transaction ends: a manager's removal or a change of their rights waits for the acceptance, or
 * the acceptance for them.
 */
export async function lockActiveMembership(db: DbOrTx, personId: string, clientId: string, now: Date) {
  const [row] = await db
    .select({ relation: memberships.relation, permissions: memberships.permissions })
    .from(memberships)
    .innerJoin(persons, eq(persons.id, memberships.personId))
    .where(activeMembershipOf(personId, clientId, now))
    .limit(1)
    .for('share', { of: memberships });
  return row;
}

const openInvitation = (now: Date) =>
  and(isNull(invitations.acceptedAt), isNull(invitations.revokedAt), gt(invitations.expiresAt, now));

/** Withdraws the person's open invitations into the client's network; returns their ids. */
export async function revokeOpenInvitations(db: DbOrTx, personId: string, clientId: string, now: Date) {
  const rows = await db
    .update(invitations)
    .set({ revokedAt: now })
    .where(and(eq(invitations.personId, personId), eq(invitations.clientId, clientId), openInvitation(now)))
    .returning({ id: invitations.id });
  return rows.map((r) => r.id);
}

/** An invitation into this client's network that can still be accepted, with its invitee; locked. */
export async function findOpenInvitation(db: DbOrTx, clientId: string, invitationId: string, now: Date) {
  const [row] = await db
    .select({ invitation: invitations, person: persons })
    .from(invitations)
    .innerJoin(persons, eq(persons.id, invitations.personId))
    .where(and(eq(invitations.id, invitationId), eq(invitations.clientId, clientId), openInvitation(now)))
    .limit(1)
    .for('update', { of: invitations });
  return row;
}

export async function updateInvitation(
  db: DbOrTx,
  id: string,
  values: Partial<
    Pick<typeof invitations.$inferInsert, 'tokenHash' | 'expiresAt' | 'revokedAt' | 'invitedBy' | 'inviterRole'>
  >,
) {
  await db.update(invitations).set(values).where(eq(invitations.id, id));
}

/** A new person, unless the address was taken a moment ago (then the caller reads that one). */
export async function insertPersonIfAbsent(db: DbOrTx, values: typeof persons.$inferInsert) {
  await db.insert(persons).values(values).onConflictDoNothing();
}
