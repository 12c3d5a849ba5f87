/** Whole-app helpers for HTTP tests: a real app on a fresh database, and requests as a logged-in person. */
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll } from 'vitest';
import { buildApp, type App } from '../app.js';
import { testConfig, type Config } from '../config.js';
import { MovableClock } from '../platform/clock.js';
import type { Database } from '../platform/db.js';
import { createTestDatabase } from './db.js';

export interface TestApp {
  app: App;
  database: Database;
  clock: MovableClock;
}

export async function createTestApp(overrides: Partial<Config> = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  const clock = new MovableClock(new Date());
  const app = await buildApp(testConfig(overrides), { database, clock });
  await app.ready();
  return { app, database, clock };
}

/** One app and database for the whole test file; each test still builds its own organisation. */
export function useTestApp(overrides: Partial<Config> = {}): TestApp {
  const holder = {} as TestApp;
  beforeAll(async () => {
    Object.assign(holder, await createTestApp(overrides));
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
  inject(options: InjectOptions): Promise<LightMyRequestResponse>;
}

/** Logs in through the real login route and returns an inject that carries the cookie and CSRF token. */
export async function injectAs(app: App, person: { email: string; password: string | null }): Promise<LoggedIn> {
  // Each test login comes from its own loopback address, so the per-IP login limit of one test
  // file never blocks another test.
  const octet = () => 1 + Math.floor(Math.random() * 250);
  const remoteAddress = `127.${octet()}.${octet()}.${octet()}`;
  const res = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    remoteAddress,
    payload: { email: person.email, password: person.password },
  });
  if (res.statusCode !== 200) throw new Error(`login failed: ${res.statusCode} ${res.body}`);
  const setCookie = res.cookies.find((c) => c.name === 'kring_session');
  if (!setCookie) throw new Error('no session cookie');
  const cookie = `kring_session=${setCookie.value}`;
  const csrfToken = (res.json() as { csrfToken: string }).csrfToken;
  return {
    cookie,
    csrfToken,
    inject: (options) =>
      app.inject({
        remoteAddress,
        ...options,
        headers: { cookie, 'x-csrf-token': csrfToken, ...(options.headers ?? {}) },
      }),
  };
}
