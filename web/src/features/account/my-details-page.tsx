import { useTranslation } from 'react-i18next';
import { Main } from '../../components/frames';
import { usePageTitle } from '../../components/page-title';
import { SiteFooter } from '../../components/site-footer';
import { SessionHeader } from '../auth/session-header';
import { ProfilePhotoSection } from '../photo/profile-photo-section';
import { useCurrentPortal } from '../portal/use-portal';
import { ChangePasswordSection } from './change-password-section';
import { DevicesSection } from './devices-section';
import { SessionsSection } from './sessions-section';

/**
 * "Mijn gegevens": about the logged-in person, not about the client whose portal is open, so a
 * contact person sees the same page in every portal. One section per subject; the personal data
 * (R28–R30) come first when they are added.
 */
export function MyDetailsPage() {
  const { t } = useTranslation();
  const { portal, me } = useCurrentPortal();
  // Outside a portal (a person without one) the title names only the page.
  const portalName = !portal
    ? null
    : portal.relation === 'self'
      ? t('portal.mine')
      : t('portal.portalOf', { name: portal.clientName });
  usePageTitle(portalName ? `${t('portal.sections.myDetails')} – ${portalName}` : t('portal.sections.myDetails'));

  return (
    <div className="container-narrow">
      <h1>{t('portal.sections.myDetails')}</h1>
      {me ? <p className="lead">{t('account.intro', { name: me.person.displayName })}</p> : null}
      <ProfilePhotoSection />
      <SessionsSection />
      <DevicesSection />
      {me ? <ChangePasswordSection email={me.person.email} /> : null}
    </div>
  );
}

/** Mijn gegevens for a person without a portal (staff, for now): the same page in the plain frame. */
export function StandaloneMyDetailsPage() {
  return (
    <div className="page">
      <SessionHeader />
      <Main>
        <div className="container">
          <MyDetailsPage />
        </div>
      </Main>
      <SiteFooter />
    </div>
  );
}
