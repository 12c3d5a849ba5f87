import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { actorFor, useTestContext } from '../test/context.js';
import { buildClient, buildContactPerson, buildDepartment, buildPerson, buildStaff } from '../test/factories.js';
import { findAccess, requireAccess } from './access.js';
import { AppError } from './errors.js';
import { auditEvents } from './schema.js';

async function statusOf(promise: Promise<unknown>): Promise<number | 'ok'> {
  try {
    await promise;
    return 'ok';
  } catch (err) {
    if (err instanceof AppError) return err.status;
    throw err;
  }
}

describe('requireAccess: the one access check (N3 V8.2.2, V8.4.1)', () => {
  const ctx = useTestContext();

  it('R26: grants exactly the rights of an active membership, and nothing more', async () => {
    const client = await buildClient(ctx.db);
    const { person } = await buildContactPerson(ctx.db, client.id, { permissions: ['agenda:read'] });
    const access = await requireAccess(ctx, actorFor(person), client.id, 'agenda:read');
    expect(access).toMatchObject({ via: 'network', role: 'contact_person', permissions: ['agenda:read'] });
    expect(await statusOf(requireAccess(ctx, actorFor(person), client.id, 'dossier:read'))).toBe(403);
  });

  it('a client has every right on their own portal', async () => {
    const client = await buildClient(ctx.db);
    const { person } = await buildContactPerson(ctx.db, client.id, { relation: 'self' });
    const access = await requireAccess(ctx, actorFor(person), client.id, 'dossier:read');
    expect(access.role).toBe('client');
    expect(access.permissions).toContain('network:manage');
  });

  it('gives 404, not 403, for a client outside the person’s networks, and audits the denial', async () => {
    const mine = await buildClient(ctx.db);
    const other = await buildClient(ctx.db);
    const { person } = await buildContactPerson(ctx.db, mine.id, { permissions: ['dossier:read'] });
    expect(await statusOf(requireAccess(ctx, actorFor(person), other.id, 'dossier:read'))).toBe(404);
    expect(await statusOf(requireAccess(ctx, actorFor(person), other.id))).toBe(404);
    const denied = await ctx.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.actorPersonId, person.id), eq(auditEvents.clientId, other.id)));
    expect(denied.map((e) => [e.action, e.outcome])).toEqual([
      ['access.denied', 'denied'],
      ['access.denied', 'denied'],
    ]);
  });

  it('gives 404 for an id that is not a uuid, without a database error', async () => {
    const person = await buildPerson(ctx.db);
    expect(await statusOf(requireAccess(ctx, actorFor(person), "1' or '1'='1"))).toBe(404);
  });

  it('an expired membership grants nothing from its end date on (movable clock)', async () => {
    const client = await buildClient(ctx.db);
    const endsAt = new Date(ctx.clock.now().getTime() + 30 * 86400_000);
    const { person } = await buildContactPerson(ctx.db, client.id, { permissions: ['agenda:read'], endsAt });
    expect(await findAccess(ctx, actorFor(person), client.id)).toBeDefined();
    ctx.clock.advance({ days: 30 });
    expect(await findAccess(ctx, actorFor(person), client.id)).toBeUndefined();
    expect(await statusOf(requireAccess(ctx, actorFor(person), client.id, 'agenda:read'))).toBe(404);
    ctx.clock.advance({ days: -30 });
  });

  it('a revoked membership or a disabled account grants nothing', async () => {
    const client = await buildClient(ctx.db);
    const revoked = await buildContactPerson(ctx.db, client.id, {
      permissions: ['agenda:read'],
      revokedAt: ctx.clock.now(),
    });
    const disabled = await buildContactPerson(ctx.db, client.id, {
      permissions: ['agenda:read'],
      personValues: { status: 'disabled' },
    });
    expect(await findAccess(ctx, actorFor(revoked.person), client.id)).toBeUndefined();
    expect(await findAccess(ctx, actorFor(disabled.person), client.id)).toBeUndefined();
  });

  it('one person in the networks of clients of two organisations reaches each with its own rights', async () => {
    const a = await buildClient(ctx.db);
    const b = await buildClient(ctx.db);
    expect(a.organisationId).not.toBe(b.organisationId);
    const person = await buildPerson(ctx.db);
    await buildContactPerson(ctx.db, a.id, { person, permissions: ['dossier:read'] });
    await buildContactPerson(ctx.db, b.id, { person, permissions: ['board:read'] });
    expect((await requireAccess(ctx, actorFor(person), a.id)).permissions).toEqual(['dossier:read']);
    expect((await requireAccess(ctx, actorFor(person), b.id)).permissions).toEqual(['board:read']);
  });

  it('V8.4.1: staff of one organisation never reach a client of another', async () => {
    const ours = await buildClient(ctx.db);
    const theirs = await buildClient(ctx.db);
    const admin = await buildStaff(ctx.db, ours.organisationId, 'organisation_admin');
    const carer = await buildStaff(ctx.db, ours.organisationId, 'care_professional', {
      departmentId: ours.departmentId!,
    });
    expect((await requireAccess(ctx, actorFor(admin), ours.id)).permissions).toEqual(['portal:administer']);
    expect(await statusOf(requireAccess(ctx, actorFor(admin), theirs.id))).toBe(404);
    expect(await statusOf(requireAccess(ctx, actorFor(carer), theirs.id))).toBe(404);
  });

  it('a care professional reaches only clients of their own department, and never the dossier', async () => {
    const first = await buildClient(ctx.db);
    const otherDepartment = await buildDepartment(ctx.db, first.organisationId);
    const elsewhere = await buildClient(ctx.db, {
      organisationId: first.organisationId,
      departmentId: otherDepartment.id,
    });
    const carer = await buildStaff(ctx.db, first.organisationId, 'care_professional', {
      departmentId: first.departmentId!,
    });
    const access = await requireAccess(ctx, actorFor(carer), first.id, 'agenda:read-department');
    expect(access).toMatchObject({ via: 'staff', role: 'care_professional' });
    expect(await statusOf(requireAccess(ctx, actorFor(carer), first.id, 'dossier:read'))).toBe(403);
    expect(await statusOf(requireAccess(ctx, actorFor(carer), elsewhere.id))).toBe(404);
  });

  it('a contactverzorgende reaches their own clients, not the others of the organisation', async () => {
    const mine = await buildClient(ctx.db, { departmentId: null });
    const notMine = await buildClient(ctx.db, { organisationId: mine.organisationId, departmentId: null });
    const cv = await buildStaff(ctx.db, mine.organisationId, 'contactverzorgende', { clientId: mine.id });
    expect((await requireAccess(ctx, actorFor(cv), mine.id)).role).toBe('contactverzorgende');
    expect(await statusOf(requireAccess(ctx, actorFor(cv), notMine.id))).toBe(404);
  });
});
