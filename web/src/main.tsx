import { QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router';
import { setUnauthenticatedHandler } from './api/client';
import { createQueryClient } from './app/query-client';
import { createAppRouter } from './app/router';
import { clearLoggedIn } from './features/auth/session-flag';
import type { LoginLocationState } from './features/auth/login-state';
import { initI18n } from './i18n';
import './styles.css';

// React Aria adds a <style> tag for the touch-action of pressable elements; the server's CSP
// (style-src 'self') blocks inline styles, so the same rule lives in styles.css. An element with
// React Aria's id tells it the rule is already there.
const pressableStyleMarker = document.createElement('meta');
pressableStyleMarker.id = 'react-aria-pressable-style';
document.head.append(pressableStyleMarker);

initI18n();
const queryClient = createQueryClient();
const router = createAppRouter();

// The session ended (idle or absolute timeout, or logged out elsewhere): forget everything we
// loaded, so that nothing personal stays on screen, and ask to log in again.
setUnauthenticatedHandler(() => {
  const wasLoggedIn = clearLoggedIn();
  queryClient.clear();
  const { location, navigation } = router.state;
  if (location.pathname === '/inloggen' || navigation.location?.pathname === '/inloggen') return;
  const state: LoginLocationState = {
    notice: wasLoggedIn ? 'sessionEnded' : undefined,
    from: location.pathname,
  };
  void router.navigate('/inloggen', { replace: true, state });
});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>
  </StrictMode>,
);
