import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Outlet, ScrollRestoration, useLocation } from 'react-router';
import { mainId } from '../components/frames';

function focusMain(): void {
  document.getElementById(mainId)?.focus({ preventScroll: true });
}

/**
 * Wraps every page: the skip link comes first, and after a route change the focus moves to the
 * new page's content, so that keyboard and screen reader users start at the top of it.
 */
export function RootLayout() {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const shownPath = useRef(pathname);

  useEffect(() => {
    // Not on the first page load: there the browser starts at the top, before the skip link.
    if (shownPath.current === pathname) return;
    shownPath.current = pathname;
    focusMain();
  }, [pathname]);

  return (
    <>
      <a
        className="skip-link"
        href={`#${mainId}`}
        onClick={(event) => {
          // Moving focus ourselves keeps the URL (and the router's history) as it is.
          event.preventDefault();
          focusMain();
          document.getElementById(mainId)?.scrollIntoView();
        }}
      >
        {t('common.skipLink')}
      </a>
      <Outlet />
      <ScrollRestoration />
    </>
  );
}
