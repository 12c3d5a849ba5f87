import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { errorText } from '../i18n/errors';

/** Shown while data loads; announced politely by screen readers. */
export function Loading() {
  const { t } = useTranslation();
  return (
    <p role="status" className="loading">
      <span className="spinner" aria-hidden="true" />
      {t('common.loading')}
    </p>
  );
}

/** A load that failed: what happened in plain words, and a button to try again. */
export function LoadError({
  error,
  onRetry,
  heading = 'h2',
  overrides,
}: {
  error: unknown;
  onRetry: () => void;
  heading?: 'h1' | 'h2';
  overrides?: Record<string, string>;
}) {
  const { t } = useTranslation();
  const Heading = heading;
  return (
    <div className="notice notice-error" role="alert">
      <Heading className="notice-title">{t('loadError.title')}</Heading>
      <p>{errorText(t, error, overrides)}</p>
      <Button className="button button-primary" onPress={onRetry}>
        {t('common.retry')}
      </Button>
    </div>
  );
}
