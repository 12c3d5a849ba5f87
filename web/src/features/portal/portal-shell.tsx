import { useTranslation } from 'react-i18next';
import { Link, NavLink, Outlet } from 'react-router';
import { Main } from '../../components/frames';
import { usePageTitle } from '../../components/page-title';
import { SiteFooter } from '../../components/site-footer';
import { SessionHeader } from '../auth/session-header';
import { Avatar } from '../photo/avatar';
import { useCurrentPortal } from './use-portal';

/**
 * The frame of one client's portal. The client's name stays in view on every section; the
 * client sees "Mijn portaal", a contact person sees whose portal it is.
 *
 * The navigation lists only sections that work. The seed's other sections (Mijn dossier, Mijn
 * agenda, Mijn berichten, Prikbord, Beheerinstellingen) are added here as later issues build them.
 * "Mijn gegevens" is about the logged-in person, so a contact person sees the same label.
 */
export function PortalShell() {
  const { t } = useTranslation();
  const { clientId, portal, me } = useCurrentPortal();

  if (!portal) return <PortalNotFound />;

  const isSelf = portal.relation === 'self';
  const several = (me?.portals.length ?? 0) > 1;
  const sections = [
    { to: `/p/${clientId}`, label: t('portal.sections.overview'), end: true },
    { to: `/p/${clientId}/mijn-gegevens`, label: t('portal.sections.myDetails'), end: false },
    // Beheerinstellingen only for who may manage the network: the client and managers (R26).
    ...(portal.permissions.includes('network:manage')
      ? [{ to: `/p/${clientId}/beheer`, label: t('portal.sections.manage'), end: false }]
      : []),
  ];

  return (
    <div className="page">
      <SessionHeader>
        <div className="portal-bar">
          <div className="container portal-bar-inner">
            <div className="portal-identity-with-photo">
              {/* The client's photo (R30), or initials; the name beside it says who it is. */}
              <Avatar name={portal.clientName} photoUrl={portal.clientPhotoUrl} size="small" alt="" />
              <div className="portal-identity">
                {isSelf ? (
                  <p className="portal-name">{t('portal.mine')}</p>
                ) : (
                  <>
                    <p className="portal-of">{t('portal.of')}</p>
                    <p className="portal-name">{portal.clientName}</p>
                  </>
                )}
              </div>
            </div>
            {several ? (
              <Link to="/portalen" className="portal-switch">
                {t('portal.shell.choose')}
              </Link>
            ) : null}
          </div>
        </div>
        <nav className="section-nav" aria-label={t('portal.shell.navLabel')}>
          <ul className="container section-nav-list">
            {sections.map((section) => (
              <li key={section.to}>
                <NavLink to={section.to} end={section.end} className="section-link">
                  {section.label}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
      </SessionHeader>
      <Main>
        <div className="container">
          <Outlet />
        </div>
      </Main>
      <SiteFooter />
    </div>
  );
}

function PortalNotFound() {
  const { t } = useTranslation();
  usePageTitle(t('portal.shell.notFoundTitle'));
  return (
    <div className="page">
      <SessionHeader />
      <Main>
        <div className="container container-narrow">
          <h1>{t('portal.shell.notFoundTitle')}</h1>
          <p>{t('portal.shell.notFoundBody')}</p>
          <p>
            <Link to="/portalen" className="button button-primary">
              {t('portal.shell.toChooser')}
            </Link>
          </p>
        </div>
      </Main>
      <SiteFooter />
    </div>
  );
}
