import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { createTestDatabase, testEngine } from '../test/db.js';
import { withDatabase } from '../test/global-setup.js';
import type { Database } from './db.js';
import { pgBossDb, startJobs, type Jobs, type JobsLog } from './jobs.js';

type TestJobs = {
  echo: { n: number; text: string };
  count: { n: number };
  slow: { ms: number };
  flaky: { id: string };
  wake: { at: number };
};

const here = path.dirname(fileURLToPath(import.meta.url));

/** The URL of the test's own database: on PostgreSQL each pg-boss instance opens a pool on it. */
async function urlOf(database: Database): Promise<string | undefined> {
  if (database.kind !== 'postgres') return undefined;
  const { rows } = await database.query<{ name: string }>('select current_database() as name');
  return withDatabase(process.env.TEST_DATABASE_URL!, rows[0]!.name);
}

async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs = 5_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function stateOf(database: Database, id: string): Promise<string | undefined> {
  const { rows } = await database.query<{ state: string }>('select state::text from pgboss.job where id = $1', [id]);
  return rows[0]?.state;
}

describe(`jobs on ${testEngine}`, () => {
  let database: Database;
  let url: string | undefined;
  const started: Jobs<TestJobs>[] = [];
  const log = { info: vi.fn(), error: vi.fn() } satisfies JobsLog;

  const start = async (pollingIntervalSeconds = 0.5) => {
    const jobs = await startJobs<TestJobs>(database, { databaseUrl: url, log, pollingIntervalSeconds });
    started.push(jobs);
    return jobs;
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    url = await urlOf(database);
  });
  afterEach(async () => {
    await Promise.all(started.splice(0).map((jobs) => jobs.stop()));
    log.info.mockClear();
    log.error.mockClear();
  });
  afterAll(async () => {
    await database.close();
  });

  it('processes a sent job once, and its handler sees the data', async () => {
    const jobs = await start();
    const seen: unknown[] = [];
    await jobs.work('echo', async (data, job) => {
      seen.push({ data, name: job.name });
    });
    const id = await jobs.send('echo', { n: 7, text: 'Goedemorgen' });
    expect(id).toBeTruthy();
    await waitFor(async () => (await stateOf(database, id!)) === 'completed');
    expect(seen).toEqual([{ data: { n: 7, text: 'Goedemorgen' }, name: 'echo' }]);
  });

  it('wakes the local worker for a job sent from this node, without waiting for the poll', async () => {
    const jobs = await start(30);
    let ranAt = 0;
    await jobs.work('wake', async () => {
      ranAt = Date.now();
    });
    // The worker's first poll at start finds nothing; the next one would be 30 s later.
    await new Promise((r) => setTimeout(r, 200));
    const sentAt = Date.now();
    await jobs.send('wake', { at: sentAt });
    await waitFor(() => ranAt > 0, 3_000);
    expect(ranAt - sentAt).toBeLessThan(2_000);
  });

  it('retries a job whose handler failed, and logs the error without the job data', async () => {
    const jobs = await start();
    let attempts = 0;
    await jobs.work('flaky', async () => {
      attempts++;
      if (attempts === 1) throw new Error('SMS provider unreachable');
    });
    const id = await jobs.send(
      'flaky',
      { id: 'geheim-0612345678' },
      { retryLimit: 1, retryDelay: 0, retryBackoff: false },
    );
    await waitFor(async () => (await stateOf(database, id!)) === 'completed');
    expect(attempts).toBe(2);
    expect(log.error).toHaveBeenCalledTimes(1);
    expect(JSON.stringify(log.error.mock.calls)).not.toContain('0612345678');
  });

  it.skipIf(testEngine === 'pglite')(
    'runs each job exactly once with two app nodes on one PostgreSQL (PostgreSQL only: two nodes cannot share one embedded PGlite database)',
    async () => {
      const [nodeA, nodeB] = [await start(), await start()];
      const runs: { n: number; node: string }[] = [];
      const handler = (node: string) => async (data: { n: number }) => {
        runs.push({ n: data.n, node });
        await new Promise((r) => setTimeout(r, 30));
      };
      await nodeA.work('count', handler('A'));
      await nodeB.work('count', handler('B'));
      const ids = [];
      for (let n = 0; n < 12; n++) ids.push(await (n % 2 ? nodeA : nodeB).send('count', { n }));
      await waitFor(async () => {
        const { rows } = await database.query<{ n: number }>(
          "select count(*)::int as n from pgboss.job where name = 'count' and state = 'completed'",
        );
        return rows[0]!.n === ids.length;
      }, 10_000);
      // Give a duplicate delivery the time to show up.
      await new Promise((r) => setTimeout(r, 1_200));
      expect(runs.map((r) => r.n).sort((a, b) => a - b)).toEqual([...Array(12).keys()]);
    },
  );

  it('stop() waits for a running handler, which completes its job', async () => {
    const jobs = await start();
    let finished = false;
    let startedRun = false;
    await jobs.work('slow', async ({ ms }) => {
      startedRun = true;
      await new Promise((r) => setTimeout(r, ms));
      finished = true;
    });
    const id = await jobs.send('slow', { ms: 400 });
    await waitFor(() => startedRun);
    await jobs.stop();
    expect(finished).toBe(true);
    expect(await stateOf(database, id!)).toBe('completed');
  });

  it('leaves the session usable when a pg-boss transaction fails (on PGlite it is the only one)', async () => {
    const db = pgBossDb((text, values) => database.query(text, values));
    await expect(db.executeSql('BEGIN; select 1; select 1/0; COMMIT;')).rejects.toThrow(/division by zero/);
    const { rows } = await database.query<{ ok: number }>('select 1 as ok');
    expect(rows).toEqual([{ ok: 1 }]);
  });

  it('stop() leaves nothing running: a process that started and stopped jobs exits by itself', async () => {
    // On PGlite the child loads a copy of the golden database; on PostgreSQL it opens this test's.
    const script = `
      import fs from 'node:fs/promises';
      import { PGlite } from '@electric-sql/pglite';
      import { openDatabase } from ${JSON.stringify(path.join(here, 'db.ts'))};
      import { startJobs } from ${JSON.stringify(path.join(here, 'jobs.ts'))};
      const url = process.env.JOBS_URL || undefined;
      const pglite = url ? undefined : await PGlite.create({ loadDataDir: new Blob([await fs.readFile(process.env.JOBS_DUMP)]) });
      const database = await openDatabase({ databaseUrl: url, pglite, poolSize: 2 });
      const log = { info() {}, error(obj, msg) { console.error(msg, obj); } };
      const jobs = await startJobs(database, { databaseUrl: url, log, pollingIntervalSeconds: 0.5 });
      let done;
      const ran = new Promise((r) => (done = r));
      await jobs.work('exit-check', async () => done());
      await jobs.schedule('exit-check', '0 3 * * *', {});
      await jobs.send('exit-check', {});
      await ran;
      await jobs.stop();
      await database.close();
      console.log('stopped');
    `;
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      env: { ...process.env, JOBS_URL: url ?? '', JOBS_DUMP: inject('pgliteDump') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    const exit = await new Promise<number | string>((resolve) => {
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        resolve('still running 15 s after start');
      }, 15_000);
      child.on('exit', (code) => {
        clearTimeout(timer);
        resolve(code ?? 'killed');
      });
    });
    expect({ exit, output: output.trim() }).toEqual({ exit: 0, output: 'stopped' });
  });
});
