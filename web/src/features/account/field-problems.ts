import type { TFunction } from 'i18next';
import { ApiError } from '../../api/client';

/** The API's code for a field's problem (from validation_failed's details, or the error's own code). */
export function fieldCode(error: unknown, field: string): string | undefined {
  if (!(error instanceof ApiError)) return undefined;
  return error.details.find((d) => d.field === field)?.code;
}

/** A wrong password typed again before a change: named at the password field. */
export function passwordProblem(t: TFunction, error: unknown): string | undefined {
  return error instanceof ApiError && error.code === 'current_password_wrong'
    ? t('myDetails.passwordWrong')
    : undefined;
}
