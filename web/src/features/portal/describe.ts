import type { TFunction } from 'i18next';
import type { Relation } from '../../api/types';

/**
 * How the person relates to the client, in the words the network uses ("buurvrouw", "zoon");
 * the generic Dutch word when no label was given.
 */
export function relationText(t: TFunction, relation: Relation | string, label: string | null): string {
  if (relation === 'legal_representative') {
    return label ? t('portal.relation.legalWithLabel', { label }) : t('portal.relation.legal_representative');
  }
  return label ?? t('portal.relation.contact');
}

/** The API's role names on the "Algemeen" page, mapped to the relation they stand for. */
export function relationFromRole(role: string): Relation {
  if (role === 'client') return 'self';
  if (role === 'legal_representative') return 'legal_representative';
  return 'contact';
}

/** One plain-Dutch line per right, e.g. 'dossier:read' → "U mag het dossier lezen." */
export function permissionText(t: TFunction, permission: string): string {
  const key = `permissions.${permission.replace(/[^a-z]/g, '_')}`;
  return t(key, { defaultValue: t('permissions.unknown', { code: permission }) });
}

/** The order in which rights are listed: as the sections appear in the portal. */
const order = [
  'dossier:read',
  'agenda:read',
  'agenda:write',
  'messages:use',
  'board:read',
  'board:write',
  'network:manage',
  'agenda:read-department',
  'portal:administer',
];

export function sortPermissions(permissions: readonly string[]): string[] {
  const rank = (p: string) => (order.includes(p) ? order.indexOf(p) : order.length);
  return [...permissions].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

/** "tel:" links need the number without spaces or dashes. */
export function telHref(phone: string): string {
  return `tel:${phone.replace(/[^\d+]/g, '')}`;
}
