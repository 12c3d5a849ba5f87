/**
 * npm run bench: requests per second and latency of Kring's authenticated API read (GET /api/me,
 * through the full stack) on PGlite and on PostgreSQL, next to a bare Fastify JSON route measured
 * in the same run on the same machine. The ratio to that reference is the figure to compare
 * between machines and runs; the absolute numbers depend on the machine. Nothing is asserted.
 * See bench/README.md.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { benchLogin, createBenchDatabase, dropBenchDatabase, kringEnv, logIn, postgresServerLabel } from './kring.js';
import { measure, type Measurement } from './load.js';
import { freePort, killAllNow, projectRoot, startServer, stopAll, stopChild, waitUntilReady } from './processes.js';

interface Settings {
  durationSeconds: number;
  connections: number;
  warmupSeconds: number;
}

type Outcome =
  | { status: 'measured'; measurement: Measurement }
  | { status: 'skipped'; reason: string }
  | { status: 'failed'; reason: string };

interface Row {
  id: string;
  target: string;
  request: string;
  outcome: Outcome;
  ratio?: number;
  /** 1-minute load average of the machine just before this target started: other work shows here. */
  loadAverage1m?: number;
}

const resultFile = path.join(projectRoot, '.tmp', 'bench-latest.json');

function readSettings(): Settings {
  const problems: string[] = [];
  const int = (name: string, fallback: number, min: number, max: number) => {
    const raw = process.env[name];
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) {
      problems.push(`${name} must be a whole number from ${min} to ${max} (got "${raw}")`);
    }
    return value;
  };
  const settings = {
    durationSeconds: int('BENCH_DURATION', 10, 1, 3600),
    connections: int('BENCH_CONNECTIONS', 10, 1, 10_000),
    warmupSeconds: int('BENCH_WARMUP', 3, 0, 600),
  };
  if (problems.length) {
    console.error(`Invalid benchmark settings:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    process.exit(1);
  }
  return settings;
}

// ---------------------------------------------------------------------------------------------
// Clean-up: children are stopped and temporary data removed on every way out.

const cleanups = new Set<() => Promise<void>>();

async function cleanUpEverything(): Promise<void> {
  await stopAll();
  for (const cleanup of [...cleanups]) {
    cleanups.delete(cleanup);
    await cleanup().catch((err) => console.error(`clean-up failed: ${(err as Error).message}`));
  }
}

/** Runs `work`, then `cleanup`, also when work fails or the benchmark is interrupted meanwhile. */
async function withCleanup<T>(cleanup: () => Promise<void>, work: () => Promise<T>): Promise<T> {
  cleanups.add(cleanup);
  try {
    return await work();
  } finally {
    if (cleanups.delete(cleanup)) {
      await cleanup().catch((err) => console.error(`clean-up failed: ${(err as Error).message}`));
    }
  }
}

let interrupted = false;
for (const [signal, exitCode] of [
  ['SIGINT', 130],
  ['SIGTERM', 143],
] as const) {
  process.on(signal, () => {
    if (interrupted) return;
    interrupted = true;
    console.error(`\n${signal}: stopping the servers and removing temporary data…`);
    void cleanUpEverything().finally(() => process.exit(exitCode));
  });
}
process.on('exit', killAllNow);

// ---------------------------------------------------------------------------------------------
// The targets.

function log(line: string): void {
  console.log(line);
}

async function runReference(settings: Settings, when: 'before' | 'after'): Promise<Row> {
  const row = {
    id: `reference-${when}`,
    target: `reference: bare Fastify (${when})`,
    request: 'GET / → {"hello":"world"}',
  };
  try {
    const port = await freePort();
    const server = startServer(row.target, 'reference-server.ts', port, { ...process.env, BENCH_PORT: String(port) });
    const measurement = await withCleanup(
      () => stopChild(server.child),
      async () => {
        await waitUntilReady(server, '/');
        log(`▸ ${row.target}: warm-up ${settings.warmupSeconds} s, measuring ${settings.durationSeconds} s`);
        return measure({ url: `${server.baseUrl}/`, ...settings });
      },
    );
    return { ...row, outcome: checked(measurement) };
  } catch (err) {
    return { ...row, outcome: failed(row.target, err) };
  }
}

async function runKring(
  settings: Settings,
  id: string,
  target: string,
  database: { dataDir: string } | { databaseUrl: string },
): Promise<Row> {
  const row = { id, target, request: 'GET /api/me with a session cookie' };
  try {
    const port = await freePort();
    const server = startServer(target, 'kring-server.ts', port, kringEnv(port, database));
    return await withCleanup(
      () => stopChild(server.child),
      async () => {
        const started = Date.now();
        await waitUntilReady(server, '/readyz');
        const { cookie, portals, smsStep } = await logIn(server.baseUrl);
        const readyIn = ((Date.now() - started) / 1000).toFixed(1);
        const how = smsStep ? ' (with the SMS step)' : '';
        log(
          `▸ ${target}: ready in ${readyIn} s, logged in as ${benchLogin.email}${how}, ${portals} portals; ` +
            `warm-up ${settings.warmupSeconds} s, measuring ${settings.durationSeconds} s`,
        );
        const measurement = await measure({ url: `${server.baseUrl}/api/me`, headers: { cookie }, ...settings });
        return { ...row, outcome: checked(measurement) };
      },
    );
  } catch (err) {
    return { ...row, outcome: failed(target, err) };
  }
}

async function runKringPglite(settings: Settings): Promise<Row> {
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'kring-bench-'));
  return withCleanup(
    () => fs.rm(dataDir, { recursive: true, force: true }),
    () => runKring(settings, 'kring-pglite', 'Kring GET /api/me, PGlite', { dataDir }),
  );
}

async function runKringPostgres(settings: Settings): Promise<Row> {
  const id = 'kring-postgres';
  const target = 'Kring GET /api/me, PostgreSQL';
  const request = 'GET /api/me with a session cookie';
  const created = await createBenchDatabase();
  if ('unavailable' in created) {
    const reason = `PostgreSQL at ${postgresServerLabel()} is not reachable (${created.unavailable})`;
    log(`▸ ${target}: SKIPPED: ${reason}`);
    return { id, target, request, outcome: { status: 'skipped', reason } };
  }
  return withCleanup(dropBenchDatabase, () => runKring(settings, id, target, { databaseUrl: created.url }));
}

/** A measurement with non-2xx answers or connection errors measured something else: flag it. */
function checked(m: Measurement): Outcome {
  const problems: string[] = [];
  if (m.non2xx) problems.push(`${m.non2xx} non-2xx answers (${JSON.stringify(m.statusCodes)})`);
  if (m.errors) problems.push(`${m.errors} connection errors (${m.timeouts} timeouts)`);
  if (m.totalRequests === 0) problems.push('no requests completed');
  if (problems.length) return { status: 'failed', reason: `invalid measurement: ${problems.join('; ')}` };
  return { status: 'measured', measurement: m };
}

function failed(target: string, err: unknown): Outcome {
  const reason = err instanceof Error ? err.message : String(err);
  console.error(`▸ ${target}: FAILED: ${reason}`);
  return { status: 'failed', reason };
}

// ---------------------------------------------------------------------------------------------
// Report.

function rps(row: Row): number | undefined {
  return row.outcome.status === 'measured' ? row.outcome.measurement.requestsPerSecond : undefined;
}

function printTable(rows: Row[], reference: number | undefined): void {
  const header = ['target', 'requests/s', 'p50 ms', 'p99 ms', 'ratio'];
  const lines = rows.map((row) => {
    const o = row.outcome;
    if (o.status !== 'measured') return [row.target, o.status, '', '', ''];
    const m = o.measurement;
    return [
      row.target,
      Math.round(m.requestsPerSecond).toLocaleString('en-US'),
      m.latencyMs.p50.toFixed(2),
      m.latencyMs.p99.toFixed(2),
      reference ? (m.requestsPerSecond / reference).toPrecision(3) : '–',
    ];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const format = (cells: string[]) =>
    `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' | ')} |`;
  log('');
  log(format(header));
  log(`|${widths.map((w, i) => (i === 0 ? ` ${'-'.repeat(w)} ` : ` ${'-'.repeat(w - 1)}: `)).join('|')}|`);
  for (const l of lines) log(format(l));
  log('');
}

function gitCommit(): string | null {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: projectRoot, encoding: 'utf8' }).trim();
  } catch {
    return null;
  }
}

async function main(): Promise<void> {
  const settings = readSettings();
  const startedAt = new Date();
  const cpus = os.cpus();
  const load = os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
  log(`Kring benchmark on ${cpus.length} cores (${cpus[0]?.model.trim() ?? 'unknown cpu'}), Node ${process.version}`);
  log(
    `${settings.connections} connections, warm-up ${settings.warmupSeconds} s, ` +
      `${settings.durationSeconds} s per target; load average ${load}`,
  );

  const rows: Row[] = [];
  try {
    const run = async (target: () => Promise<Row>) => {
      const loadAverage1m = Math.round(os.loadavg()[0]! * 100) / 100;
      if (!interrupted) rows.push({ ...(await target()), loadAverage1m });
    };
    await run(() => runReference(settings, 'before'));
    await run(() => runKringPglite(settings));
    await run(() => runKringPostgres(settings));
    await run(() => runReference(settings, 'after'));
  } finally {
    await cleanUpEverything();
  }
  if (interrupted) return;

  const referenceRuns = rows.filter((r) => r.id.startsWith('reference-')).map(rps);
  const reference = referenceRuns.every((v) => v !== undefined)
    ? referenceRuns.reduce((a, b) => a + b, 0) / referenceRuns.length
    : undefined;
  for (const row of rows) {
    const value = rps(row);
    if (value !== undefined && reference) row.ratio = value / reference;
  }

  printTable(rows, reference);
  const [before, after] = referenceRuns;
  if (reference && before && after) {
    log(
      `reference = mean of the two bare Fastify runs: ${Math.round(reference).toLocaleString('en-US')} requests/s ` +
        `(after vs before: ${(((after - before) / before) * 100).toFixed(1)} %)`,
    );
    log('ratio = requests/s of the target / reference; latencies are per request, measured by autocannon.');
  } else {
    log('No ratio: a reference run did not complete.');
  }
  for (const row of rows)
    if (row.outcome.status !== 'measured') log(`${row.target}: ${row.outcome.status}: ${row.outcome.reason}`);

  const report = {
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    commit: gitCommit(),
    machine: {
      cores: cpus.length,
      cpu: cpus[0]?.model.trim() ?? null,
      memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
      platform: `${os.platform()} ${os.release()}`,
      node: process.version,
    },
    settings: { ...settings, login: benchLogin.email },
    referenceRequestsPerSecond: reference ?? null,
    results: rows.map((row) => ({
      id: row.id,
      loadAverage1m: row.loadAverage1m ?? null,
      target: row.target,
      request: row.request,
      status: row.outcome.status,
      ...(row.outcome.status === 'measured' ? row.outcome.measurement : { reason: row.outcome.reason }),
      ratio: row.ratio ?? null,
    })),
  };
  await fs.mkdir(path.dirname(resultFile), { recursive: true });
  await fs.writeFile(resultFile, JSON.stringify(report, null, 2) + '\n');
  log(`Results written to ${path.relative(projectRoot, resultFile)}`);

  // A skipped PostgreSQL run is fine; a failed or invalid one is not.
  if (rows.some((r) => r.outcome.status === 'failed')) process.exitCode = 1;
}

main().catch(async (err) => {
  console.error(err);
  await cleanUpEverything();
  process.exit(1);
});
