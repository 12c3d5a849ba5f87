import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Brand } from '../../components/brand';
import { LanguageSwitch } from '../../components/language-switch';
import { PendingButton } from '../../components/pending-button';
import { errorText } from '../../i18n/errors';
import { useLogout } from './use-logout';
import { useMe } from './use-me';

/** The top of every page behind the login: who is logged in, the language and "Uitloggen". */
export function SessionHeader({ children }: { children?: ReactNode }) {
  const { t } = useTranslation();
  const me = useMe();
  const logout = useLogout();
  return (
    <header className="site-header">
      <div className="container header-bar">
        <Brand />
        <PendingButton className="button button-secondary" onPress={() => logout.mutate()} isPending={logout.isPending}>
          {logout.isPending ? t('session.loggingOut') : t('session.logout')}
        </PendingButton>
      </div>
      <div className="container header-sub">
        {me.data ? (
          <p className="logged-in-as">{t('session.loggedInAs', { name: me.data.person.displayName })}</p>
        ) : null}
        <LanguageSwitch />
      </div>
      {logout.isError ? (
        <div className="container">
          <p className="notice notice-error" role="alert">
            {errorText(t, logout.error)}
          </p>
        </div>
      ) : null}
      {children}
    </header>
  );
}
