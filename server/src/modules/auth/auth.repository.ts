import { and, count, desc, eq, gt, gte, inArray, isNull, lt, ne, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db.js';
import {
  emailTokens,
  loginAttempts,
  loginThrottles,
  persons,
  sessions,
  smsCodes,
  trustedDevices,
} from '../../platform/schema.js';

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

export async function findPersonById(db: DbOrTx, personId: string) {
  const [row] = await db.select().from(persons).where(eq(persons.id, personId)).limit(1);
  return row;
}

export async function updatePerson(db: DbOrTx, personId: string, values: Partial<typeof persons.$inferInsert>) {
  await db.update(persons).set(values).where(eq(persons.id, personId));
}

// Login throttles: consecutive wrong passwords per e-mail address.

export async function findThrottle(db: DbOrTx, key: string) {
  const [row] = await db.select().from(loginThrottles).where(eq(loginThrottles.key, key)).limit(1);
  return row;
}

/** Counts one more failure and returns the new count. */
export async function addThrottleFailure(db: DbOrTx, key: string, at: Date): Promise<number> {
  const [row] = await db
    .insert(loginThrottles)
    .values({ key, failures: 1, updatedAt: at })
    .onConflictDoUpdate({
      target: loginThrottles.key,
      set: { failures: sql`${loginThrottles.failures} + 1`, updatedAt: at },
    })
    .returning({ failures: loginThrottles.failures });
  return row?.failures ?? 1;
}

export async function setThrottleLock(db: DbOrTx, key: string, lockedUntil: Date | null) {
  await db.update(loginThrottles).set({ lockedUntil }).where(eq(loginThrottles.key, key));
}

export async function clearThrottle(db: DbOrTx, key: string) {
  await db.delete(loginThrottles).where(eq(loginThrottles.key, key));
}

// Trusted devices.

export async function findTrustedDevice(db: DbOrTx, personId: string, tokenHash: string) {
  const [row] = await db
    .select()
    .from(trustedDevices)
    .where(
      and(
        eq(trustedDevices.personId, personId),
        eq(trustedDevices.tokenHash, tokenHash),
        isNull(trustedDevices.revokedAt),
      ),
    )
    .limit(1);
  return row;
}

/** Trusts the browser for the person; a browser trusted before (then revoked) is trusted again. */
export async function upsertTrustedDevice(
  db: DbOrTx,
  values: { personId: string; tokenHash: string; label: string; at: Date },
) {
  const [row] = await db
    .insert(trustedDevices)
    .values({
      personId: values.personId,
      tokenHash: values.tokenHash,
      label: values.label,
      createdAt: values.at,
      lastUsedAt: values.at,
    })
    .onConflictDoUpdate({
      target: [trustedDevices.personId, trustedDevices.tokenHash],
      set: { label: values.label, createdAt: values.at, lastUsedAt: values.at, revokedAt: null },
    })
    .returning();
  return row!;
}

export async function touchTrustedDevice(db: DbOrTx, id: string, at: Date) {
  await db.update(trustedDevices).set({ lastUsedAt: at }).where(eq(trustedDevices.id, id));
}

export async function listTrustedDevices(db: DbOrTx, personId: string) {
  return db
    .select()
    .from(trustedDevices)
    .where(and(eq(trustedDevices.personId, personId), isNull(trustedDevices.revokedAt)))
    .orderBy(desc(trustedDevices.lastUsedAt));
}

/** Revokes one device of the person (or all but `exceptId` when id is undefined). Returns how many. */
export async function revokeTrustedDevices(
  db: DbOrTx,
  personId: string,
  at: Date,
  which: { id?: string; exceptId?: string | null } = {},
): Promise<number> {
  const rows = await db
    .update(trustedDevices)
    .set({ revokedAt: at })
    .where(
      and(
        eq(trustedDevices.personId, personId),
        isNull(trustedDevices.revokedAt),
        which.id ? eq(trustedDevices.id, which.id) : undefined,
        which.exceptId ? ne(trustedDevices.id, which.exceptId) : undefined,
      ),
    )
    .returning({ id: trustedDevices.id });
  return rows.length;
}

// Sessions of a person.

export async function listOpenSessions(db: DbOrTx, personId: string, now: Date) {
  return db
    .select()
    .from(sessions)
    .where(and(eq(sessions.personId, personId), isNull(sessions.endedAt), gt(sessions.expiresAt, now)))
    .orderBy(desc(sessions.lastSeenAt));
}

/** Ends one session of the person (or all but `exceptId`). Returns how many. */
export async function endSessionsOf(
  db: DbOrTx,
  personId: string,
  at: Date,
  which: { id?: string; exceptId?: string | null } = {},
): Promise<number> {
  const rows = await db
    .update(sessions)
    .set({ endedAt: at })
    .where(
      and(
        eq(sessions.personId, personId),
        isNull(sessions.endedAt),
        which.id ? eq(sessions.id, which.id) : undefined,
        which.exceptId ? ne(sessions.id, which.exceptId) : undefined,
      ),
    )
    .returning({ id: sessions.id });
  return rows.length;
}

// Login attempts and SMS codes.

export async function insertAttempt(db: DbOrTx, values: typeof loginAttempts.$inferInsert) {
  const [row] = await db.insert(loginAttempts).values(values).returning();
  return row!;
}

export async function findOpenAttempt(db: DbOrTx, tokenHash: string, now: Date) {
  const [row] = await db
    .select()
    .from(loginAttempts)
    .where(
      and(eq(loginAttempts.tokenHash, tokenHash), isNull(loginAttempts.completedAt), gt(loginAttempts.expiresAt, now)),
    )
    .limit(1);
  return row;
}

export async function completeAttempt(db: DbOrTx, id: string, at: Date): Promise<boolean> {
  const rows = await db
    .update(loginAttempts)
    .set({ completedAt: at })
    .where(and(eq(loginAttempts.id, id), isNull(loginAttempts.completedAt)))
    .returning({ id: loginAttempts.id });
  return rows.length === 1;
}

/**
 * Ends the person's open login and reset attempts whose codes go to `mobile`: after a change of
 * number no code may go to the old one any more, also not as a resend of an attempt begun before.
 */
export async function endOpenAttemptsTo(db: DbOrTx, personId: string, mobile: string, at: Date): Promise<number> {
  const rows = await db
    .update(loginAttempts)
    .set({ expiresAt: at })
    .where(
      and(
        eq(loginAttempts.personId, personId),
        eq(loginAttempts.mobile, mobile),
        inArray(loginAttempts.purpose, ['login', 'password_reset']),
        isNull(loginAttempts.completedAt),
        gt(loginAttempts.expiresAt, at),
      ),
    )
    .returning({ id: loginAttempts.id });
  return rows.length;
}

export async function insertSmsCode(db: DbOrTx, values: typeof smsCodes.$inferInsert) {
  const [row] = await db.insert(smsCodes).values(values).returning();
  return row!;
}

export async function deleteSmsCode(db: DbOrTx, id: string) {
  await db.delete(smsCodes).where(eq(smsCodes.id, id));
}

export async function latestSmsCode(db: DbOrTx, attemptId: string) {
  const [row] = await db
    .select()
    .from(smsCodes)
    .where(eq(smsCodes.attemptId, attemptId))
    .orderBy(desc(smsCodes.createdAt))
    .limit(1);
  return row;
}

/** Counts a wrong entry; returns the new number of wrong entries. */
export async function addSmsCodeFailure(db: DbOrTx, id: string): Promise<number> {
  const [row] = await db
    .update(smsCodes)
    .set({ failedTries: sql`${smsCodes.failedTries} + 1` })
    .where(eq(smsCodes.id, id))
    .returning({ failedTries: smsCodes.failedTries });
  return row?.failedTries ?? 0;
}

/** Marks the code used; false when it was used already (two requests at once). */
export async function useSmsCode(db: DbOrTx, id: string, at: Date): Promise<boolean> {
  const rows = await db
    .update(smsCodes)
    .set({ usedAt: at })
    .where(and(eq(smsCodes.id, id), isNull(smsCodes.usedAt)))
    .returning({ id: smsCodes.id });
  return rows.length === 1;
}

export async function countSmsCodesSince(db: DbOrTx, by: { personId?: string; mobile?: string }, since: Date) {
  const [row] = await db
    .select({ n: count() })
    .from(smsCodes)
    .where(
      and(
        gte(smsCodes.createdAt, since),
        by.personId ? eq(smsCodes.personId, by.personId) : undefined,
        by.mobile ? eq(smsCodes.mobile, by.mobile) : undefined,
      ),
    );
  return row?.n ?? 0;
}

// E-mail tokens (password reset links).

export async function insertEmailToken(db: DbOrTx, values: typeof emailTokens.$inferInsert) {
  const [row] = await db.insert(emailTokens).values(values).returning();
  return row!;
}

export async function findEmailToken(db: DbOrTx, tokenHash: string) {
  const [row] = await db.select().from(emailTokens).where(eq(emailTokens.tokenHash, tokenHash)).limit(1);
  return row;
}

export async function useEmailToken(db: DbOrTx, id: string, at: Date): Promise<boolean> {
  const rows = await db
    .update(emailTokens)
    .set({ usedAt: at })
    .where(and(eq(emailTokens.id, id), isNull(emailTokens.usedAt)))
    .returning({ id: emailTokens.id });
  return rows.length === 1;
}

/**
 * Removes what the login steps leave behind once it can no longer be used: codes and attempts,
 * e-mail links, revoked devices, and counts of wrong passwords that stopped (except blocks, which
 * only a reset lifts). Returns how many rows went.
 */
export async function deleteStaleLoginState(db: DbOrTx, before: Date): Promise<number> {
  const staleAttempts = db
    .select({ id: loginAttempts.id })
    .from(loginAttempts)
    .where(lt(loginAttempts.expiresAt, before));
  const codes = await db
    .delete(smsCodes)
    .where(inArray(smsCodes.attemptId, staleAttempts))
    .returning({ id: smsCodes.id });
  const attempts = await db
    .delete(loginAttempts)
    .where(lt(loginAttempts.expiresAt, before))
    .returning({ id: loginAttempts.id });
  const links = await db.delete(emailTokens).where(lt(emailTokens.expiresAt, before)).returning({ id: emailTokens.id });
  const devices = await db
    .delete(trustedDevices)
    .where(lt(trustedDevices.revokedAt, before))
    .returning({ id: trustedDevices.id });
  const throttles = await db
    .delete(loginThrottles)
    .where(and(lt(loginThrottles.updatedAt, before), lt(loginThrottles.failures, 100)))
    .returning({ key: loginThrottles.key });
  return codes.length + attempts.length + links.length + devices.length + throttles.length;
}
