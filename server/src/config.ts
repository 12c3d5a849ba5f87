/**
 * The one place that reads process.env. Every variable is described here, checked once at start,
 * and a bad or missing one stops the server with a message that names it.
 */
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import addressparser from 'nodemailer/lib/addressparser';

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
  /**
   * Demo mode: mail and SMS go to the dev outbox, shown in the app, instead of being sent. The
   * default when neither SMTP_URL nor SMS_PROVIDER is set (outside production); never in production.
   */
  devOutbox: boolean;
  /** Real e-mail over SMTP; undefined in demo mode. */
  mail: MailConfig | undefined;
  /** Real SMS through a provider's HTTP API; undefined in demo mode. */
  sms: SmsConfig | undefined;
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

export interface MailConfig {
  /** SMTP server with its login, e.g. smtp://user:password@mail.example.nl:587 (SMTP_URL). A secret: never logged. */
  smtpUrl: string;
  /** Sender of every mail, e.g. "Kring" <noreply@example.nl> (MAIL_FROM): an address the SMTP server may send as. */
  from: string;
}

/** The SMS providers Kring can use (SMS_PROVIDER). */
export const smsProviders = ['cm'] as const;
export type SmsProviderName = (typeof smsProviders)[number];

export interface SmsConfig {
  /** Which provider's API (SMS_PROVIDER): `cm` is CM.com's Business Messaging API. */
  provider: SmsProviderName;
  /** CM.com product token (CM_PRODUCT_TOKEN). A secret: never logged. */
  productToken: string;
  /** The sender the phone shows (SMS_SENDER): up to 11 letters, digits and spaces, or a number of up to 16 digits. */
  sender: string;
  /** The provider's endpoint (SMS_API_URL); tests point it at a server on loopback. */
  apiUrl: string;
  /** How long to wait for the provider (SMS_TIMEOUT_MS) before the user is told to try again. */
  timeoutMs: number;
}

/** CM.com's global Business Messaging endpoint. */
export const cmApiUrl = 'https://gw.messaging.cm.com/v1.0/message';

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
  'SMTP_URL',
  'MAIL_FROM',
  'SMS_PROVIDER',
  'CM_PRODUCT_TOKEN',
  'SMS_SENDER',
  'SMS_API_URL',
  'SMS_TIMEOUT_MS',
  'SESSION_IDLE_MINUTES',
  'SESSION_ABSOLUTE_HOURS',
  'LOG_LEVEL',
  'TRUST_PROXY',
  'BODY_LIMIT_BYTES',
  'WEB_DIST_DIR',
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

  // Mail and SMS. Values of SMTP_URL and CM_PRODUCT_TOKEN hold secrets: messages never repeat them.
  const smtpUrl = env.SMTP_URL || undefined;
  if (smtpUrl) {
    let ok = false;
    try {
      const url = new URL(smtpUrl);
      ok = (url.protocol === 'smtp:' || url.protocol === 'smtps:') && url.hostname !== '';
    } catch {
      ok = false;
    }
    if (!ok)
      problems.push('SMTP_URL must be an smtp:// or smtps:// address such as smtp://user:password@mail.example.nl:587');
  }
  const mailFrom = env.MAIL_FROM || undefined;
  if (mailFrom) {
    const addresses = addressparser(mailFrom, { flatten: true });
    if (addresses.length !== 1 || !/^[^\s@]+@[^\s@]+$/.test(addresses[0]?.address ?? '')) {
      problems.push(`MAIL_FROM must be one address such as "Kring" <noreply@example.nl> (got "${mailFrom}")`);
    }
  }
  const smsProvider = env.SMS_PROVIDER ? oneOf('SMS_PROVIDER', smsProviders, 'cm') : undefined;
  const cmProductToken = env.CM_PRODUCT_TOKEN || undefined;
  if (cmProductToken && !/^\S+$/.test(cmProductToken)) problems.push('CM_PRODUCT_TOKEN must not contain spaces');
  const smsSender = env.SMS_SENDER || 'Kring';
  // What CM.com and the phone networks accept as a sender; anything else is refused or rewritten.
  if (!/^[A-Za-z0-9 ]{1,11}$/.test(smsSender) && !/^\d{1,16}$/.test(smsSender)) {
    problems.push(
      `SMS_SENDER must be up to 11 letters, digits and spaces, or a number of up to 16 digits (got "${smsSender}")`,
    );
  }
  let smsApiUrl = env.SMS_API_URL || cmApiUrl;
  try {
    const url = new URL(smsApiUrl);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('protocol');
    smsApiUrl = url.toString();
    if (nodeEnv === 'production' && url.protocol !== 'https:') {
      problems.push('SMS_API_URL must use https:// when NODE_ENV=production: the request carries the product token');
    }
  } catch {
    problems.push(`SMS_API_URL must be an http(s) address (got "${smsApiUrl}")`);
  }
  const smsTimeoutMs = int('SMS_TIMEOUT_MS', 10_000, 100, 60_000);

  if (smtpUrl && !mailFrom) {
    problems.push(
      'MAIL_FROM is required with SMTP_URL, e.g. "Kring" <noreply@example.nl>: an address your mail server may send as',
    );
  }
  if (smsProvider === 'cm' && !cmProductToken) {
    problems.push('CM_PRODUCT_TOKEN is required with SMS_PROVIDER=cm: find it in the Channels app of CM.com');
  }
  // Demo mode (the dev outbox) is the default only when no provider is configured: someone who
  // configured one wants real messages, and half of them silently landing on a web page would hide it.
  const anyProvider = Boolean(smtpUrl || smsProvider);
  const devOutbox = bool('DEV_OUTBOX', nodeEnv !== 'production' && !anyProvider);
  const missingProviders = [
    ...(smtpUrl ? [] : ['SMTP_URL', 'MAIL_FROM']),
    ...(smsProvider ? [] : ['SMS_PROVIDER', 'CM_PRODUCT_TOKEN']),
  ];
  if (nodeEnv === 'production') {
    if (devOutbox) {
      problems.push('DEV_OUTBOX cannot be true when NODE_ENV=production: it would show mail and SMS on a web page');
    }
    if (missingProviders.length) {
      problems.push(
        `NODE_ENV=production sends real e-mail and SMS and needs a provider for both; missing: ${missingProviders.join(', ')}`,
      );
    }
  } else if (devOutbox && anyProvider) {
    problems.push(
      `DEV_OUTBOX=true cannot be combined with ${[smtpUrl && 'SMTP_URL', smsProvider && 'SMS_PROVIDER'].filter(Boolean).join(' and ')}: ` +
        'leave DEV_OUTBOX unset to send for real, or remove the providers for demo mode',
    );
  } else if (!devOutbox && anyProvider && missingProviders.length) {
    problems.push(
      `${smtpUrl ? 'SMTP_URL' : 'SMS_PROVIDER'} is set but ${smtpUrl ? 'SMS_PROVIDER' : 'SMTP_URL'} is not: configure both ` +
        'e-mail (SMTP_URL, MAIL_FROM) and SMS (SMS_PROVIDER, CM_PRODUCT_TOKEN), or neither for demo mode with the dev outbox',
    );
  } else if (!devOutbox && !anyProvider) {
    problems.push(
      'DEV_OUTBOX=false needs real e-mail and SMS: set SMTP_URL, MAIL_FROM, SMS_PROVIDER and CM_PRODUCT_TOKEN, ' +
        'or leave DEV_OUTBOX unset for demo mode',
    );
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
    mail: !devOutbox && smtpUrl && mailFrom ? { smtpUrl, from: mailFrom } : undefined,
    sms:
      !devOutbox && smsProvider && cmProductToken
        ? {
            provider: smsProvider,
            productToken: cmProductToken,
            sender: smsSender,
            apiUrl: smsApiUrl,
            timeoutMs: smsTimeoutMs,
          }
        : undefined,
    sessionIdleMinutes: int('SESSION_IDLE_MINUTES', 30, 1, 24 * 60),
    sessionAbsoluteHours: int('SESSION_ABSOLUTE_HOURS', 12, 1, 24 * 7),
    logLevel: oneOf('LOG_LEVEL', ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], 'info'),
    trustProxy,
    bodyLimitBytes: int('BODY_LIMIT_BYTES', 1024 * 1024, 1024, 100 * 1024 * 1024),
    webDistDir: path.resolve(env.WEB_DIST_DIR || path.join(projectRoot, 'web/dist')),
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
