/**
 * Housekeeping, every 15 minutes: removes request state that no longer counts, so that the tables
 * behind every login stay small, and personal data (IP address, browser) in old sessions goes.
 */
import { deleteStaleLoginState, deleteStaleSessions } from '../modules/auth/auth.repository.js';
import type { Clock } from '../platform/clock.js';
import type { Db } from '../platform/db.js';
import { purgeExpired } from '../platform/rate-limit.js';

export const housekeepingCron = '*/15 * * * *';

/** Ended or expired sessions are kept this long, for questions about a recent login. */
export const sessionRetentionDays = 30;

/** Codes, attempts, links and revoked devices are kept one day past their end, for questions. */
export const loginStateRetentionDays = 1;

export interface HousekeepingResult {
  staleSessionsRemoved: number;
  staleLoginStateRemoved: number;
}

/**
 * Deletes rate-limit windows that have ended, sessions that ended or expired over 30 days ago, and
 * the login steps' leftovers a day after they ended.
 */
export async function housekeeping(db: Db, clock: Clock): Promise<HousekeepingResult> {
  await purgeExpired(db, clock);
  const day = 24 * 60 * 60 * 1000;
  const now = clock.now().getTime();
  return {
    staleSessionsRemoved: await deleteStaleSessions(db, new Date(now - sessionRetentionDays * day)),
    staleLoginStateRemoved: await deleteStaleLoginState(db, new Date(now - loginStateRetentionDays * day)),
  };
}
