import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { TrustedDevice } from '../../api/types';
import { ApiErrorNotice } from '../../components/api-error-notice';
import { PendingButton } from '../../components/pending-button';
import { LoadError, Loading } from '../../components/status';
import { formatDateTime } from '../../i18n/format';
import { devicesQueryKey, useDevices } from './use-account';

/**
 * "Vertrouwde apparaten": browsers where no SMS code is asked (R8, R11). Stopping the trust asks
 * for a confirmation in place (no pop-up window: easier to follow with a magnifier).
 */
export function DevicesSection() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const devices = useDevices();
  const [confirming, setConfirming] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);

  const revoke = useMutation({
    mutationFn: (device: TrustedDevice) =>
      api<void>(`/account/devices/${encodeURIComponent(device.id)}`, { method: 'DELETE' }),
    onMutate: () => setDone(null),
    onSettled: () => queryClient.invalidateQueries({ queryKey: devicesQueryKey }),
    onSuccess: (_, device) => {
      setConfirming(null);
      setDone(t(device.current ? 'account.devices.revokedThis' : 'account.devices.revoked', { device: device.label }));
      headingRef.current?.focus();
    },
  });

  const list = [...(devices.data?.devices ?? [])].sort(
    (a, b) => Number(b.current) - Number(a.current) || b.lastUsedAt.localeCompare(a.lastUsedAt),
  );

  return (
    <section className="section" aria-labelledby="devices-title">
      <h2 id="devices-title" ref={headingRef} tabIndex={-1}>
        {t('account.devices.title')}
      </h2>
      <p>{t('account.devices.intro')}</p>
      <div role="status" className="alert-slot">
        {done ? <p className="notice">{done}</p> : null}
      </div>
      <div role="alert" className="alert-slot">
        {revoke.isError ? (
          <ApiErrorNotice error={revoke.error} overrides={{ not_found: 'account.devices.alreadyRevoked' }} />
        ) : null}
      </div>
      {devices.isPending ? <Loading /> : null}
      {devices.isError ? <LoadError error={devices.error} onRetry={() => void devices.refetch()} /> : null}
      {devices.data && list.length === 0 ? <p>{t('account.devices.none')}</p> : null}
      {list.length > 0 ? (
        <ul className="item-list">
          {list.map((device) => (
            <li key={device.id} className={device.current ? 'card item item-current' : 'card item'}>
              <h3 id={`device-${device.id}`} className="item-title">
                {device.label}
                {device.current ? <span className="badge">{t('account.thisDevice')}</span> : null}
              </h3>
              <dl className="item-meta">
                <div>
                  <dt>{t('account.devices.since')}</dt>
                  <dd>{formatDateTime(device.createdAt)}</dd>
                </div>
                <div>
                  <dt>{t('account.devices.lastUsed')}</dt>
                  <dd>{formatDateTime(device.lastUsedAt)}</dd>
                </div>
              </dl>
              {confirming === device.id ? (
                <Confirm
                  device={device}
                  isPending={revoke.isPending}
                  onConfirm={() => revoke.mutate(device)}
                  onCancel={() => {
                    setConfirming(null);
                    // Back to the button that opened the question.
                    requestAnimationFrame(() => document.getElementById(`revoke-${device.id}`)?.focus());
                  }}
                />
              ) : (
                <Button
                  id={`revoke-${device.id}`}
                  className="button button-secondary"
                  aria-describedby={`device-${device.id}`}
                  onPress={() => {
                    revoke.reset();
                    setConfirming(device.id);
                  }}
                >
                  {t('account.devices.revoke')}
                </Button>
              )}
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}

function Confirm({
  device,
  isPending,
  onConfirm,
  onCancel,
}: {
  device: TrustedDevice;
  isPending: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const questionRef = useRef<HTMLParagraphElement>(null);
  // Start reading at the question.
  useEffect(() => questionRef.current?.focus(), []);
  const questionId = `confirm-${device.id}`;
  return (
    <div className="confirm" role="group" aria-labelledby={questionId}>
      <p id={questionId} ref={questionRef} tabIndex={-1} className="strong">
        {t('account.devices.confirmQuestion')}
      </p>
      <p>{t(device.current ? 'account.devices.confirmThis' : 'account.devices.confirmOther')}</p>
      <div className="button-row">
        <PendingButton className="button button-danger" onPress={onConfirm} isPending={isPending}>
          {t('account.devices.confirmYes')}
        </PendingButton>
        <Button className="button button-secondary" onPress={onCancel}>
          {t('account.devices.confirmNo')}
        </Button>
      </div>
    </div>
  );
}
