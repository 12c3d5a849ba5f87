import type { ReactNode } from 'react';
import { Brand } from './brand';
import { LanguageSwitch } from './language-switch';
import { SiteFooter } from './site-footer';

export const mainId = 'inhoud';

/** The <main> landmark that the skip link and route changes move focus to. */
export function Main({ children, className }: { children: ReactNode; className?: string }) {
  return (
    <main id={mainId} tabIndex={-1} className={className ? `main ${className}` : 'main'}>
      {children}
    </main>
  );
}

/** A page for anyone, logged in or not: the brand, the language switch, the content, the footer. */
export function PublicFrame({ children, narrow = false }: { children: ReactNode; narrow?: boolean }) {
  return (
    <div className="page">
      <header className="site-header">
        <div className="container header-bar">
          <Brand />
          <LanguageSwitch />
        </div>
      </header>
      <Main>
        <div className={narrow ? 'container container-narrow' : 'container'}>{children}</div>
      </Main>
      <SiteFooter />
    </div>
  );
}
