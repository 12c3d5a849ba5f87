/** Managers invite people into the network (R26, R27, N7); an existing account joins with itself. */
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { Permission } from '../../platform/permissions.js';
import { auditEvents, memberships, persons } from '../../platform/schema.js';
import { injectAs, useTestApp, type LoggedIn } from '../../test/app.js';
import { testEngine } from '../../test/db.js';
import { buildClient, buildContactPerson, buildOrganisation, buildPerson, buildStaff } from '../../test/factories.js';
import { lastMailLink, lastMessageTo, lastSmsCode } from '../../test/outbox.js';

const chosenPassword = 'een zonnige dag aan het water';

describe('inviting into the network (Beheerinstellingen) over HTTP', () => {
  const t = useTestApp();
  const db = () => t.database.db;

  /** A client with their own account (relation self) in a new organisation. */
  async function buildPortal() {
    const organisation = await buildOrganisation(db());
    const client = await buildClient(db(), {
      organisationId: organisation.id,
      givenName: 'Geertruida',
      familyName: `Wolters${Math.random().toString(36).slice(2, 7)}`,
    });
    const self = (
      await buildContactPerson(db(), client.id, {
        relation: 'self',
        personValues: { givenName: client.givenName, familyName: client.familyName },
      })
    ).person;
    return { organisation, client, self };
  }

  const member = (clientId: string, permissions: Permission[]) =>
    buildContactPerson(db(), clientId, { permissions }).then((m) => m.person);

  const invitationsUrl = (clientId: string) => `/api/portals/${clientId}/network/invitations`;
  const invitationUrl = (clientId: string, invitationId: string) =>
    `/api/portals/${clientId}/network/invitations/${invitationId}`;

  let counter = 0;
  const invitee = (over: Record<string, unknown> = {}) => ({
    givenName: 'Bram',
    namePrefix: 'van',
    familyName: 'Dam',
    email: `bram-${Date.now()}-${++counter}@example.test`,
    mobile: '06 1234 5678',
    relation: 'contact',
    relationLabel: 'buurman',
    ...over,
  });

  const inviteAs = (s: LoggedIn, clientId: string, payload: Record<string, unknown>) =>
    s.inject({ method: 'POST', url: invitationsUrl(clientId), payload });

  const view = (token: string) => t.app.inject({ method: 'POST', url: '/api/invitations/view', payload: { token } });

  /** A new account accepts the way the invitation page does: password, then the SMS code. */
  async function acceptAsNew(token: string, mobile = '+31612345678') {
    const accept = await t.app.inject({
      method: 'POST',
      url: '/api/invitations/accept',
      payload: { token, password: chosenPassword },
    });
    expect(accept.statusCode, accept.body).toBe(200);
    const attempt = accept.cookies.find((c) => c.name === 'kring_attempt')!.value;
    const verified = await t.app.inject({
      method: 'POST',
      url: '/api/auth/sms/verify',
      cookies: { kring_attempt: attempt },
      payload: { code: await lastSmsCode(db(), mobile) },
    });
    expect(verified.statusCode, verified.body).toBe(200);
  }

  const membershipOf = async (clientId: string, email: string) => {
    const [row] = await db()
      .select({ membership: memberships })
      .from(memberships)
      .innerJoin(persons, eq(persons.id, memberships.personId))
      .where(and(eq(memberships.clientId, clientId), eq(persons.email, email)));
    return row?.membership;
  };

  const auditRows = (clientId: string, action: string) =>
    db()
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.clientId, clientId), eq(auditEvents.action, action)));

  const pending = async (s: LoggedIn, clientId: string) =>
    (await s.inject({ method: 'GET', url: `/api/portals/${clientId}/network` })).json().pendingInvitations as {
      invitationId: string;
      email: string;
      permissions: Permission[];
      expiresAt: string;
    }[];

  it('R26, N7: the client invites a person, who gets the least rights (no dossier, no management) and a mail that names the organisation, never the client', async () => {
    const { organisation, client, self } = await buildPortal();
    const s = await injectAs(t.app, self!);
    const who = invitee();
    const res = await inviteAs(s, client.id, who);
    expect(res.statusCode, res.body).toBe(201);
    expect(Object.keys(res.json()).sort()).toEqual(['expiresAt', 'invitationId']);
    expect(res.json().expiresAt).toBe(new Date(t.clock.now().getTime() + 7 * 24 * 3600_000).toISOString());

    const mail = await lastMessageTo(db(), who.email);
    expect(mail?.subject).toBe('Uitnodiging voor het cliëntportaal');
    expect(mail?.body).toContain('Beste Bram');
    expect(mail?.body).toContain(organisation.name);
    for (const secret of [client.givenName, client.familyName, self!.familyName]) {
      expect(mail?.body).not.toContain(secret);
    }

    const listed = await pending(s, client.id);
    expect(listed).toEqual([
      expect.objectContaining({
        invitationId: res.json().invitationId,
        email: who.email,
        permissions: ['agenda:read', 'messages:use', 'board:read'],
        createdAt: t.clock.now().toISOString(),
        invitedByName: `${self!.givenName} ${self!.familyName}`,
        accessEndsAt: null,
      }),
    ]);

    const { token } = await lastMailLink(db(), who.email);
    expect((await view(token)).json()).toMatchObject({ existingAccount: false, clientName: expect.any(String) });
    await acceptAsNew(token);
    const joined = await membershipOf(client.id, who.email);
    expect(joined).toMatchObject({
      relation: 'contact',
      relationLabel: 'buurman',
      permissions: ['agenda:read', 'messages:use', 'board:read'],
      grantedBy: self!.id,
      endsAt: null,
      revokedAt: null,
    });
    expect(await pending(s, client.id)).toEqual([]);

    const [logged] = await auditRows(client.id, 'network.invited');
    expect(logged).toMatchObject({ actorPersonId: self!.id, actorRole: 'client', objectId: res.json().invitationId });
    expect(logged!.details).toEqual({
      relation: 'contact',
      permissions: ['agenda:read', 'messages:use', 'board:read'],
      accessEndsAt: null,
    });
    expect(JSON.stringify(logged)).not.toContain(token);
  });

  it('R26 (IDOR): a contact person without network:manage and staff get 403, outsiders 404, on every invitation route; nothing is sent', async () => {
    const { client, self } = await buildPortal();
    const other = await buildPortal();
    const owner = await injectAs(t.app, self!);
    const open = (await inviteAs(owner, client.id, invitee())).json().invitationId as string;
    const plain = await member(client.id, ['agenda:read', 'dossier:read', 'board:write']);
    const admin = await buildStaff(db(), client.organisationId, 'organisation_admin');
    const carer = await buildStaff(db(), client.organisationId, 'care_professional', {
      departmentId: client.departmentId!,
    });
    const foreignManager = await member(other.client.id, ['network:manage', 'agenda:read', 'board:read']);
    const foreignAdmin = await buildStaff(db(), other.client.organisationId, 'organisation_admin');
    const stranger = await buildPerson(db());

    const tryAll = async (who: { email: string; password: string | null; mobile: string | null }) => {
      const s = await injectAs(t.app, who);
      const email = `niet-verstuurd-${Date.now()}-${++counter}@example.test`;
      const answers = [
        await inviteAs(s, client.id, invitee({ email })),
        await s.inject({ method: 'POST', url: `${invitationUrl(client.id, open)}/resend` }),
        await s.inject({ method: 'DELETE', url: invitationUrl(client.id, open) }),
      ];
      expect(await lastMessageTo(db(), email)).toBeUndefined();
      return answers.map((a) => a.statusCode);
    };
    expect(await tryAll(plain)).toEqual([403, 403, 403]);
    expect(await tryAll(admin)).toEqual([403, 403, 403]);
    expect(await tryAll(carer)).toEqual([403, 403, 403]);
    for (const outsider of [foreignManager, foreignAdmin, stranger]) {
      expect(await tryAll(outsider)).toEqual([404, 404, 404]);
    }

    // A manager of another portal cannot reach this invitation through their own portal either.
    const fm = await injectAs(t.app, foreignManager);
    expect(
      (await fm.inject({ method: 'POST', url: `${invitationUrl(other.client.id, open)}/resend` })).statusCode,
    ).toBe(404);
    expect((await fm.inject({ method: 'DELETE', url: invitationUrl(other.client.id, open) })).statusCode).toBe(404);

    // The invitation is still open and unchanged.
    expect((await pending(owner, client.id)).map((i) => i.invitationId)).toEqual([open]);
    expect(await auditRows(client.id, 'network.invited')).toHaveLength(1);
    expect((await auditRows(client.id, 'access.denied')).length).toBeGreaterThanOrEqual(9);
    expect(
      (await t.app.inject({ method: 'POST', url: invitationsUrl(client.id), payload: invitee() })).statusCode,
    ).toBe(401);
  });

  it('R26: a contact person with network:manage may invite, but not give a right they do not hold; the default is what they can give of the least rights', async () => {
    const { client } = await buildPortal();
    const manager = await member(client.id, ['network:manage', 'agenda:read', 'messages:use']);
    const s = await injectAs(t.app, manager);

    for (const permissions of [['agenda:read', 'agenda:write'], ['dossier:read'], ['board:read']]) {
      const res = await inviteAs(s, client.id, invitee({ permissions, confirmDossier: true }));
      expect(res.statusCode, JSON.stringify(permissions)).toBe(403);
      expect(res.json().error.code).toBe('forbidden');
    }
    expect(await auditRows(client.id, 'network.invited')).toHaveLength(0);

    const chosen = await inviteAs(s, client.id, invitee({ permissions: ['messages:use', 'network:manage'] }));
    expect(chosen.statusCode).toBe(201);
    const byDefault = await inviteAs(s, client.id, invitee());
    expect(byDefault.statusCode).toBe(201);
    const listed = await pending(s, client.id);
    expect(listed.find((i) => i.invitationId === chosen.json().invitationId)!.permissions).toEqual([
      'messages:use',
      'network:manage',
    ]);
    // The manager lacks board:read, so the default leaves it out rather than refusing.
    expect(listed.find((i) => i.invitationId === byDefault.json().invitationId)!.permissions).toEqual([
      'agenda:read',
      'messages:use',
    ]);
  });

  it('R27: inviting with the dossier right needs the confirmation that the dossier is personal', async () => {
    const { client, self } = await buildPortal();
    const s = await injectAs(t.app, self!);
    const who = invitee({ permissions: ['dossier:read', 'agenda:read'] });
    const unconfirmed = await inviteAs(s, client.id, who);
    expect(unconfirmed.statusCode).toBe(400);
    expect(unconfirmed.json().error.code).toBe('dossier_confirmation_required');
    expect(await lastMessageTo(db(), who.email)).toBeUndefined();

    const confirmed = await inviteAs(s, client.id, { ...who, confirmDossier: true });
    expect(confirmed.statusCode).toBe(201);
    await acceptAsNew((await lastMailLink(db(), who.email)).token);
    expect((await membershipOf(client.id, who.email))!.permissions).toEqual(['dossier:read', 'agenda:read']);
  });

  it('R26: an end date must lie in the future; the membership ends at it by itself (movable clock)', async () => {
    const { client, self } = await buildPortal();
    const s = await injectAs(t.app, self!);
    const past = await inviteAs(
      s,
      client.id,
      invitee({ accessEndsAt: new Date(t.clock.now().getTime() - 60_000).toISOString() }),
    );
    expect(past.statusCode).toBe(400);
    expect(past.json().error.details[0]).toMatchObject({ field: 'accessEndsAt', code: 'not_in_future' });

    const endsAt = new Date(t.clock.now().getTime() + 20 * 60_000);
    const who = invitee({ accessEndsAt: endsAt.toISOString(), mobile: '+31687654321' });
    expect((await inviteAs(s, client.id, who)).statusCode).toBe(201);
    await acceptAsNew((await lastMailLink(db(), who.email)).token, '+31687654321');
    expect((await membershipOf(client.id, who.email))!.endsAt).toEqual(endsAt);

    const neighbour = await injectAs(t.app, { email: who.email, password: chosenPassword, mobile: '+31687654321' });
    expect((await neighbour.inject({ method: 'GET', url: `/api/portals/${client.id}/network` })).statusCode).toBe(200);
    t.clock.advance({ minutes: 20 });
    expect((await neighbour.inject({ method: 'GET', url: `/api/portals/${client.id}/network` })).statusCode).toBe(404);
    expect((await neighbour.inject({ method: 'GET', url: '/api/me' })).json().portals).toEqual([]);
  });

  it('an invitation whose access would already have ended cannot be accepted any more', async () => {
    const { client, self } = await buildPortal();
    const s = await injectAs(t.app, self!);
    const who = invitee({ accessEndsAt: new Date(t.clock.now().getTime() + 3600_000).toISOString() });
    await inviteAs(s, client.id, who);
    const { token } = await lastMailLink(db(), who.email);
    t.clock.advance({ hours: 1 });
    expect((await view(token)).json().error.code).toBe('link_expired');
  });

  it('R26: an existing account joins with itself: the same answer, its own name and number untouched, and a mail that says to log in', async () => {
    const { organisation, client, self } = await buildPortal();
    const s = await injectAs(t.app, self!);
    const existing = await buildPerson(db(), { givenName: 'Wilhelmina', familyName: 'Eigenaar' });
    const fresh = await inviteAs(s, client.id, invitee());
    const known = await inviteAs(
      s,
      client.id,
      invitee({ email: existing.email.toUpperCase(), givenName: 'Willy', familyName: 'Anders', mobile: '0611112222' }),
    );
    // Nothing in the answer tells the manager that this address has an account.
    expect(known.statusCode).toBe(fresh.statusCode);
    expect(Object.keys(known.json())).toEqual(Object.keys(fresh.json()));
    expect(known.json().expiresAt).toBe(fresh.json().expiresAt);

    const [row] = await db().select().from(persons).where(eq(persons.id, existing.id));
    expect(row).toMatchObject({
      givenName: 'Wilhelmina',
      familyName: 'Eigenaar',
      mobile: existing.mobile,
      passwordHash: existing.passwordHash,
      status: 'active',
    });

    // The list of open invitations shows the name the manager typed, not the account's own.
    const pending = (await s.inject({ method: 'GET', url: `/api/portals/${client.id}/network` })).json()
      .pendingInvitations as { name: string; email: string }[];
    expect(pending.find((i) => i.email === existing.email)?.name).toBe('Willy van Anders');

    const mail = await lastMessageTo(db(), existing.email);
    expect(mail?.body).toContain('Beste Wilhelmina');
    expect(mail?.body).toContain(`een portaal van ${organisation.name}`);
    expect(mail?.body).toContain('U heeft al een account');
    for (const secret of [client.givenName, client.familyName, 'Willy']) expect(mail?.body).not.toContain(secret);
    const { token } = await lastMailLink(db(), existing.email);

    expect((await view(token)).json()).toMatchObject({ existingAccount: true, givenName: 'Wilhelmina' });
    // No new password through the link: the owner logs in instead.
    const hijack = await t.app.inject({
      method: 'POST',
      url: '/api/invitations/accept',
      payload: { token, password: 'een ander lang wachtwoord hier' },
    });
    expect(hijack.statusCode).toBe(409);
    expect(hijack.json().error.code).toBe('log_in_to_accept');
    expect(await lastMessageTo(db(), existing.mobile!)).toBeUndefined();

    const person = await injectAs(t.app, existing);
    const join = await person.inject({ method: 'POST', url: '/api/invitations/join', payload: { token } });
    expect(join.statusCode, join.body).toBe(200);
    expect(join.json()).toEqual({ clientId: client.id });
    const me = (await person.inject({ method: 'GET', url: '/api/me' })).json();
    expect(me.portals.map((p: { clientId: string }) => p.clientId)).toEqual([client.id]);
    expect(me.person).toMatchObject({ givenName: 'Wilhelmina', familyName: 'Eigenaar' });
    expect(await membershipOf(client.id, existing.email)).toMatchObject({
      permissions: ['agenda:read', 'messages:use', 'board:read'],
      revokedAt: null,
    });
    const [accepted] = await auditRows(client.id, 'network.invitation_accepted');
    expect(accepted).toMatchObject({ actorPersonId: existing.id, outcome: 'success' });
    // Used once.
    const again = await person.inject({ method: 'POST', url: '/api/invitations/join', payload: { token } });
    expect(again.json().error.code).toBe('link_used');
  });

  describe('the inviter’s rights at acceptance (ADR 009)', () => {
    const rightsUrl = (clientId: string, personId: string) =>
      `/api/portals/${clientId}/network/${personId}/permissions`;
    const managerRights: Permission[] = ['network:manage', 'dossier:read', 'agenda:read', 'messages:use'];

    /** A manager (not the client) invites a new person with the dossier right. */
    async function invitedByManager() {
      const portal = await buildPortal();
      const manager = await member(portal.client.id, managerRights);
      const who = invitee();
      const res = await inviteAs(await injectAs(t.app, manager), portal.client.id, {
        ...who,
        permissions: ['agenda:read', 'dossier:read'],
        confirmDossier: true,
      });
      expect(res.statusCode, res.body).toBe(201);
      const { token } = await lastMailLink(db(), who.email);
      return { ...portal, manager, who, token, owner: await injectAs(t.app, portal.self!) };
    }

    it('a right the inviter lost since is not given; the audit records what was given', async () => {
      const { client, manager, who, token, owner } = await invitedByManager();
      const lose = await owner.inject({
        method: 'PUT',
        url: rightsUrl(client.id, manager.id),
        payload: { permissions: ['network:manage', 'agenda:read', 'messages:use'] },
      });
      expect(lose.statusCode, lose.body).toBe(200);

      await acceptAsNew(token);
      expect((await membershipOf(client.id, who.email))?.permissions).toEqual(['agenda:read']);
      const [accepted] = await auditRows(client.id, 'network.invitation_accepted');
      expect(accepted?.details).toMatchObject({
        permissions: ['agenda:read'],
        invited: ['dossier:read', 'agenda:read'],
      });
    });

    it('an inviter who was removed from the network voids the invitation: link_invalid, nobody joins', async () => {
      const { client, manager, who, token, owner } = await invitedByManager();
      expect((await view(token)).statusCode).toBe(200);
      const removed = await owner.inject({ method: 'DELETE', url: `/api/portals/${client.id}/network/${manager.id}` });
      expect(removed.statusCode, removed.body).toBe(204);

      const seen = await view(token);
      expect(seen.statusCode).toBe(404);
      expect(seen.json().error.code).toBe('link_invalid');
      const accept = await t.app.inject({
        method: 'POST',
        url: '/api/invitations/accept',
        payload: { token, password: chosenPassword },
      });
      expect(accept.json().error.code).toBe('link_invalid');
      expect(await membershipOf(client.id, who.email)).toBeUndefined();
    });

    it('an inviter who no longer manages voids the invitation, also for an existing account and at the code step', async () => {
      const { client, manager, token, owner, who } = await invitedByManager();
      // The code is sent while the manager still manages; the right goes before the code is typed.
      const accept = await t.app.inject({
        method: 'POST',
        url: '/api/invitations/accept',
        payload: { token, password: chosenPassword },
      });
      expect(accept.statusCode, accept.body).toBe(200);
      const demoted = await owner.inject({
        method: 'PUT',
        url: rightsUrl(client.id, manager.id),
        payload: { permissions: ['dossier:read', 'agenda:read', 'messages:use'], confirmDossier: true },
      });
      expect(demoted.statusCode, demoted.body).toBe(200);
      const verified = await t.app.inject({
        method: 'POST',
        url: '/api/auth/sms/verify',
        cookies: { kring_attempt: accept.cookies.find((c) => c.name === 'kring_attempt')!.value },
        payload: { code: await lastSmsCode(db(), '+31612345678') },
      });
      expect(verified.json().error.code).toBe('link_invalid');
      expect(await membershipOf(client.id, who.email)).toBeUndefined();
      const [account] = await db().select().from(persons).where(eq(persons.email, who.email));
      expect(account?.status).toBe('invited');

      // An existing account, invited by a manager who then lost the right, cannot join either.
      const manager2 = await member(client.id, managerRights);
      const existing = await buildPerson(db());
      await inviteAs(await injectAs(t.app, manager2), client.id, invitee({ email: existing.email }));
      const joinToken = (await lastMailLink(db(), existing.email)).token;
      await owner.inject({ method: 'DELETE', url: `/api/portals/${client.id}/network/${manager2.id}` });
      const join = await (
        await injectAs(t.app, existing)
      ).inject({ method: 'POST', url: '/api/invitations/join', payload: { token: joinToken } });
      expect(join.statusCode).toBe(404);
      expect(join.json().error.code).toBe('link_invalid');
      expect(await membershipOf(client.id, existing.email)).toBeUndefined();
    });

    it('sent again by another manager, the invitation is theirs: it holds when the first inviter is gone', async () => {
      const { client, manager, who, owner } = await invitedByManager();
      const id = (await pending(owner, client.id))[0]!.invitationId;
      const resent = await owner.inject({ method: 'POST', url: `${invitationUrl(client.id, id)}/resend` });
      expect(resent.statusCode, resent.body).toBe(200);
      await owner.inject({ method: 'DELETE', url: `/api/portals/${client.id}/network/${manager.id}` });
      await acceptAsNew((await lastMailLink(db(), who.email)).token);
      // The client holds every right, so the invitation gives all it asked.
      expect((await membershipOf(client.id, who.email))?.permissions).toEqual(['dossier:read', 'agenda:read']);
    });

    it('an invitation of the organisation admin stands as it is', async () => {
      const { client } = await buildPortal();
      const admin = await buildStaff(db(), client.organisationId, 'organisation_admin');
      const who = invitee();
      const res = await (
        await injectAs(t.app, admin)
      ).inject({
        method: 'POST',
        url: `/api/admin/clients/${client.id}/invitations`,
        payload: { ...who, permissions: ['agenda:read', 'network:manage'] },
      });
      expect(res.statusCode, res.body).toBe(201);
      await acceptAsNew((await lastMailLink(db(), who.email)).token);
      expect((await membershipOf(client.id, who.email))?.permissions).toEqual(['agenda:read', 'network:manage']);
    });
  });

  it('an invitation cannot be accepted with another person’s session, nor without one', async () => {
    const { client, self } = await buildPortal();
    const s = await injectAs(t.app, self!);
    const invited = await buildPerson(db());
    const someoneElse = await buildPerson(db());
    await inviteAs(s, client.id, invitee({ email: invited.email }));
    const { token } = await lastMailLink(db(), invited.email);

    const other = await injectAs(t.app, someoneElse);
    const refused = await other.inject({ method: 'POST', url: '/api/invitations/join', payload: { token } });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('invitation_other_person');
    expect(await membershipOf(client.id, someoneElse.email)).toBeUndefined();
    expect((await other.inject({ method: 'GET', url: '/api/me' })).json().portals).toEqual([]);
    const anonymous = await t.app.inject({ method: 'POST', url: '/api/invitations/join', payload: { token } });
    expect(anonymous.statusCode).toBe(401);

    // The invitation still works for the right person.
    const right = await injectAs(t.app, invited);
    expect((await right.inject({ method: 'POST', url: '/api/invitations/join', payload: { token } })).statusCode).toBe(
      200,
    );
  });

  it('two portals invite the same new address: once the account is made through one, the other’s code step cannot set its password or number', async () => {
    const a = await buildPortal();
    const b = await buildPortal();
    const who = invitee();
    expect((await inviteAs(await injectAs(t.app, a.self!), a.client.id, who)).statusCode).toBe(201);
    const tokenA = (await lastMailLink(db(), who.email)).token;
    expect((await inviteAs(await injectAs(t.app, b.self!), b.client.id, who)).statusCode).toBe(201);
    const tokenB = (await lastMailLink(db(), who.email)).token;
    expect(tokenB).not.toBe(tokenA);

    // Someone else with B's link starts the code step first, with a number of their own ...
    const otherMobile = '+31687654329';
    const startedB = await t.app.inject({
      method: 'POST',
      url: '/api/invitations/accept',
      payload: { token: tokenB, password: 'een heel ander wachtwoord van iemand', mobile: otherMobile },
    });
    expect(startedB.statusCode, startedB.body).toBe(200);
    // ... then the owner makes the account through A's link.
    await acceptAsNew(tokenA);
    const [made] = await db().select().from(persons).where(eq(persons.email, who.email));
    expect(made).toMatchObject({ status: 'active', mobile: '+31612345678' });

    const late = await t.app.inject({
      method: 'POST',
      url: '/api/auth/sms/verify',
      cookies: { kring_attempt: startedB.cookies.find((c) => c.name === 'kring_attempt')!.value },
      payload: { code: await lastSmsCode(db(), otherMobile) },
    });
    expect(late.statusCode).toBe(409);
    expect(late.json().error.code).toBe('log_in_to_accept');
    expect(late.cookies.find((c) => c.name === 'kring_session')).toBeUndefined();
    const [after] = await db().select().from(persons).where(eq(persons.email, who.email));
    expect(after).toMatchObject({ passwordHash: made!.passwordHash, mobile: '+31612345678' });
    expect(await membershipOf(b.client.id, who.email)).toBeUndefined();
  });

  it('R26: a person already in the network cannot be invited again (409), and a second invitation replaces the first', async () => {
    const { client, self } = await buildPortal();
    const s = await injectAs(t.app, self!);
    const inside = await member(client.id, ['agenda:read']);
    const res = await inviteAs(s, client.id, invitee({ email: inside.email }));
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('already_member');
    expect(await lastMessageTo(db(), inside.email)).toBeUndefined();

    const who = invitee();
    const first = (await inviteAs(s, client.id, who)).json().invitationId as string;
    const oldToken = (await lastMailLink(db(), who.email)).token;
    const second = await inviteAs(s, client.id, { ...who, permissions: ['agenda:read'] });
    expect(second.statusCode).toBe(201);
    expect((await view(oldToken)).json().error.code).toBe('link_invalid');
    const listed = await pending(s, client.id);
    expect(listed.map((i) => i.invitationId)).toEqual([second.json().invitationId]);
    expect(listed[0]!.invitationId).not.toBe(first);
    const [logged] = (await auditRows(client.id, 'network.invited')).filter(
      (r) => r.objectId === second.json().invitationId,
    );
    expect(logged!.details).toMatchObject({ replaces: [first] });
  });

  it('R26: a manager withdraws an open invitation; its link stops working at once', async () => {
    const { client, self } = await buildPortal();
    const manager = await member(client.id, ['network:manage', 'agenda:read', 'messages:use', 'board:read']);
    const s = await injectAs(t.app, manager);
    const who = invitee();
    const id = (await inviteAs(await injectAs(t.app, self!), client.id, who)).json().invitationId as string;
    const { token } = await lastMailLink(db(), who.email);

    const res = await s.inject({ method: 'DELETE', url: invitationUrl(client.id, id) });
    expect(res.statusCode).toBe(204);
    expect((await view(token)).statusCode).toBe(404);
    expect((await view(token)).json().error.code).toBe('link_invalid');
    const accept = await t.app.inject({
      method: 'POST',
      url: '/api/invitations/accept',
      payload: { token, password: chosenPassword },
    });
    expect(accept.json().error.code).toBe('link_invalid');
    expect(await pending(s, client.id)).toEqual([]);
    expect((await s.inject({ method: 'DELETE', url: invitationUrl(client.id, id) })).statusCode).toBe(404);
    expect((await s.inject({ method: 'POST', url: `${invitationUrl(client.id, id)}/resend` })).statusCode).toBe(404);
    const [logged] = await auditRows(client.id, 'network.invitation_withdrawn');
    expect(logged).toMatchObject({ actorPersonId: manager.id, actorRole: 'contact_person', objectId: id });
  });

  it('R26: sending an invitation again gives a new link valid 7 days from now; the old link stops working', async () => {
    const { client, self } = await buildPortal();
    const who = invitee();
    const id = (await inviteAs(await injectAs(t.app, self!), client.id, who)).json().invitationId as string;
    const oldToken = (await lastMailLink(db(), who.email)).token;

    t.clock.advance({ days: 3 });
    const s = await injectAs(t.app, self!);
    const res = await s.inject({ method: 'POST', url: `${invitationUrl(client.id, id)}/resend` });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({
      invitationId: id,
      expiresAt: new Date(t.clock.now().getTime() + 7 * 24 * 3600_000).toISOString(),
    });
    const newToken = (await lastMailLink(db(), who.email)).token;
    expect(newToken).not.toBe(oldToken);
    expect((await view(oldToken)).json().error.code).toBe('link_invalid');
    expect((await view(newToken)).statusCode).toBe(200);
    expect((await pending(s, client.id))[0]!.expiresAt).toBe(res.json().expiresAt);
    const [logged] = await auditRows(client.id, 'network.invitation_resent');
    expect(logged).toMatchObject({ actorPersonId: self!.id, objectId: id });
    expect(JSON.stringify(logged)).not.toContain(newToken);

    // Past the old 7 days the new link still works.
    t.clock.advance({ days: 5 });
    await acceptAsNew(newToken);
    expect(await membershipOf(client.id, who.email)).toBeDefined();
    // Accepted: nothing left to send again.
    const later = await injectAs(t.app, self!);
    expect((await later.inject({ method: 'POST', url: `${invitationUrl(client.id, id)}/resend` })).statusCode).toBe(
      404,
    );
  });

  it('R26: a manager cannot send again an invitation that grants a right they do not hold', async () => {
    const { client, self } = await buildPortal();
    const who = invitee({ permissions: ['dossier:read'], confirmDossier: true });
    const id = (await inviteAs(await injectAs(t.app, self!), client.id, who)).json().invitationId as string;
    const manager = await member(client.id, ['network:manage', 'agenda:read']);
    const s = await injectAs(t.app, manager);
    expect((await s.inject({ method: 'POST', url: `${invitationUrl(client.id, id)}/resend` })).statusCode).toBe(403);
    // Withdrawing takes nothing from anyone and is allowed.
    expect((await s.inject({ method: 'DELETE', url: invitationUrl(client.id, id) })).statusCode).toBe(204);
  });

  it('R26: a person who was removed, or whose access ended, is invited again and gets the same membership back with the new rights', async () => {
    const { client, self } = await buildPortal();
    const owner = await injectAs(t.app, self!);
    const removed = await member(client.id, ['agenda:read', 'board:write']);
    const before = (await membershipOf(client.id, removed.email))!;
    expect(
      (await owner.inject({ method: 'DELETE', url: `/api/portals/${client.id}/network/${removed.id}` })).statusCode,
    ).toBe(204);
    const ended = await buildContactPerson(db(), client.id, {
      permissions: ['agenda:read'],
      endsAt: new Date(t.clock.now().getTime() - 60_000),
    });

    const endsAt = new Date(t.clock.now().getTime() + 30 * 24 * 3600_000);
    for (const person of [removed, ended.person]) {
      const res = await inviteAs(
        owner,
        client.id,
        invitee({
          email: person.email,
          relation: 'legal_representative',
          relationLabel: 'mentor',
          permissions: ['messages:use'],
          accessEndsAt: endsAt.toISOString(),
        }),
      );
      expect(res.statusCode, res.body).toBe(201);
      const { token } = await lastMailLink(db(), person.email);
      const s = await injectAs(t.app, person);
      expect((await s.inject({ method: 'POST', url: '/api/invitations/join', payload: { token } })).statusCode).toBe(
        200,
      );
      const rows = await db()
        .select()
        .from(memberships)
        .where(and(eq(memberships.clientId, client.id), eq(memberships.personId, person.id)));
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({
        relation: 'legal_representative',
        relationLabel: 'mentor',
        permissions: ['messages:use'],
        endsAt,
        revokedAt: null,
        grantedBy: self!.id,
      });
      expect((await s.inject({ method: 'GET', url: `/api/portals/${client.id}/network` })).statusCode).toBe(200);
    }
    expect((await membershipOf(client.id, removed.email))!.id).toBe(before.id);
  });

  // PGlite has one connection: a second transaction that holds the lock cannot exist there.
  it.skipIf(testEngine === 'pglite')(
    'R26: a manager removed while their invite, resend or withdrawal waits for the lock changes nothing',
    async () => {
      const { client, self } = await buildPortal();
      const stale = await member(client.id, ['network:manage', 'agenda:read']);
      const s = await injectAs(t.app, stale);
      const open = (await inviteAs(await injectAs(t.app, self!), client.id, invitee())).json().invitationId as string;
      const who = invitee();

      // The client removes the manager; the manager's requests arrive in the same moment.
      let answers: Promise<{ statusCode: number }[]> | undefined;
      await db().transaction(async (tx) => {
        await tx.select().from(memberships).where(eq(memberships.clientId, client.id)).for('update');
        answers = Promise.all([
          inviteAs(s, client.id, who),
          s.inject({ method: 'POST', url: `${invitationUrl(client.id, open)}/resend` }),
          s.inject({ method: 'DELETE', url: invitationUrl(client.id, open) }),
        ]);
        // Long enough for the requests to pass their access check and wait for the lock.
        await new Promise((resolve) => setTimeout(resolve, 500));
        await tx
          .update(memberships)
          .set({ revokedAt: t.clock.now() })
          .where(and(eq(memberships.clientId, client.id), eq(memberships.personId, stale.id)));
      });
      expect((await answers!).map((a) => a.statusCode)).toEqual([404, 404, 404]);
      expect(await lastMessageTo(db(), who.email)).toBeUndefined();
      expect((await pending(await injectAs(t.app, self!), client.id)).map((i) => i.invitationId)).toEqual([open]);
      expect(await auditRows(client.id, 'network.invitation_resent')).toHaveLength(0);
      expect(await auditRows(client.id, 'network.invitation_withdrawn')).toHaveLength(0);
    },
  );

  it('rejects bad input with a clear field error and sends nothing', async () => {
    const { client, self } = await buildPortal();
    const s = await injectAs(t.app, self!);
    const email = `fout-${Date.now()}@example.test`;
    const badMobile = await inviteAs(s, client.id, invitee({ email, mobile: '030 123 4567' }));
    expect(badMobile.statusCode).toBe(400);
    expect(badMobile.json().error.details[0]).toMatchObject({ field: 'mobile', code: 'invalid_mobile' });
    // The client self is not invited into their own network by a manager.
    expect((await inviteAs(s, client.id, invitee({ email, relation: 'self' }))).statusCode).toBe(400);
    expect((await inviteAs(s, client.id, invitee({ email, permissions: ['dossier:write'] }))).statusCode).toBe(400);
    expect((await inviteAs(s, client.id, invitee({ email: 'geen-adres' }))).statusCode).toBe(400);
    expect((await s.inject({ method: 'DELETE', url: invitationUrl(client.id, 'geen-id') })).statusCode).toBe(400);
    expect(await lastMessageTo(db(), email)).toBeUndefined();
  });
});
