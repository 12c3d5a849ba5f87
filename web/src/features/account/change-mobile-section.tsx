import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import { Button, Form, Input, Label, Text, TextField } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { ApiError, api } from '../../api/client';
import type { SmsView } from '../../api/types';
import { ApiErrorNotice } from '../../components/api-error-notice';
import { ErrorSummary, type FieldProblem } from '../../components/error-summary';
import { PendingButton } from '../../components/pending-button';
import { errorText } from '../../i18n/errors';
import { formatDuration, formatTime } from '../../i18n/format';
import { useFocusAfterRender } from '../../lib/use-focus-after-render';
import { useServerNow } from '../../lib/use-server-now';
import { PasswordField } from '../auth/password-field';
import { ChangeDisclosure, useChangeDisclosure } from './change-disclosure';
import { fieldCode, passwordProblem } from './field-problems';
import type { Profile } from './profile-types';
import { TextInputField } from './text-input-field';
import { formatMobile, profileQueryKey } from './use-profile';

const mobileChangeQueryKey = ['account', 'mobile-change'] as const;
const codeLength = 6;

/** Digits, spaces and the usual punctuation; the server decides what is a mobile number. */
const looksLikePhone = (value: string) => /^[0-9+()\-./\s]+$/.test(value) && value.replace(/\D/g, '').length >= 8;

/**
 * "Mobiel nummer wijzigen" (R28, N3 V7.5.1): the password again and the new number; then the
 * code from the SMS to the new number. Only that code changes the number: until then the login
 * codes go to the old one. The step survives a reload (its cookie is on the server's side), and
 * the form is open while it lasts.
 */
export function ChangeMobileSection({ profile }: { profile: Profile }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [changedTo, setChangedTo] = useState<string | null>(null);
  const [doneRef, focusDone] = useFocusAfterRender<HTMLDivElement>();
  const disclosure = useChangeDisclosure({ onOpen: () => setChangedTo(null) });
  const step = useQuery({
    queryKey: mobileChangeQueryKey,
    queryFn: async ({ signal }) => {
      try {
        return await api<SmsView>('/account/mobile', { signal });
      } catch (error) {
        // No change in progress in this browser: the form is shown.
        if (error instanceof ApiError && error.code === 'attempt_not_found') return null;
        throw error;
      }
    },
    staleTime: Infinity,
  });

  // A change in progress (also after a reload) keeps the form open.
  const inProgress = Boolean(step.data);
  const [wasInProgress, setWasInProgress] = useState(false);
  if (inProgress !== wasInProgress) {
    setWasInProgress(inProgress);
    if (inProgress && !disclosure.isExpanded) disclosure.show();
  }

  const closeStep = () => queryClient.setQueryData(mobileChangeQueryKey, null);

  return (
    <ChangeDisclosure
      id="mobile-title"
      title={t('myDetails.mobile.title')}
      state={disclosure}
      visible={
        <div role="status" className="alert-slot" ref={doneRef} tabIndex={-1}>
          {changedTo ? (
            <p className="notice">{t('myDetails.mobile.changed', { mobile: formatMobile(changedTo) })}</p>
          ) : null}
        </div>
      }
    >
      {step.data ? (
        <CodeStep
          view={step.data}
          onDone={(mobile) => {
            setChangedTo(mobile);
            closeStep();
            void queryClient.invalidateQueries({ queryKey: profileQueryKey });
            disclosure.close();
            focusDone();
          }}
          onStop={() => {
            closeStep();
            disclosure.cancel();
          }}
        />
      ) : (
        <NewNumberForm
          profile={profile}
          onCancel={disclosure.cancel}
          onSent={(view) => {
            setChangedTo(null);
            queryClient.setQueryData(mobileChangeQueryKey, view);
            // The submit button is gone: the code field takes the focus.
            disclosure.focusFirstField();
          }}
        />
      )}
    </ChangeDisclosure>
  );
}

interface Problems {
  password?: string | undefined;
  mobile?: string | undefined;
}

function NewNumberForm({
  profile,
  onSent,
  onCancel,
}: {
  profile: Profile;
  onSent: (view: SmsView) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [password, setPassword] = useState('');
  const [mobile, setMobile] = useState('');
  const [problems, setProblems] = useState<Problems>({});
  const [summaryRef, focusSummary] = useFocusAfterRender<HTMLDivElement>();

  const start = useMutation({
    mutationFn: (body: { password: string; mobile: string }) =>
      api<SmsView>('/account/mobile', { method: 'POST', body }),
    onSuccess: onSent,
    onError: (error) => {
      const code = fieldCode(error, 'mobile');
      show({
        password: passwordProblem(t, error),
        mobile:
          code === 'invalid_mobile'
            ? t('myDetails.mobile.newInvalid')
            : code === 'same_mobile'
              ? t('myDetails.mobile.same')
              : code === 'required'
                ? t('myDetails.mobile.newMissing')
                : undefined,
      });
    },
  });

  function show(found: Problems) {
    setProblems(found);
    if (found.password || found.mobile) focusSummary();
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (start.isPending) return;
    const found: Problems = {
      password: password ? undefined : t('myDetails.passwordMissing'),
      mobile: !mobile.trim()
        ? t('myDetails.mobile.newMissing')
        : !looksLikePhone(mobile.trim())
          ? t('myDetails.mobile.newInvalid')
          : undefined,
    };
    show(found);
    if (found.password || found.mobile) return;
    start.mutate({ password, mobile: mobile.trim() });
  }

  // What was typed as the new number stays for a next try; the password does not.
  function cancel() {
    setPassword('');
    setProblems({});
    if (start.isError) start.reset();
    onCancel();
  }

  const summary: FieldProblem[] = [];
  if (problems.password) summary.push({ fieldId: 'mobile-change-password', text: problems.password });
  if (problems.mobile) summary.push({ fieldId: 'new-mobile', text: problems.mobile });
  const otherError = start.isError && !problems.password && !problems.mobile;

  return (
    <>
      <p>
        {profile.mobile
          ? t('myDetails.mobile.intro', { mobile: formatMobile(profile.mobile) })
          : t('myDetails.mobile.introNone')}
      </p>
      <ErrorSummary ref={summaryRef} problems={summary} />
      <div role="alert" className="alert-slot">
        {otherError ? <ApiErrorNotice error={start.error} /> : null}
      </div>
      <Form className="form card" onSubmit={submit} validationBehavior="aria">
        <TextInputField
          id="new-mobile"
          name="new-mobile"
          label={t('myDetails.mobile.newLabel')}
          description={t('myDetails.mobile.newHelp')}
          value={mobile}
          onChange={setMobile}
          error={problems.mobile}
          type="tel"
          inputMode="tel"
          autoComplete="tel"
        />
        <PasswordField
          id="mobile-change-password"
          name="mobile-change-password"
          label={t('myDetails.passwordLabel')}
          value={password}
          onChange={setPassword}
          error={problems.password}
          autoComplete="current-password"
        />
        <p className="muted">{t('myDetails.mobile.codeNext')}</p>
        <div className="button-row">
          <PendingButton type="submit" className="button button-primary" isPending={start.isPending}>
            {start.isPending ? t('common.busy') : t('myDetails.mobile.submit')}
          </PendingButton>
          <Button className="button button-quiet" onPress={cancel}>
            {t('myDetails.cancel')}
          </Button>
        </div>
      </Form>
    </>
  );
}

function CodeStep({ view, onDone, onStop }: { view: SmsView; onDone: (mobile: string) => void; onStop: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [code, setCode] = useState('');
  const [codeError, setCodeError] = useState<string | null>(null);
  const [resent, setResent] = useState(false);
  const [gone, setGone] = useState(false);
  const codeRef = useRef<HTMLInputElement>(null);
  const now = useServerNow(true);
  const codeExpiresAt = view.codeExpiresAt ? Date.parse(view.codeExpiresAt) : null;
  const expired = codeExpiresAt !== null && now >= codeExpiresAt;
  const resendWaitMs = (view.resendAvailableAt ? Date.parse(view.resendAvailableAt) : 0) - now;

  const stepGone = (error: unknown) => error instanceof ApiError && error.code === 'attempt_not_found';

  const verify = useMutation({
    mutationFn: (body: { code: string }) => api<{ mobile: string }>('/account/mobile/verify', { method: 'POST', body }),
    onSuccess: (reply) => onDone(reply.mobile),
    onError: (error) => {
      if (stepGone(error)) return setGone(true);
      setCodeError(errorText(t, error));
      codeRef.current?.focus();
      codeRef.current?.select();
    },
  });

  const resend = useMutation({
    mutationFn: () => api<SmsView>('/account/mobile/resend', { method: 'POST' }),
    onMutate: () => setResent(false),
    onSuccess: (next) => {
      queryClient.setQueryData(mobileChangeQueryKey, next);
      setCode('');
      setCodeError(null);
      verify.reset();
      setResent(true);
      codeRef.current?.focus();
    },
    onError: (error) => {
      if (stepGone(error)) setGone(true);
    },
  });

  const stop = useMutation({
    mutationFn: () => api<void>('/account/mobile', { method: 'DELETE' }),
    onSettled: onStop,
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (verify.isPending) return;
    const digits = code.replace(/\s+/g, '');
    const problem = !digits
      ? t('auth.sms.codeMissing')
      : !new RegExp(`^\\d{${codeLength}}$`).test(digits)
        ? t('auth.sms.codeFormat', { digits: codeLength })
        : null;
    setCodeError(problem);
    if (problem) return codeRef.current?.focus();
    setResent(false);
    verify.mutate({ code: digits });
  }

  if (gone) {
    return (
      <div className="notice notice-warning" role="alert">
        <p>{t('myDetails.mobile.stepGone')}</p>
        <Button className="button button-primary" onPress={onStop}>
          {t('common.continue')}
        </Button>
      </div>
    );
  }

  return (
    <div className="card">
      <h3>{t('myDetails.mobile.codeTitle')}</h3>
      <p>
        {t('myDetails.mobile.sentTo')} <span className="nowrap strong">{view.maskedMobile}</span>.
      </p>
      <p>{t('myDetails.mobile.untilThen')}</p>
      <div role="status" className="alert-slot">
        {resent ? <p className="notice">{t('auth.sms.resent', { mobile: view.maskedMobile })}</p> : null}
      </div>
      <Form className="form" onSubmit={submit} validationBehavior="aria">
        <TextField
          className="field"
          name="code"
          value={code}
          onChange={setCode}
          autoComplete="one-time-code"
          isInvalid={Boolean(codeError)}
          validationBehavior="aria"
          aria-describedby={codeError ? 'mobile-code-error' : undefined}
        >
          <Label className="field-label">{t('auth.sms.codeLabel')}</Label>
          <Text slot="description" className="field-description">
            {t('auth.sms.codeDescription', { digits: codeLength })}
          </Text>
          <Input
            ref={codeRef}
            className="input input-code"
            inputMode="numeric"
            pattern="[0-9 ]*"
            maxLength={codeLength + 4}
            spellCheck={false}
          />
          <div role="alert" className="alert-slot">
            {codeError ? (
              <p id="mobile-code-error" className="field-error">
                {codeError}
              </p>
            ) : null}
          </div>
        </TextField>
        {expired ? (
          <p className="notice notice-warning">{t('auth.sms.expired')}</p>
        ) : view.codeExpiresAt ? (
          <p className="code-expiry">
            {t('auth.sms.validUntil', { time: formatTime(view.codeExpiresAt) })}{' '}
            <span className="muted">
              {t('auth.sms.timeLeft', { left: formatDuration(t, (codeExpiresAt ?? now) - now) })}
            </span>
          </p>
        ) : null}
        <PendingButton type="submit" className="button button-primary" isPending={verify.isPending}>
          {verify.isPending ? t('myDetails.mobile.verifying') : t('myDetails.mobile.verify')}
        </PendingButton>
      </Form>

      <h4>{t('auth.sms.resendTitle')}</h4>
      <p>{t('auth.sms.resendIntro')}</p>
      <div role="alert" className="alert-slot">
        {resend.isError && !stepGone(resend.error) ? <ApiErrorNotice error={resend.error} /> : null}
      </div>
      <div className="button-row">
        <PendingButton
          className={expired ? 'button button-primary' : 'button button-secondary'}
          onPress={() => resend.mutate()}
          isPending={resend.isPending}
          isDisabled={resendWaitMs > 0}
        >
          {resend.isPending ? t('auth.sms.resending') : t('auth.sms.resend')}
        </PendingButton>
        <PendingButton className="button button-quiet" onPress={() => stop.mutate()} isPending={stop.isPending}>
          {t('myDetails.mobile.cancel')}
        </PendingButton>
      </div>
      {resendWaitMs > 0 ? (
        <p className="field-after muted">{t('auth.sms.resendWait', { wait: formatDuration(t, resendWaitMs) })}</p>
      ) : null}
    </div>
  );
}
