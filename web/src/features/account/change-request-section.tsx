import { useMutation } from '@tanstack/react-query';
import { useImperativeHandle, useState, type FormEvent, type Ref } from 'react';
import { FieldError, Form, Label, Text, TextArea, TextField } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { useFocusAfterRender } from '../../lib/use-focus-after-render';
import { charCount } from '../../lib/validation';
import { ChangeDisclosure, useChangeDisclosure } from './change-disclosure';
import { changeRequestTitleId } from './personal-data-section';
import { fieldCode } from './field-problems';
import { DoneNotice, FormActions, FormErrors } from './form-parts';
import type { ChangeRequestSent, Profile } from './profile-types';

export const changeRequestMaxLength = 2000;

export interface ChangeRequestHandle {
  /** Opens the form and moves focus to the message field. */
  open: () => void;
}

/**
 * "Wijziging doorgeven" (R29): name, address and date of birth are changed by the organisation.
 * The message goes to its mailbox, which the page names; the text is kept when sending fails.
 * `handleRef` lets the link in "Uw gegevens" open the form.
 */
export function ChangeRequestSection({
  profile,
  clientId,
  handleRef,
}: {
  profile: Profile;
  clientId: string | undefined;
  handleRef?: Ref<ChangeRequestHandle>;
}) {
  const { t } = useTranslation();
  const [message, setMessage] = useState('');
  const [problem, setProblem] = useState<string>();
  const [fieldRef, focusField] = useFocusAfterRender<HTMLTextAreaElement>();
  const [doneRef, focusDone] = useFocusAfterRender<HTMLDivElement>();
  const max = changeRequestMaxLength;
  const disclosure = useChangeDisclosure({ onOpen: () => send.isSuccess && send.reset() });
  useImperativeHandle(handleRef, () => ({ open: disclosure.open }));

  const send = useMutation({
    mutationFn: (body: { message: string; clientId?: string }) =>
      api<ChangeRequestSent>('/account/change-requests', { method: 'POST', body }),
    onSuccess: () => {
      setMessage('');
      setProblem(undefined);
      disclosure.close();
      focusDone();
    },
    onError: (error) => {
      const code = fieldCode(error, 'message');
      const text =
        code === 'required'
          ? t('myDetails.request.messageMissing')
          : code === 'too_long'
            ? t('myDetails.request.messageTooLong', { max, count: charCount(message.trim()) })
            : undefined;
      setProblem(text);
      if (text) focusField();
    },
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (send.isPending) return;
    const trimmed = message.trim();
    const found = !trimmed
      ? t('myDetails.request.messageMissing')
      : charCount(trimmed) > max
        ? t('myDetails.request.messageTooLong', { max, count: charCount(trimmed) })
        : undefined;
    setProblem(found);
    if (found) return focusField();
    send.mutate({ message: trimmed, ...(clientId ? { clientId } : {}) });
  }

  // The message stays for a next try: it may have been long to write.
  function cancel() {
    setProblem(undefined);
    if (send.isError) send.reset();
    disclosure.cancel();
  }

  const mailbox = profile.organisation?.dataChangeMailbox;
  const otherError = send.isError && !problem;

  return (
    <ChangeDisclosure
      id={changeRequestTitleId}
      title={t('myDetails.request.title')}
      state={disclosure}
      visible={
        <DoneNotice ref={doneRef}>
          {send.isSuccess
            ? t('myDetails.request.sent', { mailbox: send.data.sentTo, organisation: send.data.organisationName })
            : null}
        </DoneNotice>
      }
    >
      <p>{mailbox ? t('myDetails.request.intro', { mailbox }) : t('myDetails.request.introNoMailbox')}</p>
      <FormErrors error={otherError ? send.error : null} />
      <Form className="form card" onSubmit={submit} validationBehavior="aria">
        <TextField
          className="field"
          id="change-request-message"
          name="message"
          value={message}
          onChange={setMessage}
          isInvalid={Boolean(problem)}
          validationBehavior="aria"
        >
          <Label className="field-label">{t('myDetails.request.messageLabel')}</Label>
          <Text slot="description" className="field-description">
            {t('myDetails.request.messageHelp', { max })}
          </Text>
          <TextArea ref={fieldRef} className="input textarea" rows={5} />
          <FieldError className="field-error">{problem}</FieldError>
        </TextField>
        <FormActions isPending={send.isPending} submitLabel={t('myDetails.request.submit')} onCancel={cancel} />
      </Form>
    </ChangeDisclosure>
  );
}
