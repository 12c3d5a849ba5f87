/**
 * The app's jobs: which queues exist, what their jobs carry, who works them and when they run.
 * main.ts calls startAppJobs once the database is migrated, before it builds the app, which sends
 * jobs through it (ctx.jobs).
 */
import type { MailConfig } from '../config.js';
import { systemClock, type Clock } from '../platform/clock.js';
import type { Database } from '../platform/db.js';
import { startJobs, type Jobs, type JobsLog, type JobsOptions } from '../platform/jobs.js';
import { createSmtpMailer, mailQueue, type Mailer } from '../platform/mail.js';
import type { EmailMessage } from '../platform/outbox.js';
import { housekeeping, housekeepingCron } from './housekeeping.js';

/** Every queue and the data of its jobs. */
export type AppJobTypes = {
  housekeeping: Record<string, never>;
  /** A mail to send over SMTP (platform/mail.ts). */
  'mail.send': EmailMessage;
};

export type AppJobs = Jobs<AppJobTypes>;

export interface AppJobsDeps {
  databaseUrl: string | undefined;
  log: JobsLog;
  clock?: Clock;
  /** SMTP delivery; without it (demo mode) this node does not work the mail queue. */
  mail?: MailConfig | undefined;
  /** Tests poll faster. */
  pollingIntervalSeconds?: JobsOptions['pollingIntervalSeconds'];
  /**
   * Whether to (re)write the cron schedules; tests of other things turn it off, so that a
   * housekeeping tick never runs on a test's moved clock in the middle of a test.
   */
  schedules?: boolean;
}

/** Starts the job queue on this node, registers every worker and (re)writes every schedule. */
export async function startAppJobs(database: Database, deps: AppJobsDeps): Promise<AppJobs> {
  const clock = deps.clock ?? systemClock;
  const jobs = await startJobs<AppJobTypes>(database, {
    databaseUrl: deps.databaseUrl,
    log: deps.log,
    pollingIntervalSeconds: deps.pollingIntervalSeconds,
  });
  let mailer: Mailer | undefined;
  const stop = async () => {
    await jobs.stop();
    mailer?.close();
  };
  try {
    await jobs.work('housekeeping', async () => {
      const result = await housekeeping(database.db, clock);
      deps.log.info(result, 'housekeeping done');
    });
    if (deps.schedules ?? true) await jobs.schedule('housekeeping', housekeepingCron, {});

    if (deps.mail) {
      const smtp = createSmtpMailer(deps.mail);
      mailer = smtp;
      await jobs.work(mailQueue, async (message, job) => {
        // A throw fails the job, and pg-boss tries again later (mailJobOptions).
        await smtp.send(message);
        await forgetMailContent(database, job.id, deps.log);
        deps.log.info({ jobId: job.id }, 'mail sent');
      });
    }
  } catch (err) {
    await stop();
    throw err;
  }
  return { ...jobs, stop };
}

/**
 * Once sent, the job keeps no copy of the mail: it may hold a single-use link (password reset,
 * invitation) whose token is stored only as a hash elsewhere, and pg-boss keeps completed jobs
 * for days. A failure here is logged, not thrown: the mail went out, and a retry would send it twice.
 */
async function forgetMailContent(database: Database, jobId: string, log: JobsLog): Promise<void> {
  try {
    await database.query(`update pgboss.job set data = '{"sent":true}'::jsonb where name = $1 and id = $2`, [
      mailQueue,
      jobId,
    ]);
  } catch (err) {
    log.error({ err, jobId }, 'mail sent, but its content could not be removed from the job');
  }
}

/**
 * A stand-in for an app built without a job queue (tests that do not need one): every use says
 * how to start the real one.
 */
export function jobsNotStarted(): AppJobs {
  const fail = () =>
    Promise.reject(
      new Error(
        'The job queue is not running in this app: start it with startAppJobs and pass it to buildApp as jobs ' +
          '(in tests: createTestApp(overrides, { jobs: true }))',
      ),
    );
  return { send: fail, work: fail, schedule: fail, stop: async () => {} };
}
