import { useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { api, setCsrfToken } from '../../api/client';
import type { SmsView } from '../../api/types';
import type { LoginLocationState } from './login-state';
import { markLoggedIn } from './session-flag';

export const smsQueryKey = ['auth', 'sms'] as const;

export const smsPagePath = '/inloggen/code';

/** The SMS step in progress in this browser (GET /api/auth/sms); a reload of the SMS page asks again. */
export function useSmsStep(enabled: boolean) {
  return useQuery({
    queryKey: smsQueryKey,
    queryFn: ({ signal }) => api<SmsView>('/auth/sms', { signal }),
    staleTime: Infinity,
    enabled,
  });
}

/**
 * After an answer `sms_required` (login, reset, invitation): the SMS page shows what the answer
 * says without asking the server again. `from` is where a login should end up afterwards.
 */
export function useGoToSmsStep() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  return (sms: SmsView, state: LoginLocationState = {}) => {
    // Whatever a previous person loaded in this tab must not show up for this one.
    queryClient.clear();
    queryClient.setQueryData(smsQueryKey, sms);
    void navigate(smsPagePath, { state });
  };
}

/**
 * The login is complete: remember the CSRF token and forget everything loaded before (a previous
 * person's data, "not logged in" answers, the finished SMS step). A page that still shows a query
 * must disable it first, or it would be fetched again.
 */
export function startSignedIn(queryClient: QueryClient, csrfToken: string): void {
  setCsrfToken(csrfToken);
  markLoggedIn();
  queryClient.clear();
}
