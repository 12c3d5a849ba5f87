/**
 * One database layer for both engines: the embedded PGlite (default) and PostgreSQL (DATABASE_URL).
 * Same schema, same migrations, same queries; only the driver differs.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import * as schema from './schema.js';

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
/** A transaction or the database itself: repositories take either. */
export type DbOrTx = Db | Parameters<Parameters<Db['transaction']>[0]>[0];

export interface Database {
  db: Db;
  kind: 'pglite' | 'postgres';
  /** Plain SQL with parameters, for pg-boss and raw checks. Rows come back as objects. */
  query<T = Record<string, unknown>>(text: string, values?: unknown[]): Promise<{ rows: T[] }>;
  ping(): Promise<void>;
  close(): Promise<void>;
  /** Present for the embedded engine only. */
  pglite?: PGlite;
}

// int8 (count(*), bigserial) as a JavaScript number, as PGlite returns it; our counts stay far
// below 2^53.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number.parseInt(v, 10));

export interface OpenOptions {
  databaseUrl?: string | undefined;
  /** Folder of the on-disk PGlite database; ignored with databaseUrl. */
  dataDir?: string;
  /** An existing PGlite instance (tests load a migrated copy). */
  pglite?: PGlite;
  /** Connections per node for PostgreSQL. */
  poolSize?: number;
}

/** Opens PostgreSQL when a URL is given, else PGlite (in dataDir, or in memory without one). */
export async function openDatabase(options: OpenOptions): Promise<Database> {
  if (options.databaseUrl) {
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: options.poolSize ?? 10 });
    // An idle client that loses its connection must not crash the process.
    pool.on('error', () => undefined);
    const db = drizzlePg(pool, { schema }) as unknown as Db;
    return {
      db,
      kind: 'postgres',
      query: async <T>(text: string, values?: unknown[]) =>
        (await pool.query(text, values)) as unknown as { rows: T[] },
      ping: async () => {
        await pool.query('select 1');
      },
      close: async () => {
        if (!pool.ended) await pool.end();
      },
    };
  }
  let pglite = options.pglite;
  if (!pglite) {
    if (options.dataDir) await fs.mkdir(options.dataDir, { recursive: true });
    pglite = await PGlite.create(options.dataDir ? path.join(options.dataDir, 'pglite') : undefined);
  }
  const client = pglite;
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  return {
    db,
    kind: 'pglite',
    pglite: client,
    query: async <T>(text: string, values?: unknown[]) => {
      // Parameterless SQL may hold several statements, which a prepared statement refuses.
      if (values?.length) return client.query<T>(text, values);
      const results = await client.exec(text);
      return { rows: (results.at(-1)?.rows ?? []) as T[] };
    },
    ping: async () => {
      await client.query('select 1');
    },
    close: async () => {
      if (!client.closed) await client.close();
    },
  };
}

/** Applies the drizzle-kit migrations. On PostgreSQL an advisory lock lets only one node migrate at a time. */
export async function migrateDatabase(
  database: Database,
  migrationsFolder: string,
  databaseUrl?: string,
): Promise<void> {
  if (database.kind === 'pglite') {
    await migratePglite(database.db as never, { migrationsFolder });
    return;
  }
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('select pg_advisory_lock(7513)');
    await migratePg(drizzlePg(client), { migrationsFolder });
  } finally {
    await client.query('select pg_advisory_unlock(7513)').catch(() => undefined);
    await client.end();
  }
}

/** True when the database holds no organisation yet. */
export async function isEmpty(db: Db): Promise<boolean> {
  const rows = await db.select({ n: sql<number>`count(*)::int` }).from(schema.organisations);
  return (rows[0]?.n ?? 0) === 0;
}
