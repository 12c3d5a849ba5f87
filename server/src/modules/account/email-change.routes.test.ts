/** R28, N3 V7.5.1: changing the e-mail address: password again, a link to the new address, a notice to the old. */
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, organisations, persons, trustedDevices } from '../../platform/schema.js';
import { hashToken, newToken } from '../../platform/tokens.js';
import { createTestApp, injectAs, useTestApp, type TestApp } from '../../test/app.js';
import { buildClient, buildContactPerson, buildPerson, testPassword } from '../../test/factories.js';
import { startFakeSmtp, type FakeSmtp } from '../../test/fake-smtp.js';
import { lastMailLink, lastMessageTo } from '../../test/outbox.js';

const newAddress = () => `nieuw-${Math.random().toString(36).slice(2, 10)}@example.test`;

describe('changing the e-mail address', () => {
  const t = useTestApp();

  async function personInNetwork() {
    const client = await buildClient(t.database.db);
    const { person } = await buildContactPerson(t.database.db, client.id);
    return { person, client, browser: await injectAs(t.app, person) };
  }
  const login = (email: string, password = testPassword) =>
    t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password } });
  const confirm = (token: string) =>
    t.app.inject({ method: 'POST', url: '/api/account/email/confirm', payload: { token } });

  it('N3 V7.5.1: asks the password again; a wrong one changes nothing and sends nothing', async () => {
    const { browser } = await personInNetwork();
    const email = newAddress();
    const missing = await browser.inject({ method: 'POST', url: '/api/account/email', payload: { email } });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.code).toBe('validation_failed');
    const wrong = await browser.inject({
      method: 'POST',
      url: '/api/account/email',
      payload: { email, password: 'niet-mijn-wachtwoord' },
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.code).toBe('current_password_wrong');
    expect(await lastMessageTo(t.database.db, email)).toBeUndefined();
    const anonymous = await t.app.inject({
      method: 'POST',
      url: '/api/account/email',
      payload: { email, password: testPassword },
    });
    expect(anonymous.statusCode).toBe(401);
  });

  it('refuses a malformed address and the current one', async () => {
    const { person, browser } = await personInNetwork();
    const ask = (email: string) =>
      browser.inject({ method: 'POST', url: '/api/account/email', payload: { email, password: testPassword } });
    const malformed = await ask('geen-adres');
    expect(malformed.json().error.details[0]).toMatchObject({ field: 'email', code: 'invalid_email' });
    const same = await ask(`  ${person.email.toUpperCase()} `);
    expect(same.json().error.details[0]).toMatchObject({ field: 'email', code: 'same_email' });
  });

  it('an address another account uses gets the same answer; its owner gets a mail without a link, and nothing changes', async () => {
    const { person, client, browser } = await personInNetwork();
    const other = await buildPerson(t.database.db);
    const [organisation] = await t.database.db
      .select()
      .from(organisations)
      .where(eq(organisations.id, client.organisationId));
    const ask = (email: string) =>
      browser.inject({ method: 'POST', url: '/api/account/email', payload: { email, password: testPassword } });

    const free = await ask(newAddress());
    const taken = await ask(` ${other.email.toUpperCase()} `);
    expect(taken.statusCode).toBe(202);
    expect(Object.keys(taken.json()).sort()).toEqual(Object.keys(free.json()).sort());
    expect(taken.json()).toEqual({
      email: other.email,
      expiresAt: new Date(t.clock.now().getTime() + 24 * 3600_000).toISOString(),
    });
    // Even after a reload the page shows the same "check your mail" as for a free address.
    const profile = (await browser.inject({ method: 'GET', url: '/api/account/profile' })).json();
    expect(profile.pendingEmail).toEqual(taken.json());

    const mail = await lastMessageTo(t.database.db, other.email);
    expect(mail?.subject).toBe('Iemand wilde uw e-mailadres gebruiken voor het cliëntportaal');
    expect(mail?.body).toContain('een ander account van het cliëntportaal');
    expect(mail?.body).toContain('verandert er niets');
    expect(mail?.body).not.toMatch(/https?:\/\//);
    for (const name of [person.givenName, person.familyName, client.familyName, organisation!.name]) {
      expect(mail?.body).not.toContain(name);
    }

    // Nothing changes: both accounts keep logging in with their own address.
    expect((await login(person.email)).statusCode).toBe(200);
    expect((await login(other.email)).statusCode).toBe(200);
    const [stored] = await t.database.db.select().from(persons).where(eq(persons.id, person.id));
    expect(stored!.email).toBe(person.email);

    const [audit] = await t.database.db
      .select()
      .from(auditEvents)
      .where(
        and(
          eq(auditEvents.actorPersonId, person.id),
          eq(auditEvents.action, 'account.email_change_requested'),
          eq(auditEvents.outcome, 'denied'),
        ),
      );
    expect(audit?.details).toEqual({ reason: 'address_in_use' });
    expect(JSON.stringify(audit)).not.toContain(other.id);
  });

  it('R28: the address changes only through the link; until then the old one logs in', async () => {
    const { person, browser } = await personInNetwork();
    const email = newAddress();
    const asked = await browser.inject({
      method: 'POST',
      url: '/api/account/email',
      payload: { email: ` ${email.toUpperCase()} `, password: testPassword },
    });
    expect(asked.statusCode).toBe(202);
    expect(asked.json().email).toBe(email);
    expect(Date.parse(asked.json().expiresAt) - t.clock.now().getTime()).toBe(24 * 3600_000);

    const mail = await lastMessageTo(t.database.db, email);
    expect(mail?.subject).toMatch(/Bevestig uw nieuwe e-mailadres/);
    expect(mail?.body).toContain('24 uur');
    // A mistyped address must not learn whose account it is.
    expect(mail?.body).not.toContain(person.givenName);
    expect(mail?.body).not.toContain(person.familyName);

    const profile = (await browser.inject({ method: 'GET', url: '/api/account/profile' })).json();
    expect(profile.email).toBe(person.email);
    expect(profile.pendingEmail.email).toBe(email);

    expect((await login(email)).statusCode).toBe(401);
    expect((await login(person.email)).statusCode).toBe(200);

    const { token, url } = await lastMailLink(t.database.db, email);
    expect(url).toContain('/e-mail-bevestigen?token=');
    expect(
      (await t.app.inject({ method: 'POST', url: '/api/account/email/check', payload: { token } })).json(),
    ).toEqual({ email });
    // Opened on another device, without a session.
    const confirmed = await confirm(token);
    expect(confirmed.statusCode).toBe(200);
    expect(confirmed.json()).toEqual({ email });

    expect((await login(email)).statusCode).toBe(200);
    expect((await login(person.email)).statusCode).toBe(401);
    const after = (await browser.inject({ method: 'GET', url: '/api/account/profile' })).json();
    expect(after.email).toBe(email);
    expect(after.pendingEmail).toBeNull();

    const notice = await lastMessageTo(t.database.db, person.email);
    expect(notice?.subject).toBe('Uw e-mailadres voor het cliëntportaal is gewijzigd');
    expect(notice?.body).toContain('Heeft u dit niet zelf gedaan?');
    expect(notice?.body).not.toContain(email);

    const audit = await t.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.actorPersonId, person.id), eq(auditEvents.action, 'account.email_changed')));
    expect(audit).toHaveLength(1);
  });

  it('the notice to the old address names the organisation and never the client', async () => {
    const { person, client, browser } = await personInNetwork();
    const email = newAddress();
    await browser.inject({ method: 'POST', url: '/api/account/email', payload: { email, password: testPassword } });
    expect((await confirm((await lastMailLink(t.database.db, email)).token)).statusCode).toBe(200);
    const notice = await lastMessageTo(t.database.db, person.email);
    expect(notice?.body).toMatch(/helpdesk van Zorggroep/);
    expect(notice?.body).not.toContain(client.familyName);
    const link = await lastMessageTo(t.database.db, email);
    expect(link?.body).not.toContain(client.familyName);
    // The new address is not confirmed yet and may be mistyped: no organisation in that mail.
    expect(link?.body).not.toContain('Zorggroep');
  });

  it('a link works once', async () => {
    const { browser } = await personInNetwork();
    const email = newAddress();
    await browser.inject({ method: 'POST', url: '/api/account/email', payload: { email, password: testPassword } });
    const { token } = await lastMailLink(t.database.db, email);
    expect((await confirm(token)).statusCode).toBe(200);
    const again = await confirm(token);
    expect(again.statusCode).toBe(410);
    expect(again.json().error.code).toBe('link_used');
    const bogus = await confirm('x'.repeat(43));
    expect(bogus.statusCode).toBe(404);
    expect(bogus.json().error.code).toBe('link_invalid');
  });

  it('a link expires after 24 hours and then changes nothing', async () => {
    const { person, browser } = await personInNetwork();
    const email = newAddress();
    await browser.inject({ method: 'POST', url: '/api/account/email', payload: { email, password: testPassword } });
    const { token } = await lastMailLink(t.database.db, email);
    t.clock.advance({ hours: 24, seconds: 1 });
    const late = await confirm(token);
    expect(late.statusCode).toBe(410);
    expect(late.json().error.code).toBe('link_expired');
    expect((await login(person.email)).statusCode).toBe(200);
  });

  it('a newer request replaces the link of an older one', async () => {
    const { person, browser } = await personInNetwork();
    const first = newAddress();
    const second = newAddress();
    await browser.inject({
      method: 'POST',
      url: '/api/account/email',
      payload: { email: first, password: testPassword },
    });
    const old = (await lastMailLink(t.database.db, first)).token;
    await browser.inject({
      method: 'POST',
      url: '/api/account/email',
      payload: { email: second, password: testPassword },
    });
    expect((await confirm(old)).json().error.code).toBe('link_expired');
    expect((await login(first)).statusCode).toBe(401);
    expect((await confirm((await lastMailLink(t.database.db, second)).token)).statusCode).toBe(200);
    expect((await login(second)).statusCode).toBe(200);
    expect((await login(person.email)).statusCode).toBe(401);
  });

  it('an address taken by someone else after the link was sent is refused at the confirmation, and nothing changes', async () => {
    const { person, browser } = await personInNetwork();
    const email = newAddress();
    await browser.inject({ method: 'POST', url: '/api/account/email', payload: { email, password: testPassword } });
    const { token } = await lastMailLink(t.database.db, email);
    await buildPerson(t.database.db, { email });
    const res = await confirm(token);
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('email_unavailable');
    expect((await login(person.email)).statusCode).toBe(200);
    expect(await lastMessageTo(t.database.db, person.email)).toBeUndefined();
  });

  it('shares the limit on password checks with the password change', async () => {
    const { browser } = await personInNetwork();
    for (let i = 0; i < 10; i++) {
      const res = await browser.inject({
        method: 'POST',
        url: '/api/account/email',
        payload: { email: newAddress(), password: 'fout' },
      });
      expect(res.statusCode).toBe(400);
    }
    const blocked = await browser.inject({
      method: 'POST',
      url: '/api/account/password',
      payload: { currentPassword: testPassword, newPassword: 'de kat slaapt graag op de bank' },
    });
    expect(blocked.statusCode).toBe(429);
  });
});

describe('changing the e-mail address with a real mail server', () => {
  let smtp: FakeSmtp;
  let t: TestApp;

  beforeAll(async () => {
    smtp = await startFakeSmtp();
    t = await createTestApp({
      devOutbox: false,
      mail: { smtpUrl: smtp.url, from: '"Zorggroep De Linde" <noreply@delinde.example.nl>' },
    });
  });
  afterAll(async () => {
    await t?.app.close();
    await t?.database.close();
    await smtp?.close();
  });

  it('R28: the link reaches the new address over SMTP, and after confirming the old address gets a notice', async () => {
    const person = await buildPerson(t.database.db);
    const browser = await loginWithoutSms(t, person);
    const email = newAddress();
    const asked = await browser.inject({
      method: 'POST',
      url: '/api/account/email',
      payload: { email, password: testPassword },
    });
    expect(asked.statusCode).toBe(202);
    const [first] = await smtp.waitForMails(1);
    expect(first!.envelope.to).toEqual([email]);
    const url = String(first!.mail.text).match(/https?:\/\/\S+/)![0];
    expect(first!.mail.html).toContain(url.replace(/&/g, '&amp;'));
    const token = new URL(url).searchParams.get('token')!;

    const confirmed = await t.app.inject({ method: 'POST', url: '/api/account/email/confirm', payload: { token } });
    expect(confirmed.statusCode).toBe(200);
    const mails = await smtp.waitForMails(2);
    expect(mails[1]!.envelope.to).toEqual([person.email]);
    expect(mails[1]!.mail.subject).toBe('Uw e-mailadres voor het cliëntportaal is gewijzigd');
  });
});

/** A session straight from a trusted browser: this app has no dev outbox to read an SMS code from. */
async function loginWithoutSms(t: TestApp, person: { email: string }) {
  const [row] = await t.database.db.select().from(persons).where(eq(persons.email, person.email));
  const deviceToken = newToken();
  await t.database.db.insert(trustedDevices).values({
    personId: row!.id,
    tokenHash: hashToken(deviceToken),
    label: 'test',
    lastUsedAt: new Date(),
  });
  await t.database.db
    .update(persons)
    .set({ smsVerifiedAt: new Date(), lastLoginAt: new Date() })
    .where(eq(persons.id, row!.id));
  return injectAs(t.app, { email: person.email, password: testPassword }, { deviceToken });
}
