import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError } from '../../api/client';
import type { InvitationDetails } from './types';

const linkErrors = ['link_invalid', 'link_expired', 'link_used'] as const;
export type LinkProblem = (typeof linkErrors)[number];

/** The reason an invitation link does not work (any more), when that is what the error says. */
export function linkProblem(error: unknown): LinkProblem | undefined {
  if (!(error instanceof ApiError)) return undefined;
  return linkErrors.find((code) => code === error.code);
}

/** An invitation link that does not work (any more): why, and how to get a new one. */
export function InvitationNotWorkingContent({ problem }: { problem: LinkProblem }) {
  const { t } = useTranslation();
  return (
    <>
      <h1>{t(`invitation.${problem}.title`)}</h1>
      <p>{t(`invitation.${problem}.body`)}</p>
      <p>{t('invitation.askNew')}</p>
      {problem === 'link_used' ? (
        <>
          <p>{t('invitation.alreadyAccount')}</p>
          <p>
            <Link to="/inloggen" className="button button-primary">
              {t('invitation.toLogin')}
            </Link>
          </p>
        </>
      ) : null}
      <p>
        <Link to="/hulp">{t('helpdesk.askLink')}</Link>
      </p>
    </>
  );
}

/** Whose portal the invitation is for, at which organisation. */
export function InvitationLead({ invitation }: { invitation: InvitationDetails }) {
  const { t } = useTranslation();
  return (
    <p className="lead">
      {invitation.relation === 'self'
        ? t('invitation.forSelf', { organisation: invitation.organisationName })
        : t('invitation.forClient', { client: invitation.clientName, organisation: invitation.organisationName })}
    </p>
  );
}
