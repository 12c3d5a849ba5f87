/**
 * The SMS step as the seed describes it (R7–R11) and the rules around the code (N3 V6.5.1,
 * V6.6.2; N5), through HTTP with a movable clock and the dev outbox.
 */
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditEvents, devOutbox } from '../../platform/schema.js';
import { injectAs, useTestApp } from '../../test/app.js';
import { buildPerson, testPassword } from '../../test/factories.js';
import { lastSmsCode } from '../../test/outbox.js';

describe('when the SMS code is asked', () => {
  const t = useTestApp();

  const login = async (person: { email: string }, cookies: Record<string, string> = {}) => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      cookies,
      payload: { email: person.email, password: testPassword },
    });
    expect(res.statusCode).toBe(200);
    return {
      status: res.json().status as string,
      body: res.json(),
      attempt: res.cookies.find((c) => c.name === 'kring_attempt')?.value,
    };
  };
  const verify = (attempt: string | undefined, code: string, cookies: Record<string, string> = {}) =>
    t.app.inject({
      method: 'POST',
      url: '/api/auth/sms/verify',
      cookies: { ...cookies, ...(attempt ? { kring_attempt: attempt } : {}) },
      payload: { code },
    });

  it('R7: asks the code at the first login and shows the masked number and expiry', async () => {
    const person = await buildPerson(t.database.db, { mobile: '+31612345678' });
    const first = await login(person);
    expect(first.status).toBe('sms_required');
    expect(first.body.sms.maskedMobile).toMatch(/78$/);
    expect(first.body.sms.maskedMobile).not.toContain('612345');
    expect(new Date(first.body.sms.codeExpiresAt).getTime() - t.clock.now().getTime()).toBe(5 * 60_000);
    const sms = await t.database.db.select().from(devOutbox).where(eq(devOutbox.to, '+31612345678'));
    expect(sms).toHaveLength(1);
    expect(sms[0]!.body).toMatch(/\b\d{6}\b/);
  });

  it('R8/R11: not asked again on the same browser the next day; asked in a second browser', async () => {
    const person = await buildPerson(t.database.db);
    const browser = await injectAs(t.app, person);
    expect(browser.deviceToken).toBeDefined();
    t.clock.advance({ days: 1 });
    expect((await login(person, { kring_device: browser.deviceToken! })).status).toBe('signed_in');
    expect((await login(person)).status).toBe('sms_required');
    expect((await login(person, { kring_device: 'een-ander-apparaat-zonder-vertrouwen' })).status).toBe('sms_required');
  });

  it('R9: asked again after more than 30 days without login, also on the trusted browser', async () => {
    const person = await buildPerson(t.database.db);
    const browser = await injectAs(t.app, person);
    const onTrustedBrowser = () => login(person, { kring_device: browser.deviceToken! });
    t.clock.advance({ days: 30 });
    expect((await onTrustedBrowser()).status).toBe('signed_in');
    t.clock.advance({ days: 30 });
    expect((await onTrustedBrowser()).status).toBe('signed_in');
    t.clock.advance({ days: 30, seconds: 1 });
    expect((await onTrustedBrowser()).status).toBe('sms_required');
  });

  it('R10: refuses a code after 5 minutes and 1 second, accepts it at 4:59', async () => {
    const late = await buildPerson(t.database.db);
    const a = await login(late);
    const code = await lastSmsCode(t.database.db, late.mobile!);
    t.clock.advance({ minutes: 5, seconds: 1 });
    const refused = await verify(a.attempt, code);
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.code).toBe('code_expired');

    const inTime = await buildPerson(t.database.db);
    const b = await login(inTime);
    const code2 = await lastSmsCode(t.database.db, inTime.mobile!);
    t.clock.advance({ minutes: 4, seconds: 59 });
    expect((await verify(b.attempt, code2)).statusCode).toBe(200);
  });

  it('V6.6.2: refuses a code from another login attempt, even of the same person', async () => {
    const person = await buildPerson(t.database.db);
    const first = await login(person);
    const firstCode = await lastSmsCode(t.database.db, person.mobile!);
    const second = await login(person);
    const secondCode = await lastSmsCode(t.database.db, person.mobile!);
    if (firstCode === secondCode) return; // one in a million: the digits happen to be equal
    const wrong = await verify(second.attempt, firstCode);
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.code).toBe('code_invalid');
    expect((await verify(second.attempt, secondCode)).statusCode).toBe(200);
    // …and the first attempt's own code still belongs to the first attempt only.
    expect((await verify(first.attempt, firstCode)).statusCode).toBe(200);
  });

  it('refuses the 6th entry after 5 wrong ones, even with the right code; a new code works', async () => {
    const person = await buildPerson(t.database.db);
    const a = await login(person);
    const code = await lastSmsCode(t.database.db, person.mobile!);
    const wrongCode = code === '000000' ? '111111' : '000000';
    const answers = [];
    for (let i = 0; i < 5; i++) answers.push((await verify(a.attempt, wrongCode)).json().error.code);
    expect(answers).toEqual(['code_invalid', 'code_invalid', 'code_invalid', 'code_invalid', 'code_locked']);
    const right = await verify(a.attempt, code);
    expect(right.statusCode).toBe(400);
    expect(right.json().error.code).toBe('code_locked');
    t.clock.advance({ seconds: 30 });
    const resent = await t.app.inject({
      method: 'POST',
      url: '/api/auth/sms/resend',
      cookies: { kring_attempt: a.attempt! },
    });
    expect(resent.statusCode).toBe(200);
    expect((await verify(a.attempt, await lastSmsCode(t.database.db, person.mobile!))).statusCode).toBe(200);
  });

  it('a code is single-use: the same code cannot start a second session', async () => {
    const person = await buildPerson(t.database.db);
    const a = await login(person);
    const code = await lastSmsCode(t.database.db, person.mobile!);
    expect((await verify(a.attempt, code)).statusCode).toBe(200);
    const again = await verify(a.attempt, code);
    expect(again.statusCode).toBe(404);
    expect(again.json().error.code).toBe('attempt_not_found');
  });

  it('a new code after 30 seconds, at most 5 codes an hour per account; the old code stops working', async () => {
    const person = await buildPerson(t.database.db);
    const a = await login(person);
    const resend = () =>
      t.app.inject({ method: 'POST', url: '/api/auth/sms/resend', cookies: { kring_attempt: a.attempt! } });
    const early = await resend();
    expect(early.statusCode).toBe(429);
    expect(early.json().error.code).toBe('resend_too_soon');
    expect(Number(early.headers['retry-after'])).toBe(30);
    const oldCode = await lastSmsCode(t.database.db, person.mobile!);
    for (let i = 0; i < 4; i++) {
      t.clock.advance({ seconds: 30 });
      expect((await resend()).statusCode).toBe(200);
    }
    t.clock.advance({ seconds: 30 });
    const sixth = await resend();
    expect(sixth.statusCode).toBe(429);
    expect(sixth.json().error.code).toBe('sms_limit');
    const newCode = await lastSmsCode(t.database.db, person.mobile!);
    if (newCode !== oldCode) expect((await verify(a.attempt, oldCode)).json().error.code).toBe('code_invalid');
    expect((await verify(a.attempt, newCode)).statusCode).toBe(200);
  });

  it('limits codes per mobile number too, whichever accounts ask', async () => {
    const shared = '+31687654321';
    const people = await Promise.all([1, 2, 3].map(() => buildPerson(t.database.db, { mobile: shared })));
    const answers: string[] = [];
    for (const person of people) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { email: person.email, password: testPassword },
      });
      answers.push(res.statusCode === 200 ? 'sent' : res.json().error.code);
      const attempt = res.cookies.find((c) => c.name === 'kring_attempt')?.value;
      for (let i = 0; attempt && i < 4; i++) {
        t.clock.advance({ seconds: 31 });
        const r = await t.app.inject({
          method: 'POST',
          url: '/api/auth/sms/resend',
          cookies: { kring_attempt: attempt },
        });
        answers.push(r.statusCode === 200 ? 'sent' : r.json().error.code);
      }
    }
    const sent = await t.database.db.select().from(devOutbox).where(eq(devOutbox.to, shared));
    expect(sent).toHaveLength(8);
    expect(answers.filter((a) => a === 'sent')).toHaveLength(8);
    // The third account's login itself hits the number's limit.
    expect(answers.at(-1)).toBe('sms_limit');
  });

  it('N1: logs the password, the SMS sent, wrong codes and the device trust, without the code', async () => {
    const person = await buildPerson(t.database.db);
    const a = await login(person);
    const code = await lastSmsCode(t.database.db, person.mobile!);
    await verify(a.attempt, code === '123456' ? '654321' : '123456');
    await verify(a.attempt, code);
    const events = await t.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.actorPersonId, person.id)));
    const actions = events.map((e) => `${e.action}:${e.outcome}`);
    expect(actions).toEqual(
      expect.arrayContaining([
        'auth.password_ok:success',
        'auth.sms_sent:success',
        'auth.sms_verify:failure',
        'auth.sms_verify:success',
        'auth.device_trusted:success',
        'auth.login:success',
      ]),
    );
    expect(JSON.stringify(events)).not.toContain(code);
  });

  it('tells a person without a mobile number to contact the helpdesk', async () => {
    const person = await buildPerson(t.database.db, { mobile: null });
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: person.email, password: testPassword },
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('no_mobile');
  });
});
