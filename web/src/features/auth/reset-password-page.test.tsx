import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { smsView } from '../../test/fixtures';
import { apiError, json, mockApi, renderRoutes } from '../../test/render';
import { ResetPasswordPage } from './reset-password-page';

const token = 'reset-token-1234567890';
const config = () => json({ devOutbox: false, sessionIdleMinutes: 30 });

function rejected(reason: string) {
  return json(
    {
      error: {
        code: 'password_rejected',
        message: 'English',
        details: [{ field: 'password', code: reason, message: 'x' }],
      },
    },
    400,
  );
}

function renderReset(handlers: Parameters<typeof mockApi>[0], url = `/wachtwoord-herstellen?token=${token}`) {
  const api = mockApi({ 'GET /api/config': config, ...handlers });
  const rendered = renderRoutes(
    [
      { path: '/wachtwoord-herstellen', element: <ResetPasswordPage /> },
      { path: '/inloggen/code', element: <p>sms-pagina</p> },
      { path: '/wachtwoord-vergeten', element: <p>wachtwoord-vergeten</p> },
    ],
    url,
  );
  return { ...api, ...rendered };
}

const valid = () => json({ valid: true });
const passwordField = () => screen.getByLabelText('Nieuw wachtwoord', { selector: 'input' });

function choose(password: string) {
  fireEvent.change(passwordField(), { target: { value: password } });
  fireEvent.click(screen.getByRole('button', { name: 'Verder' }));
}

describe('ResetPasswordPage', () => {
  it('N3: shows the rules in plain Dutch before anything is typed, linked to the field', async () => {
    renderReset({ 'POST /api/auth/password-reset/check': valid });
    expect(await screen.findByRole('heading', { level: 1, name: 'Kies een nieuw wachtwoord' })).toBeTruthy();
    const rules = document.getElementById('password-rules')!;
    expect(rules.textContent).toContain('Gebruik minstens 8 tekens.');
    expect(rules.textContent).toContain('Een zin van een paar woorden is makkelijk te onthouden en moeilijk te raden.');
    expect(rules.textContent).toContain('zijn niet nodig');
    expect(passwordField().getAttribute('aria-describedby')).toContain('password-rules');
    expect(passwordField().getAttribute('autocomplete')).toBe('new-password');
    // R4: the same field with the eye button as on the login page.
    expect(screen.getByRole('button', { name: 'Nieuw wachtwoord tonen' })).toBeTruthy();
  });

  it('a password that is too short is named before it is sent', async () => {
    const { calls } = renderReset({ 'POST /api/auth/password-reset/check': valid });
    await screen.findByLabelText('Nieuw wachtwoord', { selector: 'input' });
    choose('kort');
    expect(await screen.findByText(/Dit wachtwoord is te kort\. Gebruik minstens 8 tekens\./)).toBeTruthy();
    expect(document.activeElement).toBe(passwordField());
    expect(calls.some((c) => c.key.includes('complete'))).toBe(false);
  });

  it.each([
    ['too_common', /Dit wachtwoord gebruiken veel mensen/],
    ['personal', /In dit wachtwoord staat uw naam, uw e-mailadres of de naam van uw zorgorganisatie\./],
    ['too_guessable', /Dit wachtwoord is te makkelijk te raden\./],
    ['too_long', /Dit wachtwoord is te lang\. Gebruik hoogstens 128 tekens\./],
  ])('says in plain Dutch why the server refused it: %s', async (reason, text) => {
    renderReset({
      'POST /api/auth/password-reset/check': valid,
      'POST /api/auth/password-reset/complete': () => rejected(reason),
    });
    await screen.findByLabelText('Nieuw wachtwoord', { selector: 'input' });
    choose('welkom123welkom');
    expect(await screen.findByText(text)).toBeTruthy();
    expect(passwordField().getAttribute('aria-invalid')).toBe('true');
  });

  it('N4: an accepted password goes on to the SMS step', async () => {
    const { router, queryClient } = renderReset({
      'POST /api/auth/password-reset/check': valid,
      'POST /api/auth/password-reset/complete': () =>
        json({ status: 'sms_required', sms: smsView({ purpose: 'password_reset' }) }),
    });
    await screen.findByLabelText('Nieuw wachtwoord', { selector: 'input' });
    choose('paarse fiets op het dak');
    await waitFor(() => expect(router.state.location.pathname).toBe('/inloggen/code'));
    expect(queryClient.getQueryData(['auth', 'sms'])).toMatchObject({ purpose: 'password_reset' });
  });

  it.each([
    ['link_invalid', 404, 'Deze link werkt niet'],
    ['link_expired', 410, 'Deze link is verlopen'],
    ['link_used', 410, 'Deze link is al gebruikt'],
  ])('a link that does not work (%s) says so and offers a new one', async (code, status, title) => {
    renderReset({ 'POST /api/auth/password-reset/check': () => apiError(status, code) });
    expect(await screen.findByRole('heading', { level: 1, name: title })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Vraag een nieuwe link aan' }).getAttribute('href')).toBe(
      '/wachtwoord-vergeten',
    );
    expect(screen.queryByLabelText('Nieuw wachtwoord', { selector: 'input' })).toBeNull();
  });

  it('a link without a token is not sent to the server', async () => {
    const { calls } = renderReset({}, '/wachtwoord-herstellen');
    expect(await screen.findByRole('heading', { level: 1, name: 'Deze link werkt niet' })).toBeTruthy();
    expect(calls.some((c) => c.key.includes('password-reset'))).toBe(false);
  });
});
