import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { useConfig } from '../api/use-config';

/** The footer of every page; in demo mode it links to the dev outbox. */
export function SiteFooter() {
  const { t } = useTranslation();
  const config = useConfig();
  const { pathname } = useLocation();
  return (
    <footer className="site-footer">
      <div className="container footer-inner">
        <p>{t('footer.openSource')}</p>
        {config.data?.devOutbox && pathname !== '/outbox' ? (
          <p>
            <Link to="/outbox">{t('footer.demoOutbox')}</Link>
          </p>
        ) : null}
      </div>
    </footer>
  );
}
