import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditEvents } from '../../platform/schema.js';
import { injectAs, useTestApp } from '../../test/app.js';
import { buildClient, buildContactPerson, buildPerson, buildStaff } from '../../test/factories.js';

describe('portal overview (Algemeen) over HTTP', () => {
  const t = useTestApp();

  it('R13: shows whose portal it is, the department and the contactverzorgende, and logs the read (N1)', async () => {
    const db = t.database.db;
    const client = await buildClient(db, { givenName: 'Johanna', namePrefix: 'van der', familyName: 'Berg' });
    await buildStaff(
      db,
      client.organisationId,
      'contactverzorgende',
      { clientId: client.id },
      await buildPerson(db, { givenName: 'Anouk', familyName: 'Visser' }),
    );
    const { person } = await buildContactPerson(db, client.id, { permissions: ['agenda:read'] });
    const s = await injectAs(t.app, person);
    const res = await s.inject({ method: 'GET', url: `/api/portals/${client.id}` });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.client.name).toBe('Johanna van der Berg');
    expect(body.contactverzorgende).toEqual({ name: 'Anouk Visser' });
    expect(body.department.name).toMatch(/^Afdeling/);
    expect(body.you).toMatchObject({ role: 'contact_person', permissions: ['agenda:read'] });
    expect(body.organisation.dataChangeMailbox).toMatch(/@org\.test$/);
    const logged = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.clientId, client.id), eq(auditEvents.action, 'portal.overview.read')));
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({ actorPersonId: person.id, actorRole: 'contact_person', outcome: 'success' });
  });

  it('V8.2.2: answers 404 for a portal outside the person’s networks, the same as for one that does not exist', async () => {
    const db = t.database.db;
    const mine = await buildClient(db);
    const other = await buildClient(db, { organisationId: mine.organisationId });
    const { person } = await buildContactPerson(db, mine.id, { permissions: ['dossier:read'] });
    const s = await injectAs(t.app, person);
    const foreign = await s.inject({ method: 'GET', url: `/api/portals/${other.id}` });
    const missing = await s.inject({ method: 'GET', url: '/api/portals/6f1c1a4e-0000-4000-8000-000000000000' });
    expect(foreign.statusCode).toBe(404);
    expect(missing.statusCode).toBe(404);
    expect(foreign.json()).toEqual(missing.json());
  });

  it('answers 401 without a session and 400 for a malformed id', async () => {
    const client = await buildClient(t.database.db);
    expect((await t.app.inject({ method: 'GET', url: `/api/portals/${client.id}` })).statusCode).toBe(401);
    const person = await buildPerson(t.database.db);
    const s = await injectAs(t.app, person);
    const res = await s.inject({ method: 'GET', url: '/api/portals/niet-een-id' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('validation_failed');
  });

  it('removes a portal from /api/me and closes it at once when the membership ends, also for an open session', async () => {
    const db = t.database.db;
    const client = await buildClient(db);
    const endsAt = new Date(t.clock.now().getTime() + 10 * 60_000);
    const { person } = await buildContactPerson(db, client.id, { permissions: ['agenda:read'], endsAt });
    const s = await injectAs(t.app, person);
    expect((await s.inject({ method: 'GET', url: '/api/me' })).json().portals).toHaveLength(1);
    t.clock.advance({ minutes: 10 });
    expect((await s.inject({ method: 'GET', url: '/api/me' })).json().portals).toHaveLength(0);
    expect((await s.inject({ method: 'GET', url: `/api/portals/${client.id}` })).statusCode).toBe(404);
  });
});
