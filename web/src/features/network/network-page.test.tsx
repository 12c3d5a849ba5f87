import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { apiError, json } from '../../test/render';
import { allPermissions } from './types';
import { clientId, invitation, jan, johanna, network, renderNetwork, sanne } from './network-test-utils';

const peopleList = () => screen.getByRole('list', { name: 'Wie hebben toegang' });

describe('NetworkPage (Beheerinstellingen)', () => {
  it('R22: lists the network in the server’s Dutch order in a plain <ul> without numbers, with tussenvoegsel, relation and rights in words', async () => {
    renderNetwork('beheer', {
      data: network({
        members: network().members.map((m) =>
          m.personId === jan ? { ...m, accessEndsAt: '2030-03-01T12:00:00Z' } : m,
        ),
      }),
    });
    expect(await screen.findByRole('heading', { level: 1, name: 'Beheerinstellingen' })).toBeTruthy();
    expect(document.title).toBe('Beheerinstellingen – Portaal van Johanna Jansen – Kring');
    const list = await screen.findByRole('list', { name: 'Wie hebben toegang' });
    expect(list.tagName).toBe('UL');
    expect(document.querySelector('ol')).toBeNull();
    const items = within(list).getAllByRole('listitem');
    // The server's order (van den Berg under B, Jansen, de Vries under V) is kept as it is.
    expect(items.map((li) => within(li).getByRole('heading', { level: 3 }).textContent)).toEqual([
      'Jan van den Berg',
      'Johanna Jansen',
      'Sanne de Vries U(dit bent u)',
    ]);
    // No numbers that could suggest an order.
    expect(list.textContent).not.toMatch(/\b[1-3]\./);
    expect(items[0]!.textContent).toContain('buurman');
    expect(items[0]!.textContent).toContain('Mag: agenda bekijken, berichten en prikbord bekijken');
    expect(items[0]!.textContent).toContain('Toegang stopt op 1 maart 2030');
    expect(items[1]!.textContent).toContain('cliënt, eigen portaal');
    expect(items[1]!.textContent).toContain('Mag alles in het eigen portaal');
    expect(items[2]!.textContent).toContain('dochter');
    expect(items[2]!.textContent).toContain('Mag: agenda bekijken en netwerk beheren');
  });

  it('R26: links each person to their page, except the client and the viewer', async () => {
    renderNetwork('beheer');
    await screen.findByRole('list', { name: 'Wie hebben toegang' });
    const links = within(peopleList()).getAllByRole('link');
    expect(links.map((a) => [a.textContent, a.getAttribute('href')])).toEqual([
      ['Jan van den Berg', `/p/${clientId}/beheer/persoon/${jan}`],
    ]);
    expect(within(peopleList()).queryByRole('link', { name: /Johanna/ })).toBeNull();
    expect(within(peopleList()).queryByRole('link', { name: /Sanne/ })).toBeNull();
    expect(screen.getByRole('link', { name: 'Iemand uitnodigen' }).getAttribute('href')).toBe(
      `/p/${clientId}/beheer/uitnodigen`,
    );
    expect(screen.getByRole('link', { name: 'Bekijk wie wat heeft bekeken' }).getAttribute('href')).toBe(
      `/p/${clientId}/beheer/wie-heeft-wat-bekeken`,
    );
    expect(screen.queryByRole('heading', { name: 'Uitnodigingen die nog open staan' })).toBeNull();
  });

  it('shows a pending invitation and sends it again', async () => {
    const pending = invitation();
    const { calls } = renderNetwork('beheer', {
      data: network({ pendingInvitations: [pending] }),
      handlers: {
        [`POST /api/portals/${clientId}/network/invitations/${pending.invitationId}/resend`]: () =>
          json({ invitationId: pending.invitationId, expiresAt: '2030-01-15T12:00:00Z' }),
      },
    });
    const section = (
      await screen.findByRole('heading', { level: 2, name: 'Uitnodigingen die nog open staan' })
    ).closest('section')!;
    const item = within(section).getByRole('listitem');
    expect(item.textContent).toContain('Karel Pietersen');
    expect(item.textContent).toContain('Verstuurd naar karel@example.nl');
    expect(item.textContent).toContain('De uitnodiging verloopt op 8 januari 2030.');
    fireEvent.click(within(item).getByRole('button', { name: 'Opnieuw sturen' }));
    const done = await screen.findByText(/De uitnodiging is opnieuw verstuurd naar karel@example\.nl\./);
    expect(done.textContent).toContain('15 januari 2030');
    expect(done.closest('[role="status"]')).toBeTruthy();
    await waitFor(() => expect(document.activeElement).toBe(done));
    expect(calls.filter((c) => c.key.startsWith('POST')).length).toBe(1);
  });

  it('withdraws a pending invitation only after a confirmation; "Nee" keeps it', async () => {
    const pending = invitation();
    let open = [pending];
    const { calls } = renderNetwork('beheer', {
      handlers: {
        [`GET /api/portals/${clientId}/network`]: () => json(network({ pendingInvitations: open })),
        [`DELETE /api/portals/${clientId}/network/invitations/${pending.invitationId}`]: () => {
          open = [];
          return new Response(null, { status: 204 });
        },
      },
    });
    const withdraw = await screen.findByRole('button', { name: 'Intrekken' });
    fireEvent.click(withdraw);
    const question = screen.getByText('Weet u zeker dat u de uitnodiging voor Karel Pietersen wilt intrekken?');
    await waitFor(() => expect(document.activeElement).toBe(question));
    fireEvent.click(screen.getByRole('button', { name: 'Nee, laten staan' }));
    expect(screen.queryByText(/wilt intrekken/)).toBeNull();
    expect(calls.some((c) => c.key.startsWith('DELETE'))).toBe(false);

    fireEvent.click(screen.getByRole('button', { name: 'Intrekken' }));
    fireEvent.click(screen.getByRole('button', { name: 'Ja, intrekken' }));
    expect(await screen.findByText('De uitnodiging voor Karel Pietersen is ingetrokken.')).toBeTruthy();
    await waitFor(() => expect(screen.queryByRole('heading', { name: 'Uitnodigingen die nog open staan' })).toBeNull());
  });

  it('an invitation that was accepted meanwhile says so instead of failing silently', async () => {
    const pending = invitation();
    renderNetwork('beheer', {
      data: network({ pendingInvitations: [pending] }),
      handlers: {
        [`POST /api/portals/${clientId}/network/invitations/${pending.invitationId}/resend`]: () =>
          apiError(404, 'not_found'),
      },
    });
    fireEvent.click(await screen.findByRole('button', { name: 'Opnieuw sturen' }));
    expect(await screen.findByText(/Deze uitnodiging staat niet meer open\./)).toBeTruthy();
  });

  it('R26: a member without network:manage sees that they cannot manage, who can, and who has access (no links, no rights)', async () => {
    const data = network({
      canManage: false,
      pendingInvitations: undefined,
      members: network().members.map(({ permissions: _, ...m }) => ({ ...m, isSelf: m.personId === jan })),
    });
    renderNetwork('beheer', { data, mine: ['agenda:read'] });
    expect(await screen.findByText('U kunt de beheerinstellingen van dit portaal niet wijzigen.')).toBeTruthy();
    expect(
      screen.getByText('Dat kunnen alleen Johanna zelf en de mensen aan wie Johanna dat recht heeft gegeven.'),
    ).toBeTruthy();
    const list = screen.getByRole('list', { name: 'Deze mensen hebben toegang' });
    expect(within(list).getAllByRole('listitem')).toHaveLength(3);
    expect(within(list).queryByRole('link')).toBeNull();
    expect(list.textContent).not.toContain('Mag');
    expect(screen.queryByRole('link', { name: 'Iemand uitnodigen' })).toBeNull();
    // The menu does not offer the section either.
    expect(screen.queryByRole('link', { name: 'Beheerinstellingen' })).toBeNull();
  });

  it('care staff, whom the API answers 403, get the same clear page', async () => {
    renderNetwork('beheer', {
      mine: [],
      handlers: { [`GET /api/portals/${clientId}/network`]: () => apiError(403, 'forbidden') },
    });
    expect(await screen.findByText('U kunt de beheerinstellingen van dit portaal niet wijzigen.')).toBeTruthy();
    expect(screen.queryByRole('link', { name: 'Iemand uitnodigen' })).toBeNull();
  });

  it('the client sees an intro in the first person', async () => {
    const data = network({
      members: network().members.map((m) => ({ ...m, isSelf: m.personId === johanna })),
    });
    renderNetwork('beheer', { data, viewerIsClient: true, mine: allPermissions as unknown as string[] });
    expect(await screen.findByText(/Hier bepaalt u wie uw portaal mag gebruiken/)).toBeTruthy();
    expect(document.title).toBe('Beheerinstellingen – Mijn portaal – Kring');
    // Now Sanne is linked and Johanna (the viewer and the client) is not.
    const links = within(peopleList()).getAllByRole('link');
    expect(links.map((a) => a.getAttribute('href'))).toEqual([
      `/p/${clientId}/beheer/persoon/${jan}`,
      `/p/${clientId}/beheer/persoon/${sanne}`,
    ]);
  });
});
