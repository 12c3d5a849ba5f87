import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { smsView } from '../../test/fixtures';
import { apiError, json, mockApi, renderRoutes } from '../../test/render';
import { LoginPage } from './login-page';

const config = () => json({ devOutbox: false, sessionIdleMinutes: 30 });

function renderLogin(state?: unknown) {
  return renderRoutes(
    [
      { path: '/inloggen', element: <LoginPage /> },
      { path: '/portalen', element: <p>portalen</p> },
      { path: '/inloggen/code', element: <p>sms-pagina</p> },
      { path: '/wachtwoord-vergeten', element: <p>wachtwoord-vergeten</p> },
      { path: '/hulp', element: <p>hulp</p> },
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

  it('counts a short wait in seconds', async () => {
    mockApi({
      'GET /api/config': config,
      'POST /api/auth/login': () => apiError(429, 'rate_limited', { 'retry-after': '15' }),
    });
    renderLogin();
    fillIn('sanne@example.nl', 'fout');
    expect(await screen.findByText(/Wacht 15 seconden en probeer het dan opnieuw\./)).toBeTruthy();
  });

  it('R7: goes to the SMS page when the server sent a code, and keeps where to return to', async () => {
    mockApi({
      'GET /api/config': config,
      'POST /api/auth/login': () => json({ status: 'sms_required', sms: smsView() }),
    });
    const { router, queryClient } = renderLogin({ from: '/p/abc' });
    fillIn('sanne@example.nl', 'goed');
    await waitFor(() => expect(router.state.location.pathname).toBe('/inloggen/code'));
    expect(router.state.location.state).toEqual({ from: '/p/abc' });
    // The SMS page shows the answer without asking the server again.
    expect(queryClient.getQueryData(['auth', 'sms'])).toEqual(smsView());
  });

  it('R3: after too many wrong passwords, points to "Wachtwoord vergeten?"', async () => {
    mockApi({ 'GET /api/config': config, 'POST /api/auth/login': () => apiError(423, 'account_blocked') });
    renderLogin();
    fillIn('sanne@example.nl', 'fout');
    const alert = await screen.findByRole('alert');
    await waitFor(() => expect(alert.textContent).toContain('Er is te vaak een verkeerd wachtwoord ingevuld.'));
    expect(within(alert).getByRole('link', { name: 'Wachtwoord vergeten?' }).getAttribute('href')).toBe(
      '/wachtwoord-vergeten',
    );
  });

  it('without a known mobile number, points to the helpdesk form', async () => {
    mockApi({ 'GET /api/config': config, 'POST /api/auth/login': () => apiError(409, 'no_mobile') });
    renderLogin();
    fillIn('sanne@example.nl', 'goed');
    const alert = await screen.findByRole('alert');
    await waitFor(() => expect(alert.textContent).toContain('We hebben geen mobiel nummer van u.'));
    expect(within(alert).getByRole('link', { name: 'Vraag hulp aan de helpdesk' }).getAttribute('href')).toBe('/hulp');
  });

  it('when the SMS could not be sent, offers to try again with the same details', async () => {
    let tries = 0;
    const { calls } = mockApi({
      'GET /api/config': config,
      'POST /api/auth/login': () =>
        ++tries === 1 ? apiError(502, 'sms_failed') : json({ status: 'sms_required', sms: smsView() }),
    });
    const { router } = renderLogin();
    fillIn('sanne@example.nl', 'goed');
    expect(await screen.findByText(/Het versturen van de sms is niet gelukt\./)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Opnieuw proberen' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/inloggen/code'));
    const logins = calls.filter((c) => c.key === 'POST /api/auth/login');
    expect(logins.map((c) => JSON.parse(String(c.init?.body)))).toEqual([
      { email: 'sanne@example.nl', password: 'goed' },
      { email: 'sanne@example.nl', password: 'goed' },
    ]);
  });

  it('R3, R12: links to "Wachtwoord vergeten?" and to the helpdesk form', () => {
    mockApi({ 'GET /api/config': config });
    renderLogin();
    expect(screen.getByRole('link', { name: 'Wachtwoord vergeten?' }).getAttribute('href')).toBe(
      '/wachtwoord-vergeten',
    );
    expect(screen.getByRole('link', { name: 'Vraag hulp' }).getAttribute('href')).toBe('/hulp');
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
      'POST /api/auth/login': () =>
        json({ status: 'signed_in', csrfToken: 'token-1', expiresAt: new Date().toISOString() }),
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
