import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { Button, FileTrigger } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { useFocusAfterRender } from '../../lib/use-focus-after-render';
import { api } from '../../api/client';
import { ApiErrorNotice } from '../../components/api-error-notice';
import { PendingButton } from '../../components/pending-button';
import { meQueryKey, useMe } from '../auth/use-me';
import { Avatar } from './avatar';

/** The same limit as the server's; checked here too so that nobody waits for a 30 MB upload to fail. */
export const maxPhotoBytes = 10 * 1024 * 1024;

/**
 * What the file picker offers. HEIC is left out on purpose: an iPhone then hands over its photo
 * as JPEG by itself, which the server can always read (it cannot decode every HEIC).
 */
export const acceptedPhotoTypes = ['image/jpeg', 'image/png', 'image/webp'];

type Problem = 'photo_empty' | 'photo_too_large' | 'photo_type' | 'photo_heic_unsupported' | 'photo_broken';

const looksLikeHeic = (file: File) => /^image\/hei[cf]/.test(file.type) || /\.hei[cf]$/i.test(file.name);

interface Chosen {
  file: File;
  url: string;
}

/**
 * "Uw foto" on Mijn gegevens (R30): the current photo, or the initials, is the button to choose
 * another; the choice is shown in a circle, as others will see it, before it is saved. Works with
 * a phone's photo library (no `capture`, so the phone offers library and camera).
 */
export function ProfilePhotoSection() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const me = useMe().data;
  const [chosen, setChosen] = useState<Chosen | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [done, setDone] = useState<'saved' | 'removed' | null>(null);
  const [confirming, setConfirming] = useState(false);
  const headingRef = useRef<HTMLHeadingElement>(null);
  // Back to the choose button after an error or a cancel, once React has drawn the message.
  const [chooseRef, focusChoose] = useFocusAfterRender<HTMLButtonElement>();

  // Only the last choice counts when a slow file is still being read.
  const reading = useRef(0);

  const save = useMutation({
    mutationFn: (file: File) => api<{ photoUrl: string }>('/account/photo', { method: 'PUT', body: file }),
    onSuccess: async () => {
      setChosen(null);
      setDone('saved');
      await queryClient.invalidateQueries({ queryKey: meQueryKey });
      headingRef.current?.focus();
    },
    // Nothing changed: the old photo stays, and the message says what to choose instead.
    onError: () => {
      setChosen(null);
      focusChoose();
    },
  });

  const remove = useMutation({
    mutationFn: () => api<void>('/account/photo', { method: 'DELETE' }),
    onSuccess: async () => {
      setConfirming(false);
      setDone('removed');
      await queryClient.invalidateQueries({ queryKey: meQueryKey });
      headingRef.current?.focus();
    },
  });

  function choose(files: FileList | null) {
    const file = files?.[0];
    if (!file) return;
    save.reset();
    remove.reset();
    setDone(null);
    setConfirming(false);
    const found: Problem | null =
      file.size === 0 ? 'photo_empty' : file.size > maxPhotoBytes ? 'photo_too_large' : null;
    setProblem(found);
    setChosen(null);
    const attempt = ++reading.current;
    if (found) {
      focusChoose();
      return;
    }
    // A data: address rather than a blob: one: the page's CSP allows it for images, and nothing
    // else (no fetch of a blob:) is needed to show it.
    const reader = new FileReader();
    reader.onload = () => {
      if (attempt === reading.current && typeof reader.result === 'string') setChosen({ file, url: reader.result });
    };
    reader.onerror = () => {
      // A photo that is not on the device itself (still in the cloud, say) cannot be read.
      if (attempt !== reading.current) return;
      setProblem('photo_broken');
      focusChoose();
    };
    reader.readAsDataURL(file);
  }

  /** The browser cannot show the file as a picture: it is no photo we can use (or a HEIC). */
  function previewFailed() {
    if (!chosen) return;
    setProblem(looksLikeHeic(chosen.file) ? 'photo_heic_unsupported' : 'photo_type');
    setChosen(null);
    focusChoose();
  }

  function cancel() {
    setChosen(null);
    focusChoose();
  }

  if (!me) return null;
  const hasPhoto = Boolean(me.person.photoUrl);

  return (
    <section className="section" aria-labelledby="photo-title">
      <h2 id="photo-title" ref={headingRef} tabIndex={-1}>
        {t('photo.title')}
      </h2>
      <p>{t('photo.intro')}</p>
      <div role="status" className="alert-slot">
        {done ? <p className="notice">{t(done === 'saved' ? 'photo.saved' : 'photo.removed')}</p> : null}
      </div>
      <div role="alert" className="alert-slot">
        {problem ? (
          <div className="notice notice-error">
            <p>{t(`errors.${problem}`)}</p>
          </div>
        ) : null}
        {save.isError ? <ApiErrorNotice error={save.error} /> : null}
        {remove.isError ? <ApiErrorNotice error={remove.error} /> : null}
      </div>
      <div className="card photo-card">
        {chosen ? (
          <Preview
            chosen={chosen}
            isSaving={save.isPending}
            onSave={() => save.mutate(chosen.file)}
            onCancel={cancel}
            onFailed={previewFailed}
          />
        ) : (
          <>
            <FileTrigger acceptedFileTypes={acceptedPhotoTypes} onSelect={choose}>
              <Button ref={chooseRef} className="photo-choose">
                <Avatar name={me.person.displayName} photoUrl={me.person.photoUrl} size="large" alt="" />
                <span className="photo-choose-text">{t(hasPhoto ? 'photo.chooseOther' : 'photo.choose')}</span>
              </Button>
            </FileTrigger>
            <p className="muted">{t('photo.rules')}</p>
            {hasPhoto && confirming ? (
              <ConfirmRemove
                isPending={remove.isPending}
                onConfirm={() => remove.mutate()}
                onCancel={() => {
                  setConfirming(false);
                  requestAnimationFrame(() => document.getElementById('photo-remove')?.focus());
                }}
              />
            ) : null}
            {hasPhoto && !confirming ? (
              <Button
                id="photo-remove"
                className="button button-secondary"
                onPress={() => {
                  setDone(null);
                  setProblem(null);
                  remove.reset();
                  setConfirming(true);
                }}
              >
                {t('photo.remove')}
              </Button>
            ) : null}
          </>
        )}
      </div>
    </section>
  );
}

function Preview({
  chosen,
  isSaving,
  onSave,
  onCancel,
  onFailed,
}: {
  chosen: Chosen;
  isSaving: boolean;
  onSave: () => void;
  onCancel: () => void;
  onFailed: () => void;
}) {
  const { t } = useTranslation();
  const questionRef = useRef<HTMLParagraphElement>(null);
  // The file picker has closed and its button is gone: continue reading at the question.
  useEffect(() => questionRef.current?.focus(), []);
  return (
    <div className="photo-card" role="group" aria-labelledby="photo-question">
      <img className="photo-preview" src={chosen.url} alt={t('photo.previewAlt')} onError={onFailed} />
      <p id="photo-question" ref={questionRef} tabIndex={-1} className="strong">
        {t('photo.previewQuestion')}
      </p>
      <div className="button-row">
        <PendingButton className="button button-primary" onPress={onSave} isPending={isSaving}>
          {isSaving ? t('common.busy') : t('photo.save')}
        </PendingButton>
        <Button className="button button-secondary" onPress={onCancel} isDisabled={isSaving}>
          {t('photo.cancel')}
        </Button>
      </div>
    </div>
  );
}

function ConfirmRemove({
  isPending,
  onConfirm,
  onCancel,
}: {
  isPending: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const questionRef = useRef<HTMLParagraphElement>(null);
  useEffect(() => questionRef.current?.focus(), []);
  return (
    <div className="confirm" role="group" aria-labelledby="photo-remove-question">
      <p id="photo-remove-question" ref={questionRef} tabIndex={-1} className="strong">
        {t('photo.confirmQuestion')}
      </p>
      <p>{t('photo.confirmBody')}</p>
      <div className="button-row">
        <PendingButton className="button button-danger" onPress={onConfirm} isPending={isPending}>
          {isPending ? t('common.busy') : t('photo.confirmYes')}
        </PendingButton>
        <Button className="button button-secondary" onPress={onCancel}>
          {t('photo.confirmNo')}
        </Button>
      </div>
    </div>
  );
}
