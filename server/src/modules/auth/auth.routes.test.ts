import { describe, expect, it } from 'vitest';
import { createTestApp, injectAs, useTestApp } from '../../test/app.js';
import { buildClient, buildContactPerson, buildPerson, testPassword } from '../../test/factories.js';
import { lastMailLink, lastSmsCode } from '../../test/outbox.js';

describe('login and sessions over HTTP', () => {
  const t = useTestApp();

  it('logs in with e-mail, password and SMS code; sets HttpOnly SameSite=Lax cookies and returns no secret', async () => {
    const person = await buildPerson(t.database.db, { email: 'anna.test@example.test' });
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: '  Anna.Test@Example.test ', password: testPassword },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().status).toBe('sms_required');
    const attempt = res.cookies.find((c) => c.name === 'kring_attempt')!;
    expect(attempt).toMatchObject({ httpOnly: true, sameSite: 'Lax' });
    const code = await lastSmsCode(t.database.db, person.mobile!);
    expect(res.body).not.toContain(code);
    const verified = await t.app.inject({
      method: 'POST',
      url: '/api/auth/sms/verify',
      cookies: { kring_attempt: attempt.value },
      payload: { code },
    });
    expect(verified.statusCode).toBe(200);
    const cookie = verified.cookies.find((c) => c.name === 'kring_session')!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Lax');
    expect(cookie.value.length).toBeGreaterThanOrEqual(22); // ≥ 128 bits in base64url
    expect(verified.cookies.find((c) => c.name === 'kring_device')).toMatchObject({ httpOnly: true, sameSite: 'Lax' });
    expect(verified.body).not.toContain(testPassword);
    expect(verified.headers['cache-control']).toBe('no-store');
    const me = await t.app.inject({ method: 'GET', url: '/api/me', cookies: { kring_session: cookie.value } });
    expect(me.statusCode).toBe(200);
    expect(me.json().person.id).toBe(person.id);
  });

  it('N3 V6.3.8: answers an unknown address and a wrong password the same way', async () => {
    const person = await buildPerson(t.database.db);
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: person.email, password: 'niet-het-goede' },
    });
    const unknown = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'niemand@example.test', password: 'niet-het-goede' },
    });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json()).toEqual(unknown.json());
    expect(wrong.json().error.code).toBe('invalid_credentials');
  });

  it('refuses a disabled or invited account with the same answer as a wrong password', async () => {
    const disabled = await buildPerson(t.database.db, { status: 'disabled' });
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: disabled.email, password: testPassword },
    });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('invalid_credentials');
  });

  it('V7.2.4: starts a new session at every login', async () => {
    const person = await buildPerson(t.database.db);
    const a = await injectAs(t.app, person);
    const b = await injectAs(t.app, person);
    expect(a.cookie).not.toBe(b.cookie);
    expect((await a.inject({ method: 'GET', url: '/api/me' })).statusCode).toBe(200);
    expect((await b.inject({ method: 'GET', url: '/api/me' })).statusCode).toBe(200);
  });

  it('ends the session on the server at logout: the old cookie no longer works', async () => {
    const person = await buildPerson(t.database.db);
    const s = await injectAs(t.app, person);
    const out = await s.inject({ method: 'POST', url: '/api/auth/logout' });
    expect(out.statusCode).toBe(204);
    const after = await s.inject({ method: 'GET', url: '/api/me' });
    expect(after.statusCode).toBe(401);
    expect(after.json().error.code).toBe('unauthenticated');
  });

  it('ends a session after 30 minutes without activity', async () => {
    const person = await buildPerson(t.database.db);
    const s = await injectAs(t.app, person);
    t.clock.advance({ minutes: 29 });
    expect((await s.inject({ method: 'GET', url: '/api/me' })).statusCode).toBe(200);
    // Activity moved the idle deadline: 29 more minutes are fine, 30 without activity are not.
    t.clock.advance({ minutes: 29 });
    expect((await s.inject({ method: 'GET', url: '/api/me' })).statusCode).toBe(200);
    t.clock.advance({ minutes: 30, seconds: 1 });
    expect((await s.inject({ method: 'GET', url: '/api/me' })).statusCode).toBe(401);
  });

  it('ends a session 12 hours after login, however active', async () => {
    const person = await buildPerson(t.database.db);
    const s = await injectAs(t.app, person);
    for (let i = 0; i < 24; i++) {
      t.clock.advance({ minutes: 29 });
      const res = await s.inject({ method: 'GET', url: '/api/me' });
      expect(res.statusCode, `after ${(i + 1) * 29} minutes`).toBe(200);
    }
    t.clock.advance({ minutes: 25 });
    expect((await s.inject({ method: 'GET', url: '/api/me' })).statusCode).toBe(401);
  });

  it('V3.5: refuses a state-changing request with the session cookie but without the CSRF token', async () => {
    const person = await buildPerson(t.database.db);
    const s = await injectAs(t.app, person);
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie: s.cookie } });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('csrf_failed');
    const wrong = await s.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { 'x-csrf-token': 'x'.repeat(43) },
    });
    expect(wrong.statusCode).toBe(403);
    // The session survived both attempts.
    expect((await s.inject({ method: 'GET', url: '/api/me' })).statusCode).toBe(200);
  });

  it('V3.5: refuses a login posted from another site (login CSRF)', async () => {
    const person = await buildPerson(t.database.db);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { origin: 'https://evil.example' },
      payload: { email: person.email, password: testPassword },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('csrf_failed');
    const sameSite = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { origin: t.app.ctx.config.publicUrl },
      payload: { email: person.email, password: testPassword },
    });
    expect(sameSite.statusCode).toBe(200);
    const otherName = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { origin: 'http://127.0.0.1:3000', host: '127.0.0.1:3000' },
      payload: { email: person.email, password: testPassword },
    });
    expect(otherName.statusCode).toBe(200);
  });

  it('V3.5: in production only PUBLIC_URL counts as the portal’s own origin', async () => {
    const prod = await createTestApp({ nodeEnv: 'production', publicUrl: 'https://portaal.example.nl' });
    try {
      const person = await buildPerson(prod.database.db);
      const res = await prod.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        headers: { origin: 'http://evil.example', host: 'evil.example' },
        payload: { email: person.email, password: testPassword },
      });
      expect(res.statusCode).toBe(403);
      const own = await prod.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        headers: { origin: 'https://portaal.example.nl' },
        payload: { email: person.email, password: testPassword },
      });
      expect(own.statusCode).toBe(200);
      expect(own.cookies.find((c) => c.name === '__Host-kring_attempt')).toMatchObject({
        secure: true,
        httpOnly: true,
      });
    } finally {
      await prod.app.close();
      await prod.database.close();
    }
  });

  it('answers bad input with validation_failed naming the field, and loses nothing', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'a@b.test' } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('validation_failed');
    expect(res.json().error.details[0].field).toBe('password');
  });

  it('lists the portals of a person in two networks, own first, then by surname without tussenvoegsel', async () => {
    const db = t.database.db;
    const person = await buildPerson(db);
    const vries = await buildClient(db, { givenName: 'Hendrik', namePrefix: 'de', familyName: 'Vries' });
    const berg = await buildClient(db, { givenName: 'Johanna', namePrefix: 'van den', familyName: 'Berg' });
    await buildContactPerson(db, vries.id, { person, permissions: ['agenda:read'] });
    await buildContactPerson(db, berg.id, { person, permissions: ['board:read'] });
    const s = await injectAs(t.app, person);
    const me = (await s.inject({ method: 'GET', url: '/api/me' })).json();
    expect(me.portals.map((p: { clientName: string }) => p.clientName)).toEqual([
      'Johanna van den Berg',
      'Hendrik de Vries',
    ]);
    expect(me.portals[1].permissions).toEqual(['agenda:read']);
  });
});

describe('wrong passwords (N3 V6.3.1, N5)', () => {
  const t = useTestApp();
  // Each call from another address: this is about the per-account delays, not the per-IP limit.
  let n = 0;
  const tryLogin = (email: string, password: string) =>
    t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      remoteAddress: `127.1.${Math.floor(++n / 250)}.${(n % 250) + 1}`,
      payload: { email, password },
    });

  it('lets 5 wrong passwords pass, then makes each next try wait longer, the same for unknown addresses', async () => {
    const person = await buildPerson(t.database.db);
    for (const email of [person.email, 'onbekend-adres@example.test']) {
      for (let i = 0; i < 5; i++) expect((await tryLogin(email, `fout-${i}`)).statusCode).toBe(401);
      const blocked = await tryLogin(email, testPassword);
      expect(blocked.statusCode).toBe(429);
      expect(blocked.headers['retry-after']).toBe('15');
      t.clock.advance({ seconds: 15 });
      expect((await tryLogin(email, 'nog-steeds-fout')).statusCode).toBe(401);
      expect((await tryLogin(email, testPassword)).headers['retry-after']).toBe('30');
      t.clock.advance({ seconds: 30 });
    }
    // The right password after waiting: in, and the count starts again.
    expect((await tryLogin(person.email, testPassword)).json().status).toBe('sms_required');
    expect((await tryLogin(person.email, 'fout')).statusCode).toBe(401);
  });

  it('never makes a stranger wait longer than 15 minutes per try', async () => {
    const person = await buildPerson(t.database.db);
    let waited = 0;
    for (let i = 0; i < 20; i++) {
      const res = await tryLogin(person.email, `fout-${i}`);
      expect(res.statusCode).toBe(401);
      const next = await tryLogin(person.email, 'x');
      const wait = Number(next.headers['retry-after'] ?? 0);
      expect(wait).toBeLessThanOrEqual(15 * 60);
      waited = wait;
      t.clock.advance({ seconds: wait });
    }
    expect(waited).toBe(15 * 60);
  });

  it('N5: after 100 wrong passwords in a row only a password reset opens the account', async () => {
    const person = await buildPerson(t.database.db);
    for (let i = 0; i < 100; i++) {
      expect((await tryLogin(person.email, `fout-${i}`)).statusCode).toBe(401);
      t.clock.advance({ minutes: 16 });
    }
    const blocked = await tryLogin(person.email, testPassword);
    expect(blocked.statusCode).toBe(423);
    expect(blocked.json().error.code).toBe('account_blocked');
    t.clock.advance({ days: 2 });
    expect((await tryLogin(person.email, testPassword)).statusCode).toBe(423);

    // The person resets the password (link, new password, SMS code) and is in again.
    const newPassword = 'mijn nieuwe wachtwoord is een zin';
    await t.app.inject({ method: 'POST', url: '/api/auth/password-reset', payload: { email: person.email } });
    const { token } = await lastMailLink(t.database.db, person.email);
    const complete = await t.app.inject({
      method: 'POST',
      url: '/api/auth/password-reset/complete',
      payload: { token, password: newPassword },
    });
    const attempt = complete.cookies.find((c) => c.name === 'kring_attempt')!.value;
    const verified = await t.app.inject({
      method: 'POST',
      url: '/api/auth/sms/verify',
      cookies: { kring_attempt: attempt },
      payload: { code: await lastSmsCode(t.database.db, person.mobile!) },
    });
    expect(verified.statusCode).toBe(200);
    expect((await tryLogin(person.email, newPassword)).statusCode).toBe(200);
  }, 60_000);

  it('V6.3.1: limits logins per client address to 100 in 15 minutes, whatever the accounts', async () => {
    const from = { remoteAddress: '127.9.9.9' };
    for (let i = 0; i < 100; i++) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        ...from,
        payload: { email: `sproeien-${i}@example.test`, password: 'Welkom01' },
      });
      expect(res.statusCode).toBe(401);
    }
    const blocked = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      ...from,
      payload: { email: 'nog-een@example.test', password: 'Welkom01' },
    });
    expect(blocked.statusCode).toBe(429);
    // Another address is not affected.
    const other = await tryLogin('weer-een-ander@example.test', 'Welkom01');
    expect(other.statusCode).toBe(401);
  }, 60_000);
});
