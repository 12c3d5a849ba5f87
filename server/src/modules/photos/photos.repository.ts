import { and, eq, exists, isNotNull, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { membershipGrantsAccess, staffRoleReachesClient } from '../../platform/access.js';
import type { DbOrTx } from '../../platform/db.js';
import { clients, memberships, persons, staffRoles } from '../../platform/schema.js';

/** The person's place and the viewer's place in a network, and the viewer's account. */
const personPlace = alias(memberships, 'person_place');
const viewerPlace = alias(memberships, 'viewer_place');
const viewerPerson = alias(persons, 'viewer_person');

export interface PhotoRow {
  photoKey: string | null;
  photoUpdatedAt: Date | null;
}

/**
 * Sets (or with null, removes) the person's photo and returns the key it replaces. The row is
 * locked first, so that of two uploads at the same moment each sees the other's key and no file
 * is left behind without a row.
 */
export async function replacePhoto(
  tx: DbOrTx,
  personId: string,
  photoKey: string | null,
  at: Date,
): Promise<{ previousKey: string | null } | undefined> {
  const [current] = await tx
    .select({ photoKey: persons.photoKey })
    .from(persons)
    .where(eq(persons.id, personId))
    .for('update')
    .limit(1);
  if (!current) return undefined;
  await tx
    .update(persons)
    .set({ photoKey, photoUpdatedAt: photoKey ? at : null })
    .where(eq(persons.id, personId));
  return { previousKey: current.photoKey };
}

/**
 * The photo of `personId` when `viewerId` may see it, in one query: the person themselves; a
 * person in the same client's network (both memberships active: not revoked, not ended); or
 * staff who reach a client in whose network the person is, with the scope of findAccess in
 * platform/access.ts (admin and helpdesk: the organisation; care professional: the client's
 * department; contactverzorgende: the client).
 */
export async function findVisiblePhoto(
  db: DbOrTx,
  viewerId: string,
  personId: string,
  now: Date,
): Promise<{ photoKey: string; photoUpdatedAt: Date } | undefined> {
  // The rules are those of platform/access.ts: when a place in a network counts, and how far a
  // staff role reaches.
  const viewerInNetwork = db
    .select({ one: sql`1` })
    .from(viewerPlace)
    .innerJoin(viewerPerson, eq(viewerPerson.id, viewerPlace.personId))
    .where(
      and(
        eq(viewerPlace.clientId, clients.id),
        eq(viewerPlace.personId, viewerId),
        eq(viewerPerson.status, 'active'),
        membershipGrantsAccess(now, viewerPlace),
      ),
    );
  const viewerIsStaff = db
    .select({ one: sql`1` })
    .from(staffRoles)
    .innerJoin(viewerPerson, eq(viewerPerson.id, staffRoles.personId))
    .where(
      and(
        eq(staffRoles.personId, viewerId),
        eq(viewerPerson.status, 'active'),
        eq(staffRoles.organisationId, clients.organisationId),
        staffRoleReachesClient(),
      ),
    );
  const shared = exists(
    db
      .select({ one: sql`1` })
      .from(personPlace)
      .innerJoin(clients, eq(clients.id, personPlace.clientId))
      .where(
        and(
          eq(personPlace.personId, persons.id),
          membershipGrantsAccess(now, personPlace),
          or(exists(viewerInNetwork), exists(viewerIsStaff)),
        ),
      ),
  );
  const [row] = await db
    .select({ photoKey: persons.photoKey, photoUpdatedAt: persons.photoUpdatedAt })
    .from(persons)
    .where(and(eq(persons.id, personId), isNotNull(persons.photoKey), or(eq(persons.id, viewerId), shared)))
    .limit(1);
  if (!row?.photoKey || !row.photoUpdatedAt) return undefined;
  return { photoKey: row.photoKey, photoUpdatedAt: row.photoUpdatedAt };
}

export async function findPhoto(db: DbOrTx, personId: string): Promise<PhotoRow | undefined> {
  const [row] = await db
    .select({ photoKey: persons.photoKey, photoUpdatedAt: persons.photoUpdatedAt })
    .from(persons)
    .where(eq(persons.id, personId))
    .limit(1);
  return row;
}
