import { randomBytes } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { describe, expect, it, vi } from 'vitest';
import { auditEvents, devOutbox, helpdeskRequests } from '../../platform/schema.js';
import { useTestApp } from '../../test/app.js';
import { buildOrganisation, randomMobile } from '../../test/factories.js';

const uniq = () => randomBytes(4).toString('hex');
/** Each request from its own address, unless a test is about the per-address limit. */
const randomIp = () => `10.${[0, 0, 0].map(() => 1 + Math.floor(Math.random() * 250)).join('.')}`;

describe('helpdesk form (R12) over HTTP', () => {
  const t = useTestApp();

  const post = (payload: Record<string, unknown>, remoteAddress = randomIp()) =>
    t.app.inject({ method: 'POST', url: '/api/helpdesk', remoteAddress, payload });
  const messagesTo = (to: string) => t.database.db.select().from(devOutbox).where(eq(devOutbox.to, to));
  const storedFor = (organisationId: string) =>
    t.database.db.select().from(helpdeskRequests).where(eq(helpdeskRequests.organisationId, organisationId));

  it('R12: lists every organisation by name, with nothing but id and name', async () => {
    const suffix = uniq();
    const later = await buildOrganisation(t.database.db, { name: `Zorggroep Zuid ${suffix}` });
    const earlier = await buildOrganisation(t.database.db, { name: `Árnica Thuiszorg ${suffix}` });
    const res = await t.app.inject({ method: 'GET', url: '/api/helpdesk/organisations' });
    expect(res.statusCode).toBe(200);
    const list: { id: string; name: string }[] = res.json().organisations;
    const ids = list.map((o) => o.id);
    expect(ids.indexOf(earlier.id)).toBeGreaterThanOrEqual(0);
    expect(ids.indexOf(earlier.id)).toBeLessThan(ids.indexOf(later.id));
    expect(list.find((o) => o.id === later.id)).toEqual({ id: later.id, name: later.name });
  });

  it('R12: stores the question, mails it to the helpdesk and confirms to the sender without repeating it', async () => {
    const organisation = await buildOrganisation(t.database.db, { name: `De Beyart ${uniq()}` });
    const sender = `dochter-${uniq()}@example.test`;
    const message = 'Ik krijg geen sms-code meer op mijn nieuwe telefoon.';
    const res = await post({
      organisationId: organisation.id,
      name: 'Anna de Groot',
      email: sender,
      phone: '06 12 34 56 78',
      portalOf: 'mijn moeder, mevrouw De Groot',
      message,
      website: '',
    });
    expect(res.statusCode).toBe(202);
    expect(res.json()).toEqual({ received: true });

    const stored = await storedFor(organisation.id);
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({
      name: 'Anna de Groot',
      email: sender,
      phone: '06 12 34 56 78',
      portalOf: 'mijn moeder, mevrouw De Groot',
      message,
    });

    const [toHelpdesk, ...moreToHelpdesk] = await messagesTo(organisation.helpdeskEmail);
    expect(moreToHelpdesk).toHaveLength(0);
    expect(toHelpdesk).toMatchObject({ channel: 'email', subject: 'Hulpvraag via het cliëntportaal' });
    for (const part of ['Anna de Groot', sender, '06 12 34 56 78', 'mijn moeder, mevrouw De Groot', message])
      expect(toHelpdesk!.body).toContain(part);

    const [confirmation, ...moreToSender] = await messagesTo(sender);
    expect(moreToSender).toHaveLength(0);
    expect(confirmation!.channel).toBe('email');
    expect(confirmation!.body).toContain(
      `We hebben uw vraag ontvangen. De helpdesk van ${organisation.name} neemt contact met u op.`,
    );
    expect(confirmation!.body).not.toContain('sms-code');
    expect(confirmation!.body).not.toContain('Anna');
    // With an e-mail address, the confirmation goes by mail only.
    expect(await messagesTo('+31612345678')).toHaveLength(0);

    const [audit] = await t.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'helpdesk.request'), eq(auditEvents.objectId, stored[0]!.id)));
    expect(audit).toMatchObject({ outcome: 'success', actorRole: 'anonymous', organisationId: organisation.id });
    expect(JSON.stringify(audit!.details)).not.toMatch(/sms-code|Anna|example\.test/);
  });

  it('R12: with only a mobile number the confirmation comes by SMS, in E.164 and without the content', async () => {
    const organisation = await buildOrganisation(t.database.db);
    const mobile = randomMobile();
    const typed = `06-${mobile.slice(4)}`;
    const res = await post({
      organisationId: organisation.id,
      name: 'Kees',
      phone: typed,
      message: 'Wachtwoord kwijt',
    });
    expect(res.statusCode).toBe(202);
    expect((await storedFor(organisation.id))[0]).toMatchObject({ phone: typed, email: null });
    const [sms] = await messagesTo(mobile);
    expect(sms).toMatchObject({ channel: 'sms' });
    expect(sms!.body).toBe(
      `We hebben uw vraag ontvangen. De helpdesk van ${organisation.name} neemt contact met u op.`,
    );
    expect(await messagesTo(organisation.helpdeskEmail)).toHaveLength(1);
  });

  it('R12: a landline number is stored and forwarded; the confirmation is the answer on screen only', async () => {
    const organisation = await buildOrganisation(t.database.db);
    const res = await post({ organisationId: organisation.id, name: 'Kees', phone: '030 123 45 67', message: 'Help' });
    expect(res.statusCode).toBe(202);
    expect(await storedFor(organisation.id)).toHaveLength(1);
    expect(await messagesTo(organisation.helpdeskEmail)).toHaveLength(1);
    expect(await messagesTo('+31301234567')).toHaveLength(0);
  });

  it('R12: a filled-in honeypot gets the same answer, but nothing is stored, sent or logged with content', async () => {
    const organisation = await buildOrganisation(t.database.db);
    const sender = `robot-${uniq()}@example.test`;
    const info = vi.spyOn(t.app.ctx.log, 'info');
    const res = await post({
      organisationId: organisation.id,
      name: 'Cheap pills',
      email: sender,
      message: 'Buy now at spam.example',
      website: 'https://spam.example',
    });
    expect(res.statusCode).toBe(202);
    expect(res.json()).toEqual({ received: true });
    expect(await storedFor(organisation.id)).toHaveLength(0);
    expect(await messagesTo(organisation.helpdeskEmail)).toHaveLength(0);
    expect(await messagesTo(sender)).toHaveLength(0);
    const logged = info.mock.calls.filter((args) => JSON.stringify(args).includes('honeypot'));
    expect(logged).toHaveLength(1);
    expect(JSON.stringify(logged)).not.toMatch(/spam|pills|robot/i);
  });

  it('R12: says per field what is missing or wrong, all at once', async () => {
    const organisation = await buildOrganisation(t.database.db);
    const res = await post({
      organisationId: organisation.id,
      name: '   ',
      email: 'geen adres',
      phone: '12-34',
      portalOf: 'x'.repeat(201),
      message: 'y'.repeat(2001),
    });
    expect(res.statusCode).toBe(400);
    const error = res.json().error;
    expect(error.code).toBe('validation_failed');
    const byField = Object.fromEntries(error.details.map((d: { field: string; code: string }) => [d.field, d.code]));
    expect(byField).toEqual({
      name: 'required',
      email: 'invalid_email',
      phone: 'invalid_phone',
      portalOf: 'too_long',
      message: 'too_long',
    });
    for (const detail of error.details) expect(detail.message).toEqual(expect.any(String));
    expect(await storedFor(organisation.id)).toHaveLength(0);
  });

  it('R12: asks for an e-mail address or a phone number, and an empty message', async () => {
    const organisation = await buildOrganisation(t.database.db);
    const res = await post({ organisationId: organisation.id, name: 'Kees', email: '', phone: ' ', message: '\n ' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details).toEqual([
      { field: 'email', code: 'contact_required', message: expect.any(String) },
      { field: 'phone', code: 'contact_required', message: expect.any(String) },
      { field: 'message', code: 'required', message: expect.any(String) },
    ]);
  });

  it('R12: accepts 2000 characters as a person counts them, emoji included, and 15 digits', async () => {
    const organisation = await buildOrganisation(t.database.db);
    const message = '🙂'.repeat(2000);
    const res = await post({ organisationId: organisation.id, name: 'Kees', phone: '+31 (0)6 1234 5678 90', message });
    expect(res.statusCode).toBe(202);
    expect((await storedFor(organisation.id))[0]!.message).toBe(message);
  });

  it('R12: an unknown organisation is a 400 on the organisationId field, not a 404', async () => {
    const unknown = crypto.randomUUID();
    const res = await post({ organisationId: unknown, name: 'Kees', email: 'kees@example.test', message: 'Help' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({
      code: 'validation_failed',
      details: [{ field: 'organisationId', code: 'unknown_organisation' }],
    });
    expect(await storedFor(unknown)).toHaveLength(0);
    const malformed = await post({ organisationId: 'abc', name: 'Kees', email: 'kees@example.test', message: 'Help' });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().error.details[0].field).toBe('organisationId');
  });

  it('R12: answers 429 after 5 questions per hour from one address, and takes questions again an hour later', async () => {
    const organisation = await buildOrganisation(t.database.db);
    const ip = randomIp();
    const ask = () =>
      post({ organisationId: organisation.id, name: 'Kees', email: 'k@example.test', message: 'x' }, ip);
    for (let i = 0; i < 5; i++) expect((await ask()).statusCode).toBe(202);
    const blocked = await ask();
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json().error.code).toBe('rate_limited');
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    expect(await storedFor(organisation.id)).toHaveLength(5);
    // Someone else is not blocked by it.
    expect(
      (await post({ organisationId: organisation.id, name: 'Ria', phone: '0301234567', message: 'x' })).statusCode,
    ).toBe(202);
    t.clock.advance({ hours: 1 });
    expect((await ask()).statusCode).toBe(202);
  });

  it('R12: a flood of 100 questions per hour to one organisation is cut off, also when it comes from many addresses', async () => {
    const organisation = await buildOrganisation(t.database.db);
    // Robots' questions count too; they are the cheapest way to fill the window.
    for (let i = 0; i < 100; i++) {
      const res = await post({
        organisationId: organisation.id,
        name: 'x',
        email: 'x@example.test',
        message: 'x',
        website: 'x',
      });
      expect(res.statusCode).toBe(202);
    }
    const res = await post({ organisationId: organisation.id, name: 'Kees', email: 'k@example.test', message: 'Help' });
    expect(res.statusCode).toBe(429);
    // Another organisation's helpdesk is not affected.
    const other = await buildOrganisation(t.database.db);
    expect(
      (await post({ organisationId: other.id, name: 'Kees', email: 'k@example.test', message: 'Help' })).statusCode,
    ).toBe(202);
  });

  it('R12: does not let the form pester someone: at most 3 confirmations a day to one address', async () => {
    const organisation = await buildOrganisation(t.database.db);
    const victim = `Slachtoffer-${uniq()}@Example.test`;
    for (let i = 0; i < 4; i++) {
      const email = i % 2 ? victim.toLowerCase() : victim;
      expect((await post({ organisationId: organisation.id, name: 'x', email, message: 'x' })).statusCode).toBe(202);
    }
    expect(await messagesTo(organisation.helpdeskEmail)).toHaveLength(4);
    const confirmations = [...(await messagesTo(victim)), ...(await messagesTo(victim.toLowerCase()))];
    expect(confirmations).toHaveLength(3);
  });

  it('R12: a failing confirmation SMS does not fail the question, which is stored and forwarded', async () => {
    const organisation = await buildOrganisation(t.database.db);
    vi.spyOn(t.app.ctx.outbox, 'sendSms').mockRejectedValue(new Error('provider down'));
    const warn = vi.spyOn(t.app.ctx.log, 'warn');
    const res = await post({ organisationId: organisation.id, name: 'Kees', phone: '0612345678', message: 'Help' });
    expect(res.statusCode).toBe(202);
    expect(await storedFor(organisation.id)).toHaveLength(1);
    expect(await messagesTo(organisation.helpdeskEmail)).toHaveLength(1);
    expect(warn).toHaveBeenCalled();
  });

  it('N3 (V3.5): refuses a question posted from another site', async () => {
    const organisation = await buildOrganisation(t.database.db);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/helpdesk',
      remoteAddress: randomIp(),
      headers: { origin: 'https://evil.example' },
      payload: { organisationId: organisation.id, name: 'Kees', email: 'k@example.test', message: 'Help' },
    });
    expect(res.statusCode).toBe(403);
    expect(await storedFor(organisation.id)).toHaveLength(0);
  });
});
