import type { TFunction } from 'i18next';
import { Switch } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { currentLanguage } from '../../i18n';
import { allPermissions, orderPermissions, type Permission } from './types';

/** i18n keys cannot hold a colon: 'dossier:read' → 'dossier_read'. */
export const permissionKey = (permission: Permission) => permission.replace(':', '_');

/** The right's name on a switch: "Dossier lezen". */
export const permissionLabel = (t: TFunction, permission: Permission) =>
  t(`network.rights.label.${permissionKey(permission)}`);

/**
 * A short summary in words for the list: "Mag agenda bekijken, berichten en prikbord bekijken".
 * The client holds every right on their own portal.
 */
export function rightsSummary(t: TFunction, permissions: readonly string[], isClient: boolean): string {
  if (isClient) return t('network.rights.summaryClient');
  const list = orderPermissions(permissions);
  if (list.length === 0) return t('network.rights.summaryNone');
  const words = list.map((p) => t(`network.rights.short.${permissionKey(p)}`));
  const joined = new Intl.ListFormat(currentLanguage() === 'en' ? 'en-GB' : 'nl-NL', {
    style: 'long',
    type: 'conjunction',
  }).format(words);
  return t('network.rights.summary', { list: joined });
}

/**
 * One switch per right (R26), each with a line of plain Dutch on what it allows. A right the
 * manager does not hold cannot be given (the server refuses it too); it stays visible, with why.
 */
export function RightsSwitches({
  idPrefix,
  selected,
  onToggle,
  isDisabled,
}: {
  idPrefix: string;
  selected: readonly Permission[];
  onToggle: (permission: Permission, on: boolean) => void;
  /** Why a switch cannot be used, or undefined when it can. */
  isDisabled: (permission: Permission) => string | undefined;
}) {
  const { t } = useTranslation();
  return (
    <ul className="rights-list">
      {allPermissions.map((permission) => {
        const id = `${idPrefix}-${permissionKey(permission)}`;
        const disabledWhy = isDisabled(permission);
        const on = selected.includes(permission);
        return (
          <li key={permission} className="right">
            <Switch
              id={id}
              className="switch"
              isSelected={on}
              isDisabled={disabledWhy !== undefined}
              onChange={(value) => {
                // A disabled switch never changes, whatever event reaches it.
                if (disabledWhy === undefined) onToggle(permission, value);
              }}
              aria-describedby={disabledWhy ? `${id}-help ${id}-why` : `${id}-help`}
            >
              <span className="switch-track" aria-hidden="true">
                <span className="switch-thumb" />
              </span>
              <span className="switch-label">{permissionLabel(t, permission)}</span>
              <span className="switch-state" aria-hidden="true">
                {on ? t('network.rights.on') : t('network.rights.off')}
              </span>
            </Switch>
            <p id={`${id}-help`} className="right-help">
              {t(`network.rights.help.${permissionKey(permission)}`)}
            </p>
            {disabledWhy ? (
              <p id={`${id}-why`} className="right-why">
                {disabledWhy}
              </p>
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}
