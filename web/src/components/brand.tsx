import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

/** The Kring name and mark; leads to the start page. */
export function Brand() {
  const { t } = useTranslation();
  return (
    <Link to="/" className="brand" aria-label={t('app.homeLink')}>
      <svg className="brand-mark" viewBox="0 0 32 32" aria-hidden="true" focusable="false">
        <circle cx="16" cy="16" r="11" fill="none" stroke="currentColor" strokeWidth="5" />
        <circle cx="16" cy="5" r="4.5" className="brand-dot" />
      </svg>
      <span className="brand-text">
        <span className="brand-name">{t('app.name')}</span>
        <span className="brand-tagline">{t('app.tagline')}</span>
      </span>
    </Link>
  );
}
