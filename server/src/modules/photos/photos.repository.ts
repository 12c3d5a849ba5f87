import { and, eq, isNotNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db.js';
import { persons } from '../../platform/schema.js';

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
  // A raw timestamp parameter: both drivers (pg and PGlite) take an ISO string the same way.
  const at = sql`${now.toISOString()}::timestamptz`;
  const shared = sql`exists (
    select 1
    from memberships tm
    join clients c on c.id = tm.client_id
    where tm.person_id = ${persons.id}
      and tm.revoked_at is null
      and (tm.ends_at is null or tm.ends_at > ${at})
      and (
        exists (
          select 1
          from memberships vm
          join persons vp on vp.id = vm.person_id
          where vm.client_id = c.id
            and vm.person_id = ${viewerId}
            and vp.status = 'active'
            and vm.revoked_at is null
            and (vm.ends_at is null or vm.ends_at > ${at})
        )
        or exists (
          select 1
          from staff_roles sr
          join persons sp on sp.id = sr.person_id
          where sr.person_id = ${viewerId}
            and sp.status = 'active'
            and sr.organisation_id = c.organisation_id
            and (
              sr.role in ('organisation_admin', 'helpdesk')
              or (sr.role = 'care_professional' and sr.department_id = c.department_id)
              or (sr.role = 'contactverzorgende' and sr.client_id = c.id)
            )
        )
      )
  )`;
  const [row] = await db
    .select({ photoKey: persons.photoKey, photoUpdatedAt: persons.photoUpdatedAt })
    .from(persons)
    .where(and(eq(persons.id, personId), isNotNull(persons.photoKey), sql`(${persons.id} = ${viewerId} or ${shared})`))
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
