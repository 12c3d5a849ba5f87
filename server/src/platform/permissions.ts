/**
 * Rights a client grants per person in the network (R26). Typed strings, stored per membership.
 * Nobody gets all of them automatically: the client's own membership ('self') does.
 */
export const permissions = [
  'dossier:read',
  'agenda:read',
  'agenda:write',
  'messages:use',
  'board:read',
  'board:write',
  'network:manage',
] as const;

export type Permission = (typeof permissions)[number];

export function isPermission(value: string): value is Permission {
  return (permissions as readonly string[]).includes(value);
}

/** What a newly invited contact person gets unless the client chooses more (N7): no dossier, no management. */
export const defaultContactPermissions: readonly Permission[] = ['agenda:read', 'board:read', 'messages:use'];
