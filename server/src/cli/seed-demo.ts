/** npm run seed:demo: migrate the configured database and fill it with the demo organisation when empty. */
import { loadConfig } from '../config.js';
import { isEmpty, migrateDatabase, openDatabase } from '../platform/db.js';
import { demoLogins, seedDemo } from './demo-data.js';

const config = loadConfig();
const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
try {
  await migrateDatabase(database, config.migrationsDir, config.databaseUrl);
  if (!(await isEmpty(database.db))) {
    console.log('The database already holds data; the demo data was not added again.');
  } else {
    await seedDemo(database.db);
    console.log('Demo data created. Logins:');
    for (const l of demoLogins) console.log(`  ${l.email.padEnd(34)} ${l.password}   ${l.description}`);
  }
} finally {
  await database.close();
}
