/**
 * Everything between configuration and a working app, shared by the server (main.ts) and the
 * command-line tools: lock and open the database, migrate, seed the demo data when asked, start
 * the job queue, build the app. close() undoes it in the right order.
 */
import pino from 'pino';
import { buildApp, loggerOptions, type App } from './app.js';
import { ConfigError, loadConfig, type Config } from './config.js';
import { seedDemo } from './cli/demo-data.js';
import { startAppJobs, type AppJobs } from './jobs/index.js';
import { DataDirInUseError, lockDataDir } from './platform/data-dir-lock.js';
import { isEmpty, migrateDatabase, openDatabase, type Database } from './platform/db.js';

export interface Kring {
  app: App;
  database: Database;
  jobs: AppJobs;
  /** True when this start filled an empty database with the demo data. */
  seeded: boolean;
  close(): Promise<void>;
}

export async function startKring(config: Config, options: { schedules?: boolean } = {}): Promise<Kring> {
  const unlock = config.databaseUrl ? () => undefined : lockDataDir(config.dataDir);
  let database: Database | undefined;
  let jobs: AppJobs | undefined;
  try {
    database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
    await migrateDatabase(database, config.migrationsDir, config.databaseUrl);
    const seeded = config.seedDemoData && (await isEmpty(database.db));
    if (seeded) await seedDemo(database.db);
    // Jobs start before the app: requests queue mail through them (ctx.jobs).
    jobs = await startAppJobs(database, {
      databaseUrl: config.databaseUrl,
      log: pino(loggerOptions(config)).child({ component: 'jobs' }),
      mail: config.mail,
      schedules: options.schedules,
    });
    const app = await buildApp(config, { database, jobs });
    const opened = { database, jobs };
    app.addHook('onClose', async () => {
      // A running job still needs the database: jobs stop (waiting for it) before the database closes.
      await opened.jobs.stop();
      await opened.database.close();
      unlock();
    });
    return { app, database, jobs, seeded, close: () => app.close() };
  } catch (err) {
    await jobs?.stop();
    await database?.close();
    unlock();
    throw err;
  }
}

/** Loads the configuration; a bad variable ends the process with a message naming it. */
export function loadConfigOrExit(): Config {
  try {
    return loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
}

/** Ends a command-line process on an error: a known problem as one plain line, anything else in full. */
export function exitWithError(err: unknown): never {
  if (err instanceof DataDirInUseError) console.error(err.message);
  else console.error(err);
  process.exit(1);
}
