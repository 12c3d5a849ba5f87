import { useTranslation } from 'react-i18next';
import { LoadError, Loading } from '../../components/status';
import { currentLanguage } from '../../i18n';
import type { Profile } from './profile-types';
import { addressLines, formatBirthDate, formatMobile, type useProfile } from './use-profile';

export const changeRequestTitleId = 'change-request-title';

/**
 * "Uw gegevens" (R28, R29): what the portal knows about the person. Only e-mail and mobile can be
 * changed here; for the rest the page names the organisation's mailbox and leads to the form.
 */
export function PersonalDataSection({
  profile,
  onChangeRequest,
}: {
  profile: ReturnType<typeof useProfile>;
  /** Opens the form "Wijziging doorgeven". */
  onChangeRequest: () => void;
}) {
  const { t } = useTranslation();
  return (
    <section className="section" aria-labelledby="personal-data-title">
      <h2 id="personal-data-title">{t('myDetails.data.title')}</h2>
      {profile.isPending ? <Loading /> : null}
      {profile.isError ? <LoadError error={profile.error} onRetry={() => void profile.refetch()} /> : null}
      {profile.data ? <PersonalData data={profile.data} onChangeRequest={onChangeRequest} /> : null}
    </section>
  );
}

function PersonalData({ data, onChangeRequest }: { data: Profile; onChangeRequest: () => void }) {
  const { t } = useTranslation();
  const notKnown = <span className="muted">{t('myDetails.notKnown')}</span>;
  const lines = addressLines(data.address);
  return (
    <>
      <dl className="card item-meta personal-data">
        <div>
          <dt>{t('myDetails.data.name')}</dt>
          <dd>{data.name}</dd>
        </div>
        <div>
          <dt>{t('myDetails.data.dateOfBirth')}</dt>
          <dd>{data.dateOfBirth ? formatBirthDate(data.dateOfBirth, currentLanguage()) : notKnown}</dd>
        </div>
        <div>
          <dt>{t('myDetails.data.address')}</dt>
          <dd>
            {lines.length
              ? lines.map((line, i) => (
                  <span key={line} className="break">
                    {i > 0 ? <br /> : null}
                    {line}
                  </span>
                ))
              : notKnown}
          </dd>
        </div>
        <div>
          <dt>{t('myDetails.data.email')}</dt>
          <dd className="break">{data.email}</dd>
        </div>
        <div>
          <dt>{t('myDetails.data.mobile')}</dt>
          <dd className="nowrap">{data.mobile ? formatMobile(data.mobile) : notKnown}</dd>
        </div>
      </dl>
      <p>
        <strong>{t('myDetails.data.wrongQuestion')}</strong>{' '}
        {data.organisation
          ? t('myDetails.data.wrongMailbox', {
              organisation: data.organisation.name,
              mailbox: data.organisation.dataChangeMailbox,
            })
          : t('myDetails.data.wrongNoOrganisation')}{' '}
        <a
          href={`#${changeRequestTitleId}`}
          onClick={(event) => {
            // Open the form without changing the URL (the router would see a new page); the
            // focus then moves to its message field.
            event.preventDefault();
            document.getElementById(changeRequestTitleId)?.scrollIntoView?.({ block: 'start' });
            onChangeRequest();
          }}
        >
          {t('myDetails.data.wrongLink')}
        </a>
      </p>
    </>
  );
}
