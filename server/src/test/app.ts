/** Whole-app helpers for HTTP tests: a real app on a fresh database, and requests as a logged-in person. */
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import pino from 'pino';
import { afterAll, beforeAll } from 'vitest';
import { buildApp, type App } from '../app.js';
import { testConfig, type Config } from '../config.js';
import { startAppJobs, type AppJobs } from '../jobs/index.js';
import { MovableClock } from '../platform/clock.js';
import type { Database } from '../platform/db.js';
import { createTestDatabase } from './db.js';
import { withDatabase } from './global-setup.js';
import { lastSmsCode } from './outbox.js';

export interface TestApp {
  app: App;
  database: Database;
  clock: MovableClock;
}

export interface TestAppOptions {
  /**
   * Start the real job queue (pg-boss) as ctx.jobs. On by default when real mail is configured
   * (mail goes through it); off otherwise, because the first start of pg-boss on a fresh database
   * takes about a second, and ctx.jobs then refuses every use with a message that says so.
   */
  jobs?: boolean;
}

/** The connection string of a test database: on PostgreSQL pg-boss opens its own pool on it. */
export async function testDatabaseUrl(database: Database): Promise<string | undefined> {
  if (database.kind !== 'postgres') return undefined;
  const { rows } = await database.query<{ name: string }>('select current_database() as name');
  return withDatabase(process.env.TEST_DATABASE_URL!, rows[0]!.name);
}

/** The app's job queue on a test database: fast polling, no cron schedules, on the test's clock. */
export async function startTestJobs(database: Database, config: Config, clock: MovableClock): Promise<AppJobs> {
  return startAppJobs(database, {
    databaseUrl: await testDatabaseUrl(database),
    log: pino({ level: config.logLevel }),
    clock,
    mail: config.mail,
    pollingIntervalSeconds: 0.5,
    schedules: false,
  });
}

export async function createTestApp(overrides: Partial<Config> = {}, options: TestAppOptions = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  const clock = new MovableClock(new Date());
  const config = testConfig(overrides);
  const jobs = (options.jobs ?? config.mail !== undefined) ? await startTestJobs(database, config, clock) : undefined;
  try {
    const app = await buildApp(config, { database, clock, jobs });
    // A running job still needs the database: the queue stops with the app, before the database closes.
    if (jobs) app.addHook('onClose', () => jobs.stop());
    await app.ready();
    return { app, database, clock };
  } catch (err) {
    await jobs?.stop();
    throw err;
  }
}

/** One app and database for the whole test file; each test still builds its own organisation. */
export function useTestApp(overrides: Partial<Config> = {}, options: TestAppOptions = {}): TestApp {
  const holder = {} as TestApp;
  beforeAll(async () => {
    Object.assign(holder, await createTestApp(overrides, options));
  });
  afterAll(async () => {
    await holder.app?.close();
    await holder.database?.close();
  });
  return holder;
}

export interface LoggedIn {
  cookie: string;
  csrfToken: string;
  /** The trusted-device token of this "browser": pass it to the next login to skip the SMS. */
  deviceToken: string | undefined;
  inject(options: InjectOptions): Promise<LightMyRequestResponse>;
}

const cookieValue = (res: LightMyRequestResponse, name: string) => res.cookies.find((c) => c.name === name)?.value;

/**
 * Logs in through the real routes, as a person would: password, then, when asked, the SMS code
 * read from the dev outbox. Returns an inject that carries the session cookie and CSRF token.
 */
export async function injectAs(
  app: App,
  person: { email: string; password: string | null; mobile?: string | null },
  options: { deviceToken?: string; userAgent?: string } = {},
): Promise<LoggedIn> {
  // Each test login comes from its own loopback address, so the per-IP login limit of one test
  // file never blocks another test.
  const octet = () => 1 + Math.floor(Math.random() * 250);
  const remoteAddress = `127.${octet()}.${octet()}.${octet()}`;
  const deviceCookie: Record<string, string> = options.deviceToken ? { kring_device: options.deviceToken } : {};
  const headers = options.userAgent ? { 'user-agent': options.userAgent } : {};
  let res: LightMyRequestResponse = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    remoteAddress,
    headers,
    cookies: deviceCookie,
    payload: { email: person.email, password: person.password },
  });
  if (res.statusCode !== 200) throw new Error(`login failed: ${res.statusCode} ${res.body}`);
  let deviceToken = options.deviceToken;
  if ((res.json() as { status: string }).status === 'sms_required') {
    if (!person.mobile) throw new Error('the SMS step needs the person’s mobile number');
    const attempt = cookieValue(res, 'kring_attempt')!;
    const code = await lastSmsCode(app.ctx.db, person.mobile);
    res = await app.inject({
      method: 'POST',
      url: '/api/auth/sms/verify',
      remoteAddress,
      headers,
      cookies: { ...deviceCookie, kring_attempt: attempt },
      payload: { code },
    });
    if (res.statusCode !== 200) throw new Error(`SMS step failed: ${res.statusCode} ${res.body}`);
    deviceToken = cookieValue(res, 'kring_device');
  }
  const session = cookieValue(res, 'kring_session');
  if (!session) throw new Error('no session cookie');
  const cookie = `kring_session=${session}`;
  const csrfToken = (res.json() as { csrfToken: string }).csrfToken;
  return {
    cookie,
    csrfToken,
    deviceToken,
    inject: (options) =>
      app.inject({
        remoteAddress,
        ...options,
        headers: { ...headers, cookie, 'x-csrf-token': csrfToken, ...(options.headers ?? {}) },
      }),
  };
}
