import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { AccountSession, TrustedDevice } from '../../api/types';
import { johannaId, overview } from '../../test/fixtures';
import { renderInPortal } from '../../test/portal';
import { apiError, json, type mockApi } from '../../test/render';
import { MyDetailsPage } from './my-details-page';
import { profile } from './profile-fixture';

const here: AccountSession = {
  id: 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa',
  current: true,
  device: 'Firefox · Linux',
  ip: '127.0.0.1',
  createdAt: '2030-01-01T09:00:00Z',
  lastSeenAt: '2030-01-01T10:00:00Z',
};
const phone: AccountSession = {
  ...here,
  id: 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb',
  current: false,
  device: 'Safari · iPhone',
};
const thisBrowser: TrustedDevice = {
  id: 'cccccccc-cccc-4ccc-8ccc-cccccccccccc',
  label: 'Firefox · Linux',
  current: true,
  createdAt: '2030-01-01T09:00:00Z',
  lastUsedAt: '2030-01-01T09:00:00Z',
};
const tablet: TrustedDevice = {
  ...thisBrowser,
  id: 'dddddddd-dddd-4ddd-8ddd-dddddddddddd',
  label: 'Chrome · Android',
  current: false,
};

function renderPage(handlers: Parameters<typeof mockApi>[0] = {}) {
  let sessions = [here, phone];
  let devices = [thisBrowser, tablet];
  return renderInPortal({
    pages: [{ path: 'mijn-gegevens', element: <MyDetailsPage /> }],
    path: 'mijn-gegevens',
    handlers: {
      [`GET /api/portals/${johannaId}`]: () => json(overview()),
      'GET /api/account/sessions': () => json({ sessions }),
      'GET /api/account/devices': () => json({ devices }),
      [`GET /api/account/profile?clientId=${johannaId}`]: () => json(profile()),
      'GET /api/account/mobile': () => apiError(404, 'attempt_not_found'),
      [`DELETE /api/account/sessions/${phone.id}`]: () => {
        sessions = [here];
        return new Response(null, { status: 204 });
      },
      [`DELETE /api/account/devices/${tablet.id}`]: () => {
        devices = [thisBrowser];
        return new Response(null, { status: 204 });
      },
      ...handlers,
    },
  });
}

/** The password form is closed until its button (the section's heading) opens it. */
async function openPassword() {
  const trigger = await screen.findByRole('button', { name: 'Wachtwoord wijzigen' });
  expect(trigger.getAttribute('aria-expanded')).toBe('false');
  fireEvent.click(trigger);
  expect(trigger.getAttribute('aria-expanded')).toBe('true');
  return trigger;
}

const section = (name: string) => screen.getByRole('heading', { level: 2, name }).closest('section')!;

describe('MyDetailsPage', () => {
  it('N3 V7.5.2: lists the sessions with this one marked, and ends another one', async () => {
    const { calls } = renderPage();
    expect(await screen.findByRole('heading', { level: 1, name: 'Mijn gegevens' })).toBeTruthy();
    expect(document.title).toBe('Mijn gegevens – Portaal van Johanna van der Berg – Kring');
    await screen.findAllByText('Safari · iPhone');
    const sessions = section('Waar bent u ingelogd');
    const items = within(sessions).getAllByRole('listitem');
    expect(items.map((li) => within(li).getByRole('heading', { level: 3 }).textContent)).toEqual([
      'Firefox · LinuxDit apparaat',
      'Safari · iPhone',
    ]);
    // This session has no button: logging out here is the header's "Uitloggen".
    expect(within(items[0]!).queryByRole('button')).toBeNull();
    const end = within(items[1]!).getByRole('button', { name: 'Uitloggen op dit apparaat' });
    expect(end.getAttribute('aria-describedby')).toBe(`session-${phone.id}`);

    fireEvent.click(end);
    expect(await within(sessions).findByText('U bent uitgelogd op Safari · iPhone.')).toBeTruthy();
    await waitFor(() => expect(within(sessions).getAllByRole('listitem')).toHaveLength(1));
    expect(document.activeElement).toBe(within(sessions).getByRole('heading', { level: 2 }));
    expect(calls.some((c) => c.key === `DELETE /api/account/sessions/${phone.id}`)).toBe(true);
  });

  it('stops trusting a device only after a confirmation, and can be cancelled', async () => {
    const { calls } = renderPage();
    await screen.findAllByText('Chrome · Android');
    const devices = section('Vertrouwde apparaten');
    const tabletItem = within(devices).getAllByRole('listitem')[1]!;
    expect(within(devices).getAllByRole('listitem')[0]!.textContent).toContain('Dit apparaat');

    fireEvent.click(within(tabletItem).getByRole('button', { name: 'Niet meer vertrouwen' }));
    const question = within(tabletItem).getByText('Weet u het zeker?');
    await waitFor(() => expect(document.activeElement).toBe(question));
    fireEvent.click(within(tabletItem).getByRole('button', { name: 'Nee, laten staan' }));
    expect(within(tabletItem).queryByText('Weet u het zeker?')).toBeNull();
    expect(calls.some((c) => c.key.startsWith('DELETE /api/account/devices'))).toBe(false);

    fireEvent.click(within(tabletItem).getByRole('button', { name: 'Niet meer vertrouwen' }));
    fireEvent.click(within(tabletItem).getByRole('button', { name: 'Ja, niet meer vertrouwen' }));
    expect(await within(devices).findByText(/Chrome · Android is niet meer vertrouwd\./)).toBeTruthy();
    await waitFor(() => expect(within(devices).getAllByRole('listitem')).toHaveLength(1));
  });

  it('changes the password and says that other devices were logged out', async () => {
    const { calls } = renderPage({ 'POST /api/account/password': () => new Response(null, { status: 204 }) });
    const trigger = await openPassword();
    const current = await screen.findByLabelText('Huidig wachtwoord', { selector: 'input' });
    await waitFor(() => expect(document.activeElement).toBe(current));
    const next = screen.getByLabelText('Nieuw wachtwoord', { selector: 'input' });
    expect(current.getAttribute('autocomplete')).toBe('current-password');
    expect(next.getAttribute('autocomplete')).toBe('new-password');
    expect(screen.getByRole('button', { name: 'Huidig wachtwoord tonen' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Nieuw wachtwoord tonen' })).toBeTruthy();
    fireEvent.change(current, { target: { value: 'oud wachtwoord' } });
    fireEvent.change(next, { target: { value: 'paarse fiets op het dak' } });
    fireEvent.click(screen.getByRole('button', { name: 'Nieuw wachtwoord opslaan' }));
    const done = await screen.findByText(/Uw wachtwoord is gewijzigd\. Op andere apparaten bent u uitgelogd\./);
    expect(done.closest('[role="status"]')).toBeTruthy();
    // The form closes; the message stays and takes the focus.
    await waitFor(() => expect(document.activeElement).toBe(done.closest('[role="status"]')));
    expect(trigger.getAttribute('aria-expanded')).toBe('false');
    expect(JSON.parse(String(calls.find((c) => c.key === 'POST /api/account/password')?.init?.body))).toEqual({
      currentPassword: 'oud wachtwoord',
      newPassword: 'paarse fiets op het dak',
    });
    expect((current as HTMLInputElement).value).toBe('');
  });

  it('a wrong current password is named at its field and does not log the person out', async () => {
    const { router } = renderPage({ 'POST /api/account/password': () => apiError(400, 'current_password_wrong') });
    const trigger = await openPassword();
    const current = await screen.findByLabelText('Huidig wachtwoord', { selector: 'input' });
    fireEvent.change(current, { target: { value: 'fout' } });
    fireEvent.change(screen.getByLabelText('Nieuw wachtwoord', { selector: 'input' }), {
      target: { value: 'paarse fiets op het dak' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Nieuw wachtwoord opslaan' }));
    expect(await screen.findByRole('link', { name: /Dit is niet uw huidige wachtwoord\./ })).toBeTruthy();
    expect(current.getAttribute('aria-invalid')).toBe('true');
    // An error keeps the form open with what was typed.
    expect(trigger.getAttribute('aria-expanded')).toBe('true');
    expect((current as HTMLInputElement).value).toBe('fout');
    expect(router.state.location.pathname).toBe(`/p/${johannaId}/mijn-gegevens`);
  });
});
