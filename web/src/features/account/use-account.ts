import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { AccountSession, TrustedDevice } from '../../api/types';

export const sessionsQueryKey = ['account', 'sessions'] as const;
export const devicesQueryKey = ['account', 'devices'] as const;

/** Where the person is logged in now (N3: V7.5.2). */
export function useSessions() {
  return useQuery({
    queryKey: sessionsQueryKey,
    queryFn: ({ signal }) => api<{ sessions: AccountSession[] }>('/account/sessions', { signal }),
    // Another device may log in or out at any time: always ask when the page opens.
    staleTime: 0,
  });
}

/** Browsers where no SMS code is asked (R8, R11). */
export function useDevices() {
  return useQuery({
    queryKey: devicesQueryKey,
    queryFn: ({ signal }) => api<{ devices: TrustedDevice[] }>('/account/devices', { signal }),
    staleTime: 0,
  });
}
