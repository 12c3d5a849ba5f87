import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { Permission } from '../../platform/permissions.js';
import { auditEvents, memberships } from '../../platform/schema.js';
import { injectAs, useTestApp, type LoggedIn } from '../../test/app.js';
import { testEngine } from '../../test/db.js';
import { buildClient, buildContactPerson, buildOrganisation, buildPerson, buildStaff } from '../../test/factories.js';
import { lastMessageTo } from '../../test/outbox.js';
import { invite } from '../invitations/invitations.service.js';

describe('the network of a portal (Beheerinstellingen) over HTTP', () => {
  const t = useTestApp();
  const db = () => t.database.db;

  /** A client with their own account (relation self) in a new organisation. */
  async function buildPortal(options: { withSelf?: boolean } = {}) {
    const organisation = await buildOrganisation(db());
    const client = await buildClient(db(), { organisationId: organisation.id, givenName: 'Geertruida' });
    const self =
      options.withSelf === false
        ? undefined
        : (
            await buildContactPerson(db(), client.id, {
              relation: 'self',
              personValues: { givenName: client.givenName, familyName: client.familyName },
            })
          ).person;
    return { organisation, client, self };
  }

  const member = (clientId: string, permissions: Permission[], personValues?: Parameters<typeof buildPerson>[1]) =>
    buildContactPerson(db(), clientId, { permissions, personValues }).then((m) => m.person);

  const networkUrl = (clientId: string) => `/api/portals/${clientId}/network`;
  const rightsUrl = (clientId: string, personId: string) => `/api/portals/${clientId}/network/${personId}/permissions`;
  const memberUrl = (clientId: string, personId: string) => `/api/portals/${clientId}/network/${personId}`;

  const putRights = (
    s: LoggedIn,
    clientId: string,
    personId: string,
    payload: { permissions: Permission[]; endsAt?: string | null; confirmDossier?: boolean },
  ) => s.inject({ method: 'PUT', url: rightsUrl(clientId, personId), payload });

  const rightsOf = async (clientId: string, personId: string) => {
    const [row] = await db()
      .select()
      .from(memberships)
      .where(and(eq(memberships.clientId, clientId), eq(memberships.personId, personId)));
    return row!;
  };

  const auditRows = (clientId: string, action: string) =>
    db()
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.clientId, clientId), eq(auditEvents.action, action)));

  it('R22: lists the network the Dutch way ("van den Berg" under B, "de Vries" under V), without rights for a non-manager, and logs the read (N1)', async () => {
    const { client, self } = await buildPortal();
    await member(client.id, [], { givenName: 'Jan', namePrefix: 'de', familyName: 'Vries' });
    await member(client.id, [], { givenName: 'Piet', namePrefix: 'van den', familyName: 'Berg' });
    await member(client.id, [], { givenName: 'Anna', familyName: 'Bakker' });
    await member(client.id, [], { givenName: 'Kees', familyName: 'Zwart' });
    const gone = await buildContactPerson(db(), client.id, { revokedAt: t.clock.now() });
    const viewer = await member(client.id, ['agenda:read'], { givenName: 'Els', familyName: 'Meijer' });

    const s = await injectAs(t.app, viewer);
    const res = await s.inject({ method: 'GET', url: networkUrl(client.id) });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    const names = body.members.map((m: { name: string }) => m.name);
    expect(names.filter((n: string) => n !== self!.givenName + ' ' + self!.familyName)).toEqual([
      'Anna Bakker',
      'Piet van den Berg',
      'Els Meijer',
      'Jan de Vries',
      'Kees Zwart',
    ]);
    expect(names).not.toContain(`${gone.person.givenName} ${gone.person.familyName}`);
    const vries = body.members.find((m: { familyName: string }) => m.familyName === 'Vries');
    // No rights, no order number, nothing but what the list shows.
    expect(Object.keys(vries).sort()).toEqual(
      [
        'accessEndsAt',
        'familyName',
        'givenName',
        'isSelf',
        'name',
        'namePrefix',
        'personId',
        'relation',
        'relationLabel',
      ].sort(),
    );
    expect(vries).toMatchObject({ namePrefix: 'de', isSelf: false, relation: 'contact' });
    expect(body.members.find((m: { personId: string }) => m.personId === viewer.id).isSelf).toBe(true);
    expect(body.canManage).toBe(false);
    expect(body.pendingInvitations).toBeUndefined();

    const logged = await auditRows(client.id, 'network.read');
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({ actorPersonId: viewer.id, actorRole: 'contact_person', outcome: 'success' });
  });

  it('R26: a manager sees each person’s rights and the pending invitations; the client holds every right', async () => {
    const { client, self } = await buildPortal();
    const helper = await member(client.id, ['agenda:read', 'board:read']);
    await invite(
      t.app.ctx,
      client.id,
      {
        givenName: 'Bram',
        namePrefix: 'van',
        familyName: 'Dam',
        email: `bram-${client.id}@example.test`,
        mobile: '+31612345678',
        relation: 'contact',
      },
      { personId: self!.id, role: 'client', origin: null },
    );
    const s = await injectAs(t.app, self!);
    const body = (await s.inject({ method: 'GET', url: networkUrl(client.id) })).json();
    expect(body.canManage).toBe(true);
    expect(body.members.find((m: { personId: string }) => m.personId === helper.id).permissions).toEqual([
      'agenda:read',
      'board:read',
    ]);
    expect(body.members.find((m: { personId: string }) => m.personId === self!.id)).toMatchObject({
      relation: 'self',
      isSelf: true,
      permissions: expect.arrayContaining(['dossier:read', 'network:manage']),
    });
    expect(body.pendingInvitations).toHaveLength(1);
    expect(body.pendingInvitations[0]).toMatchObject({
      name: 'Bram van Dam',
      familyName: 'Dam',
      permissions: ['agenda:read', 'messages:use', 'board:read'],
    });
  });

  it('R26: the client and a person with network:manage may change rights; the change is audited with before and after only (N1)', async () => {
    const { client, self } = await buildPortal();
    const manager = await member(client.id, ['network:manage', 'agenda:read', 'agenda:write']);
    const helper = await member(client.id, ['agenda:read']);

    const byClient = await putRights(await injectAs(t.app, self!), client.id, helper.id, {
      permissions: ['agenda:read', 'board:read'],
    });
    expect(byClient.statusCode).toBe(200);
    expect(byClient.json()).toMatchObject({ personId: helper.id, permissions: ['agenda:read', 'board:read'] });

    const byManager = await putRights(await injectAs(t.app, manager), client.id, helper.id, {
      permissions: ['agenda:read', 'agenda:write', 'board:read'],
    });
    expect(byManager.statusCode).toBe(200);
    expect((await rightsOf(client.id, helper.id)).permissions).toEqual(['agenda:read', 'agenda:write', 'board:read']);

    const logged = await auditRows(client.id, 'network.permissions_changed');
    expect(logged).toHaveLength(2);
    const last = logged.find((r) => r.actorPersonId === manager.id)!;
    expect(last).toMatchObject({ actorRole: 'contact_person', objectType: 'person', objectId: helper.id });
    expect(last.details).toEqual({
      before: { permissions: ['agenda:read', 'board:read'], endsAt: null },
      after: { permissions: ['agenda:read', 'agenda:write', 'board:read'], endsAt: null },
    });
  });

  it('R26, N1: sending the same rights again changes nothing, and writes no audit row and no mail', async () => {
    const { client, self } = await buildPortal();
    const helper = await member(client.id, ['agenda:read']);
    const res = await putRights(await injectAs(t.app, self!), client.id, helper.id, { permissions: ['agenda:read'] });
    expect(res.statusCode).toBe(200);
    expect(await auditRows(client.id, 'network.permissions_changed')).toHaveLength(0);
    expect(await lastMessageTo(db(), helper.email)).toBeUndefined();
  });

  it('R26 (least rights, IDOR): a member without network:manage, and staff, get 403 on changes; outsiders get 404 on every route', async () => {
    const { client, self } = await buildPortal();
    const other = await buildPortal();
    const plain = await member(client.id, ['agenda:read', 'dossier:read']);
    const target = await member(client.id, ['agenda:read']);
    const foreignManager = await member(other.client.id, ['network:manage', 'agenda:read']);
    const foreignTarget = await member(other.client.id, ['agenda:read']);
    const stranger = await buildPerson(db());
    const admin = await buildStaff(db(), client.organisationId, 'organisation_admin');

    const s = await injectAs(t.app, plain);
    expect((await s.inject({ method: 'GET', url: networkUrl(client.id) })).statusCode).toBe(200);
    expect((await putRights(s, client.id, target.id, { permissions: [] })).statusCode).toBe(403);
    expect((await s.inject({ method: 'DELETE', url: memberUrl(client.id, target.id) })).statusCode).toBe(403);

    const staff = await injectAs(t.app, admin);
    expect((await staff.inject({ method: 'GET', url: networkUrl(client.id) })).statusCode).toBe(200);
    expect((await putRights(staff, client.id, target.id, { permissions: [] })).statusCode).toBe(403);
    expect((await staff.inject({ method: 'DELETE', url: memberUrl(client.id, target.id) })).statusCode).toBe(403);

    // Care staff reach the portal (for the agenda) but not the list of the client's family and friends.
    const carer = await buildStaff(db(), client.organisationId, 'care_professional', {
      departmentId: client.departmentId!,
    });
    const c = await injectAs(t.app, carer);
    expect((await c.inject({ method: 'GET', url: networkUrl(client.id) })).statusCode).toBe(403);

    for (const outsider of [foreignManager, stranger]) {
      const o = await injectAs(t.app, outsider);
      const answers = [
        await o.inject({ method: 'GET', url: networkUrl(client.id) }),
        await putRights(o, client.id, target.id, { permissions: ['agenda:read', 'board:read'] }),
        await o.inject({ method: 'DELETE', url: memberUrl(client.id, target.id) }),
      ];
      expect(answers.map((a) => a.statusCode)).toEqual([404, 404, 404]);
      expect(answers[1]!.json()).toEqual(answers[0]!.json());
    }

    // A manager of one portal cannot reach a person of another portal through their own.
    const fm = await injectAs(t.app, foreignManager);
    expect((await putRights(fm, other.client.id, target.id, { permissions: [] })).statusCode).toBe(404);
    expect((await fm.inject({ method: 'DELETE', url: memberUrl(other.client.id, target.id) })).statusCode).toBe(404);
    // Nor can the client reach a person of another network through their own portal.
    const owner = await injectAs(t.app, self!);
    expect((await putRights(owner, client.id, foreignTarget.id, { permissions: [] })).statusCode).toBe(404);
    expect((await owner.inject({ method: 'DELETE', url: memberUrl(client.id, foreignTarget.id) })).statusCode).toBe(
      404,
    );
    expect((await rightsOf(other.client.id, foreignTarget.id)).permissions).toEqual(['agenda:read']);

    expect((await rightsOf(client.id, target.id)).permissions).toEqual(['agenda:read']);
    expect((await rightsOf(client.id, target.id)).revokedAt).toBeNull();
    const denied = await auditRows(client.id, 'access.denied');
    expect(denied.length).toBeGreaterThanOrEqual(6);
  });

  it('R26: a manager cannot grant a right they do not have themselves, not to others and not to themselves', async () => {
    const { client } = await buildPortal();
    const manager = await member(client.id, ['network:manage', 'agenda:read']);
    const helper = await member(client.id, ['agenda:read']);
    const s = await injectAs(t.app, manager);

    const escalate = await putRights(s, client.id, helper.id, {
      permissions: ['agenda:read', 'dossier:read'],
      confirmDossier: true,
    });
    expect(escalate.statusCode).toBe(403);
    expect(
      (await putRights(s, client.id, manager.id, { permissions: ['network:manage', 'agenda:read', 'agenda:write'] }))
        .statusCode,
    ).toBe(403);
    expect((await rightsOf(client.id, helper.id)).permissions).toEqual(['agenda:read']);
    expect((await rightsOf(client.id, manager.id)).permissions).toEqual(['network:manage', 'agenda:read']);

    // Taking a right away that the manager lacks is no escalation.
    const withBoard = await member(client.id, ['agenda:read', 'board:write']);
    expect((await putRights(s, client.id, withBoard.id, { permissions: ['agenda:read'] })).statusCode).toBe(200);
  });

  it('R27: granting the dossier right needs an explicit confirmation that the dossier is personal', async () => {
    const { client, self } = await buildPortal();
    const helper = await member(client.id, ['agenda:read']);
    const reader = await member(client.id, ['dossier:read']);
    const s = await injectAs(t.app, self!);

    const unconfirmed = await putRights(s, client.id, helper.id, { permissions: ['agenda:read', 'dossier:read'] });
    expect(unconfirmed.statusCode).toBe(400);
    expect(unconfirmed.json().error.code).toBe('dossier_confirmation_required');
    expect((await rightsOf(client.id, helper.id)).permissions).toEqual(['agenda:read']);

    const confirmed = await putRights(s, client.id, helper.id, {
      permissions: ['agenda:read', 'dossier:read'],
      confirmDossier: true,
    });
    expect(confirmed.statusCode).toBe(200);
    expect((await rightsOf(client.id, helper.id)).permissions).toEqual(['dossier:read', 'agenda:read']);

    // Someone who already reads the dossier keeps it without a new confirmation.
    expect((await putRights(s, client.id, reader.id, { permissions: ['dossier:read', 'board:read'] })).statusCode).toBe(
      200,
    );
  });

  it('R26: the client’s own membership cannot be changed or removed', async () => {
    const { client, self } = await buildPortal();
    const manager = await member(client.id, ['network:manage', 'agenda:read']);
    const s = await injectAs(t.app, manager);
    expect((await putRights(s, client.id, self!.id, { permissions: ['agenda:read'] })).statusCode).toBe(403);
    expect((await s.inject({ method: 'DELETE', url: memberUrl(client.id, self!.id) })).statusCode).toBe(403);
    const own = await injectAs(t.app, self!);
    expect((await putRights(own, client.id, self!.id, { permissions: [] })).statusCode).toBe(403);
    expect((await rightsOf(client.id, self!.id)).revokedAt).toBeNull();
  });

  it('R26: nobody can take network:manage from, end or remove the last manager; the client self counts as a manager', async () => {
    const { client } = await buildPortal({ withSelf: false });
    const manager = await member(client.id, ['network:manage', 'agenda:read']);
    const s = await injectAs(t.app, manager);
    const inAnHour = new Date(t.clock.now().getTime() + 3600_000).toISOString();

    for (const res of [
      await putRights(s, client.id, manager.id, { permissions: ['agenda:read'] }),
      await putRights(s, client.id, manager.id, { permissions: ['network:manage', 'agenda:read'], endsAt: inAnHour }),
      await s.inject({ method: 'DELETE', url: memberUrl(client.id, manager.id) }),
    ]) {
      expect(res.statusCode).toBe(409);
      expect(res.json().error.code).toBe('last_manager');
    }
    expect(await rightsOf(client.id, manager.id)).toMatchObject({
      permissions: ['network:manage', 'agenda:read'],
      endsAt: null,
      revokedAt: null,
    });

    // With a second manager, one may step back; then the other is the last one.
    const second = await member(client.id, ['network:manage']);
    expect((await putRights(s, client.id, manager.id, { permissions: ['agenda:read'] })).statusCode).toBe(200);
    const s2 = await injectAs(t.app, second);
    expect((await s2.inject({ method: 'DELETE', url: memberUrl(client.id, second.id) })).json().error.code).toBe(
      'last_manager',
    );

    // Where the client has an account, a manager may always step back.
    const withSelf = await buildPortal();
    const only = await member(withSelf.client.id, ['network:manage']);
    const o = await injectAs(t.app, only);
    expect((await o.inject({ method: 'DELETE', url: memberUrl(withSelf.client.id, only.id) })).statusCode).toBe(204);
  });

  it('R26: an end date must lie in the future, and at that moment the access ends by itself (movable clock)', async () => {
    const { client, self } = await buildPortal();
    const neighbour = await member(client.id, ['agenda:read'], { givenName: 'Buurman' });
    const s = await injectAs(t.app, self!);

    const past = await putRights(s, client.id, neighbour.id, {
      permissions: ['agenda:read'],
      endsAt: new Date(t.clock.now().getTime() - 60_000).toISOString(),
    });
    expect(past.statusCode).toBe(400);
    expect(past.json().error.details[0]).toMatchObject({ field: 'endsAt', code: 'not_in_future' });

    // A short end keeps the open sessions within their idle time; a month works the same way.
    const endsAt = new Date(t.clock.now().getTime() + 10 * 60_000);
    const set = await putRights(s, client.id, neighbour.id, {
      permissions: ['agenda:read'],
      endsAt: endsAt.toISOString(),
    });
    expect(set.statusCode).toBe(200);
    expect(set.json().accessEndsAt).toBe(endsAt.toISOString());

    const n = await injectAs(t.app, neighbour);
    const before = await n.inject({ method: 'GET', url: networkUrl(client.id) });
    expect(before.statusCode).toBe(200);
    expect(before.json().members.find((m: { isSelf: boolean }) => m.isSelf).accessEndsAt).toBe(endsAt.toISOString());

    t.clock.advance({ minutes: 10 });
    expect((await n.inject({ method: 'GET', url: networkUrl(client.id) })).statusCode).toBe(404);
    const list = (await s.inject({ method: 'GET', url: networkUrl(client.id) })).json();
    expect(list.members.map((m: { personId: string }) => m.personId)).not.toContain(neighbour.id);
  });

  it('R26: taking a right away or removing a person works at once, also for a session already open', async () => {
    const { client, self } = await buildPortal();
    const manager = await member(client.id, ['network:manage', 'agenda:read', 'board:read']);
    const helper = await member(client.id, ['agenda:read']);
    const m = await injectAs(t.app, manager);
    const c = await injectAs(t.app, self!);

    // The manager's open session can change rights until the right is taken away.
    expect((await putRights(m, client.id, helper.id, { permissions: ['agenda:read', 'board:read'] })).statusCode).toBe(
      200,
    );
    expect((await putRights(c, client.id, manager.id, { permissions: ['agenda:read'] })).statusCode).toBe(200);
    expect((await putRights(m, client.id, helper.id, { permissions: ['agenda:read'] })).statusCode).toBe(403);
    expect((await m.inject({ method: 'GET', url: networkUrl(client.id) })).json().canManage).toBe(false);

    // Removed: the open session no longer reaches the portal at all.
    const removed = await c.inject({ method: 'DELETE', url: memberUrl(client.id, manager.id) });
    expect(removed.statusCode).toBe(204);
    expect((await m.inject({ method: 'GET', url: networkUrl(client.id) })).statusCode).toBe(404);
    expect((await m.inject({ method: 'GET', url: '/api/me' })).json().portals).toHaveLength(0);
    expect((await rightsOf(client.id, manager.id)).revokedAt).not.toBeNull();
    // A removed person is gone for the manager's requests too.
    expect((await c.inject({ method: 'DELETE', url: memberUrl(client.id, manager.id) })).statusCode).toBe(404);

    const logged = await auditRows(client.id, 'network.member_removed');
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({ actorPersonId: self!.id, actorRole: 'client', objectId: manager.id });
    expect(logged[0]!.details).toEqual({ before: { permissions: ['agenda:read'] }, after: { permissions: [] } });
  });

  // PGlite has one connection: a second transaction that holds the lock cannot exist there.
  it.skipIf(testEngine === 'pglite')(
    'R26: a manager removed while their request waits for the lock changes nothing (two managers at once)',
    async () => {
      const { client } = await buildPortal();
      const stale = await member(client.id, ['network:manage', 'dossier:read', 'agenda:read']);
      const helper = await member(client.id, ['agenda:read']);
      const s = await injectAs(t.app, stale);

      // The client removes the manager; the manager's own change arrives in the same moment.
      let pending: ReturnType<LoggedIn['inject']> | undefined;
      await db().transaction(async (tx) => {
        await tx.select().from(memberships).where(eq(memberships.clientId, client.id)).for('update');
        pending = putRights(s, client.id, helper.id, {
          permissions: ['agenda:read', 'dossier:read'],
          confirmDossier: true,
        });
        // Long enough for the request to pass its access check and wait for the lock.
        await new Promise((resolve) => setTimeout(resolve, 500));
        await tx
          .update(memberships)
          .set({ revokedAt: t.clock.now() })
          .where(and(eq(memberships.clientId, client.id), eq(memberships.personId, stale.id)));
      });
      const res = await pending!;
      expect(res.statusCode, res.body).toBe(404);
      expect((await rightsOf(client.id, helper.id)).permissions).toEqual(['agenda:read']);
      expect(await auditRows(client.id, 'network.permissions_changed')).toHaveLength(0);
    },
  );

  it('R26: the person concerned gets an e-mail that their access changed, naming the organisation but not the client', async () => {
    const { organisation, client, self } = await buildPortal();
    const helper = await member(client.id, ['agenda:read'], { givenName: 'Henk' });
    const s = await injectAs(t.app, self!);

    await putRights(s, client.id, helper.id, { permissions: ['agenda:read', 'agenda:write'] });
    const changed = await lastMessageTo(db(), helper.email);
    expect(changed?.subject).toMatch(/toegang .* gewijzigd/);
    expect(changed?.body).toContain('Beste Henk');
    expect(changed?.body).toContain(`een portaal van ${organisation.name}`);
    for (const secret of [client.familyName, client.givenName, 'agenda']) expect(changed?.body).not.toContain(secret);

    await s.inject({ method: 'DELETE', url: memberUrl(client.id, helper.id) });
    const ended = await lastMessageTo(db(), helper.email);
    expect(ended?.subject).toMatch(/beëindigd/);
    expect(ended?.body).toContain(organisation.name);
    expect(ended?.body).not.toContain(client.familyName);
    expect(ended?.body).not.toContain(client.givenName);
  });

  it('rejects malformed ids and unknown rights with 400, and answers 401 without a session', async () => {
    const { client, self } = await buildPortal();
    const helper = await member(client.id, []);
    const s = await injectAs(t.app, self!);
    expect((await s.inject({ method: 'DELETE', url: memberUrl(client.id, 'niet-een-id') })).statusCode).toBe(400);
    const bad = await s.inject({
      method: 'PUT',
      url: rightsUrl(client.id, helper.id),
      payload: { permissions: ['dossier:write'] },
    });
    expect(bad.statusCode).toBe(400);
    expect((await t.app.inject({ method: 'GET', url: networkUrl(client.id) })).statusCode).toBe(401);
  });
});
