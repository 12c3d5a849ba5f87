import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { PublicFrame } from '../components/frames';
import { usePageTitle } from '../components/page-title';

/**
 * When a page's code cannot be loaded (a lost connection, or a new version was just deployed and
 * the old chunk is gone), reloading the page fixes it.
 */
export function RouteError() {
  const { t } = useTranslation();
  usePageTitle(t('routeError.title'));
  return (
    <PublicFrame narrow>
      <h1>{t('routeError.title')}</h1>
      <p>{t('routeError.body')}</p>
      <Button className="button button-primary" onPress={() => window.location.reload()}>
        {t('common.reloadPage')}
      </Button>
    </PublicFrame>
  );
}
