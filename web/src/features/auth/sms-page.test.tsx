import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { SmsView } from '../../api/types';
import { smsView } from '../../test/fixtures';
import { apiError, json, mockApi, renderRoutes } from '../../test/render';
import { SmsPage } from './sms-page';

const config = () => json({ devOutbox: false, sessionIdleMinutes: 30 });

function codeError(code: string, triesLeft?: number) {
  const details = triesLeft === undefined ? [] : [{ field: 'code', code, message: String(triesLeft) }];
  return json({ error: { code, message: 'English', details } }, 400);
}

/** The SMS page as after a reload: it asks the server for the attempt in this browser. */
function renderSms(view: SmsView, handlers: Parameters<typeof mockApi>[0] = {}, state?: unknown) {
  const api = mockApi({ 'GET /api/config': config, 'GET /api/auth/sms': () => json(view), ...handlers });
  const rendered = renderRoutes(
    [
      { path: '/inloggen/code', element: <SmsPage /> },
      { path: '/inloggen', element: <p>inlogpagina</p> },
      { path: '/portalen', element: <p>portalen</p> },
      { path: '/p/:clientId', element: <p>portaal</p> },
    ],
    state ? ({ pathname: '/inloggen/code', state } as unknown as string) : '/inloggen/code',
  );
  return { ...api, ...rendered };
}

const codeField = () => screen.getByLabelText('Code uit de sms') as HTMLInputElement;

function enter(code: string) {
  fireEvent.change(codeField(), { target: { value: code } });
  fireEvent.click(screen.getByRole('button', { name: 'Verder' }));
}

describe('SmsPage', () => {
  it('R10: says where the code went and until when it works, with a large numeric one-time-code field', async () => {
    const view = smsView({}, Date.now());
    renderSms(view);
    expect(await screen.findByRole('heading', { level: 1, name: 'Vul de code uit de sms in' })).toBeTruthy();
    expect(screen.getByText(/We hebben een sms met een code gestuurd naar/).textContent).toContain('•• •• •• •• 78');
    const field = codeField();
    expect(field.getAttribute('inputmode')).toBe('numeric');
    expect(field.getAttribute('autocomplete')).toBe('one-time-code');
    const time = new Intl.DateTimeFormat('nl-NL', { timeStyle: 'short' }).format(new Date(view.codeExpiresAt!));
    expect(screen.getByText(`De code werkt tot ${time} uur.`)).toBeTruthy();
    expect(screen.getByText(/^Nog (4 minuten en \d+ seconden|5 minuten)\.$/)).toBeTruthy();
  });

  it('the countdown is not in a live region, so screen readers do not read it out every second', async () => {
    renderSms(smsView({}, Date.now()));
    const countdown = await screen.findByText(/^Nog /);
    expect(countdown.closest('[aria-live], [role="status"], [role="alert"]')).toBeNull();
    // The one polite region stays empty until one minute is left.
    const live = document.querySelector('p[aria-live="polite"]');
    expect(live?.textContent).toBe('');
  });

  it('R10: the polite live region speaks once in the last minute and once when the code has expired', async () => {
    renderSms(smsView({ codeExpiresAt: new Date(Date.now() + 1500).toISOString() }, Date.now() - 60_000));
    await screen.findByLabelText('Code uit de sms');
    const live = document.querySelector('p[aria-live="polite"]')!;
    expect(live.textContent).toBe('De code werkt nog 1 minuut.');
    await waitFor(() => expect(live.textContent).toBe('De code is verlopen. Vraag hieronder een nieuwe code.'), {
      timeout: 4000,
    });
    expect(screen.queryByText(/^Nog /)).toBeNull();
  });

  it('"Stuur een nieuwe code" waits with a visible countdown until resendAvailableAt', async () => {
    // The code was sent 28.5 seconds ago: a new one may be asked in 1.5 seconds.
    renderSms(smsView({}, Date.now() - 28_500));
    const resend = await screen.findByRole('button', { name: 'Stuur een nieuwe code' });
    expect(resend.hasAttribute('disabled')).toBe(true);
    expect(screen.getByText('U kunt over 2 seconden een nieuwe code vragen.')).toBeTruthy();
    await waitFor(() => expect(resend.hasAttribute('disabled')).toBe(false), { timeout: 4000 });
    expect(screen.queryByText(/U kunt over/)).toBeNull();
  });

  it('a wrong code says how many tries are left and puts the cursor back in the field', async () => {
    renderSms(smsView({}, Date.now()), { 'POST /api/auth/sms/verify': () => codeError('code_invalid', 4) });
    await screen.findByLabelText('Code uit de sms');
    enter('123456');
    const message = await screen.findByText(
      'Deze code klopt niet. U kunt het nog 4 keer proberen. Kijk goed naar de code in de nieuwste sms.',
    );
    expect(message.closest('[role="alert"]')).toBeTruthy();
    expect(codeField().getAttribute('aria-invalid')).toBe('true');
    expect(codeField().getAttribute('aria-describedby')).toContain('code-error');
    expect(document.activeElement).toBe(codeField());
  });

  it('one try left is said in the singular', async () => {
    renderSms(smsView({}, Date.now()), { 'POST /api/auth/sms/verify': () => codeError('code_invalid', 1) });
    await screen.findByLabelText('Code uit de sms');
    enter('123456');
    expect(await screen.findByText(/U kunt het nog 1 keer proberen\./)).toBeTruthy();
  });

  it('an expired code asks for a new one', async () => {
    renderSms(smsView({}, Date.now()), { 'POST /api/auth/sms/verify': () => codeError('code_expired') });
    await screen.findByLabelText('Code uit de sms');
    enter('123456');
    expect(
      await screen.findByText('Deze code is verlopen. Een code werkt 5 minuten. Vraag hieronder een nieuwe code.'),
    ).toBeTruthy();
    // The countdown of the dead code is gone.
    expect(screen.queryByText(/^Nog /)).toBeNull();
  });

  it('a code entered wrongly 5 times asks for a new one', async () => {
    renderSms(smsView({}, Date.now()), { 'POST /api/auth/sms/verify': () => codeError('code_locked') });
    await screen.findByLabelText('Code uit de sms');
    enter('123456');
    expect(
      await screen.findByText(/De code is 5 keer verkeerd ingevuld\. .*Vraag hieronder een nieuwe code\./),
    ).toBeTruthy();
  });

  it('checks the code before sending: empty, or not 6 digits', async () => {
    const { calls } = renderSms(smsView({}, Date.now()));
    await screen.findByLabelText('Code uit de sms');
    enter('');
    expect(await screen.findByText('Vul de code uit de sms in.')).toBeTruthy();
    enter('12 34');
    expect(await screen.findByText(/Een code bestaat uit 6 cijfers\./)).toBeTruthy();
    expect(calls.filter((c) => c.key.includes('verify'))).toHaveLength(0);
  });

  it('sends the code without spaces and goes where the person wanted to go', async () => {
    const { calls, router } = renderSms(
      smsView({}, Date.now()),
      {
        'POST /api/auth/sms/verify': () =>
          json({ status: 'signed_in', csrfToken: 't', expiresAt: '2030-01-01T00:00:00Z', purpose: 'login' }),
      },
      { from: '/p/abc' },
    );
    await screen.findByLabelText('Code uit de sms');
    enter('123 456');
    await waitFor(() => expect(router.state.location.pathname).toBe('/p/abc'));
    const verify = calls.find((c) => c.key === 'POST /api/auth/sms/verify');
    expect(JSON.parse(String(verify?.init?.body))).toEqual({ code: '123456' });
  });

  it('after a password reset, says the password was changed before going on to the portal', async () => {
    renderSms(smsView({ purpose: 'password_reset' }, Date.now()), {
      'POST /api/auth/sms/verify': () =>
        json({ status: 'signed_in', csrfToken: 't', expiresAt: '2030-01-01T00:00:00Z', purpose: 'password_reset' }),
    });
    expect(await screen.findByText('Uw nieuwe wachtwoord werkt pas als u deze code heeft ingevuld.')).toBeTruthy();
    enter('123456');
    const heading = await screen.findByRole('heading', { level: 1, name: 'Uw wachtwoord is gewijzigd' });
    await waitFor(() => expect(document.activeElement).toBe(heading));
    expect(screen.getByText(/Op andere apparaten bent u uitgelogd\./)).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Verder naar het portaal' }).getAttribute('href')).toBe('/portalen');
  });

  it('after an invitation, goes into the portal', async () => {
    const { router } = renderSms(smsView({ purpose: 'invitation' }, Date.now()), {
      'POST /api/auth/sms/verify': () =>
        json({ status: 'signed_in', csrfToken: 't', expiresAt: '2030-01-01T00:00:00Z', purpose: 'invitation' }),
    });
    expect(await screen.findByText('Zo weten we zeker dat dit uw mobiele nummer is.')).toBeTruthy();
    enter('123456');
    await waitFor(() => expect(router.state.location.pathname).toBe('/portalen'));
  });

  it('a new code: the field is emptied and the page says so', async () => {
    const first = smsView({}, Date.now() - 40_000);
    const second = smsView({}, Date.now());
    renderSms(first, {
      'POST /api/auth/sms/verify': () => codeError('code_invalid', 3),
      'POST /api/auth/sms/resend': () => json(second),
    });
    await screen.findByLabelText('Code uit de sms');
    enter('111111');
    await screen.findByText(/nog 3 keer/);
    fireEvent.click(screen.getByRole('button', { name: 'Stuur een nieuwe code' }));
    const status = await screen.findByText(/We hebben een nieuwe code gestuurd naar •• •• •• •• 78\./);
    expect(status.closest('[role="status"]')).toBeTruthy();
    expect(codeField().value).toBe('');
    expect(screen.queryByText(/nog 3 keer/)).toBeNull();
    expect(screen.getByRole('button', { name: 'Stuur een nieuwe code' }).hasAttribute('disabled')).toBe(true);
  });

  it('a failed SMS or too many codes say what to do next', async () => {
    let answer = () => apiError(502, 'sms_failed');
    renderSms(smsView({}, Date.now() - 40_000), { 'POST /api/auth/sms/resend': () => answer() });
    fireEvent.click(await screen.findByRole('button', { name: 'Stuur een nieuwe code' }));
    expect(await screen.findByText(/Het versturen van de sms is niet gelukt\. Dat ligt niet aan u\./)).toBeTruthy();
    answer = () => apiError(429, 'sms_limit', { 'retry-after': '3600' });
    fireEvent.click(screen.getByRole('button', { name: 'Stuur een nieuwe code' }));
    expect(await screen.findByText(/te veel sms-codes verstuurd\. Wacht 1 uur/)).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Vraag hulp aan de helpdesk' })).toBeTruthy();
  });

  it('R11: explains why an SMS comes every time, and links to the helpdesk form', async () => {
    renderSms(smsView({}, Date.now()));
    expect(await screen.findByRole('heading', { level: 2, name: 'Krijgt u elke keer een sms?' })).toBeTruthy();
    expect(
      screen.getByText(/Sta cookies toe voor deze website, dan onthoudt uw computer dat u het bent\./),
    ).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Vraag hulp' }).getAttribute('href')).toBe('/hulp');
  });

  it('without an SMS step in this browser, sends the person back to the login page with a message', async () => {
    mockApi({ 'GET /api/config': config, 'GET /api/auth/sms': () => apiError(404, 'attempt_not_found') });
    const { router } = renderRoutes(
      [
        { path: '/inloggen/code', element: <SmsPage /> },
        { path: '/inloggen', element: <p>inlogpagina</p> },
      ],
      '/inloggen/code',
    );
    await waitFor(() => expect(router.state.location.pathname).toBe('/inloggen'));
    expect(router.state.location.state).toEqual({ notice: 'smsStepEnded' });
  });
});
