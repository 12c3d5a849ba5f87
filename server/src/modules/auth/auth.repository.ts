import { and, eq, isNull, lt, or } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db.js';
import { persons, sessions } from '../../platform/schema.js';

export async function findPersonByEmail(db: DbOrTx, email: string) {
  const [row] = await db.select().from(persons).where(eq(persons.email, email)).limit(1);
  return row;
}

export async function insertSession(db: DbOrTx, values: typeof sessions.$inferInsert) {
  const [row] = await db.insert(sessions).values(values).returning();
  return row!;
}

/** A session that has not been ended, with its person. Time limits are checked by the service. */
export async function findOpenSession(db: DbOrTx, tokenHash: string) {
  const [row] = await db
    .select({ session: sessions, personStatus: persons.status })
    .from(sessions)
    .innerJoin(persons, eq(persons.id, sessions.personId))
    .where(and(eq(sessions.tokenHash, tokenHash), isNull(sessions.endedAt)))
    .limit(1);
  return row;
}

export async function touchSession(db: DbOrTx, id: string, at: Date) {
  await db.update(sessions).set({ lastSeenAt: at }).where(eq(sessions.id, id));
}

export async function endSession(db: DbOrTx, id: string, at: Date) {
  await db
    .update(sessions)
    .set({ endedAt: at })
    .where(and(eq(sessions.id, id), isNull(sessions.endedAt)));
}

export async function setLastLogin(db: DbOrTx, personId: string, at: Date) {
  await db.update(persons).set({ lastLoginAt: at }).where(eq(persons.id, personId));
}

/**
 * Removes sessions that ended, or reached their absolute end, before the given moment; a session
 * that timed out for inactivity has its absolute end within hours. Returns how many were removed.
 */
export async function deleteStaleSessions(db: DbOrTx, before: Date): Promise<number> {
  const removed = await db
    .delete(sessions)
    .where(or(lt(sessions.endedAt, before), lt(sessions.expiresAt, before)))
    .returning({ id: sessions.id });
  return removed.length;
}
