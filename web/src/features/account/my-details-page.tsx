import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Main } from '../../components/frames';
import { usePageTitle } from '../../components/page-title';
import { SiteFooter } from '../../components/site-footer';
import { SessionHeader } from '../auth/session-header';
import { ProfilePhotoSection } from '../photo/profile-photo-section';
import { useCurrentPortal } from '../portal/use-portal';
import { ChangeEmailSection } from './change-email-section';
import { ChangeMobileSection } from './change-mobile-section';
import { ChangePasswordSection } from './change-password-section';
import { ChangeRequestSection, type ChangeRequestHandle } from './change-request-section';
import { DevicesSection } from './devices-section';
import { PersonalDataSection } from './personal-data-section';
import { SessionsSection } from './sessions-section';
import { useProfile } from './use-profile';

/**
 * "Mijn gegevens": about the logged-in person, not about the client whose portal is open, so a
 * contact person sees the same page in every portal (only the organisation's mailbox follows the
 * portal). One section per subject: the photo and the own data first (R28–R30), then changing
 * e-mail and mobile, "wijziging doorgeven", and the login security. Each change form is closed
 * behind its button, so the page shows what is known first and one form at a time.
 */
export function MyDetailsPage() {
  const { t } = useTranslation();
  const { portal, me } = useCurrentPortal();
  const profile = useProfile(portal?.clientId);
  const changeRequest = useRef<ChangeRequestHandle>(null);
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
      {me ? <p className="lead">{t('myDetails.intro', { name: me.person.displayName })}</p> : null}
      <ProfilePhotoSection />
      <PersonalDataSection profile={profile} onChangeRequest={() => changeRequest.current?.open()} />
      {profile.data ? (
        <>
          <ChangeEmailSection profile={profile.data} />
          <ChangeMobileSection profile={profile.data} />
          <ChangeRequestSection profile={profile.data} clientId={portal?.clientId} handleRef={changeRequest} />
        </>
      ) : null}
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
