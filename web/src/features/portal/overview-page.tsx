import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { PortalOverview } from '../../api/types';
import { usePageTitle } from '../../components/page-title';
import { LoadError, Loading } from '../../components/status';
import { permissionText, relationFromRole, relationText, sortPermissions, telHref } from './describe';
import { useCurrentPortal, usePortalOverview } from './use-portal';

/** "Algemeen": whose portal this is, whom to call, and what you may do here. */
export function OverviewPage() {
  const { t } = useTranslation();
  const { clientId, portal } = useCurrentPortal();
  const overview = usePortalOverview(clientId);
  const portalName =
    portal?.relation === 'self' ? t('portal.mine') : t('portal.portalOf', { name: portal?.clientName ?? '' });
  usePageTitle(`${t('portal.sections.overview')} – ${portalName}`);

  return (
    <>
      <h1>{t('portal.sections.overview')}</h1>
      {overview.isPending ? <Loading /> : null}
      {overview.isError ? (
        <LoadError
          error={overview.error}
          onRetry={() => void overview.refetch()}
          overrides={{ not_found: 'portal.shell.notFoundBody' }}
        />
      ) : null}
      {overview.data ? <OverviewContent data={overview.data} /> : null}
    </>
  );
}

export function OverviewContent({ data }: { data: PortalOverview }) {
  const { t } = useTranslation();
  const relation = relationFromRole(data.you.role);
  const isSelf = relation === 'self';
  const { client, department, contactverzorgende: carer, organisation } = data;
  const permissions = sortPermissions(data.you.permissions);

  return (
    <>
      <div className="lead">
        {isSelf ? (
          <p>{t('overview.welcomeSelf', { givenName: client.givenName })}</p>
        ) : (
          <>
            <p>{t('overview.welcomeOther', { name: client.name })}</p>
            <p>{t('portal.youAre', { relation: relationText(t, relation, data.you.relationLabel) })}</p>
          </>
        )}
      </div>

      <div className="card-grid">
        <Card title={t('overview.dossier.title')} accent>
          {carer ? (
            <>
              <p>
                {isSelf
                  ? t('overview.dossier.askSelf', { name: carer.name })
                  : t('overview.dossier.askOther', { name: carer.name, givenName: client.givenName })}
              </p>
              {department?.phone ? (
                <p>
                  {t('overview.dossier.reachByPhone', { name: carer.name })} <PhoneLink phone={department.phone} />
                </p>
              ) : null}
            </>
          ) : (
            <p>{department?.phone ? t('overview.dossier.noCarer') : t('overview.dossier.noCarerNoPhone')}</p>
          )}
        </Card>

        <Card
          title={
            isSelf
              ? t('overview.department.titleSelf')
              : t('overview.department.titleOther', { givenName: client.givenName })
          }
        >
          {department ? (
            <>
              <p className="strong">{department.name}</p>
              <ContactLines phone={department.phone} email={department.email} />
            </>
          ) : (
            <p>{t('overview.department.none')}</p>
          )}
        </Card>

        <Card title={t('overview.organisation.title')}>
          <p className="strong">{organisation.name}</p>
          <ContactLines phone={organisation.phone} email={null} />
        </Card>

        <Card title={t('overview.changes.title')}>
          <p>{t('overview.changes.body')}</p>
          <p>
            {t('overview.changes.mailTo')}{' '}
            <a className="break" href={`mailto:${organisation.dataChangeMailbox}`}>
              {organisation.dataChangeMailbox}
            </a>
          </p>
        </Card>

        <Card title={t('overview.rights.title')}>
          {permissions.length === 0 ? (
            <p>{t('overview.rights.none')}</p>
          ) : (
            <>
              <p>{isSelf ? t('overview.rights.introSelf') : t('overview.rights.introOther')}</p>
              <ul className="check-list">
                {permissions.map((permission) => (
                  <li key={permission}>{permissionText(t, permission)}</li>
                ))}
              </ul>
            </>
          )}
          {!isSelf && !permissions.includes('network:manage') ? <p>{t('overview.rights.more')}</p> : null}
        </Card>

        <Card title={t('overview.browsers.title')}>
          <p>{t('overview.browsers.body')}</p>
        </Card>
      </div>
    </>
  );
}

function Card({ title, children, accent = false }: { title: string; children: ReactNode; accent?: boolean }) {
  return (
    <section className={accent ? 'card card-accent' : 'card'}>
      <h2>{title}</h2>
      {children}
    </section>
  );
}

function PhoneLink({ phone }: { phone: string }) {
  return (
    <a className="phone-link" href={telHref(phone)}>
      {phone}
    </a>
  );
}

function ContactLines({ phone, email }: { phone: string | null; email: string | null }) {
  const { t } = useTranslation();
  if (!phone && !email) return null;
  return (
    <dl className="contact-lines">
      {phone ? (
        <div>
          <dt>{t('common.phone')}</dt>
          <dd>
            <PhoneLink phone={phone} />
          </dd>
        </div>
      ) : null}
      {email ? (
        <div>
          <dt>{t('common.email')}</dt>
          <dd>
            <a className="break" href={`mailto:${email}`}>
              {email}
            </a>
          </dd>
        </div>
      ) : null}
    </dl>
  );
}
