/**
 * Fixed-window rate limits whose counters live in the database, so that every app node behind a
 * load balancer counts the same attempts.
 */
import { lt, sql } from 'drizzle-orm';
import type { Clock } from './clock.js';
import type { Db } from './db.js';
import { rateLimited } from './errors.js';
import { rateLimits } from './schema.js';

export interface RateRule {
  /** e.g. "login:ip:127.0.0.1". */
  key: string;
  limit: number;
  windowSeconds: number;
}

export interface RateResult {
  allowed: boolean;
  count: number;
  retryAfterSeconds: number;
}

/** Counts one hit against the rule and tells whether it is still within the limit. */
export async function hit(db: Db, clock: Clock, rule: RateRule): Promise<RateResult> {
  const now = clock.now().getTime();
  const windowMs = rule.windowSeconds * 1000;
  const windowStart = new Date(Math.floor(now / windowMs) * windowMs);
  const expiresAt = new Date(windowStart.getTime() + windowMs);
  const [row] = await db
    .insert(rateLimits)
    .values({ key: rule.key, windowStart, count: 1, expiresAt })
    .onConflictDoUpdate({
      target: [rateLimits.key, rateLimits.windowStart],
      set: { count: sql`${rateLimits.count} + 1` },
    })
    .returning({ count: rateLimits.count });
  const count = row?.count ?? 1;
  return {
    allowed: count <= rule.limit,
    count,
    retryAfterSeconds: Math.max(1, Math.ceil((expiresAt.getTime() - now) / 1000)),
  };
}

/** Throws 429 with Retry-After when any of the rules is exceeded. Every rule is counted. */
export async function enforce(db: Db, clock: Clock, rules: RateRule[]): Promise<void> {
  const results = await Promise.all(rules.map((rule) => hit(db, clock, rule)));
  const blocked = results.filter((r) => !r.allowed);
  if (blocked.length) throw rateLimited(Math.max(...blocked.map((r) => r.retryAfterSeconds)));
}

/** Removes windows that have ended; run by the housekeeping job. */
export async function purgeExpired(db: Db, clock: Clock): Promise<void> {
  await db.delete(rateLimits).where(lt(rateLimits.expiresAt, clock.now()));
}
