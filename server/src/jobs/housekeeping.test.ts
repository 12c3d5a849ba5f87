import { randomBytes } from 'node:crypto';
import { eq, inArray, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { MovableClock } from '../platform/clock.js';
import type { Database } from '../platform/db.js';
import { rateLimits, sessions, trustedDevices } from '../platform/schema.js';
import { createTestDatabase, testEngine } from '../test/db.js';
import { withDatabase } from '../test/global-setup.js';
import { buildPerson } from '../test/factories.js';
import * as authRepo from '../modules/auth/auth.repository.js';
import { housekeeping } from './housekeeping.js';
import { startAppJobs } from './index.js';

const day = 24 * 60 * 60 * 1000;
const uniq = () => randomBytes(4).toString('hex');

describe(`housekeeping on ${testEngine}`, () => {
  let database: Database;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database.close();
  });

  /** A session that started `ageDays` before now and lasts 12 hours, ended or not. */
  async function addSession(clock: MovableClock, personId: string, ageDays: number, endedAfterHours?: number) {
    const createdAt = new Date(clock.now().getTime() - ageDays * day);
    const [row] = await database.db
      .insert(sessions)
      .values({
        tokenHash: uniq(),
        personId,
        csrfToken: uniq(),
        createdAt,
        lastSeenAt: createdAt,
        expiresAt: new Date(createdAt.getTime() + 12 * 60 * 60 * 1000),
        endedAt:
          endedAfterHours === undefined ? null : new Date(createdAt.getTime() + endedAfterHours * 60 * 60 * 1000),
      })
      .returning();
    return row!.id;
  }

  it('removes sessions that ended or expired over 30 days ago and rate-limit windows that have ended, and keeps the rest', async () => {
    const clock = new MovableClock('2026-03-29T12:00:00Z');
    const person = await buildPerson(database.db);
    const stale = [
      await addSession(clock, person.id, 31, 1), // logged out 31 days ago
      await addSession(clock, person.id, 40), // expired 40 days ago, never ended
    ];
    const kept = [
      await addSession(clock, person.id, 29, 1), // logged out 29 days ago
      await addSession(clock, person.id, 30.4), // expired 29.9 days ago
      await addSession(clock, person.id, 0.1), // running now
    ];
    const prefix = `test:${uniq()}:`;
    const now = clock.now().getTime();
    await database.db.insert(rateLimits).values([
      {
        key: `${prefix}ended`,
        windowStart: new Date(now - 20 * 60_000),
        count: 3,
        expiresAt: new Date(now - 5 * 60_000),
      },
      {
        key: `${prefix}current`,
        windowStart: new Date(now - 5 * 60_000),
        count: 1,
        expiresAt: new Date(now + 10 * 60_000),
      },
    ]);

    const result = await housekeeping(database.db, clock);

    const left = await database.db
      .select({ id: sessions.id })
      .from(sessions)
      .where(inArray(sessions.id, [...stale, ...kept]));
    expect(left.map((s) => s.id).sort()).toEqual([...kept].sort());
    expect(result.staleSessionsRemoved).toBe(stale.length);
    const windows = await database.db
      .select({ key: rateLimits.key })
      .from(rateLimits)
      .where(like(rateLimits.key, `${prefix}%`));
    expect(windows.map((w) => w.key)).toEqual([`${prefix}current`]);

    // A month later, what was kept has gone stale too.
    clock.advance({ days: 31 });
    await housekeeping(database.db, clock);
    const later = await database.db.select({ id: sessions.id }).from(sessions).where(inArray(sessions.id, kept));
    expect(later).toEqual([]);
  });

  it('runs as the "housekeeping" job, on the clock it was given, every 15 minutes in Dutch time', async () => {
    const clock = new MovableClock('2026-06-01T08:00:00Z');
    const person = await buildPerson(database.db);
    const stale = await addSession(clock, person.id, 60, 1);
    const log = { info: vi.fn(), error: vi.fn() };
    const url =
      database.kind === 'postgres'
        ? withDatabase(
            process.env.TEST_DATABASE_URL!,
            (await database.query<{ name: string }>('select current_database() as name')).rows[0]!.name,
          )
        : undefined;
    const jobs = await startAppJobs(database, { databaseUrl: url, log, clock, pollingIntervalSeconds: 0.5 });
    try {
      const { rows } = await database.query('select name, cron, timezone from pgboss.schedule');
      expect(rows).toEqual([{ name: 'housekeeping', cron: '*/15 * * * *', timezone: 'Europe/Amsterdam' }]);

      await jobs.send('housekeeping', {});
      const until = Date.now() + 5_000;
      while (!log.info.mock.calls.length && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
      expect(log.info).toHaveBeenCalledWith(
        { staleSessionsRemoved: expect.any(Number), staleLoginStateRemoved: expect.any(Number) },
        'housekeeping done',
      );
      expect(
        await database.db
          .select()
          .from(sessions)
          .where(inArray(sessions.id, [stale])),
      ).toEqual([]);
    } finally {
      await jobs.stop();
    }
    expect(log.error).not.toHaveBeenCalled();
  });

  it('removes SMS codes, attempts, e-mail links and revoked devices a day after they ended, and ended counts of wrong passwords', async () => {
    const clock = new MovableClock('2026-04-10T12:00:00Z');
    const person = await buildPerson(database.db);
    const at = (hoursAgo: number) => new Date(clock.now().getTime() - hoursAgo * 60 * 60 * 1000);
    const attempt = (hoursAgo: number) =>
      authRepo.insertAttempt(database.db, {
        tokenHash: uniq(),
        personId: person.id,
        purpose: 'login',
        mobile: '+31612345678',
        createdAt: at(hoursAgo),
        expiresAt: at(hoursAgo - 0.5),
      });
    const old = await attempt(30);
    const recent = await attempt(2);
    for (const a of [old, recent]) {
      await authRepo.insertSmsCode(database.db, {
        attemptId: a.id,
        personId: person.id,
        mobile: a.mobile,
        codeHash: uniq(),
        createdAt: a.createdAt,
        expiresAt: a.expiresAt,
      });
    }
    const oldLink = await authRepo.insertEmailToken(database.db, {
      tokenHash: uniq(),
      personId: person.id,
      purpose: 'password_reset',
      createdAt: at(30),
      expiresAt: at(29),
    });
    const revoked = await authRepo.upsertTrustedDevice(database.db, {
      personId: person.id,
      tokenHash: uniq(),
      label: 'x',
      at: at(50),
    });
    await authRepo.revokeTrustedDevices(database.db, person.id, at(48), { id: revoked.id });
    const trusted = await authRepo.upsertTrustedDevice(database.db, {
      personId: person.id,
      tokenHash: uniq(),
      label: 'y',
      at: at(50),
    });
    const key = `login:${uniq()}@example.test`;
    await authRepo.addThrottleFailure(database.db, key, at(40));
    const blockedKey = `login:${uniq()}@example.test`;
    for (let i = 0; i < 100; i++) await authRepo.addThrottleFailure(database.db, blockedKey, at(40));

    await housekeeping(database.db, clock);

    expect(await authRepo.findOpenAttempt(database.db, old.tokenHash, at(31))).toBeUndefined();
    expect(await authRepo.latestSmsCode(database.db, old.id)).toBeUndefined();
    expect(await authRepo.latestSmsCode(database.db, recent.id)).toBeDefined();
    expect(await authRepo.findEmailToken(database.db, oldLink.tokenHash)).toBeUndefined();
    const devices = await database.db.select().from(trustedDevices).where(eq(trustedDevices.personId, person.id));
    expect(devices.map((d) => d.id)).toEqual([trusted.id]);
    expect(await authRepo.findThrottle(database.db, key)).toBeUndefined();
    expect((await authRepo.findThrottle(database.db, blockedKey))?.failures).toBe(100);
  });
});
