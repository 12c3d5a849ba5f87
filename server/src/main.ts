/** Starts Kring: load config, open and migrate the database, seed demo data, start jobs, listen, shut down cleanly. */
import pino from 'pino';
import { buildApp, loggerOptions } from './app.js';
import { ConfigError, loadConfig } from './config.js';
import { demoLogins, seedDemo } from './cli/demo-data.js';
import { startAppJobs } from './jobs/index.js';
import { isEmpty, migrateDatabase, openDatabase } from './platform/db.js';

async function main() {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }

  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  await migrateDatabase(database, config.migrationsDir, config.databaseUrl);
  const seeded = config.seedDemoData && (await isEmpty(database.db));
  if (seeded) await seedDemo(database.db);

  // Jobs start before the app: requests queue mail through them (ctx.jobs).
  const jobs = await startAppJobs(database, {
    databaseUrl: config.databaseUrl,
    log: pino(loggerOptions(config)).child({ component: 'jobs' }),
    mail: config.mail,
  });
  let app;
  try {
    app = await buildApp(config, { database, jobs });
  } catch (err) {
    await jobs.stop();
    throw err;
  }
  app.addHook('onClose', async () => {
    // A running job still needs the database: jobs stop (waiting for it) before the database closes.
    await jobs.stop();
    await database.close();
  });

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, 'stopping: finishing requests in flight');
    // close() stops accepting, waits for requests in flight, then runs onClose (the database last).
    const timer = setTimeout(() => {
      app.log.error('shutdown took longer than 20 s; exiting');
      process.exit(1);
    }, 20_000);
    timer.unref();
    await app.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));

  await app.listen({ port: config.port, host: config.host });
  const lines = [
    '',
    `Kring runs at ${config.publicUrl}`,
    `Database: ${database.kind === 'pglite' ? `embedded PGlite in ${config.dataDir}` : 'PostgreSQL'}`,
  ];
  if (config.devOutbox) lines.push(`Demo mode: e-mail and SMS go to the outbox at ${config.publicUrl}/outbox`);
  // Where messages go, without the SMTP login or the product token.
  if (config.mail) lines.push(`E-mail: SMTP via ${new URL(config.mail.smtpUrl).host}, from ${config.mail.from}`);
  if (config.sms)
    lines.push(`SMS: ${config.sms.provider === 'cm' ? 'CM.com' : config.sms.provider}, sender ${config.sms.sender}`);
  if (config.seedDemoData) {
    lines.push(seeded ? 'Demo data created. Demo logins:' : 'Demo logins (if the demo data is in this database):');
    for (const l of demoLogins) lines.push(`  ${l.email.padEnd(34)} ${l.password}   ${l.description}`);
  }
  console.log(lines.join('\n') + '\n');
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
