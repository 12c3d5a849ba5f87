import { count, eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { testEngine } from '../test/db.js';
import { actorFor, useTestContext } from '../test/context.js';
import { buildClient, buildPerson } from '../test/factories.js';
import { recordAudit } from './audit.js';
import { auditEvents, persons } from './schema.js';

describe(`database on ${testEngine}`, () => {
  const ctx = useTestContext();

  it('gives the same types on both engines: counts and bigserials as numbers, timestamps as Dates', async () => {
    await buildPerson(ctx.db);
    const [{ n }] = (await ctx.db.select({ n: count() }).from(persons)) as [{ n: number }];
    expect(typeof n).toBe('number');
    const raw = await ctx.database.query<{ c: unknown }>('select count(*) as c from persons');
    expect(typeof raw.rows[0]!.c).toBe('number');
    await recordAudit(ctx.db, ctx.clock, null, { action: 'test.types', outcome: 'success' });
    const [event] = await ctx.db.select().from(auditEvents).where(eq(auditEvents.action, 'test.types'));
    expect(typeof event!.id).toBe('number');
    expect(event!.occurredAt).toBeInstanceOf(Date);
    expect(event!.occurredAt.getTime()).toBe(ctx.clock.now().getTime());
  });

  it('N1: the audit log is append-only, for every database user of the app', async () => {
    const client = await buildClient(ctx.db);
    const person = await buildPerson(ctx.db);
    await recordAudit(ctx.db, ctx.clock, actorFor(person), {
      action: 'test.append_only',
      outcome: 'success',
      actorPersonId: person.id,
      clientId: client.id,
    });
    await expect(
      ctx.db.update(auditEvents).set({ action: 'changed' }).where(eq(auditEvents.clientId, client.id)),
    ).rejects.toThrow();
    await expect(ctx.db.delete(auditEvents).where(eq(auditEvents.clientId, client.id))).rejects.toThrow();
    await expect(ctx.db.execute(sql`truncate audit_events`)).rejects.toThrow();
    const rows = await ctx.db.select().from(auditEvents).where(eq(auditEvents.clientId, client.id));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ action: 'test.append_only', ip: '127.0.0.1', userAgent: 'vitest' });
  });

  it('stores e-mail addresses lower-case only, and each address once', async () => {
    await expect(buildPerson(ctx.db, { email: 'Hoofdletter@Example.test' })).rejects.toThrow();
    const person = await buildPerson(ctx.db);
    await expect(buildPerson(ctx.db, { email: person.email })).rejects.toThrow();
  });
});
