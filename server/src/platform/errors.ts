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
export const currentPasswordWrong = () =>
  new AppError(400, 'current_password_wrong', 'The current password is not right.', [
    { field: 'currentPassword', code: 'current_password_wrong', message: 'The current password is not right.' },
  ]);
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

// The login's SMS step (R7–R10) and the links sent by e-mail.
export const attemptNotFound = () =>
  new AppError(404, 'attempt_not_found', 'This login attempt has ended or does not exist. Log in again.');
export const codeInvalid = (triesLeft: number) =>
  new AppError(400, 'code_invalid', `The code is not right. ${triesLeft} tries left.`, [
    { field: 'code', code: 'code_invalid', message: String(triesLeft) },
  ]);
export const codeExpired = () => new AppError(400, 'code_expired', 'The code has expired. Ask for a new code.');
export const codeLocked = () =>
  new AppError(400, 'code_locked', 'The code was entered wrongly too often. Ask for a new code.');
export const resendTooSoon = (retryAfterSeconds: number) =>
  new AppError(429, 'resend_too_soon', `Wait ${retryAfterSeconds} seconds before asking for a new code.`, undefined, {
    'retry-after': String(retryAfterSeconds),
  });
export const smsLimitReached = (retryAfterSeconds: number) =>
  new AppError(429, 'sms_limit', 'Too many codes were sent. Try again later.', undefined, {
    'retry-after': String(retryAfterSeconds),
  });
export const noMobile = () =>
  new AppError(409, 'no_mobile', 'No mobile number is known for this account. Contact the helpdesk.');
export const accountBlocked = () =>
  new AppError(
    423,
    'account_blocked',
    'Too many wrong passwords. Choose a new password through "Wachtwoord vergeten?".',
  );
export const linkInvalid = () =>
  new AppError(404, 'link_invalid', 'This link does not exist. Check that you copied all of it.');
export const linkExpired = () => new AppError(410, 'link_expired', 'This link has expired. Ask for a new one.');
export const linkUsed = () => new AppError(410, 'link_used', 'This link has been used already. Ask for a new one.');
