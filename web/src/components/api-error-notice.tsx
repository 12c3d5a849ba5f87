import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError } from '../api/client';
import { errorText } from '../i18n/errors';
import { PendingButton } from './pending-button';

/** Errors that may pass by themselves: a button to try the same thing again helps. */
const retryable = new Set(['sms_failed', 'network', 'internal_error', 'not_ready']);

/**
 * An error from the API in plain words, with the one next step that helps: a new password after
 * too many wrong ones, the helpdesk when no SMS can be sent, or "try again" when the SMS provider
 * or the connection failed. Put it inside a live region (role="alert") so that it is read out.
 */
export function ApiErrorNotice({
  error,
  onRetry,
  isRetrying = false,
  overrides,
}: {
  error: unknown;
  onRetry?: () => void;
  isRetrying?: boolean;
  overrides?: Record<string, string>;
}) {
  const { t } = useTranslation();
  const code = error instanceof ApiError ? error.code : 'unknown';
  const status = error instanceof ApiError ? error.status : 0;
  return (
    <div className="notice notice-error">
      <p>{errorText(t, error, overrides)}</p>
      {code === 'account_blocked' ? (
        <p>
          <Link to="/wachtwoord-vergeten" className="button button-primary">
            {t('auth.login.forgotPassword')}
          </Link>
        </p>
      ) : null}
      {code === 'no_mobile' || code === 'sms_limit' ? (
        <p>
          <Link to="/hulp" className="strong">
            {t('helpdesk.askLink')}
          </Link>
        </p>
      ) : null}
      {onRetry && (retryable.has(code) || status >= 500) ? (
        <PendingButton className="button button-primary" onPress={onRetry} isPending={isRetrying}>
          {t('common.retry')}
        </PendingButton>
      ) : null}
    </div>
  );
}
