import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';

/** Sets the browser tab's title for this page, so that every route has its own (WCAG 2.4.2). */
export function usePageTitle(page: string): void {
  const { t } = useTranslation();
  const title = t('app.pageTitle', { page });
  useEffect(() => {
    document.title = title;
  }, [title]);
}
