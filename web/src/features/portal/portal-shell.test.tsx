import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Me } from '../../api/types';
import { hendrikId, johannaId, me, overview, portal } from '../../test/fixtures';
import { renderInPortal } from '../../test/portal';
import { json } from '../../test/render';
import { OverviewPage } from './overview-page';

function renderShell(answer: Me, clientId = johannaId) {
  return renderInPortal({
    pages: [{ index: true, element: <OverviewPage /> }],
    path: '',
    clientId,
    person: answer,
    handlers: {
      'GET /api/config': () => json({ devOutbox: true, sessionIdleMinutes: 30 }),
      [`GET /api/portals/${clientId}`]: () => json(overview()),
    },
  });
}

describe('PortalShell', () => {
  it('shows a contact person whose portal it is, and only the sections that work', async () => {
    renderShell(me({ portals: [portal(), portal({ clientId: hendrikId, clientName: 'Hendrik de Vries' })] }));
    await screen.findByRole('button', { name: 'Uitloggen' });
    const banner = screen.getByRole('banner');
    expect(banner.textContent).toContain('Portaal van');
    expect(banner.textContent).toContain('Johanna van der Berg');
    expect(within(banner).getByRole('link', { name: 'Ander portaal kiezen' }).getAttribute('href')).toBe('/portalen');
    const nav = screen.getByRole('navigation', { name: 'Onderdelen van het portaal' });
    expect(
      within(nav)
        .getAllByRole('link')
        .map((a) => a.textContent),
    ).toEqual(['Algemeen', 'Mijn gegevens']);
    expect(within(nav).getByRole('link', { name: 'Algemeen' }).getAttribute('aria-current')).toBe('page');
    expect(within(nav).getByRole('link', { name: 'Mijn gegevens' }).getAttribute('href')).toBe(
      `/p/${johannaId}/mijn-gegevens`,
    );
    expect(await screen.findByText('U bent: buurvrouw')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Demo: verzonden e-mail en sms bekijken' })).toBeTruthy();
  });

  it('shows the client "Mijn portaal" and no portal switch when there is one portal', async () => {
    renderShell(me({ portals: [portal({ relation: 'self', relationLabel: null })] }));
    await screen.findByRole('button', { name: 'Uitloggen' });
    const banner = screen.getByRole('banner');
    expect(banner.textContent).toContain('Mijn portaal');
    expect(within(banner).queryByRole('link', { name: 'Ander portaal kiezen' })).toBeNull();
    expect(within(banner).getByRole('button', { name: 'Uitloggen' })).toBeTruthy();
  });

  it("says so when the portal is not one of the person's", async () => {
    renderShell(me(), hendrikId);
    expect(await screen.findByRole('heading', { level: 1, name: 'Dit portaal kunt u niet openen' })).toBeTruthy();
  });
});
