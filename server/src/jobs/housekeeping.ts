/**
 * Housekeeping, every 15 minutes: removes request state that no longer counts, so that the tables
 * behind every login stay small, and personal data (IP address, browser) in old sessions goes.
 */
import { deleteStaleSessions } from '../modules/auth/auth.repository.js';
import type { Clock } from '../platform/clock.js';
import type { Db } from '../platform/db.js';
import { purgeExpired } from '../platform/rate-limit.js';

export const housekeepingCron = '*/15 * * * *';

/** Ended or expired sessions are kept this long, for questions about a recent login. */
export const sessionRetentionDays = 30;

export interface HousekeepingResult {
  staleSessionsRemoved: number;
}

/** Deletes rate-limit windows that have ended and sessions that ended or expired over 30 days ago. */
export async function housekeeping(db: Db, clock: Clock): Promise<HousekeepingResult> {
  await purgeExpired(db, clock);
  const before = new Date(clock.now().getTime() - sessionRetentionDays * 24 * 60 * 60 * 1000);
  return { staleSessionsRemoved: await deleteStaleSessions(db, before) };
}
