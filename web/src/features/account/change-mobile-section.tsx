import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Button, Form } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { ApiError, api } from '../../api/client';
import type { SmsView } from '../../api/types';
import { ApiErrorNotice } from '../../components/api-error-notice';
import { PendingButton } from '../../components/pending-button';
import { useFocusAfterRender } from '../../lib/use-focus-after-render';
import { CodeExpiry, ResendCodeButton, ResendWait, SmsCodeForm, stepGone, useSmsCode } from '../auth/sms-code-form';
import { ChangeDisclosure, useChangeDisclosure } from './change-disclosure';
import { fieldCode, passwordProblem } from './field-problems';
import { CurrentPasswordField, DoneNotice, FormActions, FormErrors, useFormProblems } from './form-parts';
import type { Profile } from './profile-types';
import { TextInputField } from './text-input-field';
import { formatMobile, profileQueryKey } from './use-profile';

const mobileChangeQueryKey = ['account', 'mobile-change'] as const;

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
        <DoneNotice ref={doneRef}>
          {changedTo ? t('myDetails.mobile.changed', { mobile: formatMobile(changedTo) }) : null}
        </DoneNotice>
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
  const { problems, summary, summaryRef, show, clear } = useFormProblems({
    password: 'mobile-change-password',
    mobile: 'new-mobile',
  });

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

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (start.isPending) return;
    const found = {
      password: password ? undefined : t('myDetails.passwordMissing'),
      mobile: !mobile.trim()
        ? t('myDetails.mobile.newMissing')
        : !looksLikePhone(mobile.trim())
          ? t('myDetails.mobile.newInvalid')
          : undefined,
    };
    if (show(found)) return;
    start.mutate({ password, mobile: mobile.trim() });
  }

  // What was typed as the new number stays for a next try; the password does not.
  function cancel() {
    setPassword('');
    clear();
    if (start.isError) start.reset();
    onCancel();
  }

  const otherError = start.isError && summary.length === 0;

  return (
    <>
      <p>
        {profile.mobile
          ? t('myDetails.mobile.intro', { mobile: formatMobile(profile.mobile) })
          : t('myDetails.mobile.introNone')}
      </p>
      <FormErrors summary={summary} summaryRef={summaryRef} error={otherError ? start.error : null} />
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
        <CurrentPasswordField
          id="mobile-change-password"
          value={password}
          onChange={setPassword}
          error={problems.password}
        />
        <p className="muted">{t('myDetails.mobile.codeNext')}</p>
        <FormActions isPending={start.isPending} submitLabel={t('myDetails.mobile.submit')} onCancel={cancel} />
      </Form>
    </>
  );
}

function CodeStep({ view, onDone, onStop }: { view: SmsView; onDone: (mobile: string) => void; onStop: () => void }) {
  const { t } = useTranslation();
  const [gone, setGone] = useState(false);
  const sms = useSmsCode({
    view,
    queryKey: mobileChangeQueryKey,
    verify: (code) => api<{ mobile: string }>('/account/mobile/verify', { method: 'POST', body: { code } }),
    resend: () => api<SmsView>('/account/mobile/resend', { method: 'POST' }),
    onVerified: (reply) => onDone(reply.mobile),
    onGone: () => setGone(true),
  });

  const stop = useMutation({
    mutationFn: () => api<void>('/account/mobile', { method: 'DELETE' }),
    onSettled: onStop,
  });

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
      <SmsCodeForm
        sms={sms}
        className="form"
        errorId="mobile-code-error"
        expiry={<CodeExpiry expiresAt={view.codeExpiresAt} now={sms.now} announce={false} />}
        submitClassName="button button-primary"
        submitLabel={t('myDetails.mobile.verify')}
        busyLabel={t('myDetails.mobile.verifying')}
      />

      <h4>{t('auth.sms.resendTitle')}</h4>
      <p>{t('auth.sms.resendIntro')}</p>
      <div role="alert" className="alert-slot">
        {sms.resend.isError && !stepGone(sms.resend.error) ? <ApiErrorNotice error={sms.resend.error} /> : null}
      </div>
      <div className="button-row">
        <ResendCodeButton sms={sms} expired={sms.timedOut} />
        <PendingButton className="button button-quiet" onPress={() => stop.mutate()} isPending={stop.isPending}>
          {t('myDetails.mobile.cancel')}
        </PendingButton>
      </div>
      <ResendWait sms={sms} />
    </div>
  );
}
