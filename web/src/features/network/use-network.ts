import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import { meQueryKey } from '../auth/use-me';
import type { NetworkReply } from './types';

export const networkQueryKey = (clientId: string) => ['portal', clientId, 'network'] as const;

/** The client's network: the people, and (for a manager) their rights and the pending invitations. */
export function useNetwork(clientId: string) {
  return useQuery({
    queryKey: networkQueryKey(clientId),
    queryFn: ({ signal }) => api<NetworkReply>(`/portals/${encodeURIComponent(clientId)}/network`, { signal }),
    // Another manager may change the network at any time: ask again when the page opens.
    staleTime: 0,
  });
}

/**
 * After a change: the list, and /api/me and the portal overview, which carry the viewer's own
 * rights (a manager may change their own).
 */
export function useRefreshNetwork(clientId: string) {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: networkQueryKey(clientId) }),
      queryClient.invalidateQueries({ queryKey: meQueryKey }),
      queryClient.invalidateQueries({ queryKey: ['portal', clientId, 'overview'] }),
    ]);
}

export const networkPath = (clientId: string, rest = '') => `/portals/${encodeURIComponent(clientId)}/network${rest}`;
