/** Starts Kring: load config, open and migrate the database, seed demo data, start jobs, listen, shut down cleanly. */
import { exitWithError, loadConfigOrExit, startKring } from './bootstrap.js';
import { demoLogins } from './cli/demo-data.js';

async function main() {
  const config = loadConfigOrExit();
  const { app, database, seeded } = await startKring(config);

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

main().catch(exitWithError);
