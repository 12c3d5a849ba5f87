import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { apiError, json } from '../../test/render';
import { looksLikeMobile } from './invite-page';
import { bodyOf, clientId, invitation, network, renderNetwork } from './network-test-utils';

const post = `POST /api/portals/${clientId}/network/invitations`;
const sw = (name: string) => screen.getByRole('switch', { name }) as HTMLInputElement;
const field = (label: string | RegExp) => screen.getByLabelText(label, { selector: 'input' }) as HTMLInputElement;
const type = (label: string | RegExp, value: string) => fireEvent.change(field(label), { target: { value } });

async function openForm(options: Parameters<typeof renderNetwork>[1] = {}) {
  const rendered = renderNetwork('beheer/uitnodigen', options);
  await screen.findByRole('heading', { level: 1, name: 'Iemand uitnodigen' });
  return rendered;
}

function fillIn() {
  type('Voornaam', 'Karel');
  type('Tussenvoegsel (niet verplicht)', 'van');
  type('Achternaam', 'Pietersen');
  type('E-mailadres', 'karel@example.nl');
  type('Mobiel nummer', '06 12 34 56 78');
  type(/Wie is deze persoon voor Johanna/, 'neef');
}

describe('InvitePage (Iemand uitnodigen)', () => {
  it('N7, R26: the least rights are on (agenda bekijken, berichten, prikbord bekijken); dossier and management are off', async () => {
    await openForm({
      mine: ['dossier:read', 'agenda:read', 'messages:use', 'board:read', 'board:write', 'network:manage'],
    });
    expect(document.title).toBe('Iemand uitnodigen – Portaal van Johanna Jansen – Kring');
    const on = screen
      .getAllByRole('switch')
      .filter((s) => (s as HTMLInputElement).checked)
      .map((s) => s.closest('label')!.querySelector('.switch-label')!.textContent);
    expect(on).toEqual(['Agenda bekijken', 'Berichten', 'Prikbord bekijken']);
    expect(sw('Dossier lezen').checked).toBe(false);
    expect(sw('Netwerk beheren').checked).toBe(false);
    // Rights Sanne lacks cannot be given.
    expect(sw('Agenda wijzigen').disabled).toBe(true);
    expect(sw('Prikbord schrijven').disabled).toBe(false);
    expect((screen.getByRole('radio', { name: 'Contactpersoon' }) as HTMLInputElement).checked).toBe(true);
    expect((screen.getByRole('radio', { name: 'Geen einddatum' }) as HTMLInputElement).checked).toBe(true);
  });

  it('an empty form lists every problem at the top, focused, each linked to its field; nothing is sent', async () => {
    const { calls } = await openForm();
    fireEvent.click(screen.getByRole('button', { name: 'Uitnodiging versturen' }));
    const summary = await screen.findByRole('heading', { name: 'Deze 4 dingen zijn nog niet goed ingevuld:' });
    await waitFor(() => expect(document.activeElement).toBe(summary.parentElement));
    const links = within(summary.parentElement!).getAllByRole('link');
    expect(links.map((a) => a.textContent)).toEqual([
      'Vul de voornaam in.',
      'Vul de achternaam in.',
      'Vul het e-mailadres in. Daarheen sturen we de uitnodiging.',
      'Vul het mobiele nummer in. Dat is nodig voor de sms-code bij het inloggen.',
    ]);
    expect(field('Voornaam').getAttribute('aria-invalid')).toBe('true');
    expect(calls.some((c) => c.key === post)).toBe(false);

    // A corrected field loses its error as it is typed; the others wait for the next try.
    type('Voornaam', 'Karel');
    expect(field('Voornaam').getAttribute('aria-invalid')).toBeNull();
    type('Mobiel nummer', '020 123 45 67');
    expect(screen.getByRole('link', { name: /Dit is geen mobiel nummer\./ })).toBeTruthy();
  });

  it('sends the invitation with the chosen details and least rights, then shows the list with "Uitnodiging verstuurd"', async () => {
    let pending = [] as ReturnType<typeof invitation>[];
    const { calls } = await openForm({
      handlers: {
        [`GET /api/portals/${clientId}/network`]: () => json(network({ pendingInvitations: pending })),
        [post]: () => {
          pending = [invitation({ name: 'Karel van Pietersen', namePrefix: 'van' })];
          return json({ invitationId: pending[0]!.invitationId, expiresAt: '2030-01-08T12:00:00Z' }, 201);
        },
      },
    });
    fillIn();
    fireEvent.click(screen.getByRole('radio', { name: 'Wettelijk vertegenwoordiger' }));
    fireEvent.click(screen.getByRole('button', { name: 'Uitnodiging versturen' }));
    const notice = await screen.findByText(
      'De uitnodiging is verstuurd naar karel@example.nl. De link in de e-mail werkt tot 8 januari 2030.',
    );
    expect(screen.getByRole('heading', { level: 1, name: 'Beheerinstellingen' })).toBeTruthy();
    await waitFor(() => expect(document.activeElement).toBe(notice));
    expect(await screen.findByRole('heading', { level: 3, name: 'Karel van Pietersen' })).toBeTruthy();
    expect(bodyOf(calls, post)).toEqual({
      givenName: 'Karel',
      namePrefix: 'van',
      familyName: 'Pietersen',
      email: 'karel@example.nl',
      mobile: '06 12 34 56 78',
      relation: 'legal_representative',
      relationLabel: 'neef',
      permissions: ['agenda:read', 'messages:use', 'board:read'],
      accessEndsAt: null,
    });
  });

  it('R27: the dossier right asks for the confirmation, naming the person; only then is confirmDossier sent', async () => {
    const { calls } = await openForm({
      mine: ['dossier:read', 'agenda:read', 'messages:use', 'board:read', 'network:manage'],
      handlers: {
        [post]: () => json({ invitationId: invitation().invitationId, expiresAt: '2030-01-08T12:00:00Z' }, 201),
      },
    });
    fillIn();
    fireEvent.click(sw('Dossier lezen'));
    const dialog = await screen.findByRole('alertdialog');
    expect(dialog.textContent).toContain('Weet u zeker dat Karel van Pietersen het dossier mag lezen?');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Nee, niet toestaan' }));
    await waitFor(() => expect(screen.queryByRole('alertdialog')).toBeNull());
    expect(sw('Dossier lezen').checked).toBe(false);

    fireEvent.click(sw('Dossier lezen'));
    fireEvent.click(
      within(await screen.findByRole('alertdialog')).getByRole('button', { name: 'Ja, dat weet ik zeker' }),
    );
    await waitFor(() => expect(sw('Dossier lezen').checked).toBe(true));
    fireEvent.click(screen.getByRole('button', { name: 'Uitnodiging versturen' }));
    await screen.findByText(/De uitnodiging is verstuurd naar karel@example\.nl\./);
    expect(bodyOf(calls, post)).toMatchObject({
      permissions: ['dossier:read', 'agenda:read', 'messages:use', 'board:read'],
      confirmDossier: true,
    });
  });

  it('an end date in the past is refused before sending; a good one goes along', async () => {
    const { calls } = await openForm({
      handlers: {
        [post]: () => json({ invitationId: invitation().invitationId, expiresAt: '2030-01-08T12:00:00Z' }, 201),
      },
    });
    fillIn();
    fireEvent.click(screen.getByRole('radio', { name: 'Toegang stopt op een datum' }));
    type('Toegang stopt op', '2001-05-01');
    fireEvent.click(screen.getByRole('button', { name: 'Uitnodiging versturen' }));
    expect(await screen.findByRole('link', { name: /Kies een datum na vandaag\./ })).toBeTruthy();
    expect(calls.some((c) => c.key === post)).toBe(false);
    type('Toegang stopt op', '2099-05-01');
    fireEvent.click(screen.getByRole('button', { name: 'Uitnodiging versturen' }));
    await screen.findByText(/De uitnodiging is verstuurd/);
    expect(bodyOf(calls, post)).toMatchObject({ accessEndsAt: new Date(2099, 4, 1).toISOString() });
  });

  it('the server’s field problems appear at their fields; nothing typed is lost', async () => {
    await openForm({
      handlers: {
        [post]: () =>
          json(
            {
              error: {
                code: 'validation_failed',
                message: 'x',
                details: [{ field: 'mobile', code: 'invalid_mobile', message: 'Not a mobile number' }],
              },
            },
            400,
          ),
      },
    });
    fillIn();
    fireEvent.click(screen.getByRole('button', { name: 'Uitnodiging versturen' }));
    expect(await screen.findByRole('link', { name: /Dit is geen mobiel nummer\./ })).toBeTruthy();
    expect(field('Mobiel nummer').getAttribute('aria-invalid')).toBe('true');
    expect(field('Voornaam').value).toBe('Karel');
  });

  it('someone already in the network: a plain answer, and the form stays filled in', async () => {
    await openForm({ handlers: { [post]: () => apiError(409, 'already_member') } });
    fillIn();
    fireEvent.click(screen.getByRole('button', { name: 'Uitnodiging versturen' }));
    const error = await screen.findByText(/Deze persoon zit al in het netwerk\./);
    expect(error.closest('[role="alert"]')).toBeTruthy();
    expect(field('E-mailadres').value).toBe('karel@example.nl');
  });

  it('a member without network:manage gets the page that says who can', async () => {
    renderNetwork('beheer/uitnodigen', { mine: ['agenda:read'] });
    expect(await screen.findByText('U kunt de beheerinstellingen van dit portaal niet wijzigen.')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Uitnodiging versturen' })).toBeNull();
  });

  it('catches typing mistakes in mobile numbers; the server decides the rest', () => {
    for (const ok of [
      '06 12 34 56 78',
      '06-12345678',
      '+31 6 1234 5678',
      '+31 (0)6 1234 5678',
      '0031612345678',
      '+32 470 12 34 56',
    ]) {
      expect(looksLikeMobile(ok), ok).toBe(true);
    }
    for (const bad of ['020 123 45 67', '0612345', '+31 20 123 4567', 'zes twaalf', '12345678901234567']) {
      expect(looksLikeMobile(bad), bad).toBe(false);
    }
  });
});
