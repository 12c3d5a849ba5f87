/**
 * The one place that reads process.env. Every variable is described here, checked once at start,
 * and a bad or missing one stops the server with a message that names it.
 */
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export type NodeEnv = 'development' | 'production' | 'test';

export interface Config {
  nodeEnv: NodeEnv;
  /** TCP port of the HTTP server. */
  port: number;
  /** Interface to listen on. */
  host: string;
  /** The address users type in the browser; decides Secure cookies, the allowed Origin and links in mails. */
  publicUrl: string;
  /** Folder for the embedded database and stored files. */
  dataDir: string;
  /** PostgreSQL connection string; when unset the embedded PGlite database in dataDir is used. */
  databaseUrl: string | undefined;
  /** Fill an empty database with the demo organisation at start. */
  seedDemoData: boolean;
  /** When true, mail and SMS go to the dev outbox, shown in the app; never in production. */
  devOutbox: boolean;
  sessionIdleMinutes: number;
  sessionAbsoluteHours: number;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Proxy addresses whose X-Forwarded-For is believed; false trusts none. */
  trustProxy: string[] | false;
  /** Largest request body in bytes. */
  bodyLimitBytes: number;
  /** Folder of the built web app. */
  webDistDir: string;
  /** Folder of the drizzle-kit migrations. */
  migrationsDir: string;
}

export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

type Env = Record<string, string | undefined>;

/** Every variable the server reads, for the README and for error messages. */
export const configVariables = [
  'NODE_ENV',
  'PORT',
  'HOST',
  'PUBLIC_URL',
  'DATA_DIR',
  'DATABASE_URL',
  'SEED_DEMO_DATA',
  'DEV_OUTBOX',
  'SESSION_IDLE_MINUTES',
  'SESSION_ABSOLUTE_HOURS',
  'LOG_LEVEL',
  'TRUST_PROXY',
  'BODY_LIMIT_BYTES',
] as const;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Reads and checks the configuration; throws ConfigError naming every bad variable. */
export function loadConfig(env: Env = process.env): Config {
  const problems: string[] = [];

  const oneOf = <T extends string>(name: string, allowed: readonly T[], fallback: T): T => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    if ((allowed as readonly string[]).includes(raw)) return raw as T;
    problems.push(`${name} must be one of ${allowed.join(', ')} (got "${raw}")`);
    return fallback;
  };
  const int = (name: string, fallback: number, min: number, max: number): number => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) {
      problems.push(`${name} must be a whole number from ${min} to ${max} (got "${raw}")`);
      return fallback;
    }
    return value;
  };
  const bool = (name: string, fallback: boolean): boolean => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    if (raw === 'true' || raw === '1') return true;
    if (raw === 'false' || raw === '0') return false;
    problems.push(`${name} must be true or false (got "${raw}")`);
    return fallback;
  };

  const nodeEnv = oneOf<NodeEnv>('NODE_ENV', ['development', 'production', 'test'], 'development');
  const port = int('PORT', 3000, 0, 65535);
  const host = env.HOST || '127.0.0.1';

  let publicUrl = env.PUBLIC_URL || `http://localhost:${port}`;
  try {
    const url = new URL(publicUrl);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('protocol');
    publicUrl = url.origin;
  } catch {
    problems.push(`PUBLIC_URL must be an http(s) address such as https://portaal.example.nl (got "${publicUrl}")`);
  }

  const databaseUrl = env.DATABASE_URL || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    problems.push('DATABASE_URL must start with postgres:// or postgresql://');
  }

  const devOutbox = bool('DEV_OUTBOX', nodeEnv !== 'production');
  if (devOutbox && nodeEnv === 'production') {
    problems.push('DEV_OUTBOX cannot be true when NODE_ENV=production: it would show mail and SMS on a web page');
  }
  if (nodeEnv === 'production' && !publicUrl.startsWith('https://')) {
    problems.push('PUBLIC_URL must use https:// when NODE_ENV=production');
  }

  let trustProxy: string[] | false = false;
  const rawProxy = env.TRUST_PROXY;
  if (rawProxy && rawProxy !== 'false') {
    trustProxy = rawProxy
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    const bad = trustProxy.filter((p) => !/^[0-9a-fA-F:.]+(\/\d{1,3})?$/.test(p));
    if (bad.length) problems.push(`TRUST_PROXY must list IP addresses or CIDR ranges (bad: ${bad.join(', ')})`);
  }

  const config: Config = {
    nodeEnv,
    port,
    host,
    publicUrl,
    dataDir: path.resolve(env.DATA_DIR || path.join(projectRoot, 'data')),
    databaseUrl,
    seedDemoData: bool('SEED_DEMO_DATA', !databaseUrl && nodeEnv !== 'production'),
    devOutbox,
    sessionIdleMinutes: int('SESSION_IDLE_MINUTES', 30, 1, 24 * 60),
    sessionAbsoluteHours: int('SESSION_ABSOLUTE_HOURS', 12, 1, 24 * 7),
    logLevel: oneOf('LOG_LEVEL', ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], 'info'),
    trustProxy,
    bodyLimitBytes: int('BODY_LIMIT_BYTES', 1024 * 1024, 1024, 100 * 1024 * 1024),
    webDistDir: path.join(projectRoot, 'web/dist'),
    migrationsDir: path.join(projectRoot, 'server/drizzle'),
  };
  if (problems.length) throw new ConfigError(problems);
  return config;
}

/** A configuration for tests: development defaults, quiet logs, overrides on top. */
export function testConfig(overrides: Partial<Config> = {}): Config {
  const base = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    SEED_DEMO_DATA: 'false',
    DATA_DIR: path.join(os.tmpdir(), `kring-test-${process.pid}`),
  });
  return { ...base, ...overrides };
}
