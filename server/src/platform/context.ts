import type { FastifyBaseLogger } from 'fastify';
import type { Config } from '../config.js';
import type { AppJobs } from '../jobs/index.js';
import type { Clock } from './clock.js';
import type { Database, Db } from './db.js';
import type { Outbox } from './outbox.js';
import type { Storage } from './storage.js';

/** What services need from the platform; built once in buildApp and passed down. */
export interface AppContext {
  config: Config;
  database: Database;
  db: Db;
  clock: Clock;
  log: FastifyBaseLogger;
  /** Mail and SMS: the dev outbox in demo mode, else mail through the job queue and SMS straight to the provider. */
  outbox: Outbox;
  /**
   * The job queue (pg-boss). Send after a transaction commits, never inside `db.transaction()`:
   * on PGlite the send would wait for the transaction's connection forever.
   */
  jobs: AppJobs;
  /** Uploaded files (profile photos, board photos); local disk in DATA_DIR/files by default. */
  storage: Storage;
}

/** Where a request came from; stored with audit events and sessions. */
export interface RequestOrigin {
  ip: string | null;
  userAgent: string | null;
}

/** The logged-in person making a request. */
export interface Actor extends RequestOrigin {
  personId: string;
  sessionId: string;
}
