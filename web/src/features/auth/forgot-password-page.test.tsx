import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { apiError, json, mockApi, renderRoutes } from '../../test/render';
import { ForgotPasswordPage } from './forgot-password-page';

const config = () => json({ devOutbox: false, sessionIdleMinutes: 30 });

function renderForgot(handlers: Parameters<typeof mockApi>[0] = {}) {
  const api = mockApi({ 'GET /api/config': config, ...handlers });
  return {
    ...api,
    ...renderRoutes([{ path: '/wachtwoord-vergeten', element: <ForgotPasswordPage /> }], '/wachtwoord-vergeten'),
  };
}

describe('ForgotPasswordPage', () => {
  it('R3: explains why we send a link and not a password', () => {
    renderForgot();
    expect(screen.getByRole('heading', { level: 2, name: 'Waarom een link en geen wachtwoord?' })).toBeTruthy();
    expect(screen.getByText(/Iemand die uw e-mail ziet, kan een wachtwoord in die e-mail lezen\./)).toBeTruthy();
  });

  it('N4: always gives the same answer afterwards, and moves focus to it', async () => {
    const { calls } = renderForgot({ 'POST /api/auth/password-reset': () => json({ received: true }, 202) });
    fireEvent.change(screen.getByLabelText('E-mailadres'), { target: { value: ' iemand@example.nl ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Stuur mij een link' }));
    const heading = await screen.findByRole('heading', { level: 1, name: 'Kijk in uw e-mail' });
    await waitFor(() => expect(document.activeElement).toBe(heading));
    expect(screen.getByRole('status').textContent).toBe(
      'Als dit e-mailadres bij ons bekend is, krijgt u binnen een paar minuten een e-mail met een link. De link werkt 60 minuten.',
    );
    expect(JSON.parse(String(calls.find((c) => c.key.includes('password-reset'))?.init?.body))).toEqual({
      email: 'iemand@example.nl',
    });
  });

  it('checks the address before sending', () => {
    const { calls } = renderForgot();
    fireEvent.change(screen.getByLabelText('E-mailadres'), { target: { value: 'geen-adres' } });
    fireEvent.click(screen.getByRole('button', { name: 'Stuur mij een link' }));
    expect(screen.getByText(/Dit is geen e-mailadres\./)).toBeTruthy();
    expect(calls.some((c) => c.key.includes('password-reset'))).toBe(false);
  });

  it('says how long to wait after too many requests', async () => {
    renderForgot({ 'POST /api/auth/password-reset': () => apiError(429, 'rate_limited', { 'retry-after': '1200' }) });
    fireEvent.change(screen.getByLabelText('E-mailadres'), { target: { value: 'iemand@example.nl' } });
    fireEvent.click(screen.getByRole('button', { name: 'Stuur mij een link' }));
    expect(await screen.findByText(/Wacht 20 minuten en probeer het dan opnieuw\./)).toBeTruthy();
  });
});
