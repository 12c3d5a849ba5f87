import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { charCount } from '../../lib/validation';

/** The server's rules (server/src/platform/password-policy.ts), counted as a person counts characters. */
export const passwordMinLength = 8;
export const passwordMaxLength = 128;

const rejectionReasons = new Set(['too_short', 'too_long', 'too_common', 'personal', 'too_guessable']);

/**
 * How to choose a password, shown before the person types (N3: no composition rules, so we say
 * that special characters are not needed). The field points here with aria-describedby.
 */
export function PasswordRules({ id }: { id: string }) {
  const { t } = useTranslation();
  return (
    <div className="rules" id={id}>
      <p className="rules-title">{t('auth.password.rulesTitle')}</p>
      <ul className="check-list">
        <li>{t('auth.password.ruleLength', { min: passwordMinLength })}</li>
        <li>{t('auth.password.ruleSentence')}</li>
        <li>{t('auth.password.ruleNoSpecial')}</li>
        <li>{t('auth.password.rulePersonal')}</li>
      </ul>
    </div>
  );
}

/** What is wrong with a new password before it is sent: only what the browser can know. */
export function localPasswordProblem(t: TFunction, password: string): string | undefined {
  const length = charCount(password);
  if (length === 0) return t('auth.password.missing');
  if (length < passwordMinLength) return t('auth.password.rejected.too_short', { min: passwordMinLength });
  if (length > passwordMaxLength) return t('auth.password.rejected.too_long', { max: passwordMaxLength });
  return undefined;
}

/** The plain-Dutch reason for a `password_rejected` answer; undefined for any other error. */
export function passwordRejectionText(t: TFunction, error: unknown): string | undefined {
  if (!(error instanceof ApiError) || error.code !== 'password_rejected') return undefined;
  const reason = error.details.find((d) => d.field === 'password')?.code ?? '';
  if (!rejectionReasons.has(reason)) return t('auth.password.rejected.other');
  return t(`auth.password.rejected.${reason}`, { min: passwordMinLength, max: passwordMaxLength });
}
