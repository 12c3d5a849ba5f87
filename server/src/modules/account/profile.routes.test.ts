/** R28, R29: the person's own data on Mijn gegevens, and "wijziging doorgeven" to the organisation's mailbox. */
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditEvents, dataChangeRequests, devOutbox } from '../../platform/schema.js';
import { injectAs, useTestApp } from '../../test/app.js';
import { buildClient, buildContactPerson, buildOrganisation, buildPerson, buildStaff } from '../../test/factories.js';
import { lastMessageTo } from '../../test/outbox.js';

describe('Mijn gegevens: the own data', () => {
  const t = useTestApp();
  const profile = (browser: Awaited<ReturnType<typeof injectAs>>, clientId?: string) =>
    browser.inject({ method: 'GET', url: `/api/account/profile${clientId ? `?clientId=${clientId}` : ''}` });

  it('shows name, e-mail and the whole mobile number to the owner; unknown data are null', async () => {
    const client = await buildClient(t.database.db);
    const { person } = await buildContactPerson(t.database.db, client.id, {
      personValues: { givenName: 'Pieter', namePrefix: 'van der', familyName: 'Berg' },
    });
    const res = await profile(await injectAs(t.app, person));
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      givenName: 'Pieter',
      namePrefix: 'van der',
      familyName: 'Berg',
      name: 'Pieter van der Berg',
      dateOfBirth: null,
      address: null,
      email: person.email,
      mobile: person.mobile,
      pendingEmail: null,
    });
  });

  it('a client sees the date of birth and address of the client record when the person record has none', async () => {
    const client = await buildClient(t.database.db, {
      dateOfBirth: '1938-04-12',
      street: 'Berkenlaan',
      houseNumber: '12',
      postalCode: '3581 AB',
      city: 'Utrecht',
    });
    const { person } = await buildContactPerson(t.database.db, client.id, { relation: 'self' });
    const res = (await profile(await injectAs(t.app, person), client.id)).json();
    expect(res.dateOfBirth).toBe('1938-04-12');
    expect(res.address).toEqual({ street: 'Berkenlaan', houseNumber: '12', postalCode: '3581 AB', city: 'Utrecht' });
    // N1: the client record was read.
    const audit = await t.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.clientId, client.id), eq(auditEvents.action, 'account.profile.read')));
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actorRole).toBe('client');
  });

  it('the person record comes first, and an address is never mixed from two sources', async () => {
    const client = await buildClient(t.database.db, {
      dateOfBirth: '1938-04-12',
      street: 'Berkenlaan',
      houseNumber: '12',
      postalCode: '3581 AB',
      city: 'Utrecht',
    });
    const { person } = await buildContactPerson(t.database.db, client.id, {
      relation: 'self',
      personValues: { street: 'Nieuwe Gracht', houseNumber: '3', postalCode: null, city: 'Zeist' },
    });
    const res = (await profile(await injectAs(t.app, person))).json();
    expect(res.dateOfBirth).toBe('1938-04-12');
    expect(res.address).toEqual({ street: 'Nieuwe Gracht', houseNumber: '3', postalCode: null, city: 'Zeist' });
  });

  it('R29: names the mailbox of the open portal’s organisation; a portal that is not yours is a 404', async () => {
    const orgA = await buildOrganisation(t.database.db, { dataChangeMailbox: 'gegevens@a.test' });
    const orgB = await buildOrganisation(t.database.db, { dataChangeMailbox: 'gegevens@b.test' });
    const clientA = await buildClient(t.database.db, { organisationId: orgA.id });
    const clientB = await buildClient(t.database.db, { organisationId: orgB.id });
    const { person } = await buildContactPerson(t.database.db, clientA.id);
    await buildContactPerson(t.database.db, clientB.id, { person });
    const browser = await injectAs(t.app, person);
    expect((await profile(browser, clientA.id)).json().organisation).toEqual({
      name: orgA.name,
      dataChangeMailbox: 'gegevens@a.test',
    });
    expect((await profile(browser, clientB.id)).json().organisation.dataChangeMailbox).toBe('gegevens@b.test');
    // Without a portal: the first network the person joined.
    expect((await profile(browser)).json().organisation.dataChangeMailbox).toBe('gegevens@a.test');

    const elsewhere = await buildClient(t.database.db);
    expect((await profile(browser, elsewhere.id)).statusCode).toBe(404);
    expect((await profile(browser, 'geen-uuid')).statusCode).toBe(400);
  });

  it('staff without a portal get their organisation’s mailbox', async () => {
    const org = await buildOrganisation(t.database.db, { dataChangeMailbox: 'personeel@org.test' });
    const staff = await buildStaff(t.database.db, org.id, 'organisation_admin');
    expect((await profile(await injectAs(t.app, staff))).json().organisation.dataChangeMailbox).toBe(
      'personeel@org.test',
    );
  });

  it('needs a session', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/account/profile' })).statusCode).toBe(401);
  });
});

describe('wijziging doorgeven (R29)', () => {
  const t = useTestApp();

  async function setUp() {
    const org = await buildOrganisation(t.database.db, { dataChangeMailbox: `wijziging-${Date.now()}@org.test` });
    const client = await buildClient(t.database.db, { organisationId: org.id, familyName: 'Geheimnaam' });
    const { person } = await buildContactPerson(t.database.db, client.id, {
      personValues: { givenName: 'Wilma', familyName: 'Doorgever' },
    });
    return { org, client, person, browser: await injectAs(t.app, person) };
  }

  it('stores the request, mails it to the organisation’s mailbox and confirms without repeating it', async () => {
    const { org, client, person, browser } = await setUp();
    const message = 'Mijn adres is nu Dorpsstraat 5, 1234 AB Ergens.\nGraag aanpassen.';
    const res = await browser.inject({
      method: 'POST',
      url: '/api/account/change-requests',
      payload: { message: `  ${message}  `, clientId: client.id },
    });
    expect(res.statusCode).toBe(202);
    expect(res.json()).toMatchObject({ sentTo: org.dataChangeMailbox, organisationName: org.name });

    const [stored] = await t.database.db
      .select()
      .from(dataChangeRequests)
      .where(eq(dataChangeRequests.personId, person.id));
    expect(stored).toMatchObject({
      message,
      organisationId: org.id,
      clientId: client.id,
      sentTo: org.dataChangeMailbox,
    });

    const mail = await lastMessageTo(t.database.db, org.dataChangeMailbox);
    expect(mail?.body).toContain(message);
    expect(mail?.body).toContain('Wilma Doorgever');
    expect(mail?.body).toContain(person.email);
    expect(mail?.body).toContain(stored!.id);
    // The mail is about the person who asks, not about the client whose portal was open.
    expect(mail?.body).not.toContain('Geheimnaam');

    const confirmation = await lastMessageTo(t.database.db, person.email);
    expect(confirmation?.subject).toBe('Uw wijziging is doorgegeven');
    expect(confirmation?.body).not.toContain('Dorpsstraat');
    expect(confirmation?.body).toContain(org.name);
  });

  it('refuses an empty or too long message with a clear field error, and sends nothing', async () => {
    const { org, browser } = await setUp();
    const send = (message: string) =>
      browser.inject({ method: 'POST', url: '/api/account/change-requests', payload: { message } });
    expect((await send('   \n ')).json().error.details[0]).toMatchObject({ field: 'message', code: 'required' });
    expect((await send('a'.repeat(2001))).json().error.details[0]).toMatchObject({
      field: 'message',
      code: 'too_long',
    });
    expect((await send('😀'.repeat(2000))).statusCode).toBe(202);
    const mails = await t.database.db.select().from(devOutbox).where(eq(devOutbox.to, org.dataChangeMailbox));
    expect(mails).toHaveLength(1);
  });

  it('a portal that is not yours is a 404 and nothing is sent', async () => {
    const { browser, person } = await setUp();
    const other = await buildClient(t.database.db);
    const res = await browser.inject({
      method: 'POST',
      url: '/api/account/change-requests',
      payload: { message: 'Mijn naam is anders', clientId: other.id },
    });
    expect(res.statusCode).toBe(404);
    const stored = await t.database.db
      .select()
      .from(dataChangeRequests)
      .where(eq(dataChangeRequests.personId, person.id));
    expect(stored).toHaveLength(0);
  });

  it('at most 5 an hour per person', async () => {
    const { org, person } = await setUp();
    let browser = await injectAs(t.app, person);
    const send = () =>
      browser.inject({ method: 'POST', url: '/api/account/change-requests', payload: { message: 'Nieuw adres' } });
    for (let i = 0; i < 5; i++) expect((await send()).statusCode).toBe(202);
    const blocked = await send();
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json().error.code).toBe('rate_limited');
    const mails = await t.database.db.select().from(devOutbox).where(eq(devOutbox.to, org.dataChangeMailbox));
    expect(mails).toHaveLength(5);
    t.clock.advance({ hours: 1 });
    // The session timed out meanwhile: the next hour starts with a new login.
    browser = await injectAs(t.app, person);
    expect((await send()).statusCode).toBe(202);
  });

  it('a person in no organisation is told so', async () => {
    const loner = await buildPerson(t.database.db);
    const res = await (
      await injectAs(t.app, loner)
    ).inject({
      method: 'POST',
      url: '/api/account/change-requests',
      payload: { message: 'Mijn naam is anders' },
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('no_organisation');
    const stored = await t.database.db
      .select()
      .from(dataChangeRequests)
      .where(eq(dataChangeRequests.personId, loner.id));
    expect(stored).toHaveLength(0);
  });
});
