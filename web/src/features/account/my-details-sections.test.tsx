import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { SmsView } from '../../api/types';
import { johannaId, overview } from '../../test/fixtures';
import { renderInPortal } from '../../test/portal';
import { apiError, json, mockApi, renderRoutes } from '../../test/render';
import { ConfirmEmailPage } from './confirm-email-page';
import { MyDetailsPage } from './my-details-page';
import { profile } from './profile-fixture';
import type { Profile } from './profile-types';

const codeStep = (): SmsView => ({
  purpose: 'mobile_change',
  maskedMobile: '•• •• •• •• 99',
  codeExpiresAt: new Date(Date.now() + 5 * 60_000).toISOString(),
  resendAvailableAt: new Date(Date.now() - 1000).toISOString(),
  attemptExpiresAt: new Date(Date.now() + 30 * 60_000).toISOString(),
});

function renderPage(handlers: Parameters<typeof mockApi>[0] = {}, own: Partial<Profile> = {}) {
  return renderInPortal({
    pages: [{ path: 'mijn-gegevens', element: <MyDetailsPage /> }],
    path: 'mijn-gegevens',
    handlers: {
      [`GET /api/portals/${johannaId}`]: () => json(overview()),
      'GET /api/account/sessions': () => json({ sessions: [] }),
      'GET /api/account/devices': () => json({ devices: [] }),
      [`GET /api/account/profile?clientId=${johannaId}`]: () => json(profile(own)),
      'GET /api/account/mobile': () => apiError(404, 'attempt_not_found'),
      ...handlers,
    },
  });
}

const section = (name: string) => screen.getByRole('heading', { level: 2, name }).closest('section')!;
const findSection = async (name: string) =>
  (await screen.findByRole('heading', { level: 2, name })).closest('section')!;
/** Opens a change form with the button that is its section's heading. */
async function openPart(name: string) {
  const part = await findSection(name);
  const trigger = within(part).getByRole('button', { name });
  expect(trigger.getAttribute('aria-expanded')).toBe('false');
  fireEvent.click(trigger);
  expect(trigger.getAttribute('aria-expanded')).toBe('true');
  return part;
}
const bodyOf = (calls: { key: string; init?: RequestInit }[], key: string) =>
  JSON.parse(String(calls.find((c) => c.key === key)?.init?.body)) as unknown;

describe('Mijn gegevens: the own data (R28, R29)', () => {
  it('shows name, date of birth and address where known, and names the mailbox for other changes', async () => {
    renderPage(
      {},
      {
        dateOfBirth: '1938-04-12',
        address: { street: 'Berkenlaan', houseNumber: '12', postalCode: '3581 AB', city: 'Utrecht' },
      },
    );
    await screen.findByText('Sanne de Vries');
    const data = section('Uw gegevens');
    expect(within(data).getByText('12 april 1938')).toBeTruthy();
    expect(within(data).getByText('Berkenlaan 12')).toBeTruthy();
    expect(within(data).getByText('3581 AB Utrecht')).toBeTruthy();
    expect(within(data).getByText('06 12345678')).toBeTruthy();
    expect(within(data).getByText(/Geef een wijziging door aan clientportaal@example\.nl\./)).toBeTruthy();
    // The link opens the form, and the message field takes the focus.
    fireEvent.click(within(data).getByRole('link', { name: 'Geef een wijziging door' }));
    await waitFor(() => expect(document.activeElement).toBe(screen.getByLabelText('Wat moet er anders?')));
    expect(screen.getByRole('button', { name: 'Wijziging doorgeven' }).getAttribute('aria-expanded')).toBe('true');
  });

  it('says "niet bekend" for what is not known', async () => {
    renderPage({}, { mobile: null });
    await screen.findByText('Sanne de Vries');
    expect(within(section('Uw gegevens')).getAllByText('niet bekend')).toHaveLength(3);
  });
});

describe('the change forms are closed until their button opens them', () => {
  it('shows no form at first; each button opens its own in place', async () => {
    renderPage();
    await screen.findByText('Sanne de Vries');
    for (const name of [
      'E-mailadres wijzigen',
      'Mobiel nummer wijzigen',
      'Wijziging doorgeven',
      'Wachtwoord wijzigen',
    ]) {
      const part = await findSection(name);
      const trigger = within(part).getByRole('button', { name });
      expect(trigger.getAttribute('aria-expanded'), name).toBe('false');
      expect(within(part).queryByRole('textbox'), name).toBeNull();
    }
    expect(screen.queryByRole('button', { name: 'Stuur de link' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Wijziging versturen' })).toBeNull();

    const email = await openPart('E-mailadres wijzigen');
    await waitFor(() => expect(document.activeElement).toBe(within(email).getByLabelText('Nieuw e-mailadres')));
    expect(within(email).getByText(/Nu is dat: sanne@example\.nl/)).toBeTruthy();
    // The other forms stay closed.
    expect(screen.queryByRole('button', { name: 'Stuur de code' })).toBeNull();
  });

  it('"Annuleren" closes the form, gives focus back to its button and forgets the password', async () => {
    const { calls } = renderPage();
    const email = await openPart('E-mailadres wijzigen');
    const password = within(email).getByLabelText('Uw wachtwoord', { selector: 'input' }) as HTMLInputElement;
    fireEvent.change(within(email).getByLabelText('Nieuw e-mailadres'), { target: { value: 'nieuw@example.nl' } });
    fireEvent.change(password, { target: { value: 'geheim' } });
    fireEvent.click(within(email).getByRole('button', { name: 'Annuleren' }));
    const trigger = within(email).getByRole('button', { name: 'E-mailadres wijzigen' });
    expect(trigger.getAttribute('aria-expanded')).toBe('false');
    await waitFor(() => expect(document.activeElement).toBe(trigger));
    expect(within(email).queryByRole('button', { name: 'Stuur de link' })).toBeNull();
    expect(password.value).toBe('');
    expect(calls.some((c) => c.key === 'POST /api/account/email')).toBe(false);

    fireEvent.click(trigger);
    expect((within(email).getByLabelText('Nieuw e-mailadres') as HTMLInputElement).value).toBe('nieuw@example.nl');
  });
});

describe('E-mailadres wijzigen', () => {
  it('asks the new address and the password, and names every missing field', async () => {
    const { calls } = renderPage();
    const email = await openPart('E-mailadres wijzigen');
    fireEvent.click(await within(email).findByRole('button', { name: 'Stuur de link' }));
    expect(await within(email).findByRole('link', { name: 'Vul uw nieuwe e-mailadres in.' })).toBeTruthy();
    expect(within(email).getByRole('link', { name: 'Vul uw wachtwoord in.' })).toBeTruthy();
    fireEvent.change(within(email).getByLabelText('Nieuw e-mailadres'), { target: { value: 'SANNE@example.nl' } });
    fireEvent.change(within(email).getByLabelText('Uw wachtwoord', { selector: 'input' }), {
      target: { value: 'x' },
    });
    fireEvent.click(within(email).getByRole('button', { name: 'Stuur de link' }));
    expect(
      await within(email).findByRole('link', { name: /Dit is het e-mailadres dat u nu al gebruikt/ }),
    ).toBeTruthy();
    expect(calls.some((c) => c.key === 'POST /api/account/email')).toBe(false);
  });

  it('a wrong password is named at its field, and what was typed stays', async () => {
    renderPage({ 'POST /api/account/email': () => apiError(400, 'current_password_wrong') });
    const email = await openPart('E-mailadres wijzigen');
    const password = await within(email).findByLabelText('Uw wachtwoord', { selector: 'input' });
    fireEvent.change(within(email).getByLabelText('Nieuw e-mailadres'), { target: { value: 'nieuw@example.nl' } });
    fireEvent.change(password, { target: { value: 'fout' } });
    fireEvent.click(within(email).getByRole('button', { name: 'Stuur de link' }));
    expect(await within(email).findByRole('link', { name: /Dit is niet uw wachtwoord\./ })).toBeTruthy();
    expect(password.getAttribute('aria-invalid')).toBe('true');
    expect((within(email).getByLabelText('Nieuw e-mailadres') as HTMLInputElement).value).toBe('nieuw@example.nl');
  });

  it('R28: after sending, says to check the mail and that the old address works until then', async () => {
    let pending: Profile['pendingEmail'] = null;
    const { calls } = renderPage({
      [`GET /api/account/profile?clientId=${johannaId}`]: () => json(profile({ pendingEmail: pending })),
      'POST /api/account/email': () => {
        pending = { email: 'nieuw@example.nl', expiresAt: '2030-01-02T12:00:00Z' };
        return json(pending, 202);
      },
    });
    const email = await openPart('E-mailadres wijzigen');
    fireEvent.change(await within(email).findByLabelText('Nieuw e-mailadres'), {
      target: { value: ' nieuw@example.nl ' },
    });
    fireEvent.change(within(email).getByLabelText('Uw wachtwoord', { selector: 'input' }), {
      target: { value: 'mijn wachtwoord' },
    });
    fireEvent.click(within(email).getByRole('button', { name: 'Stuur de link' }));
    // The same words whether or not the address has an account elsewhere: no link is promised.
    const sent = await within(email).findByText(/We hebben een e-mail gestuurd naar nieuw@example\.nl\./);
    expect(sent.closest('[role="status"]')).toBeTruthy();
    // The form closes; the message stays and takes the focus.
    await waitFor(() => expect(document.activeElement).toBe(sent.closest('[role="status"]')));
    expect(within(email).getByRole('button', { name: 'E-mailadres wijzigen' }).getAttribute('aria-expanded')).toBe(
      'false',
    );
    expect(within(email).queryByRole('button', { name: 'Stuur de link' })).toBeNull();
    expect(within(email).getByText('Tot die tijd logt u in met uw oude e-mailadres.')).toBeTruthy();
    expect(bodyOf(calls, 'POST /api/account/email')).toEqual({
      password: 'mijn wachtwoord',
      email: 'nieuw@example.nl',
    });

    fireEvent.click(within(email).getByRole('button', { name: 'Een nieuwe link vragen' }));
    const again = within(email).getByLabelText('Nieuw e-mailadres') as HTMLInputElement;
    expect(again.value).toBe('nieuw@example.nl');
    await waitFor(() => expect(document.activeElement).toBe(again));
    expect((within(email).getByLabelText('Uw wachtwoord', { selector: 'input' }) as HTMLInputElement).value).toBe('');
  });

  it('a change that waits for the mail is shown without opening the form', async () => {
    renderPage({}, { pendingEmail: { email: 'nieuw@example.nl', expiresAt: '2030-01-02T12:00:00Z' } });
    const email = await findSection('E-mailadres wijzigen');
    expect(await within(email).findByText(/We hebben een e-mail gestuurd naar nieuw@example\.nl\./)).toBeTruthy();
    expect(within(email).getByRole('button', { name: 'Een nieuwe link vragen' })).toBeTruthy();
    expect(within(email).getByRole('button', { name: 'E-mailadres wijzigen' }).getAttribute('aria-expanded')).toBe(
      'false',
    );
  });
});

describe('Mobiel nummer wijzigen', () => {
  it('R28: password and new number, then the code from the SMS; the number changes only then', async () => {
    let mobile = '+31612345678';
    const { calls } = renderPage({
      [`GET /api/account/profile?clientId=${johannaId}`]: () => json(profile({ mobile })),
      'POST /api/account/mobile': () => json(codeStep()),
      'POST /api/account/mobile/verify': (init) => {
        if (JSON.parse(String(init?.body)).code !== '123456') {
          return json(
            {
              error: {
                code: 'code_invalid',
                message: 'x',
                details: [{ field: 'code', code: 'code_invalid', message: '4' }],
              },
            },
            400,
          );
        }
        mobile = '+31687654399';
        return json({ mobile });
      },
    });
    const part = await openPart('Mobiel nummer wijzigen');
    expect(await within(part).findByText(/Nu is dat: 06 12345678/)).toBeTruthy();
    fireEvent.change(within(part).getByLabelText('Nieuw mobiel nummer'), { target: { value: '06-87654399' } });
    fireEvent.change(within(part).getByLabelText('Uw wachtwoord', { selector: 'input' }), {
      target: { value: 'mijn wachtwoord' },
    });
    fireEvent.click(within(part).getByRole('button', { name: 'Stuur de code' }));
    const code = await within(part).findByLabelText('Code uit de sms');
    await waitFor(() => expect(document.activeElement).toBe(code));
    expect(bodyOf(calls, 'POST /api/account/mobile')).toEqual({ password: 'mijn wachtwoord', mobile: '06-87654399' });
    expect(within(part).getByText(/sturen we de sms-codes voor het inloggen nog naar uw oude nummer/)).toBeTruthy();

    fireEvent.change(code, { target: { value: '000000' } });
    fireEvent.click(within(part).getByRole('button', { name: 'Nummer wijzigen' }));
    expect(await within(part).findByText(/U kunt het nog 4 keer proberen/)).toBeTruthy();

    fireEvent.change(code, { target: { value: '123 456' } });
    fireEvent.click(within(part).getByRole('button', { name: 'Nummer wijzigen' }));
    const done = await within(part).findByText(/De sms-codes gaan voortaan naar 06 87654399\./);
    await waitFor(() => expect(within(section('Uw gegevens')).getByText('06 87654399')).toBeTruthy());
    // The form closes; the message stays and takes the focus.
    await waitFor(() => expect(document.activeElement).toBe(done.closest('[role="status"]')));
    expect(within(part).getByRole('button', { name: 'Mobiel nummer wijzigen' }).getAttribute('aria-expanded')).toBe(
      'false',
    );
  });

  it('a step in progress shows open after a reload; stopping it asks the server and closes the form', async () => {
    const { calls } = renderPage({
      'GET /api/account/mobile': () => json(codeStep()),
      'POST /api/account/mobile/resend': () => json(codeStep()),
      'DELETE /api/account/mobile': () => new Response(null, { status: 204 }),
    });
    const part = await findSection('Mobiel nummer wijzigen');
    expect(await within(part).findByText('•• •• •• •• 99')).toBeTruthy();
    const trigger = within(part).getByRole('button', { name: 'Mobiel nummer wijzigen' });
    expect(trigger.getAttribute('aria-expanded')).toBe('true');
    expect(within(part).getByRole('textbox', { name: 'Code uit de sms' })).toBeTruthy();
    fireEvent.click(within(part).getByRole('button', { name: 'Stuur een nieuwe code' }));
    expect(await within(part).findByText(/We hebben een nieuwe code gestuurd/)).toBeTruthy();
    fireEvent.click(within(part).getByRole('button', { name: 'Stoppen, mijn nummer blijft hetzelfde' }));
    await waitFor(() => expect(trigger.getAttribute('aria-expanded')).toBe('false'));
    await waitFor(() => expect(document.activeElement).toBe(trigger));
    expect(calls.some((c) => c.key === 'DELETE /api/account/mobile')).toBe(true);
    fireEvent.click(trigger);
    expect(within(part).getByRole('textbox', { name: 'Nieuw mobiel nummer' })).toBeTruthy();
  });

  it('a number that is not a phone number is named before anything is sent', async () => {
    const { calls } = renderPage();
    const part = await openPart('Mobiel nummer wijzigen');
    fireEvent.change(await within(part).findByLabelText('Nieuw mobiel nummer'), { target: { value: 'mijn nummer' } });
    fireEvent.change(within(part).getByLabelText('Uw wachtwoord', { selector: 'input' }), { target: { value: 'x' } });
    fireEvent.click(within(part).getByRole('button', { name: 'Stuur de code' }));
    expect(await within(part).findByRole('link', { name: /Dit is geen mobiel nummer/ })).toBeTruthy();
    expect(calls.some((c) => c.key === 'POST /api/account/mobile')).toBe(false);
  });
});

describe('Wijziging doorgeven (R29)', () => {
  it('sends the message with the portal, and says where it went', async () => {
    const { calls } = renderPage({
      'POST /api/account/change-requests': () =>
        json(
          {
            sentTo: 'clientportaal@example.nl',
            organisationName: 'Zorggroep De Linde',
            createdAt: '2030-01-01T12:00:00Z',
          },
          202,
        ),
    });
    const part = await openPart('Wijziging doorgeven');
    expect(await within(part).findByText(/We sturen uw bericht naar clientportaal@example\.nl\./)).toBeTruthy();
    fireEvent.click(within(part).getByRole('button', { name: 'Wijziging versturen' }));
    expect(await within(part).findByText('Schrijf wat er anders moet.')).toBeTruthy();
    fireEvent.change(within(part).getByLabelText('Wat moet er anders?'), {
      target: { value: 'Nieuw adres: Dorpsstraat 5' },
    });
    fireEvent.click(within(part).getByRole('button', { name: 'Wijziging versturen' }));
    const done = await within(part).findByText(/Uw bericht is verstuurd naar clientportaal@example\.nl\./);
    expect(done.closest('[role="status"]')).toBeTruthy();
    await waitFor(() => expect(document.activeElement).toBe(done.closest('[role="status"]')));
    expect(within(part).queryByRole('button', { name: 'Wijziging versturen' })).toBeNull();
    expect(bodyOf(calls, 'POST /api/account/change-requests')).toEqual({
      message: 'Nieuw adres: Dorpsstraat 5',
      clientId: johannaId,
    });
  });

  it('a too long message is refused with the count, and a failure keeps the text', async () => {
    renderPage({ 'POST /api/account/change-requests': () => apiError(429, 'rate_limited', { 'retry-after': '600' }) });
    const part = await openPart('Wijziging doorgeven');
    const field = await within(part).findByLabelText('Wat moet er anders?');
    fireEvent.change(field, { target: { value: 'a'.repeat(2001) } });
    fireEvent.click(within(part).getByRole('button', { name: 'Wijziging versturen' }));
    expect(await within(part).findByText(/Gebruik hoogstens 2000 tekens\. Nu zijn het er 2001\./)).toBeTruthy();
    fireEvent.change(field, { target: { value: 'Mijn naam is anders' } });
    fireEvent.click(within(part).getByRole('button', { name: 'Wijziging versturen' }));
    expect(await within(part).findByText(/U heeft het te vaak geprobeerd\. Wacht 10 minuten/)).toBeTruthy();
    expect((field as HTMLTextAreaElement).value).toBe('Mijn naam is anders');
  });
});

describe('ConfirmEmailPage', () => {
  const renderConfirm = (
    handlers: Parameters<typeof mockApi>[0],
    url = '/e-mail-bevestigen?token=abcdefghijklmnop',
  ) => {
    const api = mockApi({ 'GET /api/config': () => json({ devOutbox: false, sessionIdleMinutes: 30 }), ...handlers });
    return { ...api, ...renderRoutes([{ path: '/e-mail-bevestigen', element: <ConfirmEmailPage /> }], url) };
  };

  it('R28: shows the new address and changes it only after the button', async () => {
    const { calls } = renderConfirm({
      'POST /api/account/email/check': () => json({ email: 'nieuw@example.nl' }),
      'POST /api/account/email/confirm': () => json({ email: 'nieuw@example.nl' }),
    });
    expect(await screen.findByText('nieuw@example.nl')).toBeTruthy();
    expect(calls.some((c) => c.key === 'POST /api/account/email/confirm')).toBe(false);
    fireEvent.click(screen.getByRole('button', { name: 'Ja, dit is mijn nieuwe e-mailadres' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Uw e-mailadres is gewijzigd' })).toBeTruthy();
    expect(screen.getByText('U logt voortaan in met nieuw@example.nl.')).toBeTruthy();
    expect(document.title).toMatch(/^Uw e-mailadres is gewijzigd/);
  });

  it('an expired, used or broken link says so', async () => {
    renderConfirm({ 'POST /api/account/email/check': () => apiError(410, 'link_expired') });
    expect(await screen.findByRole('heading', { level: 1, name: 'Deze link werkt niet meer' })).toBeTruthy();
    expect(screen.getByText(/gebruik dan de link uit de nieuwste e-mail/)).toBeTruthy();
  });

  it('a link that was used already says so at the button too', async () => {
    renderConfirm({
      'POST /api/account/email/check': () => json({ email: 'nieuw@example.nl' }),
      'POST /api/account/email/confirm': () => apiError(410, 'link_used'),
    });
    fireEvent.click(await screen.findByRole('button', { name: 'Ja, dit is mijn nieuwe e-mailadres' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Deze link is al gebruikt' })).toBeTruthy();
  });

  it('a link without a token does not work', async () => {
    renderConfirm({}, '/e-mail-bevestigen');
    expect(await screen.findByRole('heading', { level: 1, name: 'Deze link werkt niet' })).toBeTruthy();
  });
});
