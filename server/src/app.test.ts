import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from './app.js';
import { testConfig } from './config.js';
import { MovableClock } from './platform/clock.js';
import { injectAs, useTestApp } from './test/app.js';
import { createTestDatabase } from './test/db.js';
import { buildPerson, testPassword } from './test/factories.js';

describe('the HTTP baseline', () => {
  const t = useTestApp();

  it('N3 V3.4: sends a strict CSP without inline script, nosniff, frame-ancestors none and HSTS', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/config' });
    const csp = res.headers['content-security-policy'] as string;
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).toContain("frame-ancestors 'none'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['strict-transport-security']).toContain('max-age=31536000');
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('answers /healthz always and /readyz while the database answers', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/healthz' })).json()).toEqual({ status: 'ok' });
    expect((await t.app.inject({ method: 'GET', url: '/readyz' })).json()).toEqual({ status: 'ready' });
  });

  it('describes every API route in /api/openapi.json and serves the docs page', async () => {
    const spec = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    expect(spec.openapi).toMatch(/^3\./);
    const documented = Object.keys(spec.paths);
    for (const route of [
      '/api/auth/login',
      '/api/auth/logout',
      '/api/me',
      '/api/portals/{clientId}',
      '/api/config',
      '/healthz',
      '/readyz',
    ]) {
      expect(documented).toContain(route);
    }
    const docs = await t.app.inject({ method: 'GET', url: '/api/docs/' });
    expect(docs.statusCode).toBe(200);
    expect(docs.body).toContain('swagger');
  });

  it('answers an unknown API route with the error shape and 404', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/bestaat-niet' });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('not_found');
  });

  it('refuses a body over the limit with 413 and the error shape', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'a@b.test', password: 'x'.repeat(2 * 1024 * 1024) },
    });
    expect(res.statusCode).toBe(413);
    expect(res.json().error.code).toBe('payload_too_large');
  });

  it('shows the dev outbox in demo mode, newest first', async () => {
    await t.app.ctx.outbox.sendEmail({ to: 'een@example.test', subject: 'Eerste', text: 'een' });
    t.clock.advance({ seconds: 1 });
    await t.app.ctx.outbox.sendSms({ to: '+31612345678', body: 'Uw code is 123456' });
    const res = await t.app.inject({ method: 'GET', url: '/api/dev/outbox' });
    const messages = res.json().messages;
    expect(messages[0]).toMatchObject({ channel: 'sms', to: '+31612345678', subject: null });
    expect(messages[1]).toMatchObject({ channel: 'email', subject: 'Eerste', body: 'een' });
  });
});

describe('an app with real providers configured', () => {
  const t = useTestApp({ devOutbox: false });
  it('has no dev outbox route at all', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/dev/outbox' });
    expect(res.statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: '/api/config' })).json().devOutbox).toBe(false);
  });
});

describe('logs, errors and the web app', () => {
  const lines: string[] = [];
  let webDir: string;
  let close: () => Promise<void>;
  let app: Awaited<ReturnType<typeof buildApp>>;

  beforeAll(async () => {
    webDir = await fs.mkdtemp(path.join(os.tmpdir(), 'kring-web-'));
    await fs.mkdir(path.join(webDir, 'assets'));
    await fs.writeFile(path.join(webDir, 'index.html'), '<!doctype html><title>Kring</title><div id="root"></div>');
    await fs.writeFile(path.join(webDir, 'assets', 'app-abc123.js'), 'console.log(1)');
    const database = await createTestDatabase();
    app = await buildApp(testConfig({ logLevel: 'info', webDistDir: webDir }), {
      database,
      clock: new MovableClock(),
      logStream: { write: (line: string) => void lines.push(line) },
    });
    app.get('/api/test/boom', async () => {
      throw new Error('secret internal detail');
    });
    await app.ready();
    close = async () => {
      await app.close();
      await database.close();
      await fs.rm(webDir, { recursive: true, force: true });
    };
  });
  afterAll(() => close());

  it('never logs passwords, session tokens or CSRF tokens', async () => {
    const person = await buildPerson(app.ctx.db);
    const session = await injectAs(app, person);
    await session.inject({ method: 'GET', url: '/api/me?token=abc' });
    await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: person.email, password: 'fout-wachtwoord-123' },
    });
    const log = lines.join('');
    expect(log).toContain('/api/auth/login');
    expect(log).not.toContain(testPassword);
    expect(log).not.toContain('fout-wachtwoord-123');
    expect(log).not.toContain(session.cookie.split('=')[1]);
    expect(log).not.toContain(session.csrfToken);
    expect(log).not.toContain('token=abc');
  });

  it('hides the details of a 5xx error from the user and logs them', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/test/boom' });
    expect(res.statusCode).toBe(500);
    expect(res.json()).toEqual({ error: { code: 'internal_error', message: 'Something went wrong on our side.' } });
    expect(lines.join('')).toContain('secret internal detail');
  });

  it('serves the web app: index.html for page routes, cached hashed assets, JSON 404 for the API', async () => {
    const page = await app.inject({ method: 'GET', url: '/p/123/algemeen', headers: { accept: 'text/html' } });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<div id="root">');
    expect(page.headers['cache-control']).toBe('no-cache');
    const asset = await app.inject({ method: 'GET', url: '/assets/app-abc123.js' });
    expect(asset.headers['cache-control']).toContain('immutable');
    const missingAsset = await app.inject({ method: 'GET', url: '/assets/missing.js' });
    expect(missingAsset.statusCode).toBe(404);
    const api = await app.inject({ method: 'GET', url: '/api/nope', headers: { accept: 'text/html' } });
    expect(api.statusCode).toBe(404);
    expect(api.json().error.code).toBe('not_found');
  });

  it('answers /readyz with 503 once the database is gone', async () => {
    await app.ctx.database.close();
    const res = await app.inject({ method: 'GET', url: '/readyz' });
    expect(res.statusCode).toBe(503);
    expect((await app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
  });
});
