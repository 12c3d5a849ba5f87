import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { membershipGrantsAccess } from '../../platform/access.js';
import type { DbOrTx } from '../../platform/db.js';
import { clients, invitations, memberships, organisations, persons } from '../../platform/schema.js';

const memberColumns = {
  membershipId: memberships.id,
  personId: persons.id,
  email: persons.email,
  personStatus: persons.status,
  givenName: persons.givenName,
  namePrefix: persons.namePrefix,
  familyName: persons.familyName,
  relation: memberships.relation,
  relationLabel: memberships.relationLabel,
  permissions: memberships.permissions,
  endsAt: memberships.endsAt,
};

export type MemberRow = Awaited<ReturnType<typeof listActiveMembers>>[number];

/**
 * The client's network as it grants access now: not revoked and not ended. With `lock`, the rows
 * stay locked until the transaction ends, so two managers cannot remove each other at once.
 */
export async function listActiveMembers(db: DbOrTx, clientId: string, now: Date, lock = false) {
  const query = db
    .select(memberColumns)
    .from(memberships)
    .innerJoin(persons, eq(persons.id, memberships.personId))
    .where(and(eq(memberships.clientId, clientId), membershipGrantsAccess(now)));
  return lock ? query.for('update', { of: memberships }) : query;
}

const inviter = alias(persons, 'inviter');

/** Invitations into the client's network that can still be accepted. */
export async function listPendingInvitations(db: DbOrTx, clientId: string, now: Date) {
  return db
    .select({
      invitationId: invitations.id,
      email: persons.email,
      // The name the inviter typed (see the schema); older invitations have none and show the person's.
      givenName: sql<string>`coalesce(${invitations.givenName}, ${persons.givenName})`,
      namePrefix: sql<
        string | null
      >`case when ${invitations.givenName} is null then ${persons.namePrefix} else ${invitations.namePrefix} end`,
      familyName: sql<string>`coalesce(${invitations.familyName}, ${persons.familyName})`,
      relation: invitations.relation,
      relationLabel: invitations.relationLabel,
      permissions: invitations.permissions,
      createdAt: invitations.createdAt,
      expiresAt: invitations.expiresAt,
      accessEndsAt: invitations.accessEndsAt,
      invitedBy: {
        givenName: inviter.givenName,
        namePrefix: inviter.namePrefix,
        familyName: inviter.familyName,
      },
    })
    .from(invitations)
    .innerJoin(persons, eq(persons.id, invitations.personId))
    .leftJoin(inviter, eq(inviter.id, invitations.invitedBy))
    .where(
      and(
        eq(invitations.clientId, clientId),
        isNull(invitations.acceptedAt),
        isNull(invitations.revokedAt),
        gt(invitations.expiresAt, now),
      ),
    );
}

export async function updateMembership(
  db: DbOrTx,
  membershipId: string,
  values: { permissions: string[]; endsAt: Date | null; grantedBy: string; grantedAt: Date },
) {
  await db.update(memberships).set(values).where(eq(memberships.id, membershipId));
}

export async function revokeMembership(db: DbOrTx, membershipId: string, at: Date) {
  await db.update(memberships).set({ revokedAt: at }).where(eq(memberships.id, membershipId));
}

export async function findOrganisationOfClient(db: DbOrTx, clientId: string) {
  const [row] = await db
    .select({ id: organisations.id, name: organisations.name })
    .from(clients)
    .innerJoin(organisations, eq(organisations.id, clients.organisationId))
    .where(eq(clients.id, clientId))
    .limit(1);
  return row;
}
