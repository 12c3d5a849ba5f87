import type { TFunction } from 'i18next';
import type { AccessLogEntry } from './types';

/**
 * What happened, in plain words: each action code has its text under accessLog.actions (dots
 * become underscores). An action this page has no words for yet is still shown, with its code, so
 * that nothing done in the portal stays out of sight.
 */
export function actionText(t: TFunction, entry: AccessLogEntry): string {
  const key = `accessLog.actions.${entry.action.replace(/[^a-zA-Z0-9_]/g, '_')}`;
  const subject = entry.subject;
  return t(key, {
    // "Uw rechten gewijzigd" when it was about the viewer (key_you), else with the person's name.
    context: subject?.isYou ? 'you' : undefined,
    name: subject?.name ?? t('accessLog.someone'),
    defaultValue: t('accessLog.actions.unknown', { code: entry.action }),
  });
}

/** Who did it: "U", their name, or a plain description when the name is not known or not theirs to see. */
export function actorText(t: TFunction, actor: AccessLogEntry['actor']): string {
  if (actor.isYou) return t('accessLog.you');
  switch (actor.kind) {
    case 'person':
      return actor.name ?? t('accessLog.unknownPerson');
    case 'outsider':
      return t('accessLog.outsider');
    case 'system':
      return t('accessLog.system');
    default:
      return t('accessLog.unknownPerson');
  }
}

/** The role they acted in, e.g. "contactpersoon (zoon)" or "zorgmedewerker"; null when it adds nothing. */
export function roleText(t: TFunction, actor: AccessLogEntry['actor']): string | null {
  if (actor.isYou || !actor.role || actor.kind === 'system' || actor.kind === 'outsider') return null;
  const role = t(`accessLog.roles.${actor.role}`, { defaultValue: '' });
  if (!role) return null;
  return actor.relationLabel ? t('accessLog.roleWithLabel', { role, label: actor.relationLabel }) : role;
}
