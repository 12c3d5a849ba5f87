import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyError } from 'fastify';
import type { AppContext } from '../../platform/context.js';
import { errorResponses } from '../../platform/http.js';
import { requireActor } from '../auth/auth.plugin.js';
import * as photos from './photos.service.js';

const PersonParams = Type.Object({ personId: Type.String({ format: 'uuid' }) });
const PhotoQuery = Type.Object({
  v: Type.Optional(Type.String({ description: 'Version (time of the last change); makes a new photo a new address.' })),
});

/** Room for the request around the file itself; the 10 MB limit is checked on the bytes. */
const uploadBodyLimit = photos.maxPhotoBytes + 64 * 1024;

const extensionOf: Record<string, string> = { 'image/webp': 'webp', 'image/jpeg': 'jpg', 'image/png': 'png' };

export const photoRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  // The picture is the body itself (fetch(url, { body: file })): no multipart to parse. Only in
  // this plugin, and with its own limit instead of the API's 1 MB.
  for (const type of ['application/octet-stream', /^image\/[a-z0-9.+-]+$/i]) {
    app.addContentTypeParser(type, { parseAs: 'buffer', bodyLimit: uploadBodyLimit }, (_request, body, done) =>
      done(null, body),
    );
  }
  // A file over the limit never reaches the route, and a form upload has no parser here: answer
  // both in the photo's own words. Everything else goes on to the app's error handler.
  app.setErrorHandler((error: FastifyError) => {
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') throw photos.photoTooLarge();
    if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') throw photos.photoType();
    throw error;
  });

  app.put(
    '/account/photo',
    {
      bodyLimit: uploadBodyLimit,
      schema: {
        tags: ['account'],
        summary: 'Set the own profile photo (R30)',
        description:
          'The body is the picture itself (Content-Type application/octet-stream or image/*), at most 10 MB and ' +
          '50 megapixels: JPEG, PNG, WebP, or HEIF/AVIF where the server can decode it. The type is read from ' +
          'the bytes. The photo is stored as a 512 × 512 WebP without any metadata (EXIF, GPS).',
        response: {
          200: Type.Object({ photoUrl: Type.String({ description: 'Where the new photo is served.' }) }),
          ...errorResponses(400, 401, 403, 413, 415, 422),
        },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const body = Buffer.isBuffer(request.body) ? request.body : undefined;
      // A text or JSON body is no picture, whatever it says it is.
      if (request.body !== undefined && !body) throw photos.photoType();
      return photos.setPhoto(ctx, actor, body);
    },
  );

  app.delete(
    '/account/photo',
    {
      schema: {
        tags: ['account'],
        summary: 'Remove the own profile photo; initials are shown instead',
        response: { 204: { type: 'null', description: 'Removed (or there was none)' }, ...errorResponses(401, 403) },
      },
    },
    async (request, reply) => {
      await photos.removePhoto(ctx, requireActor(request));
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/persons/:personId/photo',
    {
      schema: {
        tags: ['account'],
        summary: 'A person’s profile photo, for the person and for whoever shares a portal with them',
        params: PersonParams,
        querystring: PhotoQuery,
        response: {
          200: {
            description: 'The photo (WebP, 512 × 512).',
            content: { 'image/webp': { schema: { type: 'string', format: 'binary' } } },
          },
          ...errorResponses(401, 404),
        },
      },
    },
    async (request, reply) => {
      const file = await photos.readPhoto(ctx, requireActor(request), request.params.personId);
      const extension = extensionOf[file.contentType] ?? 'bin';
      return (
        reply
          .type(file.contentType)
          .header('content-disposition', `inline; filename="foto.${extension}"`)
          .header('x-content-type-options', 'nosniff')
          .header('last-modified', file.updatedAt.toUTCString())
          // The bytes go out as they are; the typed reply only knows the JSON shapes of the schema.
          .send(file.data as unknown as string)
      );
    },
  );
};
