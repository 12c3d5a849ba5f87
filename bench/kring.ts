/** Starting Kring for the benchmark: its environment, a fresh PostgreSQL database, and the login. */
import pg from 'pg';
import { demoLogins } from '../server/src/cli/demo-data.js';
import { configVariables } from '../server/src/config.js';

/** The demo person whose /api/me is measured: in the networks of two clients (two portals). */
export const benchLogin = demoLogins.find((l) => l.email.startsWith('sanne.')) ?? demoLogins[0];

/**
 * The environment of a Kring child: the configuration of `npm start` (development defaults, so
 * no mail or SMS provider is needed), with silent logs, a free port and demo data seeded into its
 * empty database. Kring settings of the calling shell do not leak in.
 */
export function kringEnv(port: number, db: { dataDir: string } | { databaseUrl: string }): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of configVariables) delete env[name];
  return {
    ...env,
    NODE_ENV: 'development',
    HOST: '127.0.0.1',
    PORT: String(port),
    LOG_LEVEL: 'silent',
    SEED_DEMO_DATA: 'true',
    ...('dataDir' in db ? { DATA_DIR: db.dataDir } : { DATABASE_URL: db.databaseUrl }),
  };
}

type Jar = Map<string, string>;

/** Keeps the cookies a response sets (and forgets the ones it clears), as a browser would. */
function absorb(jar: Jar, res: Response): void {
  for (const line of res.headers.getSetCookie()) {
    const pair = line.split(';')[0]!;
    const eq = pair.indexOf('=');
    const name = pair.slice(0, eq).trim();
    const value = pair.slice(eq + 1).trim();
    if (value) jar.set(name, value);
    else jar.delete(name);
  }
}

const cookieHeader = (jar: Jar) => [...jar].map(([name, value]) => `${name}=${value}`).join('; ');

async function call(baseUrl: string, jar: Jar, method: 'GET' | 'POST', urlPath: string, body?: unknown) {
  const res = await fetch(baseUrl + urlPath, {
    method,
    headers: { cookie: cookieHeader(jar), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  absorb(jar, res);
  const text = await res.text();
  if (res.status !== 200) throw new Error(`${method} ${urlPath} answered ${res.status}: ${text}`);
  return JSON.parse(text) as Record<string, unknown>;
}

/**
 * Logs in with the demo account as the web app does: e-mail and password, then, when the server
 * asks for it (a new browser), the SMS code, read from the dev outbox of demo mode. Returns the
 * Cookie header a browser would then send, after checking that GET /api/me answers for it.
 */
export async function logIn(baseUrl: string): Promise<{ cookie: string; portals: number; smsStep: boolean }> {
  const jar: Jar = new Map();
  const login = await call(baseUrl, jar, 'POST', '/api/auth/login', {
    email: benchLogin.email,
    password: benchLogin.password,
  });
  if (login.status === 'sms_required') {
    const { messages } = (await call(baseUrl, jar, 'GET', '/api/dev/outbox')) as {
      messages: { channel: string; to: string; body: string }[];
    };
    // Newest first: the first SMS with a code is the one just sent.
    const code = messages.filter((m) => m.channel === 'sms').map((m) => /\b(\d{6})\b/.exec(m.body)?.[1])[0];
    if (!code) throw new Error('login asked for an SMS code, but the dev outbox holds none');
    await call(baseUrl, jar, 'POST', '/api/auth/sms/verify', { code });
  }
  if (![...jar.keys()].some((name) => /^(__Host-)?kring_session$/.test(name))) {
    throw new Error(`logging in as ${benchLogin.email} set no kring_session cookie`);
  }

  const cookie = cookieHeader(jar);
  const me = (await call(baseUrl, jar, 'GET', '/api/me')) as { person?: { email?: string }; portals?: unknown[] };
  if (me.person?.email !== benchLogin.email) {
    throw new Error(`GET /api/me with the new session answered for someone else: ${JSON.stringify(me.person)}`);
  }
  return { cookie, portals: me.portals?.length ?? 0, smsStep: login.status === 'sms_required' };
}

export const benchDatabaseName = 'kring_bench';

/** The PostgreSQL server to use; the benchmark only ever creates and drops the database kring_bench on it. */
export function postgresAdminUrl(): string {
  return process.env.BENCH_POSTGRES_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

async function admin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: postgresAdminUrl(), connectionTimeoutMillis: 3000 });
  client.on('error', () => undefined);
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Drops and creates kring_bench; returns its URL, or the reason why PostgreSQL cannot be used. */
export async function createBenchDatabase(): Promise<{ url: string } | { unavailable: string }> {
  try {
    await admin(async (client) => {
      await client.query(`drop database if exists ${benchDatabaseName} with (force)`);
      await client.query(`create database ${benchDatabaseName}`);
    });
  } catch (err) {
    return { unavailable: describeError(err) };
  }
  return { url: withDatabase(postgresAdminUrl(), benchDatabaseName) };
}

/** The server part of the URL without user or password, for messages. */
export function postgresServerLabel(): string {
  try {
    const u = new URL(postgresAdminUrl());
    return `${u.hostname}:${u.port || '5432'}`;
  } catch {
    return '(BENCH_POSTGRES_URL is not a URL)';
  }
}

function describeError(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  // A refused connection is an AggregateError with an empty message and a code.
  const code = (err as { code?: string }).code;
  if (code && !err.message.includes(code)) return `${err.message} ${code}`.trim();
  return err.message || err.name;
}

export async function dropBenchDatabase(): Promise<void> {
  await admin((client) => client.query(`drop database if exists ${benchDatabaseName} with (force)`));
}
