/** npm run seed:demo: migrate the configured database and fill it with the demo organisation when empty. */
import { exitWithError, loadConfigOrExit, startKring } from '../bootstrap.js';
import { demoLogins } from './demo-data.js';

const config = loadConfigOrExit();
const kring = await startKring({ ...config, seedDemoData: true }, { schedules: false }).catch(exitWithError);
try {
  if (!kring.seeded) {
    console.log('The database already holds data; the demo data was not added again.');
  } else {
    console.log('Demo data created. Logins:');
    for (const l of demoLogins) console.log(`  ${l.email.padEnd(34)} ${l.password}   ${l.description}`);
  }
} finally {
  await kring.close();
}
