import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from './confirm-dialog';

/**
 * R27: the dossier is personal, so granting the right to read it asks once more, in words that say
 * why. Only "yes" turns the switch on; "no", Escape or closing leaves it off.
 */
export function DossierDialog({
  isOpen,
  personName,
  clientGivenName,
  viewerIsClient,
  onYes,
  onNo,
}: {
  isOpen: boolean;
  /** The person who would get the right; empty while the invitation form has no name yet. */
  personName: string;
  clientGivenName: string;
  viewerIsClient: boolean;
  onYes: () => void;
  onNo: () => void;
}) {
  const { t } = useTranslation();
  const name = personName.trim() || t('network.dossier.thisPerson');
  return (
    <ConfirmDialog
      isOpen={isOpen}
      title={t('network.dossier.title')}
      confirmLabel={t('network.dossier.yes')}
      cancelLabel={t('network.dossier.no')}
      onConfirm={onYes}
      onCancel={onNo}
    >
      <p>
        {viewerIsClient
          ? t('network.dossier.personalSelf')
          : t('network.dossier.personalOther', { givenName: clientGivenName })}
      </p>
      <p>
        {viewerIsClient
          ? t('network.dossier.trustSelf')
          : t('network.dossier.trustOther', { givenName: clientGivenName })}
      </p>
      <p className="strong">{t('network.dossier.question', { name })}</p>
    </ConfirmDialog>
  );
}
