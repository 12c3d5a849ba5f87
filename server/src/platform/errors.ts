/**
 * One error model. Every error has a stable `code` that the web app translates; `message` is a
 * plain English fallback for API users. Something outside the actor's reach is a 404 so that its
 * existence does not leak; something visible but not allowed is a 403.
 */
export interface ErrorDetail {
  /** The field or part of the request, e.g. "email". */
  field?: string;
  code: string;
  message: string;
}

export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: ErrorDetail[],
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const notFound = (what = 'resource') =>
  new AppError(404, 'not_found', `The ${what} does not exist or is not yours to see.`);
export const forbidden = (message = 'You may not do this.') => new AppError(403, 'forbidden', message);
export const unauthenticated = () => new AppError(401, 'unauthenticated', 'Log in first.');
export const invalidCredentials = () =>
  new AppError(401, 'invalid_credentials', 'The e-mail address or password is not right.');
export const csrfFailed = () =>
  new AppError(403, 'csrf_failed', 'This request did not come from the portal itself. Reload the page and try again.');
export const validationFailed = (details: ErrorDetail[]) =>
  new AppError(400, 'validation_failed', 'Some of the input is not right.', details);
export const rateLimited = (retryAfterSeconds: number) =>
  new AppError(429, 'rate_limited', `Too many attempts. Try again in ${retryAfterSeconds} seconds.`, undefined, {
    'retry-after': String(retryAfterSeconds),
  });
export const payloadTooLarge = () => new AppError(413, 'payload_too_large', 'The request is too large.');
export const internalError = () => new AppError(500, 'internal_error', 'Something went wrong on our side.');
