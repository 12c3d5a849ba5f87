/**
 * The IDOR matrix of issue 4 (N3: V8.2.2, V8.4.1): every route of Beheerinstellingen, "Wie heeft
 * wat bekeken" and Mijn gegevens, called by every kind of person who must not use it on
 * someone else's portal. Outside the portal is a 404 (its existence does not leak); inside it
 * without the right is a 403; and nothing changes either way. Who may see a profile photo is
 * tested in photos.routes.test.ts.
 */
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, invitations, memberships } from '../../platform/schema.js';
import { injectAs, useTestApp, type LoggedIn } from '../../test/app.js';
import { buildClient, buildContactPerson, buildOrganisation, buildStaff } from '../../test/factories.js';

interface Route {
  name: string;
  method: 'GET' | 'PUT' | 'POST' | 'DELETE';
  url: string;
  payload?: Record<string, unknown>;
  /** About the caller's own data; the portal only picks the organisation (profile, change request). */
  ownData?: boolean;
}

describe('issue 4 routes: who gets 404 and who gets 403 on someone else’s portal (IDOR matrix)', () => {
  const t = useTestApp();
  const db = () => t.database.db;

  // One portal under attack, with a manager, a member to change, and an open invitation.
  let clientId: string;
  let victimId: string;
  let invitationId: string;
  let routes: Route[];
  // The people who try.
  const actors: Record<string, { session: LoggedIn; expected: 404 | 403 }> = {};

  beforeAll(async () => {
    const organisation = await buildOrganisation(db());
    const client = await buildClient(db(), { organisationId: organisation.id });
    clientId = client.id;
    const manager = (await buildContactPerson(db(), clientId, { relation: 'self' })).person;
    victimId = (await buildContactPerson(db(), clientId, { permissions: ['agenda:read'] })).person.id;
    const managerSession = await injectAs(t.app, manager);
    const invited = await managerSession.inject({
      method: 'POST',
      url: `/api/portals/${clientId}/network/invitations`,
      payload: {
        givenName: 'Bram',
        familyName: 'Dam',
        email: `bram-${Date.now()}@example.test`,
        mobile: '0612345678',
        relation: 'contact',
      },
    });
    expect(invited.statusCode, invited.body).toBe(201);
    invitationId = invited.json().invitationId;

    const base = `/api/portals/${clientId}`;
    routes = [
      { name: 'network list', method: 'GET', url: `${base}/network` },
      {
        name: 'change rights',
        method: 'PUT',
        url: `${base}/network/${victimId}/permissions`,
        payload: { permissions: ['agenda:read', 'dossier:read', 'network:manage'], confirmDossier: true },
      },
      { name: 'remove member', method: 'DELETE', url: `${base}/network/${victimId}` },
      {
        name: 'invite',
        method: 'POST',
        url: `${base}/network/invitations`,
        payload: {
          givenName: 'Eva',
          familyName: 'Indringer',
          email: `eva-${Date.now()}@example.test`,
          mobile: '0687654321',
          relation: 'contact',
        },
      },
      { name: 'resend invitation', method: 'POST', url: `${base}/network/invitations/${invitationId}/resend` },
      { name: 'withdraw invitation', method: 'DELETE', url: `${base}/network/invitations/${invitationId}` },
      { name: 'who looked at what', method: 'GET', url: `${base}/access-log` },
      {
        name: 'profile with this portal',
        method: 'GET',
        url: `/api/account/profile?clientId=${clientId}`,
        ownData: true,
      },
      {
        name: 'change request from this portal',
        method: 'POST',
        url: '/api/account/change-requests',
        payload: { message: 'Mijn adres is veranderd.', clientId },
        ownData: true,
      },
    ];

    const enlist = async (name: string, person: Parameters<typeof injectAs>[1], expected: 404 | 403) => {
      actors[name] = { session: await injectAs(t.app, person), expected };
    };

    // Outside the portal: 404 on everything.
    const elsewhere = await buildClient(db());
    const otherManager = (await buildContactPerson(db(), elsewhere.id, { relation: 'self' })).person;
    await enlist('manager of another portal', otherManager, 404);
    await enlist(
      'admin of another organisation',
      await buildStaff(db(), elsewhere.organisationId, 'organisation_admin'),
      404,
    );
    const otherDepartment = await buildStaff(db(), organisation.id, 'care_professional', {
      departmentId: (await buildClient(db(), { organisationId: organisation.id })).departmentId!,
    });
    await enlist('care professional of another department', otherDepartment, 404);
    const removed = (await buildContactPerson(db(), clientId, { permissions: ['network:manage'] })).person;
    await enlist('removed manager, session still open', removed, 404);
    await db().update(memberships).set({ revokedAt: t.clock.now() }).where(eq(memberships.personId, removed.id));
    const ended = (await buildContactPerson(db(), clientId, { permissions: ['network:manage'] })).person;
    await enlist('manager whose access ended', ended, 404);
    // The end date passes while the session is open (a neighbour helping for a month).
    await db()
      .update(memberships)
      .set({ endsAt: new Date(t.clock.now().getTime() - 60_000) })
      .where(eq(memberships.personId, ended.id));

    // Inside the portal without network:manage: 403 on what needs it.
    const plain = (
      await buildContactPerson(db(), clientId, {
        permissions: ['agenda:read', 'agenda:write', 'messages:use', 'board:read', 'board:write', 'dossier:read'],
      })
    ).person;
    await enlist('member with every right but managing', plain, 403);
    const carer = await buildStaff(db(), organisation.id, 'care_professional', { departmentId: client.departmentId! });
    await enlist('care professional of the client’s department', carer, 403);
    await enlist(
      'admin of the client’s organisation',
      await buildStaff(db(), organisation.id, 'organisation_admin'),
      403,
    );
  });

  const actorNames = [
    'manager of another portal',
    'admin of another organisation',
    'care professional of another department',
    'removed manager, session still open',
    'manager whose access ended',
    'member with every right but managing',
    'care professional of the client’s department',
    'admin of the client’s organisation',
  ];

  it.each(actorNames)('N3 V8.2.2: %s is refused on every route and changes nothing', async (name) => {
    const actor = actors[name]!;
    const before = await snapshot();
    for (const route of routes) {
      const response = await actor.session.inject({ method: route.method, url: route.url, payload: route.payload });
      const expected = expectedStatus(name, route, actor.expected);
      expect(response.statusCode, `${route.name} by ${name}: ${response.body}`).toBe(expected);
      if (expected === 200 && route.name === 'network list') {
        // A member sees who is in the network, never the rights or the open invitations.
        const body = response.json();
        expect(body.canManage).toBe(false);
        expect(body.pendingInvitations).toBeUndefined();
        for (const m of body.members) expect(m.permissions).toBeUndefined();
      }
    }
    expect(await snapshot()).toEqual(before);
  });

  /**
   * Inside the portal without network:manage: members and the organisation admin see who is in the
   * network (care staff do not: least rights); anyone who reaches the portal reads their own
   * profile with its mailbox and passes on a change; everything else is a 403.
   */
  function expectedStatus(actor: string, route: Route, refused: 404 | 403): number {
    if (refused === 404) return 404;
    if (route.name === 'network list') return actor.startsWith('care professional') ? 403 : 200;
    if (route.ownData) return route.method === 'POST' ? 202 : 200;
    return 403;
  }

  it('N3 V8.4.1: a manager of one portal cannot reach another portal’s people or invitations through their own portal', async () => {
    const own = await buildClient(db());
    const manager = (await buildContactPerson(db(), own.id, { relation: 'self' })).person;
    const session = await injectAs(t.app, manager);
    const before = await snapshot();
    const attempts = [
      {
        method: 'PUT' as const,
        url: `/api/portals/${own.id}/network/${victimId}/permissions`,
        payload: { permissions: [] },
      },
      { method: 'DELETE' as const, url: `/api/portals/${own.id}/network/${victimId}` },
      { method: 'POST' as const, url: `/api/portals/${own.id}/network/invitations/${invitationId}/resend` },
      { method: 'DELETE' as const, url: `/api/portals/${own.id}/network/invitations/${invitationId}` },
    ];
    for (const attempt of attempts) {
      const response = await session.inject(attempt);
      expect(response.statusCode, `${attempt.method} ${attempt.url}`).toBe(404);
    }
    expect(await snapshot()).toEqual(before);
  });

  /** What the refused calls must not change: the victim's membership, the open invitation. */
  async function snapshot() {
    const [victim] = await db().select().from(memberships).where(eq(memberships.personId, victimId));
    const [invitation] = await db().select().from(invitations).where(eq(invitations.id, invitationId));
    const invitationsOfClient = await db()
      .select({ id: invitations.id })
      .from(invitations)
      .where(eq(invitations.clientId, clientId));
    const changes = await db()
      .select({ action: auditEvents.action })
      .from(auditEvents)
      .where(eq(auditEvents.clientId, clientId));
    return {
      victim,
      invitation,
      invitationCount: invitationsOfClient.length,
      changeEvents: changes.filter((c) => c.action.startsWith('network.') && c.action !== 'network.read').length,
    };
  }
});
