import { useMutation, useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { FieldError, Form, Input, Label, Text, TextField } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { ApiError, api } from '../../api/client';
import type { SmsRequired } from '../../api/types';
import { ApiErrorNotice } from '../../components/api-error-notice';
import { ErrorSummary, type FieldProblem } from '../../components/error-summary';
import { PublicFrame } from '../../components/frames';
import { usePageTitle } from '../../components/page-title';
import { PendingButton } from '../../components/pending-button';
import { LoadError, Loading } from '../../components/status';
import { useFocusAfterRender } from '../../lib/use-focus-after-render';
import { PasswordField } from '../auth/password-field';
import { PasswordRules, localPasswordProblem, passwordRejectionText } from '../auth/password-rules';
import { useGoToSmsStep } from '../auth/sms-step';
import { JoinInvitation } from './join-invitation';
import { InvitationLead, InvitationNotWorkingContent, linkProblem, type LinkProblem } from './invitation-parts';
import type { InvitationDetails } from './types';

/**
 * The page behind the link in an invitation mail (I2): who invited you for whose portal, then a
 * password and the mobile number, which the SMS code confirms (the first-login SMS, R7). A person
 * who already has an account logs in and accepts instead (JoinInvitation).
 */
export function InvitationPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const invitation = useQuery({
    queryKey: ['invitation', token],
    queryFn: ({ signal }) => api<InvitationDetails>('/invitations/view', { method: 'POST', body: { token }, signal }),
    enabled: token.length >= 10,
    staleTime: Infinity,
  });
  const problem = token.length < 10 ? 'link_invalid' : linkProblem(invitation.error);
  usePageTitle(problem ? t(`invitation.${problem}.title`) : t('invitation.title'));

  if (problem) return <InvitationNotWorking problem={problem} />;
  return (
    <PublicFrame narrow>
      {invitation.data?.existingAccount ? (
        <JoinInvitation token={token} invitation={invitation.data} />
      ) : invitation.data ? (
        <AcceptForm token={token} invitation={invitation.data} />
      ) : invitation.isError ? (
        <LoadError heading="h1" error={invitation.error} onRetry={() => void invitation.refetch()} />
      ) : (
        <Loading />
      )}
    </PublicFrame>
  );
}

interface Problems {
  password?: string;
  mobile?: string;
}

function AcceptForm({ token, invitation }: { token: string; invitation: InvitationDetails }) {
  const { t } = useTranslation();
  const goToSmsStep = useGoToSmsStep();
  const [password, setPassword] = useState('');
  const [mobile, setMobile] = useState('');
  const [problems, setProblems] = useState<Problems>({});
  const [summaryRef, focusSummary] = useFocusAfterRender<HTMLDivElement>();
  const mobileKnown = invitation.maskedMobile !== null;

  const accept = useMutation({
    mutationFn: (body: { token: string; password: string; mobile?: string }) =>
      api<SmsRequired>('/invitations/accept', { method: 'POST', body }),
    onSuccess: (reply) => goToSmsStep(reply.sms),
    onError: (error) => {
      const next: Problems = {};
      const rejection = passwordRejectionText(t, error);
      if (rejection) next.password = rejection;
      if (error instanceof ApiError && error.details.some((d) => d.field === 'mobile')) {
        next.mobile = t('invitation.mobileInvalid');
      }
      showProblems(next);
    },
  });

  function showProblems(next: Problems) {
    setProblems(next);
    if (next.password || next.mobile) focusSummary();
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (accept.isPending) return;
    const next: Problems = {};
    next.password = localPasswordProblem(t, password);
    const typed = mobile.trim();
    if (!typed && !mobileKnown) next.mobile = t('invitation.mobileMissing');
    else if (typed && (typed.replace(/\D/g, '').length < 8 || typed.length > 30)) {
      next.mobile = t('invitation.mobileInvalid');
    }
    showProblems(next);
    if (next.password || next.mobile) return;
    accept.mutate({ token, password, ...(typed ? { mobile: typed } : {}) });
  }

  const fieldProblems: FieldProblem[] = [];
  if (problems.password) fieldProblems.push({ fieldId: 'new-password', text: problems.password });
  if (problems.mobile) fieldProblems.push({ fieldId: 'mobile', text: problems.mobile });
  const link = linkProblem(accept.error);
  if (link) return <InvitationNotWorkingContent problem={link} />;
  const otherError = accept.isError && !problems.password && !problems.mobile;

  return (
    <>
      <h1>{t('invitation.welcome', { givenName: invitation.givenName })}</h1>
      <InvitationLead invitation={invitation} />
      <p>{t('invitation.intro')}</p>
      <ErrorSummary ref={summaryRef} problems={fieldProblems} />
      <div role="alert" className="alert-slot">
        {otherError ? (
          <ApiErrorNotice
            error={accept.error}
            onRetry={() => accept.variables && accept.mutate(accept.variables)}
            isRetrying={accept.isPending}
          />
        ) : null}
      </div>
      <Form className="form card" onSubmit={submit} validationBehavior="aria">
        <div>
          <p className="field-label">{t('invitation.emailLabel')}</p>
          <p className="break strong">{invitation.email}</p>
          <p className="muted">{t('invitation.emailHelp')}</p>
          {/* For password managers: they store the new password with this address. */}
          <input type="text" name="username" autoComplete="username" value={invitation.email} readOnly hidden />
        </div>
        <PasswordRules id="password-rules" />
        <PasswordField
          id="new-password"
          label={t('auth.password.chooseLabel')}
          value={password}
          onChange={setPassword}
          error={problems.password}
          autoComplete="new-password"
          describedBy="password-rules"
        />
        <div className="field-group">
          {mobileKnown ? (
            <p>
              {t('invitation.mobileKnown')} <span className="nowrap strong">{invitation.maskedMobile}</span>.{' '}
              {t('invitation.mobileWrong')}
            </p>
          ) : (
            <p>{t('invitation.mobileUnknown')}</p>
          )}
          <TextField
            className="field"
            id="mobile"
            name="mobile"
            type="tel"
            autoComplete="tel"
            value={mobile}
            onChange={setMobile}
            isInvalid={Boolean(problems.mobile)}
            validationBehavior="aria"
          >
            <Label className="field-label">
              {mobileKnown ? t('invitation.mobileOtherLabel') : t('invitation.mobileLabel')}
            </Label>
            <Text slot="description" className="field-description">
              {t('invitation.mobileExample')}
            </Text>
            <Input className="input input-medium" inputMode="tel" />
            <FieldError className="field-error">{problems.mobile}</FieldError>
          </TextField>
        </div>
        <PendingButton type="submit" className="button button-primary button-wide" isPending={accept.isPending}>
          {accept.isPending ? t('common.busy') : t('common.continue')}
        </PendingButton>
      </Form>
    </>
  );
}

function InvitationNotWorking({ problem }: { problem: LinkProblem }) {
  return (
    <PublicFrame narrow>
      <InvitationNotWorkingContent problem={problem} />
    </PublicFrame>
  );
}
