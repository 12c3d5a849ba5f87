import { useQuery } from '@tanstack/react-query';
import { useParams } from 'react-router';
import { api } from '../../api/client';
import type { PortalOverview } from '../../api/types';
import { useMe } from '../auth/use-me';

/** The portal of the current URL, as listed in /api/me; undefined when it is not the person's. */
export function useCurrentPortal() {
  const { clientId } = useParams();
  const me = useMe();
  const portal = me.data?.portals.find((p) => p.clientId === clientId);
  return { clientId: clientId ?? '', portal, me: me.data };
}

export function usePortalOverview(clientId: string) {
  return useQuery({
    queryKey: ['portal', clientId, 'overview'],
    queryFn: ({ signal }) => api<PortalOverview>(`/portals/${encodeURIComponent(clientId)}`, { signal }),
  });
}
