import { useTranslation } from 'react-i18next';
import { Link, Navigate } from 'react-router';
import type { Me } from '../../api/types';
import { Main } from '../../components/frames';
import { usePageTitle } from '../../components/page-title';
import { SiteFooter } from '../../components/site-footer';
import { SessionHeader } from '../auth/session-header';
import { useMe } from '../auth/use-me';
import { relationText } from './describe';

/**
 * Whose portal to open. With one portal the person goes straight into it; with none (staff, for
 * now) the page says so and whom to ask.
 */
export function PortalChooserPage() {
  const me = useMe();
  // RequireSession renders this page only once /api/me has answered.
  const data = me.data;
  if (!data) return null;
  const [only] = data.portals;
  if (data.portals.length === 1 && only) return <Navigate to={`/p/${only.clientId}`} replace />;
  return (
    <div className="page">
      <SessionHeader />
      <Main>
        <div className="container container-narrow">
          {data.portals.length === 0 ? <NoPortal me={data} /> : <Chooser me={data} />}
        </div>
      </Main>
      <SiteFooter />
    </div>
  );
}

function Chooser({ me }: { me: Me }) {
  const { t } = useTranslation();
  usePageTitle(t('portal.chooser.title'));
  return (
    <>
      <h1>{t('portal.chooser.title')}</h1>
      <p>{t('portal.chooser.intro')}</p>
      <ul className="choice-list">
        {me.portals.map((portal) => (
          <li key={portal.clientId}>
            <Link to={`/p/${portal.clientId}`} className="choice">
              <span className="choice-text">
                <span className="choice-name">{portal.clientName}</span>
                <span className="visually-hidden"> — </span>
                <span className="choice-detail">
                  {portal.relation === 'self'
                    ? t('portal.ownPortal')
                    : t('portal.youAre', { relation: relationText(t, portal.relation, portal.relationLabel) })}
                </span>
              </span>
              <svg className="choice-arrow" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
                <path d="M9 5l7 7-7 7" fill="none" stroke="currentColor" strokeWidth="2.5" strokeLinecap="round" />
              </svg>
            </Link>
          </li>
        ))}
      </ul>
    </>
  );
}

function NoPortal({ me }: { me: Me }) {
  const { t } = useTranslation();
  usePageTitle(t('portal.none.title'));
  const organisations = [...new Set(me.staffRoles.map((r) => r.organisationName))];
  return (
    <>
      <h1>{t('portal.none.title')}</h1>
      <p>{t('portal.none.body')}</p>
      {organisations.map((organisation) => (
        <p key={organisation}>{t('portal.none.staff', { organisation })}</p>
      ))}
      {organisations.length === 0 ? <p>{t('portal.none.family')}</p> : null}
      <p>{t('portal.none.myDetails')}</p>
      <p>
        <Link to="/mijn-gegevens">{t('portal.none.myDetailsLink')}</Link>
      </p>
    </>
  );
}
