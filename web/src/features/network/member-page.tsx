import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Button, Form } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError, api } from '../../api/client';
import { ApiErrorNotice } from '../../components/api-error-notice';
import { ErrorSummary, type FieldProblem } from '../../components/error-summary';
import { PendingButton } from '../../components/pending-button';
import { LoadError, Loading } from '../../components/status';
import { useFocusAfterRender } from '../../lib/use-focus-after-render';
import { useCurrentPortal } from '../portal/use-portal';
import { ConfirmDialog } from './confirm-dialog';
import { contactRelationText } from './contact-list';
import { formatDate } from './dates';
import { DossierDialog } from './dossier-dialog';
import { EndDateFields, endDateFieldId, endDraftOf, endProblem, endsAtOf, type EndDraft } from './end-date-fields';
import { CannotManage, useNetworkPageTitle, type NetworkNotice } from './network-page';
import { RightsSwitches } from './rights';
import { isPermission, orderPermissions, type NetworkMember, type NetworkReply, type Permission } from './types';
import { networkPath, networkQueryKey, useNetwork, useRefreshNetwork } from './use-network';

/** Codes of a failed save or removal, in words that fit this page. */
const memberErrors = {
  forbidden: 'network.member.forbidden',
  not_found: 'network.member.gone',
};

/**
 * One person in the network (R26, R27): a switch per right, an optional end date, saved with one
 * button; and removal from the network. Nothing changes until "Wijzigingen opslaan", and nothing
 * typed is lost when the save fails.
 */
export function MemberPage() {
  const { t } = useTranslation();
  const { clientId, portal } = useCurrentPortal();
  const { personId = '' } = useParams();
  const network = useNetwork(clientId);
  const member = network.data?.members.find((m) => m.personId === personId);
  useNetworkPageTitle(member ? t('network.member.pageTitle', { name: member.name }) : t('network.member.title'));

  const forbidden = network.error instanceof ApiError && network.error.code === 'forbidden';
  if (forbidden || (network.data && !network.data.canManage)) return <CannotManage members={network.data?.members} />;
  if (network.isPending) return <Loading />;
  if (network.isError) {
    return (
      <>
        <h1>{t('network.member.title')}</h1>
        <LoadError error={network.error} onRetry={() => void network.refetch()} />
      </>
    );
  }
  if (!member) return <NotInNetwork clientId={clientId} />;

  const back = (
    <p>
      <Link to={`/p/${clientId}/beheer`}>{t('network.back')}</Link>
    </p>
  );
  const head = (
    <>
      {back}
      <h1>{member.name}</h1>
      <div className="lead">
        <p>{contactRelationText(t, member)}</p>
        {member.accessEndsAt ? <p>{t('network.endsOn', { date: formatDate(member.accessEndsAt) })}</p> : null}
      </div>
    </>
  );

  // The client holds every right on their own portal; nobody can change that (the API refuses too).
  if (member.relation === 'self') {
    return (
      <>
        {head}
        <p className="notice">{t('network.member.isClient', { givenName: member.givenName })}</p>
      </>
    );
  }
  if (member.isSelf) {
    return (
      <>
        {head}
        <p className="notice">{t('network.member.isYou')}</p>
      </>
    );
  }
  return (
    <>
      {head}
      <MemberForm
        key={member.personId}
        clientId={clientId}
        member={member}
        myPermissions={(portal?.permissions ?? []).filter(isPermission)}
        viewerIsClient={portal?.relation === 'self'}
        clientGivenName={portal?.clientGivenName ?? ''}
      />
      <RemoveMember clientId={clientId} member={member} />
    </>
  );
}

function NotInNetwork({ clientId }: { clientId: string }) {
  const { t } = useTranslation();
  return (
    <>
      <h1>{t('network.member.notFoundTitle')}</h1>
      <p>{t('network.member.gone')}</p>
      <p>
        <Link to={`/p/${clientId}/beheer`} className="button button-primary">
          {t('network.back')}
        </Link>
      </p>
    </>
  );
}

const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((p) => b.includes(p));

/** Puts the saved person into the cached list at once, so the page never shows the old rights as unsaved. */
function replaceMember(data: NetworkReply | undefined, updated: NetworkMember): NetworkReply | undefined {
  if (!data) return data;
  return { ...data, members: data.members.map((m) => (m.personId === updated.personId ? { ...m, ...updated } : m)) };
}

function MemberForm({
  clientId,
  member,
  myPermissions,
  viewerIsClient,
  clientGivenName,
}: {
  clientId: string;
  member: NetworkMember;
  myPermissions: Permission[];
  viewerIsClient: boolean;
  clientGivenName: string;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const refresh = useRefreshNetwork(clientId);
  const saved = orderPermissions(member.permissions ?? []);
  const savedEnd = endDraftOf(member.accessEndsAt);
  const [draft, setDraft] = useState<Permission[]>(saved);
  const [end, setEnd] = useState<EndDraft>(savedEnd);
  const [askDossier, setAskDossier] = useState(false);
  const [endError, setEndError] = useState<string | undefined>();
  const [message, setMessage] = useState<string | null>(null);
  const [statusRef, focusStatus] = useFocusAfterRender<HTMLParagraphElement>();
  const [errorRef, focusError] = useFocusAfterRender<HTMLDivElement>();
  const [summaryRef, focusSummary] = useFocusAfterRender<HTMLDivElement>();
  const idPrefix = `rights-${member.personId}`;

  const endChanged = end.mode !== savedEnd.mode || (end.mode === 'date' && end.date !== savedEnd.date);
  const dirty = !sameSet(draft, saved) || endChanged;

  const save = useMutation({
    mutationFn: (body: { permissions: Permission[]; endsAt?: string | null; confirmDossier?: boolean }) =>
      api<NetworkMember>(networkPath(clientId, `/${encodeURIComponent(member.personId)}/permissions`), {
        method: 'PUT',
        body,
      }),
    onMutate: () => setMessage(null),
    onSuccess: (updated) => {
      queryClient.setQueryData<NetworkReply>(networkQueryKey(clientId), (data) => replaceMember(data, updated));
      setDraft(orderPermissions(updated.permissions ?? []));
      setEnd(endDraftOf(updated.accessEndsAt));
      setMessage(t('network.member.saved', { name: member.name }));
      focusStatus();
      void refresh();
    },
    onError: (error) => {
      if (error instanceof ApiError && error.details.some((d) => d.field === 'endsAt')) {
        setEndError(t('network.end.notFuture'));
        focusSummary();
        return;
      }
      focusError();
      // The viewer's own rights may have changed meanwhile (another manager): ask again.
      void refresh();
    },
  });

  function toggle(permission: Permission, on: boolean) {
    setMessage(null);
    // R27: the dossier is personal; giving it asks once more.
    if (permission === 'dossier:read' && on && !saved.includes(permission)) {
      setAskDossier(true);
      return;
    }
    setDraft((current) => (on ? orderPermissions([...current, permission]) : current.filter((p) => p !== permission)));
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (save.isPending) return;
    save.reset();
    // An end date that is not changed is not checked again: it may be today already.
    const problem = endChanged ? endProblem(t, end) : undefined;
    setEndError(problem);
    if (problem) {
      focusSummary();
      return;
    }
    if (!dirty) {
      setMessage(t('network.member.nothingChanged'));
      focusStatus();
      return;
    }
    save.mutate({
      permissions: draft,
      ...(endChanged ? { endsAt: endsAtOf(end) } : {}),
      ...(draft.includes('dossier:read') && !saved.includes('dossier:read') ? { confirmDossier: true } : {}),
    });
  }

  const lacking = (permission: Permission) =>
    !myPermissions.includes(permission) && !saved.includes(permission) ? t('network.rights.lacking') : undefined;
  const problems: FieldProblem[] = endError ? [{ fieldId: endDateFieldId(idPrefix), text: endError }] : [];

  return (
    <section aria-labelledby="member-rights">
      <h2 id="member-rights">{t('network.member.rightsTitle', { givenName: member.givenName })}</h2>
      <p>{t('network.member.rightsIntro', { givenName: member.givenName })}</p>
      <ErrorSummary ref={summaryRef} problems={problems} />
      <Form className="form" onSubmit={submit} validationBehavior="aria">
        <fieldset className="fieldset-plain">
          <legend className="visually-hidden">
            {t('network.member.rightsTitle', { givenName: member.givenName })}
          </legend>
          <RightsSwitches idPrefix={idPrefix} selected={draft} onToggle={toggle} isDisabled={lacking} />
        </fieldset>
        <EndDateFields
          idPrefix={idPrefix}
          legend={t('network.end.legend', { givenName: member.givenName })}
          value={end}
          onChange={(value) => {
            setMessage(null);
            setEnd(value);
          }}
          error={endError}
        />
        <div className="form-actions">
          <div role="status" className="alert-slot">
            {message ? (
              <p ref={statusRef} tabIndex={-1} className="notice">
                {message}
              </p>
            ) : null}
          </div>
          <div role="alert" className="alert-slot">
            {save.isError && !endError ? (
              <div ref={errorRef} tabIndex={-1}>
                <ApiErrorNotice error={save.error} overrides={memberErrors} />
              </div>
            ) : null}
          </div>
          {dirty && !save.isPending ? <p className="strong">{t('network.member.unsaved')}</p> : null}
          <p>
            <PendingButton type="submit" className="button button-primary" isPending={save.isPending}>
              {save.isPending ? t('network.member.saving') : t('network.member.save')}
            </PendingButton>
          </p>
        </div>
      </Form>
      <DossierDialog
        isOpen={askDossier}
        personName={member.name}
        clientGivenName={clientGivenName}
        viewerIsClient={viewerIsClient}
        onYes={() => {
          setAskDossier(false);
          setDraft((current) => orderPermissions([...current, 'dossier:read']));
        }}
        onNo={() => setAskDossier(false)}
      />
    </section>
  );
}

/** "Verwijderen uit het netwerk": asks first; then back to the list, which says it was done. */
function RemoveMember({ clientId, member }: { clientId: string; member: NetworkMember }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const refresh = useRefreshNetwork(clientId);
  const [asking, setAsking] = useState(false);
  const [errorRef, focusError] = useFocusAfterRender<HTMLDivElement>();

  const remove = useMutation({
    mutationFn: () => api<void>(networkPath(clientId, `/${encodeURIComponent(member.personId)}`), { method: 'DELETE' }),
    onSuccess: () => {
      setAsking(false);
      queryClient.setQueryData<NetworkReply>(networkQueryKey(clientId), (data) =>
        data ? { ...data, members: data.members.filter((m) => m.personId !== member.personId) } : data,
      );
      const state: NetworkNotice = { notice: t('network.member.removed', { name: member.name }) };
      void navigate(`/p/${clientId}/beheer`, { state });
      void refresh();
    },
    onError: () => {
      setAsking(false);
      focusError();
    },
  });

  return (
    <section className="section" aria-labelledby="member-remove">
      <h2 id="member-remove">{t('network.member.removeTitle')}</h2>
      <p>{t('network.member.removeIntro', { givenName: member.givenName })}</p>
      <div role="alert" className="alert-slot">
        {remove.isError ? (
          <div ref={errorRef} tabIndex={-1}>
            <ApiErrorNotice error={remove.error} overrides={memberErrors} />
          </div>
        ) : null}
      </div>
      <Button
        className="button button-secondary"
        onPress={() => {
          remove.reset();
          setAsking(true);
        }}
      >
        {t('network.member.remove')}
      </Button>
      <ConfirmDialog
        isOpen={asking}
        title={t('network.member.removeQuestion', { name: member.name })}
        confirmLabel={t('network.member.removeYes')}
        cancelLabel={t('network.member.removeNo')}
        onConfirm={() => remove.mutate()}
        onCancel={() => setAsking(false)}
        isPending={remove.isPending}
        danger
      >
        <p>{t('network.member.removeBody', { givenName: member.givenName })}</p>
      </ConfirmDialog>
    </section>
  );
}
