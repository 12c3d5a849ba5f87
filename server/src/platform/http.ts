/** HTTP pieces shared by every module: the error reply schema and the one error handler. */
import { Type, type Static } from '@fastify/type-provider-typebox';
import type { FastifyError, FastifyInstance } from 'fastify';
import { AppError, internalError, payloadTooLarge, validationFailed, type ErrorDetail } from './errors.js';

export const ErrorReply = Type.Object(
  {
    error: Type.Object({
      /** Stable code that the web app translates, e.g. "invalid_credentials". */
      code: Type.String(),
      message: Type.String(),
      details: Type.Optional(
        Type.Array(Type.Object({ field: Type.Optional(Type.String()), code: Type.String(), message: Type.String() })),
      ),
    }),
  },
  { $id: 'ErrorReply', description: 'Every error has this shape.' },
);

/** Response schemas for the listed error statuses, for OpenAPI. */
export function errorResponses<S extends number>(...statuses: S[]) {
  const ref = Type.Unsafe<Static<typeof ErrorReply>>(Type.Ref('ErrorReply'));
  return Object.fromEntries(statuses.map((s) => [s, ref])) as Record<S, typeof ref>;
}

function fromValidation(error: FastifyError): AppError {
  const details: ErrorDetail[] = (error.validation ?? []).map((v) => {
    const path = (v.instancePath || '').replace(/^\//, '').replace(/\//g, '.');
    const missing = (v.params as { missingProperty?: string } | undefined)?.missingProperty;
    return { field: missing ?? (path || undefined), code: v.keyword, message: v.message ?? 'invalid' };
  });
  return validationFailed(details);
}

/** Answers every error as { error: { code, message, details? } } and hides the details of 5xx errors. */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    let appError: AppError;
    if (error instanceof AppError) appError = error;
    else if (error.validation) appError = fromValidation(error);
    else if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') appError = payloadTooLarge();
    else if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      appError = new AppError(error.statusCode, 'bad_request', 'The request is not valid.');
    } else appError = internalError();

    if (appError.status >= 500) request.log.error({ err: error }, 'request failed');
    if (appError.headers) void reply.headers(appError.headers);
    return reply.code(appError.status).send({
      error: {
        code: appError.code,
        message: appError.message,
        ...(appError.details ? { details: appError.details } : {}),
      },
    });
  });
}
