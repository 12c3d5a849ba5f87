import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { apiError, json } from '../../test/render';
import { bodyOf, clientId, jan, johanna, network, renderNetwork } from './network-test-utils';
import type { NetworkMember, PermissionsBody } from './types';

const put = `PUT /api/portals/${clientId}/network/${jan}/permissions`;
const sw = (name: string) => screen.getByRole('switch', { name }) as HTMLInputElement;

async function openJan(options: Parameters<typeof renderNetwork>[1] = {}) {
  // The server as the page sees it: a PUT changes what the next GET answers.
  let data = options.data ?? network();
  const get = () => json(data);
  const change = (init: RequestInit | undefined) => {
    const body = JSON.parse(String(init?.body)) as PermissionsBody;
    const before = data.members.find((m) => m.personId === jan)!;
    const updated: NetworkMember = {
      ...before,
      permissions: body.permissions,
      accessEndsAt: body.endsAt === undefined ? before.accessEndsAt : body.endsAt,
    };
    data = { ...data, members: data.members.map((m) => (m.personId === jan ? updated : m)) };
    return json(updated);
  };
  const rendered = renderNetwork(`beheer/persoon/${jan}`, {
    ...options,
    handlers: { [`GET /api/portals/${clientId}/network`]: get, [put]: change, ...options.handlers },
  });
  await screen.findByRole('heading', { level: 1, name: 'Jan van den Berg' });
  return rendered;
}

describe('MemberPage (one person’s rights)', () => {
  it('R26: one switch per right with a line of plain Dutch, showing what the person has now', async () => {
    await openJan();
    expect(document.title).toBe('Rechten van Jan van den Berg – Portaal van Johanna Jansen – Kring');
    expect(screen.getByText('buurman')).toBeTruthy();
    const names = screen.getAllByRole('switch').map((s) => s.closest('label')!.textContent);
    expect(names).toEqual([
      'Dossier lezenUit',
      'Agenda bekijkenAan',
      'Agenda wijzigenUit',
      'BerichtenAan',
      'Prikbord bekijkenAan',
      'Prikbord schrijvenUit',
      'Netwerk beherenUit',
    ]);
    const dossier = sw('Dossier lezen');
    expect(dossier.checked).toBe(false);
    const help = document.getElementById(dossier.getAttribute('aria-describedby')!.split(' ')[0]!);
    expect(help?.textContent).toContain('persoonlijke informatie');
    expect(sw('Agenda bekijken').checked).toBe(true);
  });

  it('R27: switching the dossier on opens the confirmation; "Nee" and Escape leave it off and send nothing', async () => {
    const { calls } = await openJan({ mine: ['dossier:read', 'agenda:read', 'messages:use', 'network:manage'] });
    fireEvent.click(sw('Dossier lezen'));
    const dialog = await screen.findByRole('alertdialog', { name: 'Mag deze persoon het dossier lezen?' });
    expect(dialog.textContent).toContain('Het dossier is persoonlijk.');
    expect(dialog.textContent).toContain('Weet u zeker dat Jan van den Berg het dossier mag lezen?');
    await waitFor(() => expect(dialog.contains(document.activeElement)).toBe(true));
    fireEvent.click(within(dialog).getByRole('button', { name: 'Nee, niet toestaan' }));
    await waitFor(() => expect(screen.queryByRole('alertdialog')).toBeNull());
    expect(sw('Dossier lezen').checked).toBe(false);

    fireEvent.click(sw('Dossier lezen'));
    const again = await screen.findByRole('alertdialog');
    fireEvent.keyDown(again, { key: 'Escape' });
    await waitFor(() => expect(screen.queryByRole('alertdialog')).toBeNull());
    expect(sw('Dossier lezen').checked).toBe(false);
    expect(calls.some((c) => c.key === put)).toBe(false);
  });

  it('R27: only after "Ja" is the dossier on, and the save then carries confirmDossier', async () => {
    const { calls } = await openJan({ mine: ['dossier:read', 'agenda:read', 'messages:use', 'network:manage'] });
    fireEvent.click(sw('Dossier lezen'));
    fireEvent.click(
      within(await screen.findByRole('alertdialog')).getByRole('button', { name: 'Ja, dat weet ik zeker' }),
    );
    await waitFor(() => expect(sw('Dossier lezen').checked).toBe(true));
    // Nothing is sent before "Wijzigingen opslaan".
    expect(calls.some((c) => c.key === put)).toBe(false);
    expect(screen.getByText('U heeft iets veranderd dat nog niet is opgeslagen.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Wijzigingen opslaan' }));
    const saved = await screen.findByText(/De wijzigingen voor Jan van den Berg zijn opgeslagen\./);
    expect(saved.closest('[role="status"]')).toBeTruthy();
    await waitFor(() => expect(document.activeElement).toBe(saved));
    expect(bodyOf(calls, put)).toEqual({
      permissions: ['dossier:read', 'agenda:read', 'messages:use', 'board:read'],
      confirmDossier: true,
    });
    expect(screen.queryByText('U heeft iets veranderd dat nog niet is opgeslagen.')).toBeNull();
    // The list and the viewer's own rights are asked again.
    await waitFor(() => expect(calls.filter((c) => c.key === 'GET /api/me').length).toBeGreaterThan(1));
  });

  it('R26: taking a right away sends the new set without confirmDossier and without touching the end date', async () => {
    const { calls } = await openJan();
    fireEvent.click(sw('Berichten'));
    fireEvent.click(screen.getByRole('button', { name: 'Wijzigingen opslaan' }));
    await screen.findByText(/zijn opgeslagen/);
    expect(bodyOf(calls, put)).toEqual({ permissions: ['agenda:read', 'board:read'] });
  });

  it('R26: rights the manager does not have are shown switched off and disabled, with why; one the person already has can still be taken away', async () => {
    const data = network({
      members: network().members.map((m) =>
        m.personId === jan ? { ...m, permissions: ['agenda:read', 'board:write' as const] } : m,
      ),
    });
    const { calls } = await openJan({ data, mine: ['agenda:read', 'messages:use', 'board:read', 'network:manage'] });
    for (const name of ['Dossier lezen', 'Agenda wijzigen']) {
      const input = sw(name);
      expect(input.disabled).toBe(true);
      const why = input.getAttribute('aria-describedby')!.split(' ')[1]!;
      expect(document.getElementById(why)?.textContent).toBe(
        'U heeft dit recht zelf niet. Daarom kunt u het ook niet aan een ander geven.',
      );
    }
    fireEvent.click(sw('Dossier lezen'));
    expect(screen.queryByRole('alertdialog')).toBeNull();
    // Jan has "prikbord schrijven", which Sanne lacks: she may take it away.
    expect(sw('Prikbord schrijven').disabled).toBe(false);
    fireEvent.click(sw('Prikbord schrijven'));
    fireEvent.click(screen.getByRole('button', { name: 'Wijzigingen opslaan' }));
    await screen.findByText(/zijn opgeslagen/);
    expect(bodyOf(calls, put)).toEqual({ permissions: ['agenda:read'] });
  });

  it('R26: the last manager error says what to do, and the choices stay as they were', async () => {
    const data = network({
      members: network().members.map((m) =>
        m.personId === jan ? { ...m, permissions: ['agenda:read', 'network:manage' as const] } : m,
      ),
    });
    await openJan({ data, handlers: { [put]: () => apiError(409, 'last_manager') } });
    fireEvent.click(sw('Netwerk beheren'));
    fireEvent.click(screen.getByRole('button', { name: 'Wijzigingen opslaan' }));
    const error = await screen.findByText(/er moet altijd iemand overblijven die het netwerk beheert/);
    expect(error.textContent).toContain("Geef eerst iemand anders het recht 'Netwerk beheren'");
    expect(error.closest('[role="alert"]')).toBeTruthy();
    expect(sw('Netwerk beheren').checked).toBe(false);
    expect(screen.getByText('U heeft iets veranderd dat nog niet is opgeslagen.')).toBeTruthy();
  });

  it('a person removed meanwhile by someone else: the save says so in plain words', async () => {
    await openJan({ handlers: { [put]: () => apiError(404, 'not_found') } });
    fireEvent.click(sw('Berichten'));
    fireEvent.click(screen.getByRole('button', { name: 'Wijzigingen opslaan' }));
    expect(await screen.findByText(/Deze persoon staat niet \(meer\) in het netwerk\./)).toBeTruthy();
  });

  it('R26: an end date must lie after today; a good one is sent as the start of that day', async () => {
    const { calls } = await openJan();
    fireEvent.click(screen.getByRole('radio', { name: 'Toegang stopt op een datum' }));
    const date = screen.getByLabelText('Toegang stopt op', { selector: 'input' });
    fireEvent.change(date, { target: { value: '2001-01-01' } });
    fireEvent.click(screen.getByRole('button', { name: 'Wijzigingen opslaan' }));
    const link = await screen.findByRole('link', { name: /Kies een datum na vandaag\./ });
    expect(link.getAttribute('href')).toBe(`#${date.id}`);
    expect(date.getAttribute('aria-invalid')).toBe('true');
    expect(calls.some((c) => c.key === put)).toBe(false);

    fireEvent.change(date, { target: { value: '2099-04-01' } });
    fireEvent.click(screen.getByRole('button', { name: 'Wijzigingen opslaan' }));
    await screen.findByText(/zijn opgeslagen/);
    expect(bodyOf(calls, put)).toEqual({
      permissions: ['agenda:read', 'messages:use', 'board:read'],
      endsAt: new Date(2099, 3, 1).toISOString(),
    });
    expect(screen.getAllByText('Toegang stopt op 1 april 2099').length).toBeGreaterThan(0);
  });

  it('saving without a change says so and sends nothing', async () => {
    const { calls } = await openJan();
    fireEvent.click(screen.getByRole('button', { name: 'Wijzigingen opslaan' }));
    expect(await screen.findByText('U heeft nog niets veranderd. Er is dus niets opgeslagen.')).toBeTruthy();
    expect(calls.some((c) => c.key === put)).toBe(false);
  });

  it('removes a person only after the confirmation, then shows the list with a message', async () => {
    let members = network().members;
    const { calls } = await openJan({
      handlers: {
        [`GET /api/portals/${clientId}/network`]: () => json(network({ members })),
        [`DELETE /api/portals/${clientId}/network/${jan}`]: () => {
          members = members.filter((m) => m.personId !== jan);
          return new Response(null, { status: 204 });
        },
      },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Verwijderen uit het netwerk' }));
    const dialog = await screen.findByRole('alertdialog', {
      name: 'Weet u zeker dat u Jan van den Berg uit het netwerk wilt verwijderen?',
    });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Nee, niet verwijderen' }));
    await waitFor(() => expect(screen.queryByRole('alertdialog')).toBeNull());
    expect(calls.some((c) => c.key.startsWith('DELETE'))).toBe(false);

    fireEvent.click(screen.getByRole('button', { name: 'Verwijderen uit het netwerk' }));
    fireEvent.click(within(await screen.findByRole('alertdialog')).getByRole('button', { name: 'Ja, verwijderen' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Beheerinstellingen' })).toBeTruthy();
    const notice = await screen.findByText('Jan van den Berg is uit het netwerk verwijderd.');
    await waitFor(() => expect(document.activeElement).toBe(notice));
    const list = screen.getByRole('list', { name: 'Wie hebben toegang' });
    expect(within(list).queryByText('Jan van den Berg')).toBeNull();
  });

  it('a person not (or no longer) in the network gets a clear page', async () => {
    renderNetwork(`beheer/persoon/bbbbbbbb-0000-4000-8000-00000000ffff`);
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Deze persoon staat niet in het netwerk' }),
    ).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Terug naar Beheerinstellingen' })).toBeTruthy();
  });

  it('the client and the viewer have no switches: the client always has everything', async () => {
    renderNetwork(`beheer/persoon/${johanna}`);
    expect(await screen.findByText(/Johanna mag altijd alles in het eigen portaal/)).toBeTruthy();
    expect(screen.queryByRole('switch')).toBeNull();
  });

  it('a member without network:manage sees who can manage instead of the switches', async () => {
    const data = network({ canManage: false, pendingInvitations: undefined });
    renderNetwork(`beheer/persoon/${jan}`, { data, mine: ['agenda:read'] });
    expect(await screen.findByText('U kunt de beheerinstellingen van dit portaal niet wijzigen.')).toBeTruthy();
    expect(screen.queryByRole('switch')).toBeNull();
  });
});
