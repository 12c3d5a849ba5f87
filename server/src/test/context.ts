import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll } from 'vitest';
import { testConfig } from '../config.js';
import { jobsNotStarted } from '../jobs/index.js';
import { MovableClock } from '../platform/clock.js';
import type { Actor, AppContext } from '../platform/context.js';
import type { Database } from '../platform/db.js';
import { createDevOutbox } from '../platform/outbox.js';
import { createLocalStorage } from '../platform/storage.js';
import { createTestDatabase } from './db.js';

export type TestContext = AppContext & { clock: MovableClock };

/** A service-level context on a fresh database for the whole test file. */
export function useTestContext(): TestContext {
  const holder = {} as TestContext;
  let database: Database | undefined;
  beforeAll(async () => {
    database = await createTestDatabase();
    const clock = new MovableClock(new Date());
    Object.assign(holder, {
      config: testConfig(),
      database,
      db: database.db,
      clock,
      log: pino({ level: 'silent' }),
      outbox: createDevOutbox(database.db, clock),
      // Services that send jobs are tested through createTestApp(…, { jobs: true }).
      jobs: jobsNotStarted(),
      storage: createLocalStorage(path.join(os.tmpdir(), `kring-test-files-${process.pid}`)),
    } satisfies TestContext);
  });
  afterAll(async () => {
    await database?.close();
  });
  return holder;
}

/** An actor as the session plugin would make it, without going through HTTP. */
export function actorFor(person: { id: string }): Actor {
  return {
    personId: person.id,
    sessionId: '00000000-0000-4000-8000-000000000000',
    ip: '127.0.0.1',
    userAgent: 'vitest',
  };
}
