import { useMutation, useQueryClient, type QueryKey } from '@tanstack/react-query';
import { useRef, useState, type FormEvent, type ReactNode } from 'react';
import { Form, Input, Label, Text, TextField } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import type { SmsView } from '../../api/types';
import { PendingButton } from '../../components/pending-button';
import { errorText } from '../../i18n/errors';
import { formatDuration, formatTime } from '../../i18n/format';
import { useServerNow } from '../../lib/use-server-now';

const codeLength = 6;

/** The attempt behind the step ended (30 minutes, or finished in another tab). */
export const stepGone = (error: unknown) => error instanceof ApiError && error.code === 'attempt_not_found';

/**
 * The code from an SMS, as the login step and the mobile change both ask for it: the typed code,
 * its check before sending, the verify and resend calls and the clock for expiry and waiting.
 * What differs (where the code goes, what happens after) comes in as options.
 */
export function useSmsCode<Reply>({
  view,
  queryKey,
  verify: verifyCode,
  resend: resendCode,
  onVerified,
  onGone,
  verifyErrorText,
}: {
  view: SmsView;
  /** Where the step's view is cached: a resend replaces it. */
  queryKey: QueryKey;
  verify: (code: string) => Promise<Reply>;
  resend: () => Promise<SmsView>;
  onVerified: (reply: Reply) => void;
  /** The attempt no longer exists on the server. */
  onGone: () => void;
  /** The text under the field for a refused code; the API's message by default. */
  verifyErrorText?: (error: unknown) => string;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [code, setCode] = useState('');
  const [codeError, setCodeError] = useState<string | null>(null);
  const [resent, setResent] = useState(false);
  // The server said "expired" or "locked"; a new code ends that.
  const [codeEnded, setCodeEnded] = useState(false);
  const codeRef = useRef<HTMLInputElement>(null);

  const now = useServerNow(true);
  const codeExpiresAt = view.codeExpiresAt ? Date.parse(view.codeExpiresAt) : null;
  const timedOut = codeExpiresAt !== null && now >= codeExpiresAt;
  const resendWaitMs = (view.resendAvailableAt ? Date.parse(view.resendAvailableAt) : 0) - now;

  const verify = useMutation({
    mutationFn: verifyCode,
    onSuccess: onVerified,
    onError: (error) => {
      if (error instanceof ApiError && (error.code === 'code_expired' || error.code === 'code_locked')) {
        setCodeEnded(true);
      }
      if (stepGone(error)) return onGone();
      setCodeError(verifyErrorText ? verifyErrorText(error) : errorText(t, error));
      codeRef.current?.focus();
      codeRef.current?.select();
    },
  });

  const resend = useMutation({
    mutationFn: resendCode,
    onMutate: () => setResent(false),
    onSuccess: (next) => {
      queryClient.setQueryData(queryKey, next);
      setCode('');
      setCodeError(null);
      setCodeEnded(false);
      verify.reset();
      setResent(true);
      codeRef.current?.focus();
    },
    onError: (error) => {
      if (stepGone(error)) onGone();
    },
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
    verify.mutate(digits);
  }

  return {
    view,
    code,
    setCode,
    codeError,
    codeRef,
    resent,
    codeEnded,
    now,
    timedOut,
    resendWaitMs,
    verify,
    resend,
    submit,
  };
}

export type SmsCodeState = ReturnType<typeof useSmsCode>;

/** The "sent again" message, the code field with its error, when the code expires, and the submit button. */
export function SmsCodeForm({
  sms,
  className,
  errorId,
  expiry,
  submitClassName,
  submitLabel,
  busyLabel,
}: {
  sms: SmsCodeState;
  className: string;
  /** The id of the field's error text (unique on the page). */
  errorId: string;
  expiry: ReactNode;
  submitClassName: string;
  submitLabel: string;
  busyLabel: string;
}) {
  const { t } = useTranslation();
  const { view, code, setCode, codeError, codeRef, resent, verify, submit } = sms;
  return (
    <>
      <div role="status" className="alert-slot">
        {resent ? <p className="notice">{t('auth.sms.resent', { mobile: view.maskedMobile })}</p> : null}
      </div>

      <Form className={className} onSubmit={submit} validationBehavior="aria">
        <TextField
          className="field"
          name="code"
          value={code}
          onChange={setCode}
          autoComplete="one-time-code"
          isInvalid={Boolean(codeError)}
          validationBehavior="aria"
          aria-describedby={codeError ? errorId : undefined}
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
          {/* Read out when it appears or changes ("nog 3 keer"); the field points to it too. */}
          <div role="alert" className="alert-slot">
            {codeError ? (
              <p id={errorId} className="field-error">
                {codeError}
              </p>
            ) : null}
          </div>
        </TextField>
        {expiry}
        <PendingButton type="submit" className={submitClassName} isPending={verify.isPending}>
          {verify.isPending ? busyLabel : submitLabel}
        </PendingButton>
      </Form>
    </>
  );
}

/** "Stuur een nieuwe code": waits until the server allows it; the primary action once the code expired. */
export function ResendCodeButton({ sms, expired }: { sms: SmsCodeState; expired: boolean }) {
  const { t } = useTranslation();
  return (
    <PendingButton
      className={expired ? 'button button-primary' : 'button button-secondary'}
      onPress={() => sms.resend.mutate()}
      isPending={sms.resend.isPending}
      isDisabled={sms.resendWaitMs > 0}
    >
      {sms.resend.isPending ? t('auth.sms.resending') : t('auth.sms.resend')}
    </PendingButton>
  );
}

/** How long until a new code can be sent; nothing once it can. */
export function ResendWait({ sms }: { sms: SmsCodeState }) {
  const { t } = useTranslation();
  if (sms.resendWaitMs <= 0) return null;
  return <p className="field-after muted">{t('auth.sms.resendWait', { wait: formatDuration(t, sms.resendWaitMs) })}</p>;
}

/**
 * When the code stops working. The countdown is ordinary text, so a screen reader reads it when
 * the person gets there, not every second. With `announce`, a separate polite live region says it
 * once when one minute is left and once when the code has expired.
 */
export function CodeExpiry({
  expiresAt,
  now,
  announce = true,
}: {
  expiresAt: string | null;
  now: number;
  announce?: boolean;
}) {
  const { t } = useTranslation();
  const left = expiresAt ? Date.parse(expiresAt) - now : null;
  const expired = left !== null && left <= 0;
  const lastMinute = left !== null && left > 0 && left <= 60_000;
  // The text changes only when a threshold is crossed, so it is announced only then.
  const announcement = expired ? t('auth.sms.expired') : lastMinute ? t('auth.sms.oneMinuteLeft') : '';

  return (
    <>
      {expired ? (
        // The live region says it already; read twice it would be noise.
        <p className="notice notice-warning" aria-hidden={announce || undefined}>
          {t('auth.sms.expired')}
        </p>
      ) : expiresAt && left !== null ? (
        <p className="code-expiry">
          {t('auth.sms.validUntil', { time: formatTime(expiresAt) })}{' '}
          <span className="muted">{t('auth.sms.timeLeft', { left: formatDuration(t, left) })}</span>
        </p>
      ) : null}
      {announce ? (
        <p className="visually-hidden" aria-live="polite">
          {announcement}
        </p>
      ) : null}
    </>
  );
}
