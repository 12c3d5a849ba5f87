import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { api, setCsrfToken } from '../../api/client';
import type { LoginLocationState } from './login-state';
import { clearLoggedIn } from './session-flag';

/** Ends the session on the server, forgets all loaded data and shows the login page. */
export function useLogout() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  return useMutation({
    mutationFn: () => api<void>('/auth/logout', { method: 'POST' }),
    onSuccess: () => {
      clearLoggedIn();
      setCsrfToken(null);
      queryClient.clear();
      // Replace, so that "back" does not return to the page that was open.
      const state: LoginLocationState = { notice: 'loggedOut' };
      void navigate('/inloggen', { replace: true, state });
    },
  });
}
