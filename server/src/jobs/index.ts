/**
 * The app's jobs: which queues exist, what their jobs carry, who works them and when they run.
 * main.ts calls startAppJobs once the database is migrated.
 */
import { systemClock, type Clock } from '../platform/clock.js';
import type { Database } from '../platform/db.js';
import { startJobs, type Jobs, type JobsLog, type JobsOptions } from '../platform/jobs.js';
import { housekeeping, housekeepingCron } from './housekeeping.js';

/** Every queue and the data of its jobs. */
export type AppJobTypes = {
  housekeeping: Record<string, never>;
};

export type AppJobs = Jobs<AppJobTypes>;

export interface AppJobsDeps {
  databaseUrl: string | undefined;
  log: JobsLog;
  clock?: Clock;
  /** Tests poll faster. */
  pollingIntervalSeconds?: JobsOptions['pollingIntervalSeconds'];
}

/** Starts the job queue on this node, registers every worker and (re)writes every schedule. */
export async function startAppJobs(database: Database, deps: AppJobsDeps): Promise<AppJobs> {
  const clock = deps.clock ?? systemClock;
  const jobs = await startJobs<AppJobTypes>(database, {
    databaseUrl: deps.databaseUrl,
    log: deps.log,
    pollingIntervalSeconds: deps.pollingIntervalSeconds,
  });
  try {
    await jobs.work('housekeeping', async () => {
      const result = await housekeeping(database.db, clock);
      deps.log.info(result, 'housekeeping done');
    });
    await jobs.schedule('housekeeping', housekeepingCron, {});
  } catch (err) {
    await jobs.stop();
    throw err;
  }
  return jobs;
}
