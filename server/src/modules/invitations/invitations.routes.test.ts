/** I2: the organisation creates a portal and invites its first person, who activates with an SMS code. */
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditEvents, memberships } from '../../platform/schema.js';
import { injectAs, useTestApp } from '../../test/app.js';
import { buildClient, buildDepartment, buildOrganisation, buildPerson, buildStaff } from '../../test/factories.js';
import { lastMailLink, lastMessageTo, lastSmsCode } from '../../test/outbox.js';

const chosen = 'een zonnige dag aan het water';

describe('invitations', () => {
  const t = useTestApp();

  async function adminOf(organisationId: string) {
    const admin = await buildStaff(t.database.db, organisationId, 'organisation_admin');
    return injectAs(t.app, admin);
  }

  const invitee = (over: Record<string, unknown> = {}) => ({
    givenName: 'Marieke',
    namePrefix: 'van',
    familyName: `Dam${Math.random().toString(36).slice(2, 7)}`,
    email: `marieke-${Math.random().toString(36).slice(2, 8)}@example.test`,
    mobile: '06-12345678',
    relation: 'contact',
    relationLabel: 'dochter',
    ...over,
  });

  it('I2: an admin creates a portal; the invitee chooses a password, confirms the mobile by SMS and is in', async () => {
    const org = await buildOrganisation(t.database.db);
    const department = await buildDepartment(t.database.db, org.id);
    const admin = await adminOf(org.id);
    const who = invitee();
    const created = await admin.inject({
      method: 'POST',
      url: '/api/admin/portals',
      payload: { client: { givenName: 'Trijntje', familyName: 'Kok', departmentId: department.id }, invitee: who },
    });
    expect(created.statusCode).toBe(201);
    const { clientId } = created.json();

    const mail = await lastMessageTo(t.database.db, who.email);
    expect(mail?.subject).toBe('Uitnodiging voor het cliëntportaal');
    // Nothing of the client in the mail.
    expect(mail?.body).not.toContain('Trijntje');
    expect(mail?.body).not.toContain('Kok');
    const { token } = await lastMailLink(t.database.db, who.email);

    const view = await t.app.inject({ method: 'POST', url: '/api/invitations/view', payload: { token } });
    expect(view.json()).toMatchObject({ givenName: 'Marieke', clientName: 'Trijntje Kok', email: who.email });
    expect(view.json().maskedMobile).toMatch(/78$/);

    const accept = await t.app.inject({
      method: 'POST',
      url: '/api/invitations/accept',
      payload: { token, password: chosen },
    });
    expect(accept.statusCode).toBe(200);
    expect(accept.json()).toMatchObject({ status: 'sms_required', sms: { purpose: 'invitation' } });
    const attempt = accept.cookies.find((c) => c.name === 'kring_attempt')!.value;
    const code = await lastSmsCode(t.database.db, '+31612345678');
    const verified = await t.app.inject({
      method: 'POST',
      url: '/api/auth/sms/verify',
      cookies: { kring_attempt: attempt },
      payload: { code },
    });
    expect(verified.statusCode).toBe(200);
    expect(verified.json().purpose).toBe('invitation');
    const session = verified.cookies.find((c) => c.name === 'kring_session')!.value;
    const me = (await t.app.inject({ method: 'GET', url: '/api/me', cookies: { kring_session: session } })).json();
    expect(me.portals).toEqual([
      expect.objectContaining({
        clientId,
        clientName: 'Trijntje Kok',
        relationLabel: 'dochter',
        // R26/R27: what the first contact person needs, without the dossier.
        permissions: expect.not.arrayContaining(['dossier:read']),
      }),
    ]);
    expect(me.portals[0].permissions).toContain('network:manage');
    const logged = await t.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.clientId, clientId), eq(auditEvents.action, 'network.invitation_accepted')));
    expect(logged).toHaveLength(1);
    // The invitation link is used up.
    const again = await t.app.inject({ method: 'POST', url: '/api/invitations/view', payload: { token } });
    expect(again.statusCode).toBe(410);
    expect(again.json().error.code).toBe('link_used');
  });

  it('an invitation link expires after 7 days and says so', async () => {
    const client = await buildClient(t.database.db);
    const admin = await adminOf(client.organisationId);
    const who = invitee();
    expect(
      (await admin.inject({ method: 'POST', url: `/api/admin/clients/${client.id}/invitations`, payload: who }))
        .statusCode,
    ).toBe(201);
    const { token } = await lastMailLink(t.database.db, who.email);
    t.clock.advance({ days: 7, seconds: 1 });
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/invitations/accept',
      payload: { token, password: chosen },
    });
    expect(res.statusCode).toBe(410);
    expect(res.json().error.code).toBe('link_expired');
    t.clock.advance({ days: -7, seconds: -1 });
  });

  it('the invitee may correct the mobile number; the code goes to the new number, which is then kept', async () => {
    const client = await buildClient(t.database.db);
    const admin = await adminOf(client.organisationId);
    const who = invitee({ mobile: '+31611111111' });
    await admin.inject({ method: 'POST', url: `/api/admin/clients/${client.id}/invitations`, payload: who });
    const { token } = await lastMailLink(t.database.db, who.email);
    const bad = await t.app.inject({
      method: 'POST',
      url: '/api/invitations/accept',
      payload: { token, password: chosen, mobile: '030 123 4567' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0]).toMatchObject({ field: 'mobile', code: 'invalid_mobile' });
    const accept = await t.app.inject({
      method: 'POST',
      url: '/api/invitations/accept',
      payload: { token, password: chosen, mobile: '06 2222 3333' },
    });
    const attempt = accept.cookies.find((c) => c.name === 'kring_attempt')!.value;
    const code = await lastSmsCode(t.database.db, '+31622223333');
    await t.app.inject({
      method: 'POST',
      url: '/api/auth/sms/verify',
      cookies: { kring_attempt: attempt },
      payload: { code },
    });
    const person = await injectAs(t.app, { email: who.email, password: chosen, mobile: '+31622223333' });
    expect((await person.inject({ method: 'GET', url: '/api/me' })).json().portals).toHaveLength(1);
  });

  it('V8.4.1: an admin cannot invite into a client of another organisation, and a contact person cannot at all', async () => {
    const ours = await buildClient(t.database.db);
    const theirs = await buildClient(t.database.db);
    const admin = await adminOf(ours.organisationId);
    const foreign = await admin.inject({
      method: 'POST',
      url: `/api/admin/clients/${theirs.id}/invitations`,
      payload: invitee(),
    });
    expect(foreign.statusCode).toBe(404);
    const stranger = await injectAs(t.app, await buildPerson(t.database.db));
    const portal = await stranger.inject({
      method: 'POST',
      url: '/api/admin/portals',
      payload: { client: { givenName: 'A', familyName: 'B' }, invitee: invitee() },
    });
    expect(portal.statusCode).toBe(403);
    const rows = await t.database.db.select().from(memberships).where(eq(memberships.clientId, theirs.id));
    expect(rows).toHaveLength(0);
  });

  it('an admin may invite an address that already has an account: it joins with that account, whose password and name stay', async () => {
    const client = await buildClient(t.database.db);
    const admin = await adminOf(client.organisationId);
    const existing = await buildPerson(t.database.db, { givenName: 'Hester' });
    const res = await admin.inject({
      method: 'POST',
      url: `/api/admin/clients/${client.id}/invitations`,
      payload: invitee({ email: existing.email }),
    });
    expect(res.statusCode).toBe(201);
    const { token } = await lastMailLink(t.database.db, existing.email);
    expect(
      (await t.app.inject({ method: 'POST', url: '/api/invitations/view', payload: { token } })).json(),
    ).toMatchObject({ existingAccount: true, givenName: 'Hester' });
    const accept = await t.app.inject({
      method: 'POST',
      url: '/api/invitations/accept',
      payload: { token, password: chosen },
    });
    expect(accept.statusCode).toBe(409);
    expect(accept.json().error.code).toBe('log_in_to_accept');

    const person = await injectAs(t.app, existing);
    const join = await person.inject({ method: 'POST', url: '/api/invitations/join', payload: { token } });
    expect(join.json()).toEqual({ clientId: client.id });
    const me = (await person.inject({ method: 'GET', url: '/api/me' })).json();
    expect(me.person.givenName).toBe('Hester');
    expect(me.portals).toEqual([expect.objectContaining({ clientId: client.id, relationLabel: 'dochter' })]);
  });
});
