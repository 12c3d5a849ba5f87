import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { johannaId, me, smsView } from '../../test/fixtures';
import { apiError, json, mockApi, renderRoutes } from '../../test/render';
import { InvitationPage } from './invitation-page';
import type { InvitationDetails } from './types';

const token = 'invite-token-1234567890';
const config = () => json({ devOutbox: false, sessionIdleMinutes: 30 });

function invitation(overrides: Partial<InvitationDetails> = {}): InvitationDetails {
  return {
    givenName: 'Lotte',
    email: 'lotte@example.nl',
    maskedMobile: '•• •• •• •• 99',
    clientName: 'Gerrit Kok',
    relation: 'contact',
    organisationName: 'Zorggroep De Linde',
    expiresAt: '2030-01-08T00:00:00Z',
    existingAccount: false,
    ...overrides,
  };
}

function renderInvitation(handlers: Parameters<typeof mockApi>[0]) {
  const api = mockApi({ 'GET /api/config': config, ...handlers });
  const rendered = renderRoutes(
    [
      { path: '/uitnodiging', element: <InvitationPage /> },
      { path: '/inloggen/code', element: <p>sms-pagina</p> },
      { path: '/inloggen', element: <p>inlogpagina</p> },
      { path: '/p/:clientId', element: <p>portaal</p> },
    ],
    `/uitnodiging?token=${token}`,
  );
  return { ...api, ...rendered };
}

const passwordField = () => screen.getByLabelText('Kies een wachtwoord', { selector: 'input' });

describe('InvitationPage', () => {
  it('I2: welcomes the invitee, names whose portal it is and shows the login address', async () => {
    renderInvitation({ 'POST /api/invitations/view': () => json(invitation()) });
    expect(await screen.findByRole('heading', { level: 1, name: 'Welkom, Lotte.' })).toBeTruthy();
    expect(screen.getByText('U bent uitgenodigd voor het portaal van Gerrit Kok (Zorggroep De Linde).')).toBeTruthy();
    expect(screen.getByText('lotte@example.nl')).toBeTruthy();
    expect(screen.getByText(/We sturen een sms-code naar/).textContent).toContain(
      '•• •• •• •• 99. Klopt dit nummer niet? Vul dan uw mobiele nummer in.',
    );
    expect(document.getElementById('password-rules')?.textContent).toContain('Gebruik minstens 8 tekens.');
  });

  it('sends the password, and the mobile number only when the invitee corrects it', async () => {
    const { calls, router } = renderInvitation({
      'POST /api/invitations/view': () => json(invitation()),
      'POST /api/invitations/accept': () => json({ status: 'sms_required', sms: smsView({ purpose: 'invitation' }) }),
    });
    await screen.findByRole('heading', { level: 1 });
    fireEvent.change(passwordField(), { target: { value: 'paarse fiets op het dak' } });
    fireEvent.click(screen.getByRole('button', { name: 'Verder' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/inloggen/code'));
    const accept = calls.find((c) => c.key === 'POST /api/invitations/accept');
    expect(JSON.parse(String(accept?.init?.body))).toEqual({ token, password: 'paarse fiets op het dak' });
  });

  it('lists what to correct in a summary that takes focus and links to the fields', async () => {
    renderInvitation({
      'POST /api/invitations/view': () => json(invitation()),
      'POST /api/invitations/accept': () =>
        json(
          {
            error: {
              code: 'validation_failed',
              message: 'English',
              details: [{ field: 'mobile', code: 'invalid_mobile', message: 'x' }],
            },
          },
          400,
        ),
    });
    await screen.findByRole('heading', { level: 1 });
    fireEvent.change(passwordField(), { target: { value: 'paarse fiets op het dak' } });
    fireEvent.change(screen.getByLabelText('Ander mobiel nummer (niet verplicht)'), {
      target: { value: '020 123 4567' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Verder' }));
    const summary = await screen.findByRole('heading', { level: 2, name: 'Dit is nog niet goed ingevuld:' });
    await waitFor(() => expect(document.activeElement).toBe(summary.parentElement));
    const link = screen.getByRole('link', { name: /Dit is geen mobiel nummer\./ });
    expect(link.getAttribute('href')).toBe('#mobile');
    fireEvent.click(link);
    expect(document.activeElement).toBe(screen.getByLabelText('Ander mobiel nummer (niet verplicht)'));
  });

  it('asks for the number when none is known', async () => {
    const { calls } = renderInvitation({
      'POST /api/invitations/view': () => json(invitation({ maskedMobile: null })),
    });
    await screen.findByRole('heading', { level: 1 });
    fireEvent.change(passwordField(), { target: { value: 'paarse fiets op het dak' } });
    fireEvent.click(screen.getByRole('button', { name: 'Verder' }));
    expect(await screen.findByRole('link', { name: 'Vul uw mobiele nummer in.' })).toBeTruthy();
    expect(calls.some((c) => c.key.includes('accept'))).toBe(false);
  });

  it.each([
    ['link_expired', 410, 'Deze uitnodiging is verlopen'],
    ['link_used', 410, 'Deze uitnodiging is al gebruikt'],
    ['link_invalid', 404, 'Deze uitnodiging werkt niet'],
  ])('a link that does not work (%s) says how to get a new invitation', async (code, status, title) => {
    renderInvitation({ 'POST /api/invitations/view': () => apiError(status, code) });
    expect(await screen.findByRole('heading', { level: 1, name: title })).toBeTruthy();
    expect(screen.getByText('Vraag een nieuwe uitnodiging aan bij wie u heeft uitgenodigd.')).toBeTruthy();
  });

  it('a link that does not work says the invitation may no longer hold because the inviter no longer manages', async () => {
    renderInvitation({ 'POST /api/invitations/view': () => apiError(404, 'link_invalid') });
    expect(await screen.findByRole('heading', { level: 1, name: 'Deze uitnodiging werkt niet' })).toBeTruthy();
    expect(
      screen.getByText(
        /Of de uitnodiging geldt niet meer: die is ingetrokken, of wie u uitnodigde beheert het portaal niet meer\./,
      ),
    ).toBeTruthy();
  });

  describe('for an address that already has an account', () => {
    const existing = () => json(invitation({ existingAccount: true, email: 'lotte@example.nl' }));
    const lotte = () => json(me({ person: { ...me().person, email: 'Lotte@Example.nl', givenName: 'Lotte' } }));

    it('not logged in: no password form, but a login that comes back to the invitation', async () => {
      const { router } = renderInvitation({
        'POST /api/invitations/view': existing,
        'GET /api/me': () => apiError(401, 'unauthenticated'),
      });
      expect(await screen.findByRole('heading', { level: 1, name: 'Welkom, Lotte.' })).toBeTruthy();
      expect(screen.getByText('U bent uitgenodigd voor het portaal van Gerrit Kok (Zorggroep De Linde).')).toBeTruthy();
      expect(await screen.findByText(/Log in met lotte@example\.nl en uw eigen wachtwoord\./)).toBeTruthy();
      expect(screen.queryByLabelText('Kies een wachtwoord', { selector: 'input' })).toBeNull();
      fireEvent.click(screen.getByRole('link', { name: 'Inloggen' }));
      await waitFor(() => expect(router.state.location.pathname).toBe('/inloggen'));
      expect(router.state.location.state).toEqual({ from: `/uitnodiging?token=${token}` });
    });

    it('logged in as the invited person: one button accepts and opens the portal', async () => {
      const { calls, router } = renderInvitation({
        'POST /api/invitations/view': existing,
        'GET /api/me': lotte,
        'POST /api/invitations/join': () => json({ clientId: johannaId }),
      });
      expect(await screen.findByText(/U bent ingelogd als lotte@example\.nl\./)).toBeTruthy();
      fireEvent.click(screen.getByRole('button', { name: 'Uitnodiging aannemen' }));
      await waitFor(() => expect(router.state.location.pathname).toBe(`/p/${johannaId}`));
      const join = calls.find((c) => c.key === 'POST /api/invitations/join');
      expect(JSON.parse(String(join?.init?.body))).toEqual({ token });
      expect(new Headers(join?.init?.headers).get('x-csrf-token')).toBe('csrf');
    });

    it('says so when the invitation was used or withdrawn in the meantime', async () => {
      renderInvitation({
        'POST /api/invitations/view': existing,
        'GET /api/me': lotte,
        'POST /api/invitations/join': () => apiError(410, 'link_used'),
      });
      fireEvent.click(await screen.findByRole('button', { name: 'Uitnodiging aannemen' }));
      expect(await screen.findByRole('heading', { level: 1, name: 'Deze uitnodiging is al gebruikt' })).toBeTruthy();
    });

    it('logged in as someone else: says for whom it is, and logs out to log in again, coming back here', async () => {
      const { router, calls } = renderInvitation({
        'POST /api/invitations/view': existing,
        'GET /api/me': () => json(me()),
        'POST /api/auth/logout': () => new Response(null, { status: 204 }),
      });
      expect(
        await screen.findByRole('heading', { level: 1, name: 'Deze uitnodiging is voor een ander account' }),
      ).toBeTruthy();
      expect(
        screen.getByText('U bent nu ingelogd als sanne@example.nl. De uitnodiging is voor lotte@example.nl.'),
      ).toBeTruthy();
      expect(screen.queryByRole('button', { name: 'Uitnodiging aannemen' })).toBeNull();
      fireEvent.click(screen.getByRole('button', { name: 'Uitloggen en opnieuw inloggen' }));
      await waitFor(() => expect(router.state.location.pathname).toBe('/inloggen'));
      expect(router.state.location.state).toEqual({ notice: 'loggedOut', from: `/uitnodiging?token=${token}` });
      expect(calls.some((c) => c.key === 'POST /api/invitations/join')).toBe(false);
    });
  });
});
