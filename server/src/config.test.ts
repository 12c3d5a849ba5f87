import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, configVariables, loadConfig, projectRoot } from './config.js';

/** Real mail and SMS, as an organisation configures them. */
const providers = {
  SMTP_URL: 'smtp://kring:Geheim-Wachtwoord@mail.example.nl:587',
  MAIL_FROM: '"Kring" <noreply@example.nl>',
  SMS_PROVIDER: 'cm',
  CM_PRODUCT_TOKEN: '8f2c6a1e-4b7d-4e0a-9c3f-2d5b8a7e6f10',
};

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
    return [];
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
}

describe('configuration', () => {
  it('starts with no variables at all: embedded database, port 3000, demo data and dev outbox', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 3000,
      publicUrl: 'http://localhost:3000',
      databaseUrl: undefined,
      seedDemoData: true,
      devOutbox: true,
      mail: undefined,
      sms: undefined,
      sessionIdleMinutes: 30,
      sessionAbsoluteHours: 12,
    });
  });

  it('names every bad variable at once', () => {
    const problems = problemsOf({
      PORT: 'abc',
      SESSION_IDLE_MINUTES: '0',
      DATABASE_URL: 'mysql://x',
      LOG_LEVEL: 'loud',
    });
    expect(problems).toHaveLength(4);
    expect(problems.join('\n')).toMatch(/PORT/);
    expect(problems.join('\n')).toMatch(/SESSION_IDLE_MINUTES/);
    expect(problems.join('\n')).toMatch(/DATABASE_URL/);
    expect(problems.join('\n')).toMatch(/LOG_LEVEL/);
  });

  it('refuses the dev outbox and plain http in production, and seeds no demo data there', () => {
    const problems = problemsOf({
      NODE_ENV: 'production',
      DEV_OUTBOX: 'true',
      PUBLIC_URL: 'http://portaal.example.nl',
      ...providers,
    });
    expect(problems.some((p) => p.startsWith('DEV_OUTBOX'))).toBe(true);
    expect(problems.some((p) => p.startsWith('PUBLIC_URL'))).toBe(true);
    const prod = loadConfig({
      NODE_ENV: 'production',
      PUBLIC_URL: 'https://portaal.example.nl',
      DATABASE_URL: 'postgres://db/kring',
      ...providers,
    });
    expect(prod).toMatchObject({ devOutbox: false, seedDemoData: false, publicUrl: 'https://portaal.example.nl' });
  });

  it('uses PostgreSQL when DATABASE_URL is set and then seeds no demo data unless asked', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://postgres@127.0.0.1/kring' }).seedDemoData).toBe(false);
    expect(
      loadConfig({ DATABASE_URL: 'postgres://postgres@127.0.0.1/kring', SEED_DEMO_DATA: 'true' }).seedDemoData,
    ).toBe(true);
  });

  it('reads TRUST_PROXY as a list of addresses and refuses anything else', () => {
    expect(loadConfig({ TRUST_PROXY: '10.0.0.1, 10.1.0.0/16' }).trustProxy).toEqual(['10.0.0.1', '10.1.0.0/16']);
    expect(problemsOf({ TRUST_PROXY: 'everyone' })[0]).toMatch(/TRUST_PROXY/);
  });

  it('sends for real when mail and SMS providers are configured: no dev outbox, CM.com defaults', () => {
    const config = loadConfig(providers);
    expect(config.devOutbox).toBe(false);
    expect(config.mail).toEqual({ smtpUrl: providers.SMTP_URL, from: providers.MAIL_FROM });
    expect(config.sms).toEqual({
      provider: 'cm',
      productToken: providers.CM_PRODUCT_TOKEN,
      sender: 'Kring',
      apiUrl: 'https://gw.messaging.cm.com/v1.0/message',
      timeoutMs: 10_000,
    });
    const custom = loadConfig({
      ...providers,
      SMS_SENDER: 'Zorg Thuis',
      SMS_API_URL: 'http://127.0.0.1:9999/v1.0/message',
      SMS_TIMEOUT_MS: '2500',
    });
    expect(custom.sms).toMatchObject({
      sender: 'Zorg Thuis',
      apiUrl: 'http://127.0.0.1:9999/v1.0/message',
      timeoutMs: 2500,
    });
  });

  it('refuses half a configuration outside production: both providers, or neither for demo mode', () => {
    const onlyMail = problemsOf({ SMTP_URL: providers.SMTP_URL, MAIL_FROM: providers.MAIL_FROM });
    expect(onlyMail).toEqual([
      expect.stringMatching(/^SMTP_URL is set but SMS_PROVIDER is not: configure both .* or neither/),
    ]);
    const onlySms = problemsOf({ SMS_PROVIDER: 'cm', CM_PRODUCT_TOKEN: providers.CM_PRODUCT_TOKEN });
    expect(onlySms).toEqual([expect.stringMatching(/^SMS_PROVIDER is set but SMTP_URL is not/)]);
  });

  it('names every missing provider variable in production', () => {
    const problems = problemsOf({ NODE_ENV: 'production', PUBLIC_URL: 'https://portaal.example.nl' });
    expect(problems).toEqual([
      'NODE_ENV=production sends real e-mail and SMS and needs a provider for both; missing: SMTP_URL, MAIL_FROM, SMS_PROVIDER, CM_PRODUCT_TOKEN',
    ]);
    const half = problemsOf({ NODE_ENV: 'production', PUBLIC_URL: 'https://portaal.example.nl', SMS_PROVIDER: 'cm' });
    expect(half.join('\n')).toMatch(/missing: SMTP_URL, MAIL_FROM$/m);
    expect(half.join('\n')).toMatch(/^CM_PRODUCT_TOKEN is required with SMS_PROVIDER=cm/m);
  });

  it('refuses DEV_OUTBOX=true next to providers, and DEV_OUTBOX=false without them', () => {
    expect(problemsOf({ ...providers, DEV_OUTBOX: 'true' })).toEqual([
      expect.stringMatching(/^DEV_OUTBOX=true cannot be combined with SMTP_URL and SMS_PROVIDER/),
    ]);
    expect(problemsOf({ DEV_OUTBOX: 'false' })).toEqual([
      expect.stringMatching(
        /^DEV_OUTBOX=false needs real e-mail and SMS: set SMTP_URL, MAIL_FROM, SMS_PROVIDER and CM_PRODUCT_TOKEN/,
      ),
    ]);
  });

  it('checks each mail and SMS setting, and never repeats a secret in its message', () => {
    const problems = problemsOf({
      SMTP_URL: 'http://kring:Geheim-Wachtwoord@mail.example.nl',
      MAIL_FROM: 'Kring',
      SMS_PROVIDER: 'twilio',
      CM_PRODUCT_TOKEN: providers.CM_PRODUCT_TOKEN,
      SMS_SENDER: 'Kring Zorg Thuis',
      SMS_API_URL: 'gw.messaging.cm.com',
      SMS_TIMEOUT_MS: '0',
    });
    const text = problems.join('\n');
    for (const name of ['SMTP_URL', 'MAIL_FROM', 'SMS_PROVIDER', 'SMS_SENDER', 'SMS_API_URL', 'SMS_TIMEOUT_MS']) {
      expect(text).toMatch(new RegExp(`^${name} `, 'm'));
    }
    expect(text).not.toContain('Geheim-Wachtwoord');
    expect(text).not.toContain(providers.CM_PRODUCT_TOKEN);
    expect(problemsOf({ ...providers, MAIL_FROM: '' })).toEqual([
      expect.stringMatching(/^MAIL_FROM is required with SMTP_URL/),
    ]);
    expect(
      problemsOf({
        ...providers,
        NODE_ENV: 'production',
        PUBLIC_URL: 'https://portaal.example.nl',
        SMS_API_URL: 'http://gw.example.nl/v1.0/message',
      }),
    ).toEqual([expect.stringMatching(/^SMS_API_URL must use https:\/\/ when NODE_ENV=production/)]);
  });

  it('describes every variable in the README’s configuration table', () => {
    const readme = fs.readFileSync(path.join(projectRoot, 'README.md'), 'utf8');
    const documented = [...readme.matchAll(/^\| `([A-Z_]+)` +\|/gm)].map((m) => m[1]);
    expect(documented).toEqual([...configVariables]);
  });
});
