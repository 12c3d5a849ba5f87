import type { TFunction } from 'i18next';
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
]);

/**
 * The Dutch (or English) text for an error, chosen by its stable `code`; never the API's English
 * `message`. `overrides` maps a code to a key that fits the page better.
 */
export function errorText(t: TFunction, error: unknown, overrides: Record<string, string> = {}): string {
  if (!(error instanceof ApiError)) return t('errors.unknown');
  const override = overrides[error.code];
  if (override) return t(override);
  if (error.code === 'rate_limited') {
    const minutes = Math.max(1, Math.ceil((error.retryAfterSeconds ?? 60) / 60));
    return t('errors.rate_limited', { count: minutes });
  }
  if (knownCodes.has(error.code)) return t(`errors.${error.code}`);
  if (error.status >= 500) return t('errors.internal_error');
  return t('errors.unknown');
}
