/**
 * Background jobs and schedules on pg-boss, in the application's own database (either engine).
 * pg-boss keeps its tables in its own schema `pgboss` and migrates that itself; drizzle only
 * manages `public` and `drizzle`, so neither touches the other's tables. With several app nodes on
 * one PostgreSQL a job is fetched by exactly one node (FOR UPDATE SKIP LOCKED), and a cron tick is
 * turned into a job by one node only (pg-boss elects it through a row lock in `pgboss.version`).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import PgBoss from 'pg-boss';
import type { Database } from './db.js';

/** Cron expressions are read in Dutch time: "at 02:00" stays 02:00 across summer time changes. */
export const jobsTimeZone = 'Europe/Amsterdam';

export interface JobsLog {
  info(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface JobsOptions {
  /** Required on PostgreSQL: pg-boss gets a small pool of its own on this database. */
  databaseUrl?: string | undefined;
  log: JobsLog;
  /**
   * How often an idle worker asks for work. A job sent from this node wakes the local worker at
   * once, and a busy worker fetches the next job straight away, so this only bounds the delay for
   * jobs sent by another node or due later. Minimum 0.5.
   */
  pollingIntervalSeconds?: number;
  /** How long stop() waits for running handlers before it gives up on them. */
  stopTimeoutMs?: number;
}

/** What a handler learns about its job besides the data. */
export interface JobInfo {
  id: string;
  name: string;
}

export type JobHandler<T> = (data: T, job: JobInfo) => Promise<void>;

export type SendOptions = Pick<
  PgBoss.SendOptions,
  | 'startAfter'
  | 'singletonKey'
  | 'singletonSeconds'
  | 'retryLimit'
  | 'retryDelay'
  | 'retryBackoff'
  | 'expireInSeconds'
  | 'priority'
>;

/** Queue names and the data their jobs carry, e.g. `{ housekeeping: Record<string, never> }`. */
export type JobTypes<P> = { [K in keyof P]: object };

/** The job queue of one app node. `P` maps each queue name to the type of its jobs' data. */
export interface Jobs<P extends JobTypes<P>> {
  /**
   * Queues a job; resolves to its id, or null when a singleton rule dropped it. Not inside a
   * `db.transaction()` on PGlite: that transaction holds the one backend, and send would wait for
   * it forever. Send after the commit.
   */
  send<N extends keyof P & string>(name: N, data: P[N], options?: SendOptions): Promise<string | null>;
  /**
   * Runs the handler for each job of the queue, one job at a time on this node. A handler that
   * throws fails the job, which is tried again up to 3 times with growing delays (`retryLimit`).
   */
  work<N extends keyof P & string>(name: N, handler: JobHandler<P[N]>): Promise<void>;
  /** Sends a job at every tick of the cron expression, read in Europe/Amsterdam time. */
  schedule<N extends keyof P & string>(name: N, cron: string, data: P[N]): Promise<void>;
  /** Stops fetching, waits for running handlers (up to stopTimeoutMs), then lets go of the database. */
  stop(): Promise<void>;
}

/**
 * The `db` adapter pg-boss runs all its SQL through. It counts queries in flight, so that stop()
 * can wait for the last ones (pg-boss completes jobs without awaiting that).
 */
export interface PgBossDb {
  executeSql(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
  readonly inFlight: number;
}

/**
 * pg-boss wraps maintenance and its own migrations in `BEGIN; …; COMMIT;` sent as one string. If a
 * statement in it fails, the session stays in an aborted transaction: on PGlite, with its one
 * backend, every later query of the whole app would then fail. Without the explicit BEGIN/COMMIT
 * the same string runs as one implicit transaction, which PostgreSQL rolls back by itself on
 * error; SET LOCAL and pg_advisory_xact_lock keep working inside it.
 */
const explicitTransaction = /^\s*BEGIN;([\s\S]*?);?\s*COMMIT;\s*$/;

export function pgBossDb(run: (text: string, values?: unknown[]) => Promise<{ rows: unknown[] }>): PgBossDb {
  let inFlight = 0;
  return {
    get inFlight() {
      return inFlight;
    },
    async executeSql(text, values) {
      inFlight++;
      try {
        if (values?.length) return await run(text, values);
        return await run(explicitTransaction.exec(text)?.[1] ?? text);
      } finally {
        inFlight--;
      }
    },
  };
}

/** Starts pg-boss on the database (creating or upgrading its schema) and returns the job queue. */
export async function startJobs<P extends JobTypes<P>>(database: Database, options: JobsOptions): Promise<Jobs<P>> {
  const { log } = options;
  const pollingIntervalSeconds = options.pollingIntervalSeconds ?? 5;
  const stopTimeoutMs = options.stopTimeoutMs ?? 10_000;

  let pool: pg.Pool | undefined;
  let db: PgBossDb;
  if (database.kind === 'postgres') {
    if (!options.databaseUrl) throw new Error('startJobs: databaseUrl is required on PostgreSQL');
    // A pool of its own: pg-boss's polling and maintenance (which may wait up to 30 s for its
    // advisory lock) never take a connection that a request needs. Four covers the pollers,
    // the cron and maintenance timers and sends from requests.
    pool = new pg.Pool({ connectionString: options.databaseUrl, max: 4, application_name: 'kring-jobs' });
    pool.on('error', (err) => log.error({ err }, 'jobs: idle database connection failed'));
    const jobsPool = pool;
    db = pgBossDb(async (text, values) => {
      const result = (await jobsPool.query(text, values)) as pg.QueryResult | pg.QueryResult[];
      // A multi-statement string answers with one result per statement; pg-boss reads the last.
      return Array.isArray(result) ? (result.at(-1) ?? { rows: [] }) : result;
    });
  } else {
    // PGlite has one backend, shared with the requests. Every pg-boss call is a single query or
    // exec (no transaction held across awaits), and PGlite queues them fairly with request
    // queries, so pg-boss cannot block requests for longer than one of its queries (~1 ms for a
    // poll). Its tables live in the same data dir, so jobs survive a restart.
    db = pgBossDb((text, values) => database.query(text, values));
  }

  const boss = new PgBoss({
    db,
    schema: 'pgboss',
    // pg-boss creates its schema on the first start and upgrades it on later versions, under its
    // own advisory lock, so that several nodes starting together do it once.
    migrate: true,
    // Maintenance: fails jobs that ran past their expiry (a node died mid-job) so that they are
    // retried, and archives and deletes old jobs. Needed on both engines; on PostgreSQL one node
    // per interval does it. Every 5 minutes is plenty for our volumes.
    supervise: true,
    maintenanceIntervalSeconds: 300,
    // Completed jobs move to the archive after 12 hours and are deleted 7 days later: job data
    // may name people, so it is not kept longer than we need to look into a failure.
    archiveCompletedAfterSeconds: 12 * 60 * 60,
    deleteAfterDays: 7,
    // Cron: a node looks at the schedules when the last look (by any node) is over 20 s old, and
    // sends what fell due in the past 60 s, once (pg-boss dedupes per minute). Not the default 30:
    // a timer that fires a hair under 30 s after the last look is skipped, so looks can end up
    // 60 s apart and miss a tick. The internal "send-it" queue is polled every 5 s.
    schedule: true,
    cronMonitorIntervalSeconds: 20,
    cronWorkerIntervalSeconds: 5,
    pollingIntervalSeconds,
    // A failed job is tried again after 30–60 s, 1–2 and 2–4 minutes (backoff with jitter): a mail
    // or SMS provider that is down for a moment must not use up every attempt in one second.
    retryLimit: 3,
    retryDelay: 30,
    retryBackoff: true,
  });
  // Without a listener an 'error' event would crash the process; these are maintenance or polling
  // errors that pg-boss retries by itself.
  boss.on('error', (err) => log.error({ err }, 'jobs: pg-boss error'));

  try {
    await boss.start();
  } catch (err) {
    await pool?.end();
    throw err;
  }

  const queues = new Map<string, Promise<void>>();
  const ensureQueue = (name: string) => {
    let created = queues.get(name);
    if (!created) {
      created = boss.createQueue(name);
      created.catch(() => queues.delete(name));
      queues.set(name, created);
    }
    return created;
  };
  const localWorkers = new Map<string, string[]>();
  let running = 0;
  let stopping: Promise<void> | undefined;

  const jobs: Jobs<P> = {
    async send(name, data, sendOptions = {}) {
      await ensureQueue(name);
      const id = await boss.send(name, data, sendOptions);
      // Wake this node's worker instead of letting the job wait for the next poll.
      if (id && !sendOptions.startAfter) for (const worker of localWorkers.get(name) ?? []) boss.notifyWorker(worker);
      return id;
    },

    async work(name, handler) {
      await ensureQueue(name);
      // Filled in once work() returns; the first job may, in theory, already run before that.
      const worker: { id?: string } = {};
      worker.id = await boss.work<P[typeof name]>(name, { batchSize: 1 }, async ([job]) => {
        if (!job) return;
        running++;
        try {
          await handler(job.data, { id: job.id, name: job.name });
          // A worker that just finished a job asks for the next one at once (pg-boss would
          // otherwise wait a polling interval between jobs); an empty queue ends that.
          if (worker.id) boss.notifyWorker(worker.id);
        } catch (err) {
          // Only the error: job data may hold personal data, which stays out of the logs.
          log.error({ err, queue: name, jobId: job.id }, 'job failed');
          throw err;
        } finally {
          running--;
        }
      });
      localWorkers.set(name, [...(localWorkers.get(name) ?? []), worker.id]);
    },

    async schedule(name, cron, data) {
      await ensureQueue(name);
      await boss.schedule(name, cron, data, { tz: jobsTimeZone });
    },

    stop() {
      stopping ??= (async () => {
        const deadline = Date.now() + stopTimeoutMs;
        await boss.stop({ graceful: true, wait: true, close: false, timeout: stopTimeoutMs });
        // pg-boss resolves once no handler runs, but it completes jobs without awaiting that, and
        // a worker whose fetch was under way may still start one: let those finish too.
        while ((running > 0 || db.inFlight > 0) && Date.now() < deadline) await sleep(10);
        if (running > 0) log.error({ running }, 'jobs: stopped while handlers still ran');
        await pool?.end();
      })();
      return stopping;
    },
  };
  return jobs;
}
