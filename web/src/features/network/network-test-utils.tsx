/** Shared by the Beheerinstellingen component tests: a portal with the network pages and its API. */
import { me, portal } from '../../test/fixtures';
import { renderInPortal } from '../../test/portal';
import { json, type mockApi } from '../../test/render';
import { InvitePage } from './invite-page';
import { MemberPage } from './member-page';
import { NetworkPage } from './network-page';
import type { NetworkMember, NetworkReply, PendingInvitation, Permission } from './types';

// jsdom has no CSS.escape, which React Aria's FocusScope uses (for the radio buttons on the page)
// while a dialog is open. Browsers have it; a plain stand-in is enough for these names.
if (typeof globalThis.CSS === 'undefined') {
  Object.defineProperty(globalThis, 'CSS', {
    value: { escape: (value: string) => value.replace(/["\\]/g, '\\$&') },
    configurable: true,
  });
}

export const clientId = '11111111-1111-4111-8111-111111111111';
export const johanna = 'aaaaaaaa-0000-4000-8000-000000000001';
export const sanne = 'aaaaaaaa-0000-4000-8000-000000000002';
export const jan = 'aaaaaaaa-0000-4000-8000-000000000003';
export const peter = 'aaaaaaaa-0000-4000-8000-000000000004';

export function member(overrides: Partial<NetworkMember> & Pick<NetworkMember, 'personId'>): NetworkMember {
  return {
    name: 'Jan van den Berg',
    givenName: 'Jan',
    namePrefix: 'van den',
    familyName: 'Berg',
    relation: 'contact',
    relationLabel: 'buurman',
    permissions: ['agenda:read', 'messages:use', 'board:read'],
    accessEndsAt: null,
    isSelf: false,
    ...overrides,
  };
}

/** As the server sends it: sorted by family name without the tussenvoegsel (Berg, Jansen, Vries). */
export function network(overrides: Partial<NetworkReply> = {}): NetworkReply {
  return {
    canManage: true,
    members: [
      member({ personId: jan }),
      member({
        personId: johanna,
        name: 'Johanna Jansen',
        givenName: 'Johanna',
        namePrefix: null,
        familyName: 'Jansen',
        relation: 'self',
        relationLabel: null,
        permissions: [
          'dossier:read',
          'agenda:read',
          'agenda:write',
          'messages:use',
          'board:read',
          'board:write',
          'network:manage',
        ],
      }),
      member({
        personId: sanne,
        name: 'Sanne de Vries',
        givenName: 'Sanne',
        namePrefix: 'de',
        familyName: 'Vries',
        relationLabel: 'dochter',
        permissions: ['agenda:read', 'network:manage'],
        isSelf: true,
      }),
    ],
    pendingInvitations: [],
    ...overrides,
  };
}

export function invitation(overrides: Partial<PendingInvitation> = {}): PendingInvitation {
  return {
    invitationId: 'bbbbbbbb-0000-4000-8000-000000000001',
    name: 'Karel Pietersen',
    givenName: 'Karel',
    namePrefix: null,
    familyName: 'Pietersen',
    email: 'karel@example.nl',
    relation: 'contact',
    relationLabel: 'neef',
    permissions: ['agenda:read', 'messages:use', 'board:read'],
    expiresAt: '2030-01-08T12:00:00Z',
    ...overrides,
  };
}

/** Sanne, the client's daughter, who manages the network; `mine` are her own rights. */
export function renderNetwork(
  path: string,
  {
    data = network(),
    mine = ['agenda:read', 'messages:use', 'board:read', 'network:manage'] as Permission[],
    handlers = {},
    viewerIsClient = false,
  }: {
    data?: NetworkReply;
    mine?: string[];
    handlers?: Parameters<typeof mockApi>[0];
    /** The viewer is Johanna herself. */
    viewerIsClient?: boolean;
  } = {},
) {
  return renderInPortal({
    pages: [
      { path: 'beheer', element: <NetworkPage /> },
      { path: 'beheer/uitnodigen', element: <InvitePage /> },
      { path: 'beheer/persoon/:personId', element: <MemberPage /> },
    ],
    path,
    clientId,
    person: me({
      portals: [
        portal({
          clientId,
          clientName: 'Johanna Jansen',
          clientGivenName: 'Johanna',
          relation: viewerIsClient ? 'self' : 'contact',
          relationLabel: viewerIsClient ? null : 'dochter',
          permissions: mine,
        }),
      ],
    }),
    handlers: { [`GET /api/portals/${clientId}/network`]: () => json(data), ...handlers },
  });
}

/** The JSON body of the last call to `key`. */
export function bodyOf(calls: { key: string; init: RequestInit | undefined }[], key: string): unknown {
  const call = calls.filter((c) => c.key === key).at(-1);
  return call ? JSON.parse(String(call.init?.body)) : undefined;
}
