import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

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
    });
    expect(problems.some((p) => p.startsWith('DEV_OUTBOX'))).toBe(true);
    expect(problems.some((p) => p.startsWith('PUBLIC_URL'))).toBe(true);
    const prod = loadConfig({
      NODE_ENV: 'production',
      PUBLIC_URL: 'https://portaal.example.nl',
      DATABASE_URL: 'postgres://db/kring',
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
});
