/**
 * Migrates one golden database per run; every test file then gets its own copy (STYLE.md):
 * a PGlite data-dir dump, or a PostgreSQL template database.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { projectRoot } from '../config.js';
import { migrateDatabase, openDatabase } from '../platform/db.js';

const migrationsDir = path.join(projectRoot, 'server/drizzle');
/** One template per run (named after the process), so that two runs at once do not drop each other's. */
const templateDbName = `kring_test_template_${process.pid}`;

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteDump: string;
    postgresTemplate: string;
  }
}

export default async function setup(project: TestProject) {
  const engine = project.config.env?.KRING_TEST_DB ?? 'pglite';
  if (engine === 'postgres') {
    const url = process.env.TEST_DATABASE_URL!;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`select pg_terminate_backend(pid) from pg_stat_activity where datname = '${templateDbName}'`);
    await admin.query(`drop database if exists ${templateDbName}`);
    await admin.query(`create database ${templateDbName}`);
    await admin.end();
    const templateUrl = withDatabase(url, templateDbName);
    const database = await openDatabase({ databaseUrl: templateUrl, poolSize: 1 });
    await migrateDatabase(database, migrationsDir, templateUrl);
    await database.close();
    project.provide('postgresTemplate', templateDbName);
    project.provide('pgliteDump', '');
    return async () => {
      const cleanup = new pg.Client({ connectionString: url });
      await cleanup.connect();
      await cleanup.query(`drop database if exists ${templateDbName}`);
      await cleanup.end();
    };
  }
  const pglite = await PGlite.create();
  const database = await openDatabase({ pglite });
  await migrateDatabase(database, migrationsDir);
  const dump = await pglite.dumpDataDir('none');
  const file = path.join(projectRoot, '.tmp', `pglite-golden-${process.pid}.tar`);
  await fs.mkdir(path.dirname(file), { recursive: true });
  await fs.writeFile(file, Buffer.from(await dump.arrayBuffer()));
  await pglite.close();
  project.provide('pgliteDump', file);
  project.provide('postgresTemplate', '');
  return async () => {
    await fs.rm(file, { force: true });
  };
}

export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}
