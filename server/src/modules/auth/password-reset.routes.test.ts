/** "Wachtwoord vergeten?" (R3, N4): single-use links, expiry, and the SMS step that a reset never skips. */
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { devOutbox } from '../../platform/schema.js';
import { injectAs, useTestApp } from '../../test/app.js';
import { buildPerson, testPassword } from '../../test/factories.js';
import { lastMailLink, lastMessageTo, lastSmsCode } from '../../test/outbox.js';

const newPassword = 'paarse olifanten fietsen langs de zee';

describe('password reset', () => {
  const t = useTestApp();
  const post = (url: string, payload: object, cookies: Record<string, string> = {}) =>
    t.app.inject({ method: 'POST', url, payload, cookies });

  it('N4: gives the same answer for a known and an unknown address, and mails only the known one', async () => {
    const person = await buildPerson(t.database.db);
    const known = await post('/api/auth/password-reset', { email: person.email });
    const unknown = await post('/api/auth/password-reset', { email: 'niemand-hier@example.test' });
    expect(known.statusCode).toBe(202);
    expect(unknown.statusCode).toBe(202);
    expect(known.body).toBe(unknown.body);
    const mail = await lastMessageTo(t.database.db, person.email);
    expect(mail?.subject).toMatch(/wachtwoord/i);
    expect(mail?.body).toContain('60 minuten');
    expect(await lastMessageTo(t.database.db, 'niemand-hier@example.test')).toBeUndefined();
  });

  it('R3/N4: link → new password → SMS code → signed in; other sessions and devices end; a mail says so', async () => {
    const person = await buildPerson(t.database.db);
    const elsewhere = await injectAs(t.app, person);
    await post('/api/auth/password-reset', { email: person.email });
    const { token } = await lastMailLink(t.database.db, person.email);
    expect((await post('/api/auth/password-reset/check', { token })).json()).toEqual({ valid: true });

    const complete = await post('/api/auth/password-reset/complete', { token, password: newPassword });
    expect(complete.statusCode).toBe(200);
    expect(complete.json().status).toBe('sms_required');
    // Before the code the old password still counts: the mailbox alone changes nothing.
    expect((await elsewhere.inject({ method: 'GET', url: '/api/me' })).statusCode).toBe(200);

    const attempt = complete.cookies.find((c) => c.name === 'kring_attempt')!.value;
    const code = await lastSmsCode(t.database.db, person.mobile!);
    const verified = await post('/api/auth/sms/verify', { code }, { kring_attempt: attempt });
    expect(verified.statusCode).toBe(200);
    expect(verified.json().purpose).toBe('password_reset');

    expect((await elsewhere.inject({ method: 'GET', url: '/api/me' })).statusCode).toBe(401);
    const old = await post('/api/auth/login', { email: person.email, password: testPassword });
    expect(old.statusCode).toBe(401);
    // The old browser's trust ended: the new password there asks for a code again.
    const again = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      cookies: { kring_device: elsewhere.deviceToken! },
      payload: { email: person.email, password: newPassword },
    });
    expect(again.json().status).toBe('sms_required');
    const mail = await lastMessageTo(t.database.db, person.email);
    expect(mail?.subject).toMatch(/gewijzigd/);
  });

  it('ASVS V6.4.3: a reset never skips the SMS step, also on a trusted browser', async () => {
    const person = await buildPerson(t.database.db);
    const browser = await injectAs(t.app, person);
    await post('/api/auth/password-reset', { email: person.email });
    const { token } = await lastMailLink(t.database.db, person.email);
    const complete = await post(
      '/api/auth/password-reset/complete',
      { token, password: newPassword },
      { kring_device: browser.deviceToken! },
    );
    expect(complete.json().status).toBe('sms_required');
    expect(complete.cookies.find((c) => c.name === 'kring_session')).toBeUndefined();
  });

  it('a reset link works once', async () => {
    const person = await buildPerson(t.database.db);
    await post('/api/auth/password-reset', { email: person.email });
    const { token } = await lastMailLink(t.database.db, person.email);
    expect((await post('/api/auth/password-reset/complete', { token, password: newPassword })).statusCode).toBe(200);
    const second = await post('/api/auth/password-reset/complete', { token, password: newPassword });
    expect(second.statusCode).toBe(410);
    expect(second.json().error.code).toBe('link_used');
  });

  it('a reset link expires after 60 minutes', async () => {
    const person = await buildPerson(t.database.db);
    await post('/api/auth/password-reset', { email: person.email });
    const { token } = await lastMailLink(t.database.db, person.email);
    t.clock.advance({ minutes: 60, seconds: 1 });
    const res = await post('/api/auth/password-reset/check', { token });
    expect(res.statusCode).toBe(410);
    expect(res.json().error.code).toBe('link_expired');
    expect((await post('/api/auth/password-reset/check', { token: 'x'.repeat(43) })).json().error.code).toBe(
      'link_invalid',
    );
  });

  it('N3 V6.2: refuses a weak or personal new password and keeps the link usable', async () => {
    const person = await buildPerson(t.database.db, { givenName: 'Wilhelmina' });
    await post('/api/auth/password-reset', { email: person.email });
    const { token } = await lastMailLink(t.database.db, person.email);
    const weak = await post('/api/auth/password-reset/complete', { token, password: 'wachtwoord' });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().error.code).toBe('password_rejected');
    const personal = await post('/api/auth/password-reset/complete', { token, password: 'Wilhelmina1938!' });
    expect(personal.json().error.details[0].code).toBe('personal');
    expect((await post('/api/auth/password-reset/complete', { token, password: newPassword })).statusCode).toBe(200);
  });

  it('limits reset mails per address', async () => {
    const person = await buildPerson(t.database.db);
    for (let i = 0; i < 3; i++)
      expect((await post('/api/auth/password-reset', { email: person.email })).statusCode).toBe(202);
    expect((await post('/api/auth/password-reset', { email: person.email })).statusCode).toBe(429);
    const mails = await t.database.db.select().from(devOutbox).where(eq(devOutbox.to, person.email));
    expect(mails).toHaveLength(3);
  });
});
