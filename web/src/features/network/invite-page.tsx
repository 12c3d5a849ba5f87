import { useMutation } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { useState, type FormEvent } from 'react';
import { FieldError, Form, Input, Label, Text, TextField } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { ApiError, api } from '../../api/client';
import { ApiErrorNotice } from '../../components/api-error-notice';
import { ErrorSummary, type FieldProblem } from '../../components/error-summary';
import { PendingButton } from '../../components/pending-button';
import { useFocusAfterRender } from '../../lib/use-focus-after-render';
import { charCount, emailPattern } from '../../lib/validation';
import { useCurrentPortal } from '../portal/use-portal';
import { formatDate } from './dates';
import { DossierDialog } from './dossier-dialog';
import { EndDateFields, endDateFieldId, endProblem, endsAtOf, noEnd, type EndDraft } from './end-date-fields';
import { CannotManage, useNetworkPageTitle, type NetworkNotice } from './network-page';
import './network.css';
import { RightsSwitches } from './rights';
import {
  isPermission,
  leastPermissions,
  orderPermissions,
  type InvitationBody,
  type InvitationReply,
  type Permission,
} from './types';
import { networkPath, useRefreshNetwork } from './use-network';

/** The server's limits (server/src/modules/invitations/invitations.schemas.ts). */
const limits = { givenName: 100, namePrefix: 30, familyName: 100, email: 254, relationLabel: 60 } as const;

type Field = 'givenName' | 'namePrefix' | 'familyName' | 'email' | 'mobile' | 'relationLabel' | 'accessEndsAt';
type Problems = Partial<Record<Field, string>>;

const idPrefix = 'invite';
const fieldIds: Record<Field, string> = {
  givenName: 'invite-given-name',
  namePrefix: 'invite-name-prefix',
  familyName: 'invite-family-name',
  email: 'invite-email',
  mobile: 'invite-mobile',
  relationLabel: 'invite-relation-label',
  accessEndsAt: endDateFieldId(idPrefix),
};
const fieldOrder: Field[] = [
  'givenName',
  'namePrefix',
  'familyName',
  'email',
  'mobile',
  'relationLabel',
  'accessEndsAt',
];

interface Values {
  givenName: string;
  namePrefix: string;
  familyName: string;
  email: string;
  mobile: string;
  relation: 'contact' | 'legal_representative';
  relationLabel: string;
}

/**
 * "Iemand uitnodigen" (R26, N7): name, e-mail and mobile number of the person, how they relate to
 * the client, and what they may do. The least is switched on (agenda, messages, bulletin board);
 * the dossier and managing the network only when chosen, the dossier with its confirmation (R27).
 */
export function InvitePage() {
  const { t } = useTranslation();
  const { clientId, portal } = useCurrentPortal();
  useNetworkPageTitle(t('network.invite'));
  const myPermissions = (portal?.permissions ?? []).filter(isPermission);
  if (portal && !myPermissions.includes('network:manage')) return <CannotManage />;
  return (
    <div className="container-narrow">
      <p>
        <Link to={`/p/${clientId}/beheer`}>{t('network.back')}</Link>
      </p>
      <h1>{t('network.invite')}</h1>
      <p className="lead">{t('network.inviteForm.intro')}</p>
      <InviteForm
        clientId={clientId}
        myPermissions={myPermissions}
        viewerIsClient={portal?.relation === 'self'}
        clientGivenName={portal?.clientGivenName ?? ''}
      />
    </div>
  );
}

function InviteForm({
  clientId,
  myPermissions,
  viewerIsClient,
  clientGivenName,
}: {
  clientId: string;
  myPermissions: Permission[];
  viewerIsClient: boolean;
  clientGivenName: string;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const refresh = useRefreshNetwork(clientId);
  const [values, setValues] = useState<Values>({
    givenName: '',
    namePrefix: '',
    familyName: '',
    email: '',
    mobile: '',
    relation: 'contact',
    relationLabel: '',
  });
  // N7: the least rights, and never one the manager does not hold.
  const [rights, setRights] = useState<Permission[]>(() => leastPermissions.filter((p) => myPermissions.includes(p)));
  const [end, setEnd] = useState<EndDraft>(noEnd);
  const [askDossier, setAskDossier] = useState(false);
  const [problems, setProblems] = useState<Problems>({});
  const [summaryRef, focusSummary] = useFocusAfterRender<HTMLDivElement>();
  const [errorRef, focusError] = useFocusAfterRender<HTMLDivElement>();
  const set = (field: keyof Values) => (value: string) => {
    setValues((v) => ({ ...v, [field]: value }));
    // A problem the person has just corrected goes away as they type; new ones wait for "send".
    if (problems[field as Field]) {
      setProblems((p) => ({ ...p, [field]: fieldProblem(t, field as Field, { ...values, [field]: value }) }));
    }
  };

  const send = useMutation({
    mutationFn: (body: InvitationBody) =>
      api<InvitationReply>(networkPath(clientId, '/invitations'), { method: 'POST', body }),
    onSuccess: (reply, body) => {
      const state: NetworkNotice = {
        notice: t('network.inviteForm.sent', { email: body.email, date: formatDate(reply.expiresAt) }),
      };
      void refresh();
      void navigate(`/p/${clientId}/beheer`, { state });
    },
    onError: (error) => {
      if (error instanceof ApiError && error.code === 'validation_failed' && error.details.length > 0) {
        const found = serverProblems(t, error);
        if (Object.keys(found).length > 0) {
          setProblems(found);
          focusSummary();
          return;
        }
      }
      focusError();
    },
  });

  function toggle(permission: Permission, on: boolean) {
    if (permission === 'dossier:read' && on) {
      setAskDossier(true);
      return;
    }
    setRights((current) => (on ? orderPermissions([...current, permission]) : current.filter((p) => p !== permission)));
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (send.isPending) return;
    send.reset();
    const found: Problems = {};
    for (const field of fieldOrder) {
      const problem = field === 'accessEndsAt' ? endProblem(t, end) : fieldProblem(t, field, values);
      if (problem) found[field] = problem;
    }
    setProblems(found);
    if (Object.keys(found).length > 0) {
      focusSummary();
      return;
    }
    send.mutate({
      givenName: values.givenName.trim(),
      namePrefix: values.namePrefix.trim() || null,
      familyName: values.familyName.trim(),
      email: values.email.trim(),
      mobile: values.mobile.trim(),
      relation: values.relation,
      relationLabel: values.relationLabel.trim() || null,
      permissions: rights,
      accessEndsAt: endsAtOf(end),
      ...(rights.includes('dossier:read') ? { confirmDossier: true } : {}),
    });
  }

  const summary: FieldProblem[] = fieldOrder
    .filter((field) => problems[field])
    .map((field) => ({ fieldId: fieldIds[field], text: problems[field]! }));
  const otherError = send.isError && summary.length === 0;
  const personName = [values.givenName, values.namePrefix, values.familyName]
    .map((part) => part.trim())
    .filter(Boolean)
    .join(' ');

  return (
    <>
      <ErrorSummary ref={summaryRef} problems={summary} />
      <div role="alert" className="alert-slot">
        {otherError ? (
          <div ref={errorRef} tabIndex={-1}>
            <ApiErrorNotice
              error={send.error}
              overrides={{ forbidden: 'network.inviteForm.forbidden' }}
              onRetry={() => send.variables && send.mutate(send.variables)}
              isRetrying={send.isPending}
            />
          </div>
        ) : null}
      </div>
      <Form className="form" onSubmit={submit} validationBehavior="aria">
        <fieldset className="fieldset-plain form card">
          <legend className="form-legend">
            <h2>{t('network.inviteForm.who')}</h2>
          </legend>
          <TextInput field="givenName" values={values} set={set} problems={problems} autoComplete="off" />
          <TextInput field="namePrefix" values={values} set={set} problems={problems} autoComplete="off" />
          <TextInput field="familyName" values={values} set={set} problems={problems} autoComplete="off" />
          <TextInput field="email" values={values} set={set} problems={problems} type="email" inputMode="email" />
          <TextInput field="mobile" values={values} set={set} problems={problems} type="tel" inputMode="tel" />
        </fieldset>

        <fieldset className="fieldset-plain form card">
          <legend className="form-legend">
            <h2>{t('network.inviteForm.relationLegend', { givenName: clientGivenName })}</h2>
          </legend>
          <div className="radio-list">
            {(['contact', 'legal_representative'] as const).map((relation) => (
              <div key={relation} className="radio-choice">
                <label className="radio">
                  <input
                    type="radio"
                    name="relation"
                    value={relation}
                    checked={values.relation === relation}
                    onChange={() => setValues((v) => ({ ...v, relation }))}
                    aria-describedby={`invite-relation-${relation}-help`}
                  />
                  <span className="strong">{t(`network.inviteForm.relation.${relation}`)}</span>
                </label>
                <p id={`invite-relation-${relation}-help`} className="field-description">
                  {t(`network.inviteForm.relation.${relation}Help`)}
                </p>
              </div>
            ))}
          </div>
          <TextInput
            field="relationLabel"
            values={values}
            set={set}
            problems={problems}
            autoComplete="off"
            vars={{ givenName: clientGivenName }}
          />
        </fieldset>

        <fieldset className="fieldset-plain form card">
          <legend className="form-legend">
            <h2>{t('network.inviteForm.rightsTitle')}</h2>
          </legend>
          <p className="field-description">{t('network.inviteForm.rightsIntro')}</p>
          <RightsSwitches
            idPrefix={idPrefix}
            selected={rights}
            onToggle={toggle}
            isDisabled={(p) => (myPermissions.includes(p) ? undefined : t('network.rights.lacking'))}
          />
          <EndDateFields
            idPrefix={idPrefix}
            legend={t('network.end.legendNew')}
            value={end}
            onChange={(value) => {
              setEnd(value);
              if (problems.accessEndsAt) setProblems((p) => ({ ...p, accessEndsAt: endProblem(t, value) }));
            }}
            error={problems.accessEndsAt}
          />
        </fieldset>

        <p className="muted">{t('network.inviteForm.whatHappens')}</p>
        <PendingButton type="submit" className="button button-primary button-wide" isPending={send.isPending}>
          {send.isPending ? t('network.inviteForm.sending') : t('network.inviteForm.send')}
        </PendingButton>
      </Form>
      <DossierDialog
        isOpen={askDossier}
        personName={personName}
        clientGivenName={clientGivenName}
        viewerIsClient={viewerIsClient}
        onYes={() => {
          setAskDossier(false);
          setRights((current) => orderPermissions([...current, 'dossier:read']));
        }}
        onNo={() => setAskDossier(false)}
      />
    </>
  );
}

function TextInput({
  field,
  values,
  set,
  problems,
  type = 'text',
  inputMode,
  autoComplete,
  vars,
}: {
  field: Exclude<Field, 'accessEndsAt'>;
  values: Values;
  set: (field: keyof Values) => (value: string) => void;
  problems: Problems;
  type?: 'text' | 'email' | 'tel';
  inputMode?: 'email' | 'tel';
  autoComplete?: string;
  /** Values for the label's placeholders, such as the client's name. */
  vars?: Record<string, string>;
}) {
  const { t } = useTranslation();
  const help = t(`network.inviteForm.fields.${field}Help`, { defaultValue: '', ...vars });
  return (
    <TextField
      className="field"
      id={fieldIds[field]}
      type={type}
      autoComplete={autoComplete}
      value={values[field]}
      onChange={set(field)}
      isInvalid={Boolean(problems[field])}
      validationBehavior="aria"
    >
      <Label className="field-label">{t(`network.inviteForm.fields.${field}`, vars)}</Label>
      {help ? (
        <Text slot="description" className="field-description">
          {help}
        </Text>
      ) : null}
      <Input
        className={field === 'namePrefix' ? 'input input-medium' : 'input'}
        inputMode={inputMode}
        autoCapitalize={type === 'email' ? 'none' : undefined}
        spellCheck={type === 'text' ? undefined : false}
      />
      <FieldError className="field-error">{problems[field]}</FieldError>
    </TextField>
  );
}

/**
 * A plain check of a mobile number that catches typing mistakes; the server decides (with the
 * full numbering plan). Dutch mobiles are 06 and 8 digits; other countries need their +code.
 */
export function looksLikeMobile(input: string): boolean {
  const trimmed = input.trim();
  if (!/^[0-9+()\-./\s]+$/.test(trimmed)) return false;
  const digits = trimmed.replace(/\D/g, '');
  const international = trimmed.startsWith('+') ? digits : digits.startsWith('00') ? digits.slice(2) : null;
  if (international === null) return /^06\d{8}$/.test(digits);
  if (international.startsWith('31')) return /^31(0)?6\d{8}$/.test(international);
  return international.length >= 8 && international.length <= 15;
}

function fieldProblem(t: TFunction, field: Field, values: Values): string | undefined {
  const p = 'network.inviteForm.errors';
  switch (field) {
    case 'givenName':
    case 'familyName': {
      const value = values[field].trim();
      if (!value) return t(`${p}.${field}Missing`);
      if (charCount(value) > limits[field]) return t(`${p}.tooLong`, { max: limits[field] });
      return undefined;
    }
    case 'namePrefix':
    case 'relationLabel':
      return charCount(values[field].trim()) > limits[field] ? t(`${p}.tooLong`, { max: limits[field] }) : undefined;
    case 'email': {
      const value = values.email.trim();
      if (!value) return t(`${p}.emailMissing`);
      if (!emailPattern.test(value) || value.length > limits.email) return t(`${p}.emailInvalid`);
      return undefined;
    }
    case 'mobile': {
      const value = values.mobile.trim();
      if (!value) return t(`${p}.mobileMissing`);
      return looksLikeMobile(value) ? undefined : t(`${p}.mobileInvalid`);
    }
    default:
      return undefined;
  }
}

/** The server's per-field problems, in the same words as the checks above. */
function serverProblems(t: TFunction, error: ApiError): Problems {
  const p = 'network.inviteForm.errors';
  const found: Problems = {};
  for (const detail of error.details) {
    // TypeBox reports "/email"; the service reports "email".
    const field = detail.field?.replace(/^\//, '') as Field | undefined;
    if (!field || !(field in fieldIds)) continue;
    if (field === 'accessEndsAt') found.accessEndsAt = t('network.end.notFuture');
    else if (field === 'email') found.email = t(`${p}.emailInvalid`);
    else if (field === 'mobile') found.mobile = t(`${p}.mobileInvalid`);
    else if (field === 'givenName' || field === 'familyName') {
      found[field] =
        detail.code === 'required' || detail.code === 'minLength'
          ? t(`${p}.${field}Missing`)
          : t(`${p}.tooLong`, { max: limits[field] });
    } else found[field] = t(`${p}.tooLong`, { max: limits[field] });
  }
  return found;
}
