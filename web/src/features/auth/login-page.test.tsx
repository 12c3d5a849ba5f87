import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { apiError, json, mockApi, renderRoutes } from '../../test/render';
import { LoginPage } from './login-page';

const config = () => json({ devOutbox: false, sessionIdleMinutes: 30 });

function renderLogin(state?: unknown) {
  return renderRoutes(
    [
      { path: '/inloggen', element: <LoginPage /> },
      { path: '/portalen', element: <p>portalen</p> },
    ],
    // createMemoryRouter accepts { pathname, state } entries.
    state ? ({ pathname: '/inloggen', state } as unknown as string) : '/inloggen',
  );
}

function fillIn(email: string, password: string) {
  fireEvent.change(screen.getByLabelText('E-mailadres'), { target: { value: email } });
  fireEvent.change(screen.getByLabelText('Wachtwoord', { selector: 'input' }), { target: { value: password } });
  fireEvent.click(screen.getByRole('button', { name: 'Inloggen' }));
}

describe('LoginPage', () => {
  it('shows the Dutch text for a wrong password, never the English message', async () => {
    mockApi({ 'GET /api/config': config, 'POST /api/auth/login': () => apiError(401, 'invalid_credentials') });
    renderLogin();
    fillIn('sanne@example.nl', 'fout');
    expect(await screen.findByText(/Het e-mailadres of het wachtwoord klopt niet\./)).toBeTruthy();
    expect(screen.getByRole('alert').textContent).toContain('probeer het opnieuw');
    expect(screen.queryByText(/English text/)).toBeNull();
  });

  it('says how long to wait after too many attempts', async () => {
    mockApi({
      'GET /api/config': config,
      'POST /api/auth/login': () => apiError(429, 'rate_limited', { 'retry-after': '540' }),
    });
    renderLogin();
    fillIn('sanne@example.nl', 'fout');
    expect(await screen.findByText(/Wacht 9 minuten en probeer het dan opnieuw\./)).toBeTruthy();
  });

  it('names empty fields without sending anything', async () => {
    const { calls } = mockApi({ 'GET /api/config': config });
    renderLogin();
    fireEvent.click(screen.getByRole('button', { name: 'Inloggen' }));
    expect(await screen.findByText('Vul uw e-mailadres in.')).toBeTruthy();
    expect(screen.getByText('Vul uw wachtwoord in.')).toBeTruthy();
    expect(document.activeElement).toBe(screen.getByLabelText('E-mailadres'));
    expect(calls.filter((c) => c.key.includes('/auth/login'))).toHaveLength(0);
  });

  it('logs in with the trimmed address and opens the portals page', async () => {
    const { calls } = mockApi({
      'GET /api/config': config,
      'POST /api/auth/login': () => json({ csrfToken: 'token-1', expiresAt: new Date().toISOString() }),
    });
    const { router } = renderLogin();
    fillIn(' Sanne@Example.nl ', 'goed');
    await waitFor(() => expect(router.state.location.pathname).toBe('/portalen'));
    const login = calls.find((c) => c.key === 'POST /api/auth/login');
    expect(JSON.parse(String(login?.init?.body))).toEqual({ email: 'Sanne@Example.nl', password: 'goed' });
  });

  it('tells a person whose session ended why they see the login page', () => {
    mockApi({ 'GET /api/config': config });
    renderLogin({ notice: 'sessionEnded' });
    expect(screen.getByRole('status').textContent).toContain('omdat u een tijd niets heeft gedaan');
  });
});
