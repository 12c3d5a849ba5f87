/**
 * Profile photos (R30; N3: V5.2, V14.2.8). A person sets their own photo; it is re-encoded to a
 * fixed square without metadata, stored under a generated key, and shown only to people who share
 * a portal with that person. A rejected upload changes nothing: the old photo stays.
 */
import { recordAudit } from '../../platform/audit.js';
import type { Actor, AppContext } from '../../platform/context.js';
import { AppError, notFound, unauthenticated } from '../../platform/errors.js';
import { ImageRejected, toSquareWebp, type ImageProblem } from '../../platform/images.js';
import { enforce } from '../../platform/rate-limit.js';
import * as repo from './photos.repository.js';

/** The largest upload taken (bytes): a phone's photo is 2–6 MB, a 48-megapixel one up to about 10. */
export const maxPhotoBytes = 10 * 1024 * 1024;
/** Above this many pixels a picture is refused before decoding (a 48-megapixel phone camera fits). */
export const maxPhotoPixels = 50_000_000;
/** Stored photos are this many pixels square: sharp on a high-density screen at the largest size shown. */
export const photoSize = 512;

const storagePrefix = 'photos';

/** Decoding a large picture takes real work: plenty for a person trying a few photos, not for a flood. */
export const photoUploadLimit = { limit: 20, windowSeconds: 3600 };

export const photoEmpty = () => new AppError(400, 'photo_empty', 'The file is empty. Choose another photo.');
export const photoTooLarge = () =>
  new AppError(413, 'photo_too_large', `The file is larger than ${maxPhotoBytes / 1024 / 1024} MB.`);
export const photoType = () =>
  new AppError(415, 'photo_type', 'This file is not a photo of a kind we take. Choose a JPEG, PNG or WebP.');
export const photoHeicUnsupported = () =>
  new AppError(415, 'photo_heic_unsupported', 'HEIC photos cannot be read here yet. Choose a JPEG.');
export const photoBroken = () =>
  new AppError(422, 'photo_broken', 'The photo cannot be read; the file may be damaged or incomplete.');
export const photoTooManyPixels = () =>
  new AppError(422, 'photo_too_many_pixels', `The photo has more than ${maxPhotoPixels / 1_000_000} megapixels.`);

const errorOf: Record<ImageProblem, () => AppError> = {
  type: photoType,
  broken: photoBroken,
  too_many_pixels: photoTooManyPixels,
  heic_unsupported: photoHeicUnsupported,
};

/**
 * The address of a person's photo, or null when they have none. The time of the last change is
 * in the address, so that a new photo gets a new address.
 */
export function photoUrl(person: { id: string; photoKey: string | null; photoUpdatedAt: Date | null }): string | null {
  if (!person.photoKey || !person.photoUpdatedAt) return null;
  return `/api/persons/${person.id}/photo?v=${person.photoUpdatedAt.getTime()}`;
}

async function auditRejected(ctx: AppContext, actor: Actor, reason: string): Promise<void> {
  await recordAudit(ctx.db, ctx.clock, actor, {
    action: 'account.photo_changed',
    outcome: 'failure',
    actorPersonId: actor.personId,
    objectType: 'person',
    objectId: actor.personId,
    details: { reason },
  });
}

/**
 * Sets the actor's own photo from the uploaded bytes. Throws rate_limited, photo_empty,
 * photo_too_large, photo_type, photo_heic_unsupported, photo_broken or photo_too_many_pixels;
 * then nothing changed.
 * The old file is deleted only after the new key is committed.
 */
export async function setPhoto(ctx: AppContext, actor: Actor, data: Buffer | undefined): Promise<{ photoUrl: string }> {
  await enforce(ctx.db, ctx.clock, [{ key: `photo-upload:${actor.personId}`, ...photoUploadLimit }]);
  if (!data || data.length === 0) {
    await auditRejected(ctx, actor, 'empty');
    throw photoEmpty();
  }
  if (data.length > maxPhotoBytes) {
    await auditRejected(ctx, actor, 'too_large');
    throw photoTooLarge();
  }
  let image;
  try {
    image = await toSquareWebp(data, { size: photoSize, maxInputPixels: maxPhotoPixels });
  } catch (err) {
    if (!(err instanceof ImageRejected)) throw err;
    await auditRejected(ctx, actor, err.problem);
    throw errorOf[err.problem]();
  }

  const key = await ctx.storage.put(storagePrefix, image.data, image.contentType);
  const at = ctx.clock.now();
  let previousKey: string | null;
  try {
    previousKey = await ctx.db.transaction(async (tx) => {
      const replaced = await repo.replacePhoto(tx, actor.personId, key, at);
      if (!replaced) throw unauthenticated();
      await recordAudit(tx, ctx.clock, actor, {
        action: 'account.photo_changed',
        outcome: 'success',
        actorPersonId: actor.personId,
        objectType: 'person',
        objectId: actor.personId,
      });
      return replaced.previousKey;
    });
  } catch (err) {
    await ctx.storage.delete(key);
    throw err;
  }
  await deleteQuietly(ctx, previousKey);
  return { photoUrl: photoUrl({ id: actor.personId, photoKey: key, photoUpdatedAt: at })! };
}

/** Removes the actor's own photo; initials are shown again. Nothing happens when there is none. */
export async function removePhoto(ctx: AppContext, actor: Actor): Promise<void> {
  const previousKey = await ctx.db.transaction(async (tx) => {
    const replaced = await repo.replacePhoto(tx, actor.personId, null, ctx.clock.now());
    if (!replaced) throw unauthenticated();
    if (replaced.previousKey) {
      await recordAudit(tx, ctx.clock, actor, {
        action: 'account.photo_removed',
        outcome: 'success',
        actorPersonId: actor.personId,
        objectType: 'person',
        objectId: actor.personId,
      });
    }
    return replaced.previousKey;
  });
  await deleteQuietly(ctx, previousKey);
}

/** A file left behind costs only disk space; the person's change has been made and must not fail. */
async function deleteQuietly(ctx: AppContext, key: string | null): Promise<void> {
  if (!key) return;
  try {
    await ctx.storage.delete(key);
  } catch (err) {
    ctx.log.warn({ err, key }, 'old photo not deleted');
  }
}

export interface PhotoFile {
  data: Buffer;
  contentType: string;
  updatedAt: Date;
}

/**
 * The photo of `personId` for the actor: their own, or that of someone who shares a portal with
 * them (see repo.findVisiblePhoto). Anyone else, and a person without a photo, get the same 404,
 * so that the answer does not tell whether the person exists. Looking at a photo is not logged
 * as a read of client data: the photo is the person's own choice to show to their network, and
 * it appears on every page; only a refusal is logged.
 */
export async function readPhoto(ctx: AppContext, actor: Actor, personId: string): Promise<PhotoFile> {
  const row = await repo.findVisiblePhoto(ctx.db, actor.personId, personId, ctx.clock.now());
  const file = row ? await ctx.storage.get(row.photoKey) : undefined;
  if (!row || !file) {
    // Only a photo that exists and was refused is a denial; a removed photo (an old address) is not.
    if (!row && (await repo.findPhoto(ctx.db, personId))?.photoKey) {
      await recordAudit(ctx.db, ctx.clock, actor, {
        action: 'access.denied',
        outcome: 'denied',
        actorPersonId: actor.personId,
        objectType: 'person_photo',
        objectId: personId,
      });
    }
    throw notFound('photo');
  }
  return { data: file.data, contentType: file.contentType, updatedAt: row.photoUpdatedAt };
}
