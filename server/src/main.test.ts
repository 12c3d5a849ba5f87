/**
 * `npm start` as a newcomer runs it: a real process on a free port, an empty database that gets
 * migrated and seeded, a second start that reuses the data, and a clean stop on SIGTERM.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from './config.js';
import { withDatabase } from './test/global-setup.js';
import { testEngine } from './test/db.js';
import { demoLogins } from './cli/demo-data.js';
import { freePort } from './test/net.js';

interface Running {
  child: ChildProcess;
  output: () => string;
  port: number;
}

async function start(env: Record<string, string>): Promise<Running> {
  const port = await freePort();
  let output = '';
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(projectRoot, 'server/src/main.ts')], {
    cwd: projectRoot,
    env: { PATH: process.env.PATH, PORT: String(port), LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited early:\n${output}`);
    const ok = await fetch(`http://127.0.0.1:${port}/readyz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return { child, output: () => output, port };
    await new Promise((r) => setTimeout(r, 200));
  }
  child.kill('SIGKILL');
  throw new Error(`server did not become ready:\n${output}`);
}

async function stop(running: Running): Promise<number | null> {
  const exited = new Promise<number | null>((resolve) => running.child.once('exit', (code) => resolve(code)));
  running.child.kill('SIGTERM');
  return exited;
}

/** Logs in as a demo person, through the SMS step with the code from the dev outbox. */
async function login(port: number) {
  const base = `http://127.0.0.1:${port}`;
  const { email, password } = demoLogins[1];
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  const body = (await res.json()) as { status: string };
  let cookie = res.headers.get('set-cookie')!.split(';')[0]!;
  if (body.status === 'sms_required') {
    const outbox = (await fetch(`${base}/api/dev/outbox`).then((r) => r.json())) as {
      messages: { channel: string; body: string }[];
    };
    const code = outbox.messages.find((m) => m.channel === 'sms')!.body.match(/\b(\d{6})\b/)![1]!;
    const verified = await fetch(`${base}/api/auth/sms/verify`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie },
      body: JSON.stringify({ code }),
    });
    cookie = verified.headers
      .getSetCookie()
      .find((c) => c.startsWith('kring_session='))!
      .split(';')[0]!;
  }
  const me = await fetch(`${base}/api/me`, { headers: { cookie } }).then((r) => r.json());
  return me as { portals: { clientName: string }[] };
}

describe(`npm start on ${testEngine}`, () => {
  const env: Record<string, string> = {};
  let cleanup = async () => {};

  beforeAll(async () => {
    if (testEngine === 'postgres') {
      const name = `kring_start_${randomBytes(4).toString('hex')}`;
      const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
      await admin.connect();
      await admin.query(`create database ${name}`);
      await admin.end();
      env.DATABASE_URL = withDatabase(process.env.TEST_DATABASE_URL!, name);
      env.SEED_DEMO_DATA = 'true';
      cleanup = async () => {
        const c = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
        await c.connect();
        await c.query(`drop database if exists ${name} with (force)`);
        await c.end();
      };
    } else {
      const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'kring-start-'));
      env.DATA_DIR = dir;
      cleanup = () => fs.rm(dir, { recursive: true, force: true });
    }
  });
  afterAll(() => cleanup());

  it('migrates and seeds an empty database, prints the URL and the demo logins, and stops cleanly on SIGTERM', async () => {
    const first = await start(env);
    expect(first.output()).toContain(`Kring runs at http://localhost:${first.port}`);
    expect(first.output()).toContain(demoLogins[0].email);
    const me = await login(first.port);
    expect(me.portals.map((p) => p.clientName)).toEqual(['Johanna van der Berg', 'Hendrik de Vries']);
    expect(await stop(first)).toBe(0);

    // The second start reuses the data: same people, nothing seeded twice.
    const second = await start(env);
    expect(second.output()).not.toContain('Demo data created');
    expect((await login(second.port)).portals).toHaveLength(2);
    expect(await stop(second)).toBe(0);
  }, 120_000);

  it('refuses to start with a bad variable and names it', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(projectRoot, 'server/src/main.ts')], {
      cwd: projectRoot,
      env: { PATH: process.env.PATH, PORT: 'zeventig', SESSION_IDLE_MINUTES: '-1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stderr!.on('data', (d) => (output += d));
    const code = await new Promise((resolve) => child.once('exit', resolve));
    expect(code).toBe(1);
    expect(output).toContain('PORT');
    expect(output).toContain('SESSION_IDLE_MINUTES');
  }, 60_000);
});
