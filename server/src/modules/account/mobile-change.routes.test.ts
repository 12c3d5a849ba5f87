/** R28, N3 V7.5.1: changing the mobile number: password again, an SMS code to the new number, then the change. */
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, persons, trustedDevices } from '../../platform/schema.js';
import { hashToken, newToken } from '../../platform/tokens.js';
import { createTestApp, injectAs, useTestApp, type LoggedIn, type TestApp } from '../../test/app.js';
import { buildClient, buildContactPerson, buildPerson, randomMobile, testPassword } from '../../test/factories.js';
import { cmMessages, startFakeCm, type FakeCm } from '../../test/fake-cm.js';
import { startFakeSmtp, type FakeSmtp } from '../../test/fake-smtp.js';
import { lastMessageTo, lastSmsCode } from '../../test/outbox.js';

const cookieOf = (res: { cookies: { name: string; value: string }[] }, name: string) =>
  res.cookies.find((c) => c.name === name)?.value;

/** A request of the logged-in browser that also carries the mobile change's cookie. */
function withChange(browser: LoggedIn, token: string | undefined) {
  return (method: 'GET' | 'POST' | 'DELETE', url: string, payload?: object) =>
    browser.inject({
      method,
      url,
      ...(payload ? { payload } : {}),
      headers: { cookie: token ? `${browser.cookie}; kring_mobile_change=${token}` : browser.cookie },
    });
}

describe('changing the mobile number', () => {
  const t = useTestApp();

  async function start(newMobile = randomMobile()) {
    const client = await buildClient(t.database.db);
    const { person } = await buildContactPerson(t.database.db, client.id);
    const browser = await injectAs(t.app, person);
    const res = await browser.inject({
      method: 'POST',
      url: '/api/account/mobile',
      payload: { password: testPassword, mobile: newMobile },
    });
    expect(res.statusCode, res.body).toBe(200);
    const token = cookieOf(res, 'kring_mobile_change');
    expect(token).toBeTruthy();
    return { person, browser, newMobile, res, token: token!, send: withChange(browser, token) };
  }

  it('N3 V7.5.1: asks the password again; a wrong one sends no code', async () => {
    const person = await buildPerson(t.database.db);
    const browser = await injectAs(t.app, person);
    const mobile = randomMobile();
    const wrong = await browser.inject({
      method: 'POST',
      url: '/api/account/mobile',
      payload: { password: 'niet-mijn-wachtwoord', mobile },
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.code).toBe('current_password_wrong');
    expect(await lastMessageTo(t.database.db, mobile)).toBeUndefined();
  });

  it('refuses a number that is not a mobile number, and the current number', async () => {
    const person = await buildPerson(t.database.db, { mobile: '+31612345678' });
    const browser = await injectAs(t.app, person);
    const ask = (mobile: string) =>
      browser.inject({ method: 'POST', url: '/api/account/mobile', payload: { password: testPassword, mobile } });
    expect((await ask('030 123 45 67')).json().error.details[0]).toMatchObject({
      field: 'mobile',
      code: 'invalid_mobile',
    });
    expect((await ask('')).json().error.details[0]).toMatchObject({ field: 'mobile', code: 'required' });
    expect((await ask('06-12 34 56 78')).json().error.details[0]).toMatchObject({
      field: 'mobile',
      code: 'same_mobile',
    });
  });

  it('R28: the code goes to the new number; the number changes only with it, and a mail says so', async () => {
    const normalised = randomMobile();
    // Typed the way people do; stored and sent in E.164.
    const typed = `06-${normalised.slice(4, 8)} ${normalised.slice(8)}`;
    const { person, res, send } = await start(typed);
    expect(res.json()).toMatchObject({ purpose: 'mobile_change', maskedMobile: `•• •• •• •• ${normalised.slice(-2)}` });
    const code = await lastSmsCode(t.database.db, normalised);

    // Until the code: login codes still go to the old number.
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: person.email, password: testPassword },
    });
    expect(login.json().status).toBe('sms_required');
    expect(await lastSmsCode(t.database.db, person.mobile!)).toMatch(/^\d{6}$/);
    expect((await send('GET', '/api/account/profile')).json().mobile).toBe(person.mobile);

    const verified = await send('POST', '/api/account/mobile/verify', { code });
    expect(verified.statusCode, verified.body).toBe(200);
    expect(verified.json()).toEqual({ mobile: normalised });
    expect((await send('GET', '/api/account/profile')).json().mobile).toBe(normalised);

    const mail = await lastMessageTo(t.database.db, person.email);
    expect(mail?.subject).toBe('Uw mobiele nummer voor het cliëntportaal is gewijzigd');
    expect(mail?.body).not.toContain(normalised);
    const audit = await t.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.actorPersonId, person.id), eq(auditEvents.action, 'account.mobile_changed')));
    expect(audit).toHaveLength(1);

    // From now on login codes go to the new number.
    const next = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: person.email, password: testPassword },
    });
    expect(next.json().status).toBe('sms_required');
    const newest = await lastMessageTo(t.database.db, normalised);
    expect(newest?.body).not.toContain(code);
    // The step is over: its code cannot be used twice.
    expect((await send('POST', '/api/account/mobile/verify', { code })).json().error.code).toBe('attempt_not_found');
  });

  it('R10: a code is valid 5 minutes: at 5:01 it is refused and the number stays', async () => {
    const { person, newMobile, send } = await start();
    const code = await lastSmsCode(t.database.db, newMobile);
    t.clock.advance({ minutes: 5, seconds: 1 });
    const late = await send('POST', '/api/account/mobile/verify', { code });
    expect(late.statusCode).toBe(400);
    expect(late.json().error.code).toBe('code_expired');
    const [row] = await t.database.db.select().from(persons).where(eq(persons.id, person.id));
    expect(row!.mobile).toBe(person.mobile);
  });

  it('wrong codes count: after 5 the code is dead even when right; a new code works', async () => {
    const { person, newMobile, send } = await start();
    const code = await lastSmsCode(t.database.db, newMobile);
    const wrongCode = code === '000000' ? '111111' : '000000';
    for (let i = 4; i >= 1; i--) {
      const res = await send('POST', '/api/account/mobile/verify', { code: wrongCode });
      expect(res.json().error.code).toBe('code_invalid');
      expect(res.json().error.details[0].message).toBe(String(i));
    }
    expect((await send('POST', '/api/account/mobile/verify', { code: wrongCode })).json().error.code).toBe(
      'code_locked',
    );
    expect((await send('POST', '/api/account/mobile/verify', { code })).json().error.code).toBe('code_locked');
    // A new code only after 30 seconds, as at the login.
    expect((await send('POST', '/api/account/mobile/resend')).json().error.code).toBe('resend_too_soon');
    t.clock.advance({ seconds: 31 });
    const resent = await send('POST', '/api/account/mobile/resend');
    expect(resent.statusCode).toBe(200);
    const fresh = await lastSmsCode(t.database.db, newMobile);
    expect((await send('POST', '/api/account/mobile/verify', { code: fresh })).statusCode).toBe(200);
    const [row] = await t.database.db.select().from(persons).where(eq(persons.id, person.id));
    expect(row!.mobile).toBe(newMobile);
  });

  it('a reload shows the step in progress; stopping it changes nothing', async () => {
    const { person, newMobile, send } = await start();
    const view = await send('GET', '/api/account/mobile');
    expect(view.json()).toMatchObject({ purpose: 'mobile_change', maskedMobile: `•• •• •• •• ${newMobile.slice(-2)}` });
    const stopped = await send('DELETE', '/api/account/mobile');
    expect(stopped.statusCode).toBe(204);
    expect(stopped.cookies.find((c) => c.name === 'kring_mobile_change')?.value).toBe('');
    const [row] = await t.database.db.select().from(persons).where(eq(persons.id, person.id));
    expect(row!.mobile).toBe(person.mobile);
  });

  it('a mobile change code cannot finish a login, and a login code cannot change the number', async () => {
    const { person, newMobile, token, browser } = await start();
    const changeCode = await lastSmsCode(t.database.db, newMobile);
    // The change's token put in the login's attempt cookie: the login's SMS step does not know it.
    const asLogin = await t.app.inject({
      method: 'POST',
      url: '/api/auth/sms/verify',
      cookies: { kring_attempt: token },
      payload: { code: changeCode },
    });
    expect(asLogin.statusCode).toBe(404);
    expect(asLogin.json().error.code).toBe('attempt_not_found');
    expect(asLogin.cookies.find((c) => c.name === 'kring_session')).toBeUndefined();
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/auth/sms', cookies: { kring_attempt: token } })).statusCode,
    ).toBe(404);

    // A login's attempt used as a mobile change.
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: person.email, password: testPassword },
    });
    const loginToken = cookieOf(login, 'kring_attempt')!;
    const loginCode = await lastSmsCode(t.database.db, person.mobile!);
    const asChange = await withChange(browser, loginToken)('POST', '/api/account/mobile/verify', { code: loginCode });
    expect(asChange.statusCode).toBe(404);
    expect(asChange.json().error.code).toBe('attempt_not_found');
    const [row] = await t.database.db.select().from(persons).where(eq(persons.id, person.id));
    expect(row!.mobile).toBe(person.mobile);

    // Both still work where they belong, and nothing was used up by the tries above.
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: '/api/auth/sms/verify',
          cookies: { kring_attempt: loginToken },
          payload: { code: loginCode },
        })
      ).statusCode,
    ).toBe(200);
    expect(
      (await withChange(browser, token)('POST', '/api/account/mobile/verify', { code: changeCode })).statusCode,
    ).toBe(200);
  });

  it('R28: after the change no code goes to the old number, also not for a login begun before it', async () => {
    const { person, newMobile, send } = await start();
    // A login on another device waits for its code on the old number.
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: person.email, password: testPassword },
    });
    expect(login.statusCode, login.body).toBe(200);
    const loginToken = cookieOf(login, 'kring_attempt')!;
    expect(await lastSmsCode(t.database.db, person.mobile!)).toBeTruthy();

    const changed = await send('POST', '/api/account/mobile/verify', {
      code: await lastSmsCode(t.database.db, newMobile),
    });
    expect(changed.statusCode, changed.body).toBe(200);

    // That login cannot resend to the old number any more: it starts again, and the code goes to the new one.
    t.clock.advance({ seconds: 31 });
    const resend = await t.app.inject({
      method: 'POST',
      url: '/api/auth/sms/resend',
      cookies: { kring_attempt: loginToken },
    });
    expect(resend.statusCode).toBe(404);
    expect(resend.json().error.code).toBe('attempt_not_found');
    const again = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: person.email, password: testPassword },
    });
    expect(again.json().sms.maskedMobile).toContain(newMobile.slice(-2));
    const verify = await t.app.inject({
      method: 'POST',
      url: '/api/auth/sms/verify',
      cookies: { kring_attempt: cookieOf(again, 'kring_attempt')! },
      payload: { code: await lastSmsCode(t.database.db, newMobile) },
    });
    expect(verify.statusCode, verify.body).toBe(200);
  });

  it('another person’s change cookie is of no use', async () => {
    const { token, newMobile } = await start();
    const code = await lastSmsCode(t.database.db, newMobile);
    const stranger = await injectAs(t.app, await buildPerson(t.database.db));
    const res = await withChange(stranger, token)('POST', '/api/account/mobile/verify', { code });
    expect(res.statusCode).toBe(404);
    const [row] = await t.database.db.select().from(persons).where(eq(persons.mobile, newMobile));
    expect(row).toBeUndefined();
  });

  it('R10: at most 5 codes an hour per account, for the change as for the login', async () => {
    // The login of this browser sent the first code, starting the change the second.
    const { send } = await start();
    for (let i = 0; i < 3; i++) {
      t.clock.advance({ seconds: 31 });
      expect((await send('POST', '/api/account/mobile/resend')).statusCode).toBe(200);
    }
    t.clock.advance({ seconds: 31 });
    const res = await send('POST', '/api/account/mobile/resend');
    expect(res.statusCode).toBe(429);
    expect(res.json().error.code).toBe('sms_limit');
  });
});

describe('changing the mobile number with the SMS provider', () => {
  let cm: FakeCm;
  let smtp: FakeSmtp;
  let t: TestApp;

  beforeAll(async () => {
    cm = await startFakeCm();
    smtp = await startFakeSmtp();
    t = await createTestApp({
      devOutbox: false,
      mail: { smtpUrl: smtp.url, from: '"Zorggroep De Linde" <noreply@delinde.example.nl>' },
      sms: { provider: 'cm', productToken: cm.productToken, sender: 'De Linde', apiUrl: cm.url, timeoutMs: 500 },
    });
  });
  afterAll(async () => {
    await t?.app.close();
    await t?.database.close();
    await cm?.close();
    await smtp?.close();
  });

  it('R28: the code reaches the new number through CM.com and changes the number', async () => {
    const person = await buildPerson(t.database.db);
    // No outbox to read a login code from: this browser is already trusted.
    const deviceToken = newToken();
    await t.database.db
      .insert(trustedDevices)
      .values({ personId: person.id, tokenHash: hashToken(deviceToken), label: 'test', lastUsedAt: new Date() });
    await t.database.db
      .update(persons)
      .set({ smsVerifiedAt: new Date(), lastLoginAt: new Date() })
      .where(eq(persons.id, person.id));
    const browser = await injectAs(t.app, person, { deviceToken });
    const newMobile = '+31687650001';
    const res = await browser.inject({
      method: 'POST',
      url: '/api/account/mobile',
      payload: { password: testPassword, mobile: '06-87650001' },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(cm.received).toHaveLength(1);
    const [msg] = cmMessages(cm.received[0]!);
    expect(msg).toMatchObject({ to: [{ number: '0031687650001' }] });
    const code = String(msg!.body?.content).match(/\b(\d{6})\b/)![1]!;
    const verified = await withChange(browser, cookieOf(res, 'kring_mobile_change'))(
      'POST',
      '/api/account/mobile/verify',
      { code },
    );
    expect(verified.json()).toEqual({ mobile: newMobile });
    const [notice] = await smtp.waitForMails(1);
    expect(notice!.envelope.to).toEqual([person.email]);
    expect(notice!.mail.subject).toBe('Uw mobiele nummer voor het cliëntportaal is gewijzigd');
  });
});
