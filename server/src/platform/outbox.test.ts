import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { testConfig } from '../config.js';
import { createTestApp, type TestApp } from '../test/app.js';
import { createTestDatabase, testEngine } from '../test/db.js';
import { buildPerson, testPassword } from '../test/factories.js';
import { cmMessages, startFakeCm, type FakeCm } from '../test/fake-cm.js';
import { startFakeSmtp, type FakeSmtp } from '../test/fake-smtp.js';
import { MovableClock } from './clock.js';
import type { Database } from './db.js';
import { createOutbox, listDevOutbox } from './outbox.js';

describe(`the outbox in demo mode on ${testEngine}`, () => {
  let database: Database;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database.close();
  });

  it('stores mail and SMS directly, without a job queue, and refuses a number that is not E.164', async () => {
    const clock = new MovableClock(new Date());
    const outbox = createOutbox(testConfig(), {
      db: database.db,
      clock,
      jobs: undefined,
      log: { info() {}, warn() {} },
    });
    await outbox.sendEmail({ to: 'demo@example.test', subject: 'Welkom', text: 'Hallo' });
    clock.advance({ seconds: 1 });
    await outbox.sendSms({ to: '+31612345678', body: 'Uw code is 123456' });
    await expect(outbox.sendSms({ to: '06-12345678', body: 'Uw code is 123456' })).rejects.toThrow(/E\.164/);

    const [sms, mail] = await listDevOutbox(database.db, 2);
    expect(sms).toMatchObject({ channel: 'sms', to: '+31612345678', body: 'Uw code is 123456' });
    expect(mail).toMatchObject({ channel: 'email', to: 'demo@example.test', subject: 'Welkom', body: 'Hallo' });
  });
});

describe(`an app with real providers on ${testEngine}`, () => {
  let smtp: FakeSmtp;
  let cm: FakeCm;
  let t: TestApp;

  beforeAll(async () => {
    smtp = await startFakeSmtp();
    cm = await startFakeCm();
    t = await createTestApp({
      devOutbox: false,
      mail: { smtpUrl: smtp.url, from: '"Zorggroep De Linde" <noreply@delinde.example.nl>' },
      sms: { provider: 'cm', productToken: cm.productToken, sender: 'De Linde', apiUrl: cm.url, timeoutMs: 500 },
    });
  });
  beforeEach(() => {
    cm.behaviour = 'normal';
    cm.received.length = 0;
  });
  afterAll(async () => {
    await t?.app.close();
    await t?.database.close();
    await cm?.close();
    await smtp?.close();
  });

  it('has no dev outbox', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/dev/outbox' })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: '/api/config' })).json().devOutbox).toBe(false);
  });

  it('delivers ctx.outbox.sendEmail over SMTP through the job queue', async () => {
    await t.app.ctx.outbox.sendEmail({
      to: 'peter@example.test',
      subject: 'Uw wachtwoord is gewijzigd',
      text: 'Beste Peter,\n\nHet wachtwoord van uw account is gewijzigd.',
    });
    const [{ envelope, mail }] = (await smtp.waitForMails(1)) as [(typeof smtp.received)[number]];
    expect(envelope).toEqual({ from: 'noreply@delinde.example.nl', to: ['peter@example.test'] });
    expect(mail.subject).toBe('Uw wachtwoord is gewijzigd');
    expect(mail.html).toContain('<p>Het wachtwoord van uw account is gewijzigd.</p>');
  });

  it('sends the login code through CM.com to the person’s number', async () => {
    const person = await buildPerson(t.database.db, { mobile: '+31687654321' });
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      remoteAddress: '127.0.31.1',
      payload: { email: person.email, password: testPassword },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().status).toBe('sms_required');
    expect(cm.received).toHaveLength(1);
    const [msg] = cmMessages(cm.received[0]!);
    expect(msg).toMatchObject({ from: 'De Linde', to: [{ number: '0031687654321' }] });
    expect(String(msg!.body?.content)).toMatch(/\b\d{6}\b/);
  });

  it('tells the user at once when CM does not answer, instead of a hanging page', async () => {
    cm.behaviour = 'hang';
    const person = await buildPerson(t.database.db);
    const started = Date.now();
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      remoteAddress: '127.0.31.2',
      payload: { email: person.email, password: testPassword },
    });
    expect(Date.now() - started).toBeLessThan(2_500);
    expect(res.statusCode).toBe(502);
    expect(res.json().error).toEqual({
      code: 'sms_failed',
      message: 'The text message could not be sent. Try again in a moment.',
    });

    // Once CM answers again, trying again works.
    cm.behaviour = 'normal';
    const again = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      remoteAddress: '127.0.31.2',
      payload: { email: person.email, password: testPassword },
    });
    expect(again.json().status).toBe('sms_required');
  });
});
