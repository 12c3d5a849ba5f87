import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PublicFrame } from '../components/frames';
import { usePageTitle } from '../components/page-title';

export function NotFoundPage() {
  const { t } = useTranslation();
  usePageTitle(t('notFound.title'));
  return (
    <PublicFrame narrow>
      <h1>{t('notFound.title')}</h1>
      <p>{t('notFound.body')}</p>
      <p>
        <Link to="/" className="button button-primary">
          {t('common.toHome')}
        </Link>
      </p>
    </PublicFrame>
  );
}
