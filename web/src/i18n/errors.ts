import i18n, { type TFunction } from 'i18next';
import { ApiError } from '../api/client';

const knownCodes = new Set([
  'invalid_credentials',
  'validation_failed',
  'csrf_failed',
  'unauthenticated',
  'not_found',
  'forbidden',
  'payload_too_large',
  'network',
  'internal_error',
  'not_ready',
  'bad_request',
  'account_blocked',
  'no_mobile',
  'sms_failed',
  'attempt_not_found',
  'code_expired',
  'code_locked',
  'link_invalid',
  'link_expired',
  'link_used',
  'password_rejected',
]);

/** "Wacht 40 seconden" below a minute, whole minutes (rounded up) below an hour, hours above. */
export function waitText(t: TFunction, seconds: number | undefined, fallbackSeconds = 60): string {
  const wait = Math.max(1, Math.ceil(seconds ?? fallbackSeconds));
  if (wait < 60) return t('errors.wait.seconds', { count: wait });
  if (wait < 3600) return t('errors.wait.minutes', { count: Math.ceil(wait / 60) });
  return t('errors.wait.hours', { count: Math.ceil(wait / 3600) });
}

/** The tries left after a wrong SMS code; the API puts the number in the first detail. */
export function triesLeft(error: ApiError): number | undefined {
  const value = Number(error.details[0]?.message);
  return Number.isInteger(value) && value >= 0 ? value : undefined;
}

/**
 * The Dutch (or English) text for an error, chosen by its stable `code`; never the API's English
 * `message`. `overrides` maps a code to a key that fits the page better.
 */
export function errorText(t: TFunction, error: unknown, overrides: Record<string, string> = {}): string {
  if (!(error instanceof ApiError)) return t('errors.unknown');
  const override = overrides[error.code];
  if (override) return t(override);
  switch (error.code) {
    case 'rate_limited':
      return t('errors.rate_limited', { wait: waitText(t, error.retryAfterSeconds) });
    case 'resend_too_soon':
      return t('errors.resend_too_soon', { wait: waitText(t, error.retryAfterSeconds, 30) });
    case 'sms_limit':
      return t('errors.sms_limit', { wait: waitText(t, error.retryAfterSeconds, 3600) });
    case 'code_invalid': {
      const left = triesLeft(error);
      return left === undefined ? t('errors.code_invalid') : t('errors.code_invalid_left', { count: left });
    }
  }
  // Codes of later features have their text in an i18n part file, under errors.<code>.
  if (knownCodes.has(error.code) || typeof i18n.getResource('nl', 'translation', `errors.${error.code}`) === 'string') {
    return t(`errors.${error.code}`);
  }
  if (error.status >= 500) return t('errors.internal_error');
  return t('errors.unknown');
}
