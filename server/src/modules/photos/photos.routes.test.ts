import fs from 'node:fs/promises';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { auditEvents, memberships, persons } from '../../platform/schema.js';
import { injectAs, useTestApp, type LoggedIn } from '../../test/app.js';
import {
  buildClient,
  buildContactPerson,
  buildDepartment,
  buildOrganisation,
  buildPerson,
  buildStaff,
} from '../../test/factories.js';
import * as images from '../../test/fixtures/images/index.js';

describe('profile photos over HTTP (R30; N3: V5.2, V14.2.8)', () => {
  const t = useTestApp();
  const db = () => t.database.db;

  type Person = Awaited<ReturnType<typeof buildPerson>>;

  const upload = (s: LoggedIn, body: Buffer | string, contentType = 'image/jpeg') =>
    s.inject({ method: 'PUT', url: '/api/account/photo', headers: { 'content-type': contentType }, payload: body });

  async function photoRow(personId: string) {
    const [row] = await db()
      .select({ photoKey: persons.photoKey, photoUpdatedAt: persons.photoUpdatedAt })
      .from(persons)
      .where(eq(persons.id, personId));
    return row!;
  }

  async function storedPhoto(personId: string) {
    const { photoKey } = await photoRow(personId);
    expect(photoKey).toBeTruthy();
    const file = await t.app.ctx.storage.get(photoKey!);
    expect(file).toBeDefined();
    return file!;
  }

  /** How many photo files are on disk: a refused upload may not leave one behind. */
  async function filesOnDisk(): Promise<number> {
    const dir = path.join(t.app.ctx.config.dataDir, 'files', 'photos');
    return (await fs.readdir(dir).catch(() => [])).length;
  }

  /** A client with their own account, in a new organisation and department. */
  async function buildPortal() {
    const organisation = await buildOrganisation(db());
    const department = await buildDepartment(db(), organisation.id);
    const client = await buildClient(db(), { organisationId: organisation.id, departmentId: department.id });
    const { person: self } = await buildContactPerson(db(), client.id, {
      relation: 'self',
      personValues: { givenName: client.givenName, familyName: client.familyName },
    });
    return { organisation, department, client, self };
  }

  async function withPhoto(person: Person): Promise<{ session: LoggedIn; url: string }> {
    const session = await injectAs(t.app, person);
    const res = await upload(session, await images.jpeg());
    expect(res.statusCode, res.body).toBe(200);
    return { session, url: (res.json() as { photoUrl: string }).photoUrl };
  }

  it('V14.2.8: a phone photo with GPS is stored upright, 512 × 512, as WebP without any metadata', async () => {
    const person = await buildPerson(db());
    const s = await injectAs(t.app, person);
    const original = await images.jpegWithGps();
    const before = await sharp(original).metadata();
    // The test photo really carries what must go: a GPS position and the sideways orientation.
    expect(images.exifHasGps(before.exif)).toBe(true);
    expect(before.orientation).toBe(6);

    const res = await upload(s, original);
    expect(res.statusCode, res.body).toBe(200);
    const { photoUrl } = res.json() as { photoUrl: string };
    expect(photoUrl).toMatch(new RegExp(`^/api/persons/${person.id}/photo\\?v=\\d+$`));

    const stored = await storedPhoto(person.id);
    expect(stored.contentType).toBe('image/webp');
    const after = await sharp(stored.data).metadata();
    expect(after).toMatchObject({ format: 'webp', width: 512, height: 512 });
    expect(after.exif).toBeUndefined();
    expect(after.xmp).toBeUndefined();
    expect(after.iptc).toBeUndefined();
    expect(after.icc).toBeUndefined();
    expect(after.orientation).toBeUndefined();
    expect(stored.data.includes('KringCam')).toBe(false);

    // Turned upright before the orientation was dropped: the red top half is now on the right.
    const { data, info } = await sharp(stored.data).raw().toBuffer({ resolveWithObject: true });
    const pixel = (x: number, y: number) => [...data.subarray((y * info.width + x) * info.channels).subarray(0, 3)];
    const [leftRed, , leftBlue] = pixel(100, 256);
    const [rightRed, , rightBlue] = pixel(412, 256);
    expect(leftBlue).toBeGreaterThan(200);
    expect(leftRed).toBeLessThan(50);
    expect(rightRed).toBeGreaterThan(200);
    expect(rightBlue).toBeLessThan(50);

    const me = (await s.inject({ method: 'GET', url: '/api/me' })).json() as { person: { photoUrl: string | null } };
    expect(me.person.photoUrl).toBe(photoUrl);
    const served = await s.inject({ method: 'GET', url: photoUrl });
    expect(served.statusCode).toBe(200);
    expect(served.headers['content-type']).toBe('image/webp');
    expect(served.headers['content-disposition']).toBe('inline; filename="foto.webp"');
    expect(served.headers['x-content-type-options']).toBe('nosniff');
    expect(served.rawPayload.equals(stored.data)).toBe(true);

    const audit = await db()
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.actorPersonId, person.id), eq(auditEvents.action, 'account.photo_changed')));
    expect(audit.map((a) => a.outcome)).toEqual(['success']);
  });

  it.each([
    ['PNG', images.png, 'image/png'],
    ['WebP', images.webp, 'image/webp'],
    ['AVIF', images.avif, 'image/avif'],
    ['PNG in a file named .jpg', images.png, 'image/jpeg'],
    ['JPEG sent as application/octet-stream', () => images.jpeg(), 'application/octet-stream'],
  ])('V5.2: takes a %s, by its bytes, and stores a 512 × 512 WebP', async (_name, make, contentType) => {
    const person = await buildPerson(db());
    const res = await upload(await injectAs(t.app, person), await make(), contentType);
    expect(res.statusCode, res.body).toBe(200);
    const stored = await storedPhoto(person.id);
    expect(await sharp(stored.data).metadata()).toMatchObject({ format: 'webp', width: 512, height: 512 });
  });

  const hostile: [string, () => Buffer | string | Promise<Buffer>, string, number, string][] = [
    ['a text file named foto.jpg', () => images.textNamedJpg(), 'image/jpeg', 415, 'photo_type'],
    [
      'a GIF',
      () =>
        sharp({ create: { width: 8, height: 8, channels: 3, background: 'red' } })
          .gif()
          .toBuffer(),
      'image/gif',
      415,
      'photo_type',
    ],
    ['a truncated JPEG', images.truncatedJpeg, 'image/jpeg', 422, 'photo_broken'],
    [
      'a JPEG with a PNG header',
      async () => Buffer.concat([(await images.png()).subarray(0, 33), await images.jpeg()]),
      'image/png',
      422,
      'photo_broken',
    ],
    ['a 20000 × 20000 PNG (pixel flood)', () => images.pixelFloodPng(), 'image/png', 422, 'photo_too_many_pixels'],
    [
      'a JPEG whose header claims 20000 × 20000',
      images.pixelFloodJpegHeader,
      'image/jpeg',
      422,
      'photo_too_many_pixels',
    ],
    [
      'a HEIC (HEVC) photo that this server cannot decode',
      images.heicWithHevc,
      'image/heic',
      415,
      'photo_heic_unsupported',
    ],
    ['a file of 10 MB and one byte', () => images.oversized(), 'image/jpeg', 413, 'photo_too_large'],
    [
      'a file of 11 MB (over the request limit)',
      () => images.oversized(11 * 1024 * 1024),
      'image/jpeg',
      413,
      'photo_too_large',
    ],
    ['an empty file', () => Buffer.alloc(0), 'image/jpeg', 400, 'photo_empty'],
    ['JSON', () => '{"photo":"x"}', 'application/json', 415, 'photo_type'],
    [
      'a form upload',
      () => '--x\r\nContent-Disposition: form-data; name="f"\r\n\r\nx\r\n--x--',
      'multipart/form-data; boundary=x',
      415,
      'photo_type',
    ],
  ];
  it.each(hostile)(
    'V5.2: refuses %s with a clear code, and the old photo stays',
    async (_name, make, contentType, status, code) => {
      const person = await buildPerson(db());
      const { session, url } = await withPhoto(person);
      const before = await photoRow(person.id);
      const files = await filesOnDisk();

      const res = await upload(session, await make(), contentType);
      expect(res.statusCode, res.body).toBe(status);
      expect(res.json().error.code).toBe(code);

      expect(await photoRow(person.id)).toEqual(before);
      expect(await filesOnDisk()).toBe(files);
      expect((await session.inject({ method: 'GET', url })).statusCode).toBe(200);
      const [failure] = await db()
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.actorPersonId, person.id), eq(auditEvents.outcome, 'failure')));
      // A body the route never saw (over the request limit, a form) leaves no audit row of its own.
      if (failure) expect(failure.action).toBe('account.photo_changed');
    },
  );

  it('a new photo replaces the old file; removing it shows initials again and deletes the file', async () => {
    const person = await buildPerson(db());
    const { session } = await withPhoto(person);
    const first = (await photoRow(person.id)).photoKey!;
    t.clock.advance({ seconds: 5 });
    const second = await upload(session, await images.png(), 'image/png');
    expect(second.statusCode).toBe(200);
    const { photoKey } = await photoRow(person.id);
    expect(photoKey).not.toBe(first);
    expect(await t.app.ctx.storage.get(first)).toBeUndefined();

    const removed = await session.inject({ method: 'DELETE', url: '/api/account/photo' });
    expect(removed.statusCode).toBe(204);
    expect(await photoRow(person.id)).toEqual({ photoKey: null, photoUpdatedAt: null });
    expect(await t.app.ctx.storage.get(photoKey!)).toBeUndefined();
    const me = (await session.inject({ method: 'GET', url: '/api/me' })).json() as { person: { photoUrl: unknown } };
    expect(me.person.photoUrl).toBeNull();
    const served = await session.inject({ method: 'GET', url: (second.json() as { photoUrl: string }).photoUrl });
    expect(served.statusCode).toBe(404);
    // Removing again is harmless.
    expect((await session.inject({ method: 'DELETE', url: '/api/account/photo' })).statusCode).toBe(204);
  });

  it('20 uploads an hour per person, then 429 with Retry-After', async () => {
    const person = await buildPerson(db());
    const s = await injectAs(t.app, person);
    for (let i = 0; i < 20; i++) expect((await upload(s, Buffer.alloc(0))).statusCode).toBe(400);
    const blocked = await upload(s, await images.jpeg());
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json().error.code).toBe('rate_limited');
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    expect((await photoRow(person.id)).photoKey).toBeNull();
  });

  it('N3 V3.5: an upload without the CSRF token is refused', async () => {
    const person = await buildPerson(db());
    const s = await injectAs(t.app, person);
    const res = await t.app.inject({
      method: 'PUT',
      url: '/api/account/photo',
      headers: { cookie: s.cookie, 'content-type': 'image/jpeg' },
      payload: await images.jpeg(),
    });
    expect(res.statusCode).toBe(403);
    expect((await photoRow(person.id)).photoKey).toBeNull();
  });

  describe('who sees a photo: only people who share a portal with the person', () => {
    const get = async (viewer: Person, url: string) => (await injectAs(t.app, viewer)).inject({ method: 'GET', url });

    it('the client and the network see each other’s photos, a stranger gets the same 404 as for nobody', async () => {
      const { client, self } = await buildPortal();
      const { person: daughter } = await buildContactPerson(db(), client.id, { permissions: [] });
      const stranger = await buildPerson(db());
      const clientPhoto = (await withPhoto(self)).url;
      const daughterPhoto = (await withPhoto(daughter)).url;

      expect((await get(daughter, clientPhoto)).statusCode).toBe(200);
      expect((await get(self, daughterPhoto)).statusCode).toBe(200);
      const refused = await get(stranger, clientPhoto);
      const nobody = await get(stranger, '/api/persons/6f1c1a4e-0000-4000-8000-000000000000/photo');
      expect(refused.statusCode).toBe(404);
      expect(refused.json()).toEqual(nobody.json());
      const [denied] = await db()
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.actorPersonId, stranger.id), eq(auditEvents.action, 'access.denied')));
      expect(denied).toMatchObject({ outcome: 'denied', objectType: 'person_photo', objectId: self.id });
      expect((await t.app.inject({ method: 'GET', url: clientPhoto })).statusCode).toBe(401);
    });

    it('R26: a revoked member, and a member whose access ended on the clock, no longer see it', async () => {
      const { client, self } = await buildPortal();
      const url = (await withPhoto(self)).url;
      const { person: neighbour } = await buildContactPerson(db(), client.id, {
        endsAt: new Date(t.clock.now().getTime() + 60_000),
      });
      const { person: former, membership } = await buildContactPerson(db(), client.id);
      const neighbourSession = await injectAs(t.app, neighbour);
      const formerSession = await injectAs(t.app, former);
      expect((await neighbourSession.inject({ method: 'GET', url })).statusCode).toBe(200);
      expect((await formerSession.inject({ method: 'GET', url })).statusCode).toBe(200);

      await db().update(memberships).set({ revokedAt: t.clock.now() }).where(eq(memberships.id, membership.id));
      expect((await formerSession.inject({ method: 'GET', url })).statusCode).toBe(404);
      // Within the session's idle time: the session lives on, the access does not.
      t.clock.advance({ minutes: 2 });
      expect((await neighbourSession.inject({ method: 'GET', url })).statusCode).toBe(404);
    });

    it('a member whose own access ended is not shown to the network any more either', async () => {
      const { client, self } = await buildPortal();
      const { person: former, membership } = await buildContactPerson(db(), client.id);
      const url = (await withPhoto(former)).url;
      expect((await get(self, url)).statusCode).toBe(200);
      await db().update(memberships).set({ revokedAt: t.clock.now() }).where(eq(memberships.id, membership.id));
      expect((await get(self, url)).statusCode).toBe(404);
    });

    it('staff with access to the client (requireAccess scope) see it; staff elsewhere do not', async () => {
      const { organisation, department, client, self } = await buildPortal();
      const url = (await withPhoto(self)).url;
      const otherDepartment = await buildDepartment(db(), organisation.id);
      const otherOrganisation = await buildOrganisation(db());
      const carer = await buildStaff(db(), organisation.id, 'care_professional', { departmentId: department.id });
      const contactverzorgende = await buildStaff(db(), organisation.id, 'contactverzorgende', { clientId: client.id });
      const admin = await buildStaff(db(), organisation.id, 'organisation_admin');
      const carerElsewhere = await buildStaff(db(), organisation.id, 'care_professional', {
        departmentId: otherDepartment.id,
      });
      const adminElsewhere = await buildStaff(db(), otherOrganisation.id, 'organisation_admin');

      for (const viewer of [carer, contactverzorgende, admin]) expect((await get(viewer, url)).statusCode).toBe(200);
      for (const viewer of [carerElsewhere, adminElsewhere]) expect((await get(viewer, url)).statusCode).toBe(404);
    });
  });

  describe('the client’s photo in the portal header (/api/me)', () => {
    it('every member sees the client’s photo address; a client without an account has none', async () => {
      const { client, self } = await buildPortal();
      const { person: son } = await buildContactPerson(db(), client.id);
      const lonely = await buildClient(db());
      await buildContactPerson(db(), lonely.id, { person: son });
      const sonSession = await injectAs(t.app, son);
      type MeReply = { portals: { clientId: string; clientPhotoUrl: string | null }[] };
      const portalsOf = async () =>
        ((await sonSession.inject({ method: 'GET', url: '/api/me' })).json() as MeReply).portals;

      expect((await portalsOf()).map((p) => p.clientPhotoUrl)).toEqual([null, null]);
      const { url } = await withPhoto(self);
      const portals = await portalsOf();
      expect(portals.find((p) => p.clientId === client.id)?.clientPhotoUrl).toBe(url);
      expect(portals.find((p) => p.clientId === lonely.id)?.clientPhotoUrl).toBeNull();
      expect((await sonSession.inject({ method: 'GET', url })).statusCode).toBe(200);

      const selfMe = (
        await (await injectAs(t.app, self)).inject({ method: 'GET', url: '/api/me' })
      ).json() as MeReply & {
        person: { photoUrl: string };
      };
      expect(selfMe.person.photoUrl).toBe(url);
      expect(selfMe.portals[0]?.clientPhotoUrl).toBe(url);
    });
  });
});
