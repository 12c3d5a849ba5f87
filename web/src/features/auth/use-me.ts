import { useQuery } from '@tanstack/react-query';
import { api, setCsrfToken } from '../../api/client';
import type { Me } from '../../api/types';
import { markLoggedIn } from './session-flag';

export const meQueryKey = ['me'] as const;

/** The logged-in person, their portals and their session; a 401 sends them to the login page. */
export function useMe() {
  return useQuery({
    queryKey: meQueryKey,
    queryFn: async ({ signal }) => {
      const me = await api<Me>('/me', { signal });
      setCsrfToken(me.session.csrfToken);
      markLoggedIn();
      return me;
    },
  });
}
