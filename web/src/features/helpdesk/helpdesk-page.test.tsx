import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { json, mockApi, renderRoutes } from '../../test/render';
import { HelpdeskPage } from './helpdesk-page';

const config = () => json({ devOutbox: false, sessionIdleMinutes: 30 });
const linde = { id: '44444444-4444-4444-8444-444444444444', name: 'Zorggroep De Linde' };
const eik = { id: '55555555-5555-4555-8555-555555555555', name: 'Thuiszorg De Eik' };

function renderHelpdesk(organisations = [linde], handlers: Parameters<typeof mockApi>[0] = {}) {
  const api = mockApi({
    'GET /api/config': config,
    'GET /api/helpdesk/organisations': () => json({ organisations }),
    ...handlers,
  });
  return { ...api, ...renderRoutes([{ path: '/hulp', element: <HelpdeskPage /> }], '/hulp') };
}

const type = (label: string, value: string) => fireEvent.change(screen.getByLabelText(label), { target: { value } });
const send = () => fireEvent.click(screen.getByRole('button', { name: 'Verstuur mijn vraag' }));

describe('HelpdeskPage', () => {
  it('R12: names the missing fields in a focused summary, and says that e-mail or phone is enough', async () => {
    const { calls } = renderHelpdesk();
    await screen.findByLabelText('Uw naam');
    send();
    const summary = await screen.findByRole('heading', { level: 2, name: /Deze 3 dingen zijn nog niet goed ingevuld/ });
    await waitFor(() => expect(document.activeElement).toBe(summary.parentElement));
    const links = within(summary.parentElement!)
      .getAllByRole('link')
      .map((a) => [a.textContent, a.getAttribute('href')]);
    expect(links).toEqual([
      ['Vul uw naam in.', '#helpdesk-name'],
      [
        'Vul uw e-mailadres of uw telefoonnummer in, of allebei. Anders kan de helpdesk u niet antwoorden.',
        '#helpdesk-email',
      ],
      ['Schrijf op wat het probleem is.', '#helpdesk-message'],
    ]);
    expect(screen.getByLabelText('E-mailadres').getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByLabelText('Telefoonnummer').getAttribute('aria-invalid')).toBe('true');
    expect(calls.some((c) => c.key === 'POST /api/helpdesk')).toBe(false);
  });

  it('the honeypot is out of reach: hidden from screen readers, not in the tab order, no autofill', async () => {
    renderHelpdesk();
    await screen.findByLabelText('Uw naam');
    const honeypot = document.querySelector<HTMLInputElement>('input[name="website"]')!;
    expect(honeypot.tabIndex).toBe(-1);
    expect(honeypot.getAttribute('autocomplete')).toBe('off');
    expect(honeypot.closest('[aria-hidden="true"]')).toBeTruthy();
    expect(screen.queryByRole('textbox', { name: 'Laat dit veld leeg' })).toBeNull();
  });

  it('sends the question with one organisation chosen for the person, and thanks without repeating it', async () => {
    const { calls } = renderHelpdesk([linde], {
      'POST /api/helpdesk': () => json({ received: true }, 202),
    });
    expect(await screen.findByText('Uw vraag gaat naar de helpdesk van Zorggroep De Linde.')).toBeTruthy();
    expect(screen.queryByRole('combobox')).toBeNull();
    type('Uw naam', 'Peter van der Berg');
    type('Telefoonnummer', '06 12 34 56 78');
    type('Wat is het probleem?', 'Ik krijg geen sms met een code.');
    send();
    const heading = await screen.findByRole('heading', { level: 1, name: 'Uw vraag is verstuurd' });
    await waitFor(() => expect(document.activeElement).toBe(heading));
    expect(screen.getByRole('status').textContent).toBe('Bedankt. We hebben uw vraag ontvangen.');
    expect(document.body.textContent).not.toContain('Ik krijg geen sms');
    const body = JSON.parse(String(calls.find((c) => c.key === 'POST /api/helpdesk')?.init?.body));
    expect(body).toEqual({
      organisationId: linde.id,
      name: 'Peter van der Berg',
      phone: '06 12 34 56 78',
      message: 'Ik krijg geen sms met een code.',
    });
  });

  it('with more than one organisation, asks which one', async () => {
    renderHelpdesk([linde, eik]);
    const select = await screen.findByLabelText('Uw zorgorganisatie');
    expect(
      within(select)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['Kies uw zorgorganisatie', 'Zorggroep De Linde', 'Thuiszorg De Eik']);
    send();
    expect(await screen.findByRole('link', { name: 'Kies uw zorgorganisatie.' })).toBeTruthy();
  });

  it("shows the server's per-field problems in the same words", async () => {
    renderHelpdesk([linde], {
      'POST /api/helpdesk': () =>
        json(
          {
            error: {
              code: 'validation_failed',
              message: 'English',
              details: [{ field: 'phone', code: 'invalid_phone', message: 'x' }],
            },
          },
          400,
        ),
    });
    await screen.findByLabelText('Uw naam');
    type('Uw naam', 'Peter');
    type('Telefoonnummer', '0612345678');
    type('Wat is het probleem?', 'Hulp');
    send();
    expect(await screen.findByRole('link', { name: /Dit is geen telefoonnummer\./ })).toBeTruthy();
    expect(screen.getByLabelText('Telefoonnummer').getAttribute('aria-invalid')).toBe('true');
  });
});
