import type { RouteObject } from 'react-router';
import type { Me } from '../api/types';
import { RequireSession } from '../features/auth/require-session';
import { PortalShell } from '../features/portal/portal-shell';
import { johannaId, me } from './fixtures';
import { json, mockApi, renderRoutes } from './render';

/**
 * Renders pages of a client's portal as a logged-in person sees them: behind the session check,
 * inside the portal shell (bar and navigation). Answers /api/config and /api/me (`person`, Sanne
 * by default); `handlers` add the page's own answers or replace these. `pages` are routes below
 * `/p/:clientId`; `path` is the address below the client's portal to open.
 */
export function renderInPortal({
  pages,
  path,
  clientId = johannaId,
  person = me(),
  handlers = {},
}: {
  pages: RouteObject[];
  path: string;
  clientId?: string;
  person?: Me;
  handlers?: Parameters<typeof mockApi>[0];
}) {
  const api = mockApi({
    'GET /api/config': () => json({ devOutbox: false, sessionIdleMinutes: 30 }),
    'GET /api/me': () => json(person),
    ...handlers,
  });
  const rendered = renderRoutes(
    [{ element: <RequireSession />, children: [{ path: '/p/:clientId', element: <PortalShell />, children: pages }] }],
    path ? `/p/${clientId}/${path}` : `/p/${clientId}`,
  );
  return { ...api, ...rendered };
}
