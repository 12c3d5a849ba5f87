import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { Permission } from '../../platform/permissions.js';
import { auditEvents, memberships } from '../../platform/schema.js';
import { injectAs, useTestApp, type LoggedIn } from '../../test/app.js';
import { buildClient, buildContactPerson, buildOrganisation, buildPerson, buildStaff } from '../../test/factories.js';
import { invite } from '../invitations/invitations.service.js';

interface Entry {
  id: string;
  occurredAt: string;
  action: string;
  outcome: string;
  actor: { kind: string; name: string | null; role: string | null; relationLabel: string | null; isYou: boolean };
  subject: { name: string | null; isYou: boolean } | null;
}
interface Page {
  from: string;
  to: string;
  entries: Entry[];
  nextCursor: string | null;
}

describe('"Wie heeft wat bekeken" (N2) over HTTP', () => {
  const t = useTestApp();
  const db = () => t.database.db;

  async function buildPortal() {
    const organisation = await buildOrganisation(db());
    const client = await buildClient(db(), { organisationId: organisation.id });
    const self = (
      await buildContactPerson(db(), client.id, {
        relation: 'self',
        personValues: { givenName: 'Johanna', namePrefix: 'van der', familyName: `Berg${client.id.slice(0, 4)}` },
      })
    ).person;
    return { organisation, client, self };
  }

  const member = (
    clientId: string,
    permissions: Permission[],
    personValues?: Parameters<typeof buildPerson>[1],
    relationLabel?: string,
  ) =>
    buildContactPerson(db(), clientId, { permissions, personValues }).then(async (m) => {
      if (relationLabel) {
        await db().update(memberships).set({ relationLabel }).where(eq(memberships.id, m.membership.id));
      }
      return m.person;
    });

  const logUrl = (clientId: string, query: Record<string, string> = {}) => {
    const qs = new URLSearchParams(query).toString();
    return `/api/portals/${clientId}/access-log${qs ? `?${qs}` : ''}`;
  };
  const readLog = async (s: LoggedIn, clientId: string, query: Record<string, string> = {}) => {
    const res = await s.inject({ method: 'GET', url: logUrl(clientId, query) });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as Page;
  };

  /** An event as another module would have written it, at a chosen moment. */
  const event = (clientId: string, occurredAt: string | Date, values: Partial<typeof auditEvents.$inferInsert> = {}) =>
    db()
      .insert(auditEvents)
      .values({
        occurredAt: new Date(occurredAt),
        action: 'portal.overview.read',
        outcome: 'success',
        clientId,
        ...values,
      })
      .returning()
      .then((rows) => rows[0]!);

  it('N2: the client sees who read or changed what, newest first, with names and roles; staff appear by role and name', async () => {
    const { organisation, client, self } = await buildPortal();
    const peter = await member(
      client.id,
      ['network:manage', 'agenda:read', 'board:read'],
      { givenName: 'Peter', namePrefix: 'van der', familyName: 'Berg' },
      'zoon',
    );
    const sanne = await member(client.id, ['agenda:read'], {
      givenName: 'Sanne',
      namePrefix: 'de',
      familyName: 'Vries',
    });
    const anouk = await buildStaff(db(), organisation.id, 'contactverzorgende', { clientId: client.id }, undefined);
    const rob = await buildStaff(db(), organisation.id, 'organisation_admin');

    const steps: [LoggedIn, Parameters<LoggedIn['inject']>[0]][] = [
      [await injectAs(t.app, anouk), { method: 'GET', url: `/api/portals/${client.id}` }],
      [await injectAs(t.app, rob), { method: 'GET', url: `/api/portals/${client.id}/network` }],
      [
        await injectAs(t.app, peter),
        {
          method: 'PUT',
          url: `/api/portals/${client.id}/network/${sanne.id}/permissions`,
          payload: { permissions: ['agenda:read', 'board:read'] },
        },
      ],
    ];
    for (const [session, request] of steps) {
      expect((await session.inject(request)).statusCode).toBe(200);
      t.clock.advance({ seconds: 1 });
    }
    const s = await injectAs(t.app, self);
    const body = await readLog(s, client.id);

    const mine = body.entries;
    expect(mine.map((e) => [e.action, e.actor.name, e.actor.role])).toEqual([
      ['network.permissions_changed', 'Peter van der Berg', 'contact_person'],
      ['network.read', rob.givenName + ' ' + rob.familyName, 'organisation_admin'],
      ['portal.overview.read', anouk.givenName + ' ' + anouk.familyName, 'contactverzorgende'],
    ]);
    expect(mine[0]!.actor.relationLabel).toBe('zoon');
    expect(mine[0]!.subject).toEqual({ name: 'Sanne de Vries', isYou: false });
    expect(mine[1]!.subject).toBeNull();
    expect(mine.every((e) => e.actor.kind === 'person' && !e.actor.isYou && e.outcome === 'success')).toBe(true);
    // Nothing technical: no IP address, no browser, no details of the change.
    const raw = JSON.stringify(body);
    expect(raw).not.toMatch(/127\.\d+\.\d+\.\d+|"ip"|"userAgent"|"details"|"before"|"after"|board:read/);
  });

  it('N2: an invitation names the person invited; who accepted it appears in their role in the network', async () => {
    const { organisation, client, self } = await buildPortal();
    const rob = await buildStaff(db(), organisation.id, 'organisation_admin');
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
      { personId: rob.id, role: 'organisation_admin', origin: null },
    );
    const body = await readLog(await injectAs(t.app, self), client.id);
    expect(body.entries.find((e) => e.action === 'network.invited')).toMatchObject({
      actor: { kind: 'person', name: formatted(rob), role: 'organisation_admin' },
      subject: { name: 'Bram van Dam', isYou: false },
    });
  });

  it('N2: an open invitation of an address with an account shows the name the manager typed, not the account’s', async () => {
    const { client, self } = await buildPortal();
    const existing = await buildPerson(db(), { givenName: 'Karel', familyName: 'Eigennaam' });
    const s = await injectAs(t.app, self);
    const res = await s.inject({
      method: 'POST',
      url: `/api/portals/${client.id}/network/invitations`,
      payload: {
        givenName: 'Bram',
        familyName: 'Getypt',
        email: existing.email,
        mobile: '0612345678',
        relation: 'contact',
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    const body = await readLog(s, client.id);
    // The account's own name would tell the manager that this address has an account.
    expect(body.entries.find((e) => e.action === 'network.invited')!.subject).toEqual({
      name: 'Bram Getypt',
      isYou: false,
    });
    expect(JSON.stringify(body)).not.toContain('Eigennaam');
  });

  it('N2: a person with network:manage sees the log, and sees "U" for their own actions and for changes about them', async () => {
    const { client, self } = await buildPortal();
    const manager = await member(client.id, ['network:manage', 'agenda:read']);
    await event(client.id, t.clock.now(), {
      action: 'network.permissions_changed',
      actorPersonId: self.id,
      actorRole: 'client',
      objectType: 'person',
      objectId: manager.id,
    });
    const s = await injectAs(t.app, manager);
    await readLog(s, client.id);
    t.clock.advance({ seconds: 1 });
    const body = await readLog(s, client.id);
    // The first look is logged, and shows in the second.
    expect(body.entries[0]).toMatchObject({
      action: 'access_log.read',
      actor: { kind: 'person', isYou: true, role: 'contact_person' },
      subject: null,
    });
    const change = body.entries.find((e) => e.action === 'network.permissions_changed')!;
    expect(change.actor).toMatchObject({
      name: `Johanna van der Berg${client.id.slice(0, 4)}`,
      role: 'client',
      isYou: false,
    });
    expect(change.subject).toEqual({ name: expect.any(String), isYou: true });
  });

  it('N2, N3 V8.2.2: a member without network:manage gets 403, care staff and admins 403, others 404; each denial shows in the log', async () => {
    const { organisation, client, self } = await buildPortal();
    const other = await buildPortal();
    const plain = await member(client.id, ['agenda:read', 'dossier:read'], { givenName: 'Els', familyName: 'Meijer' });
    const foreignManager = await member(other.client.id, ['network:manage']);
    const stranger = await buildPerson(db(), { givenName: 'Vreemde', familyName: 'Buitenstaander' });
    const carer = await buildStaff(db(), organisation.id, 'care_professional', { departmentId: client.departmentId! });
    const admin = await buildStaff(db(), organisation.id, 'organisation_admin');
    const helpdesk = await buildStaff(db(), organisation.id, 'helpdesk');
    const otherOrgAdmin = await buildStaff(db(), other.organisation.id, 'organisation_admin');

    const statusOf = async (person: Parameters<typeof injectAs>[1], clientId = client.id) =>
      (await (await injectAs(t.app, person)).inject({ method: 'GET', url: logUrl(clientId) })).statusCode;
    expect(await statusOf(plain)).toBe(403);
    expect(await statusOf(carer)).toBe(403);
    expect(await statusOf(admin)).toBe(403);
    expect(await statusOf(helpdesk)).toBe(403);
    expect(await statusOf(foreignManager)).toBe(404);
    expect(await statusOf(stranger)).toBe(404);
    expect(await statusOf(otherOrgAdmin)).toBe(404);
    expect(await statusOf(self, randomUUID())).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: logUrl(client.id) })).statusCode, 'not logged in').toBe(401);

    const body = await readLog(await injectAs(t.app, self), client.id);
    const denials = body.entries.filter((e) => e.action === 'access.denied');
    expect(denials.every((e) => e.outcome === 'denied')).toBe(true);
    const who = denials.map((e) => [e.actor.kind, e.actor.name, e.actor.role]);
    expect(who).toContainEqual(['person', 'Els Meijer', 'contact_person']);
    expect(who).toContainEqual(['person', formatted(carer), 'care_professional']);
    expect(who).toContainEqual(['person', formatted(admin), 'organisation_admin']);
    expect(who).toContainEqual(['person', formatted(helpdesk), 'helpdesk']);
    // People with no tie to this client are shown, without their name.
    expect(who.filter((w) => w[0] === 'outsider')).toEqual([
      ['outsider', null, null],
      ['outsider', null, null],
      ['outsider', null, null],
    ]);
    expect(JSON.stringify(body)).not.toContain('Buitenstaander');
  });

  it('N2: pages of 25, newest first in a stable order (time, then id), unmoved by events that happen while paging', async () => {
    const { client, self } = await buildPortal();
    const viewer = await injectAs(t.app, self);
    const base = t.clock.now().getTime() - 2 * 3600_000;
    const written: number[] = [];
    for (let i = 0; i < 60; i++) {
      // Pairs share a moment: the id decides between them.
      const row = await event(client.id, new Date(base + Math.floor(i / 2) * 60_000), {
        action: 'network.read',
        actorPersonId: self.id,
        actorRole: 'client',
      });
      written.push(row.id);
    }
    const expected = [...written].reverse().map(String);

    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: Page = await readLog(viewer, client.id, cursor ? { cursor } : {});
      // The reads of this log come after the 60 events: leave them out to compare.
      seen.push(...page.entries.filter((e) => e.action === 'network.read').map((e) => e.id));
      expect(page.entries.length).toBeLessThanOrEqual(25);
      cursor = page.nextCursor;
      pages++;
      // Something happens while the person pages: it lands on top, not on the next page.
      await event(client.id, t.clock.now(), { action: 'network.read', actorPersonId: self.id, actorRole: 'client' });
      t.clock.advance({ seconds: 1 });
    } while (cursor && pages < 10);
    expect(pages).toBe(3);
    expect(seen).toEqual(expected);
    expect(new Set(seen).size).toBe(60);
  });

  it('N2: the period is in Dutch calendar days (winter and summer time), by default the last 30 days, at most a year', async () => {
    const { client, self } = await buildPortal();
    const at = (iso: string, action: string) =>
      event(client.id, iso, { action, actorPersonId: self.id, actorRole: 'client' });
    // Winter (UTC+1): 1 March 23:30 UTC is 2 March 00:30 in the Netherlands.
    await at('2026-03-01T22:59:59Z', 'winter.last-second-of-1-march');
    await at('2026-03-01T23:00:00Z', 'winter.first-second-of-2-march');
    // Summer (UTC+2): 1 July 22:00 UTC is already 2 July.
    await at('2026-07-01T21:59:59Z', 'summer.1-july');
    await at('2026-07-01T22:00:00Z', 'summer.2-july');

    t.clock.set('2026-07-20T10:00:00Z');
    const s = await injectAs(t.app, self);
    const actions = async (from: string, to: string) =>
      (await readLog(s, client.id, { from, to })).entries
        .map((e) => e.action)
        .filter((a) => /^(winter|summer)\./.test(a));
    expect(await actions('2026-03-01', '2026-03-01')).toEqual(['winter.last-second-of-1-march']);
    expect(await actions('2026-03-02', '2026-03-02')).toEqual(['winter.first-second-of-2-march']);
    expect(await actions('2026-07-02', '2026-07-02')).toEqual(['summer.2-july']);
    expect(await actions('2026-07-01', '2026-07-01')).toEqual(['summer.1-july']);
    expect(await actions('2026-03-01', '2026-07-01')).toEqual([
      'summer.1-july',
      'winter.first-second-of-2-march',
      'winter.last-second-of-1-march',
    ]);

    // Without a period: today and the 29 days before, in Dutch days. 2 July is 18 days back, 1 July 19.
    const byDefault = await readLog(s, client.id);
    expect([byDefault.from, byDefault.to]).toEqual(['2026-06-21', '2026-07-20']);
    expect(byDefault.entries.map((e) => e.action)).toEqual(expect.arrayContaining(['summer.1-july', 'summer.2-july']));
    expect(byDefault.entries.map((e) => e.action)).not.toContain('winter.first-second-of-2-march');
    // Just after midnight in the Netherlands it is already the next day, while UTC is not.
    t.clock.set('2026-07-20T22:30:00Z');
    const later = await injectAs(t.app, self);
    expect((await readLog(later, client.id)).to).toBe('2026-07-21');

    const bad = async (query: Record<string, string>) => {
      const res = await later.inject({ method: 'GET', url: logUrl(client.id, query) });
      expect(res.statusCode).toBe(400);
      return res.json().error;
    };
    expect(await bad({ from: '2026-07-02', to: '2026-07-01' })).toMatchObject({
      code: 'validation_failed',
      details: [{ field: 'from', code: 'from_after_to' }],
    });
    expect(await bad({ from: '2025-07-01', to: '2026-07-02' })).toMatchObject({
      details: [{ field: 'from', code: 'period_too_long' }],
    });
    expect((await readLog(later, client.id, { from: '2025-07-02', to: '2026-07-02' })).from).toBe('2025-07-02');
    expect((await bad({ from: '2026-02-30', to: '2026-03-02' })).code).toBe('validation_failed');
    expect((await bad({ from: '1-3-2026' })).code).toBe('validation_failed');
    expect((await bad({ cursor: 'abc' })).code).toBe('validation_failed');
  });

  it('N2, N3 V8.4.1: nothing of another client, not even through a cursor of the other log', async () => {
    const a = await buildPortal();
    const b = await buildPortal();
    const other = await event(b.client.id, t.clock.now(), {
      action: 'network.permissions_changed',
      actorPersonId: b.self.id,
      actorRole: 'client',
      objectType: 'person',
      objectId: b.self.id,
    });
    // Someone in both networks: what they did in B stays in B's log.
    const both = await member(a.client.id, ['agenda:read']);
    await buildContactPerson(db(), b.client.id, { person: both, permissions: ['agenda:read'] });
    await (await injectAs(t.app, both)).inject({ method: 'GET', url: `/api/portals/${b.client.id}` });

    const s = await injectAs(t.app, a.self);
    const body = await readLog(s, a.client.id);
    expect(body.entries.map((e) => e.id)).not.toContain(String(other.id));
    expect(body.entries.some((e) => e.actor.name === formatted(b.self))).toBe(false);
    expect(body.entries.some((e) => e.action === 'portal.overview.read')).toBe(false);
    const res = await s.inject({ method: 'GET', url: logUrl(a.client.id, { cursor: String(other.id) }) });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details).toEqual([expect.objectContaining({ field: 'cursor', code: 'invalid_cursor' })]);
  });

  it('N1: each look at the log is itself logged, with the period; unknown and automatic actors are shown as such', async () => {
    const { client, self } = await buildPortal();
    await event(client.id, t.clock.now(), {
      action: 'network.read',
      actorPersonId: randomUUID(),
      actorRole: 'contact_person',
    });
    await event(client.id, t.clock.now(), {
      action: 'network.invited',
      actorRole: 'system',
      objectType: 'invitation',
      objectId: randomUUID(),
    });
    await event(client.id, t.clock.now(), {
      action: 'photo.something_new',
      actorPersonId: self.id,
      actorRole: 'client',
    });
    const s = await injectAs(t.app, self);
    const body = await readLog(s, client.id, { from: '2020-01-01', to: '2020-12-31' });
    expect(body.entries).toEqual([]);
    expect(body.nextCursor).toBeNull();
    const reads = await db()
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.clientId, client.id), eq(auditEvents.action, 'access_log.read')));
    expect(reads).toHaveLength(1);
    expect(reads[0]).toMatchObject({
      actorPersonId: self.id,
      actorRole: 'client',
      outcome: 'success',
      objectType: 'client',
      objectId: client.id,
      details: { from: '2020-01-01', to: '2020-12-31', page: 'first' },
    });

    const entries = (await readLog(s, client.id)).entries;
    expect(entries.find((e) => e.action === 'network.read')!.actor).toMatchObject({ kind: 'unknown', name: null });
    expect(entries.find((e) => e.action === 'network.invited')).toMatchObject({
      actor: { kind: 'system', name: null, role: 'system' },
      subject: { name: null, isYou: false },
    });
    // An action this page has no words for yet is still listed, by its code.
    expect(entries.find((e) => e.action === 'photo.something_new')!.actor.isYou).toBe(true);
  });
});

const formatted = (p: { givenName: string; namePrefix?: string | null; familyName: string }) =>
  [p.givenName, p.namePrefix, p.familyName].filter(Boolean).join(' ');
