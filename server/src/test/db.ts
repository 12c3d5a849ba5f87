import fs from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { inject } from 'vitest';
import { openDatabase, type Database } from '../platform/db.js';
import { withDatabase } from './global-setup.js';

export const testEngine = (process.env.KRING_TEST_DB ?? 'pglite') as 'pglite' | 'postgres';

/** A fresh, migrated database of the engine under test, copied from the golden one. */
export async function createTestDatabase(): Promise<Database> {
  if (testEngine === 'postgres') {
    const url = process.env.TEST_DATABASE_URL!;
    const name = `kring_test_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`create database ${name} template ${inject('postgresTemplate')}`);
    await admin.end();
    const database = await openDatabase({ databaseUrl: withDatabase(url, name), poolSize: 4 });
    const close = database.close;
    database.close = async () => {
      await close();
      const cleanup = new pg.Client({ connectionString: url });
      await cleanup.connect();
      await cleanup.query(`drop database if exists ${name}`);
      await cleanup.end();
    };
    return database;
  }
  const dump = await fs.readFile(inject('pgliteDump'));
  const pglite = await PGlite.create({ loadDataDir: new Blob([dump]) });
  return openDatabase({ pglite });
}
