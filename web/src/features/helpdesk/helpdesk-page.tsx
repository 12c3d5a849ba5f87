import { useMutation, useQuery } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { useState, type FormEvent, type ReactNode } from 'react';
import { FieldError, Form, Input, Label, Text, TextArea, TextField } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError, api } from '../../api/client';
import type { HelpdeskOrganisation } from '../../api/types';
import { ApiErrorNotice } from '../../components/api-error-notice';
import { ErrorSummary, type FieldProblem } from '../../components/error-summary';
import { PublicFrame } from '../../components/frames';
import { usePageTitle } from '../../components/page-title';
import { PendingButton } from '../../components/pending-button';
import { LoadError, Loading } from '../../components/status';
import { useFocusAfterRender, useFocusOnMount } from '../../lib/use-focus-after-render';
import { charCount, emailPattern } from '../../lib/validation';

/** The server's limits (server/src/modules/helpdesk/helpdesk.service.ts). */
const limits = { name: 200, portalOf: 200, message: 2000, phoneDigits: { min: 8, max: 15 } } as const;

type Field = 'organisationId' | 'name' | 'email' | 'phone' | 'portalOf' | 'message';
type Problems = Partial<Record<Field, string>>;

const fieldIds: Record<Field, string> = {
  organisationId: 'helpdesk-organisation',
  name: 'helpdesk-name',
  email: 'helpdesk-email',
  phone: 'helpdesk-phone',
  portalOf: 'helpdesk-portal',
  message: 'helpdesk-message',
};
const fieldOrder: Field[] = ['organisationId', 'name', 'email', 'phone', 'portalOf', 'message'];

interface Values {
  organisationId: string;
  name: string;
  email: string;
  phone: string;
  portalOf: string;
  message: string;
  website: string;
}

/**
 * R12: someone who cannot log in asks the helpdesk of their care organisation for help. Public,
 * and reachable while logged in too. The confirmation does not repeat what was sent.
 */
export function HelpdeskPage() {
  const { t } = useTranslation();
  const organisations = useQuery({
    queryKey: ['helpdesk', 'organisations'],
    queryFn: ({ signal }) => api<{ organisations: HelpdeskOrganisation[] }>('/helpdesk/organisations', { signal }),
    staleTime: Infinity,
  });
  const [sentTo, setSentTo] = useState<string | null>(null);
  usePageTitle(sentTo !== null ? t('helpdesk.sentTitle') : t('helpdesk.title'));

  if (sentTo !== null) return <Sent organisation={sentTo} />;
  return (
    <PublicFrame narrow>
      <h1>{t('helpdesk.title')}</h1>
      <p>{t('helpdesk.intro')}</p>
      <p className="notice notice-warning">{t('helpdesk.noSecrets')}</p>
      {organisations.data ? (
        <HelpdeskForm organisations={organisations.data.organisations} onSent={setSentTo} />
      ) : organisations.isError ? (
        <LoadError error={organisations.error} onRetry={() => void organisations.refetch()} />
      ) : (
        <Loading />
      )}
    </PublicFrame>
  );
}

function HelpdeskForm({
  organisations,
  onSent,
}: {
  organisations: HelpdeskOrganisation[];
  onSent: (organisationName: string) => void;
}) {
  const { t } = useTranslation();
  const [only] = organisations;
  const choose = organisations.length > 1;
  const [values, setValues] = useState<Values>({
    organisationId: choose ? '' : (only?.id ?? ''),
    name: '',
    email: '',
    phone: '',
    portalOf: '',
    message: '',
    website: '',
  });
  const [problems, setProblems] = useState<Problems>({});
  const [summaryRef, focusSummary] = useFocusAfterRender<HTMLDivElement>();
  const set = (field: keyof Values) => (value: string) => setValues((v) => ({ ...v, [field]: value }));

  const send = useMutation({
    mutationFn: (body: Record<string, string>) => api<{ received: true }>('/helpdesk', { method: 'POST', body }),
    onSuccess: () => onSent(organisations.find((o) => o.id === values.organisationId)?.name ?? ''),
    onError: (error) => {
      if (error instanceof ApiError && error.code === 'validation_failed') showProblems(serverProblems(t, error));
    },
  });

  function showProblems(next: Problems) {
    setProblems(next);
    if (Object.keys(next).length > 0) focusSummary();
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (send.isPending) return;
    const next = localProblems(t, values, choose);
    showProblems(next);
    if (Object.keys(next).length > 0) return;
    const body: Record<string, string> = {
      organisationId: values.organisationId,
      name: values.name.trim(),
      message: values.message.trim(),
    };
    if (values.email.trim()) body.email = values.email.trim();
    if (values.phone.trim()) body.phone = values.phone.trim();
    if (values.portalOf.trim()) body.portalOf = values.portalOf.trim();
    // The hidden field goes along as it is: only a robot fills it in, and the server drops the question then.
    if (values.website) body.website = values.website;
    send.mutate(body);
  }

  // The "e-mail or phone" problem is one problem: listed once, shown once above both fields.
  const contactProblem = problems.email === problems.phone ? problems.email : undefined;
  const summary: FieldProblem[] = fieldOrder
    .filter((field) => problems[field] && !(field === 'phone' && contactProblem))
    .map((field) => ({ fieldId: fieldIds[field], text: problems[field]! }));
  const otherError = send.isError && !(send.error instanceof ApiError && send.error.code === 'validation_failed');

  return (
    <>
      <ErrorSummary ref={summaryRef} problems={summary} />
      <div role="alert" className="alert-slot">
        {otherError ? (
          <ApiErrorNotice
            error={send.error}
            onRetry={() => send.variables && send.mutate(send.variables)}
            isRetrying={send.isPending}
          />
        ) : null}
      </div>
      <Form className="form card" onSubmit={submit} validationBehavior="aria">
        {choose ? (
          <div className="field">
            <label className="field-label" htmlFor={fieldIds.organisationId}>
              {t('helpdesk.organisation')}
            </label>
            <select
              id={fieldIds.organisationId}
              name="organisationId"
              className="input select"
              value={values.organisationId}
              onChange={(event) => set('organisationId')(event.target.value)}
              aria-invalid={problems.organisationId ? true : undefined}
              aria-describedby={problems.organisationId ? `${fieldIds.organisationId}-error` : undefined}
            >
              <option value="">{t('helpdesk.organisationChoose')}</option>
              {organisations.map((organisation) => (
                <option key={organisation.id} value={organisation.id}>
                  {organisation.name}
                </option>
              ))}
            </select>
            {problems.organisationId ? (
              <p className="field-error" id={`${fieldIds.organisationId}-error`}>
                {problems.organisationId}
              </p>
            ) : null}
          </div>
        ) : only ? (
          <p>{t('helpdesk.goesTo', { organisation: only.name })}</p>
        ) : null}

        <Field
          id={fieldIds.name}
          label={t('helpdesk.name')}
          value={values.name}
          onChange={set('name')}
          error={problems.name}
          autoComplete="name"
        />

        <fieldset className="fieldset" aria-describedby="helpdesk-contact-help">
          <legend className="field-label">{t('helpdesk.contactLegend')}</legend>
          <p id="helpdesk-contact-help" className="field-description">
            {t('helpdesk.contactHelp')}
          </p>
          {contactProblem ? <p className="field-error">{contactProblem}</p> : null}
          <div className="form">
            <Field
              id={fieldIds.email}
              label={t('helpdesk.email')}
              value={values.email}
              onChange={set('email')}
              error={contactProblem ? undefined : problems.email}
              invalid={Boolean(problems.email)}
              type="email"
              inputMode="email"
              autoComplete="email"
            />
            <Field
              id={fieldIds.phone}
              label={t('helpdesk.phone')}
              value={values.phone}
              onChange={set('phone')}
              error={contactProblem ? undefined : problems.phone}
              invalid={Boolean(problems.phone)}
              type="tel"
              inputMode="tel"
              autoComplete="tel"
            />
          </div>
        </fieldset>

        <Field
          id={fieldIds.portalOf}
          label={t('helpdesk.portalOf')}
          description={t('helpdesk.portalOfHelp')}
          value={values.portalOf}
          onChange={set('portalOf')}
          error={problems.portalOf}
        />

        <TextField
          className="field"
          id={fieldIds.message}
          name="message"
          value={values.message}
          onChange={set('message')}
          isInvalid={Boolean(problems.message)}
          validationBehavior="aria"
        >
          <Label className="field-label">{t('helpdesk.message')}</Label>
          <Text slot="description" className="field-description">
            {t('helpdesk.messageHelp')}
          </Text>
          <TextArea className="input textarea" rows={6} />
          <FieldError className="field-error">{problems.message}</FieldError>
        </TextField>

        {/* A honeypot: hidden from people (and from screen readers and the keyboard); robots fill it in. */}
        <div className="honeypot" aria-hidden="true">
          <label htmlFor="helpdesk-website">{t('helpdesk.website')}</label>
          <input
            id="helpdesk-website"
            name="website"
            type="text"
            tabIndex={-1}
            autoComplete="off"
            value={values.website}
            onChange={(event) => set('website')(event.target.value)}
          />
        </div>

        <PendingButton type="submit" className="button button-primary button-wide" isPending={send.isPending}>
          {send.isPending ? t('helpdesk.sending') : t('helpdesk.send')}
        </PendingButton>
      </Form>
    </>
  );
}

function Field({
  id,
  label,
  description,
  value,
  onChange,
  error,
  invalid,
  type = 'text',
  inputMode,
  autoComplete,
}: {
  id: string;
  label: string;
  description?: string;
  value: string;
  onChange: (value: string) => void;
  error?: string;
  /** Marks the field without its own text (the text stands above a group of fields). */
  invalid?: boolean;
  type?: 'text' | 'email' | 'tel';
  inputMode?: 'email' | 'tel';
  autoComplete?: string;
}): ReactNode {
  return (
    <TextField
      className="field"
      id={id}
      type={type}
      autoComplete={autoComplete}
      value={value}
      onChange={onChange}
      isInvalid={invalid ?? Boolean(error)}
      validationBehavior="aria"
    >
      <Label className="field-label">{label}</Label>
      {description ? (
        <Text slot="description" className="field-description">
          {description}
        </Text>
      ) : null}
      <Input className="input" inputMode={inputMode} spellCheck={type === 'text' ? undefined : false} />
      <FieldError className="field-error">{error}</FieldError>
    </TextField>
  );
}

function localProblems(t: TFunction, values: Values, choose: boolean): Problems {
  const problems: Problems = {};
  if (choose && !values.organisationId) problems.organisationId = t('helpdesk.errors.unknown_organisation');
  const name = values.name.trim();
  if (!name) problems.name = t('helpdesk.errors.name_required');
  else if (charCount(name) > limits.name) problems.name = t('helpdesk.errors.too_long', { max: limits.name });
  const email = values.email.trim();
  const phone = values.phone.trim();
  if (!email && !phone) {
    problems.email = problems.phone = t('helpdesk.errors.contact_required');
  }
  if (email && !emailPattern.test(email)) problems.email = t('helpdesk.errors.invalid_email');
  const digits = phone.replace(/\D/g, '').length;
  if (phone && (digits < limits.phoneDigits.min || digits > limits.phoneDigits.max)) {
    problems.phone = t('helpdesk.errors.invalid_phone');
  }
  if (charCount(values.portalOf.trim()) > limits.portalOf) {
    problems.portalOf = t('helpdesk.errors.too_long', { max: limits.portalOf });
  }
  const message = values.message.trim();
  if (!message) problems.message = t('helpdesk.errors.message_required');
  else if (charCount(message) > limits.message) {
    problems.message = t('helpdesk.errors.too_long', { max: limits.message });
  }
  return problems;
}

const maxFor: Partial<Record<Field, number>> = {
  name: limits.name,
  portalOf: limits.portalOf,
  message: limits.message,
};

/** The server's per-field codes, in the same words as the checks above. */
function serverProblems(t: TFunction, error: ApiError): Problems {
  const problems: Problems = {};
  for (const detail of error.details) {
    const field = detail.field as Field | undefined;
    if (!field || !fieldIds[field]) continue;
    const key =
      detail.code === 'required' && (field === 'name' || field === 'message')
        ? `helpdesk.errors.${field}_required`
        : `helpdesk.errors.${detail.code}`;
    problems[field] = t(key, { max: maxFor[field] ?? 0, defaultValue: t('errors.validation_failed') });
  }
  return problems;
}

function Sent({ organisation }: { organisation: string }) {
  const { t } = useTranslation();
  const headingRef = useFocusOnMount<HTMLHeadingElement>();
  return (
    <PublicFrame narrow>
      <h1 ref={headingRef} tabIndex={-1}>
        {t('helpdesk.sentTitle')}
      </h1>
      <p className="notice" role="status">
        {t('helpdesk.sentBody')}
      </p>
      <p>{organisation ? t('helpdesk.sentNext', { organisation }) : t('helpdesk.sentNextGeneric')}</p>
      <p>
        <Link to="/" className="button button-primary">
          {t('common.toHome')}
        </Link>
      </p>
    </PublicFrame>
  );
}
