import { describe, expect, it } from 'vitest';
import { useTestContext } from '../test/context.js';
import { enforce, hit, purgeExpired } from './rate-limit.js';
import { AppError } from './errors.js';

describe('rate limits in the database', () => {
  const ctx = useTestContext();

  it('counts hits per key and window, and opens again in the next window (movable clock)', async () => {
    const rule = { key: `test:${Math.random()}`, limit: 3, windowSeconds: 60 };
    ctx.clock.set('2026-03-02T09:00:00Z');
    const counts = [];
    for (let i = 0; i < 4; i++) counts.push(await hit(ctx.db, ctx.clock, rule));
    expect(counts.map((c) => c.allowed)).toEqual([true, true, true, false]);
    expect(counts[3]!.retryAfterSeconds).toBe(60);
    ctx.clock.advance({ seconds: 60 });
    expect((await hit(ctx.db, ctx.clock, rule)).allowed).toBe(true);
  });

  it('throws 429 with Retry-After when any rule is over its limit', async () => {
    const rule = { key: `test:${Math.random()}`, limit: 1, windowSeconds: 600 };
    await enforce(ctx.db, ctx.clock, [rule]);
    const err = await enforce(ctx.db, ctx.clock, [rule]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).status).toBe(429);
    expect(Number((err as AppError).headers?.['retry-after'])).toBeGreaterThan(0);
  });

  it('purges ended windows only', async () => {
    const old = { key: `old:${Math.random()}`, limit: 5, windowSeconds: 60 };
    await hit(ctx.db, ctx.clock, old);
    ctx.clock.advance({ minutes: 5 });
    const fresh = { key: `fresh:${Math.random()}`, limit: 5, windowSeconds: 60 };
    await hit(ctx.db, ctx.clock, fresh);
    await purgeExpired(ctx.db, ctx.clock);
    expect((await hit(ctx.db, ctx.clock, old)).count).toBe(1);
    expect((await hit(ctx.db, ctx.clock, fresh)).count).toBe(2);
  });
});
