import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Me } from '../../api/types';
import { hendrikId, johannaId, me, portal } from '../../test/fixtures';
import { json, mockApi, renderRoutes } from '../../test/render';
import { RequireSession } from '../auth/require-session';
import { PortalChooserPage } from './portal-chooser-page';

function renderChooser(answer: Me) {
  mockApi({
    'GET /api/me': () => json(answer),
    'GET /api/config': () => json({ devOutbox: false, sessionIdleMinutes: 30 }),
  });
  return renderRoutes(
    [
      {
        element: <RequireSession />,
        children: [
          { path: '/portalen', element: <PortalChooserPage /> },
          { path: '/p/:clientId', element: <p>portaal</p> },
        ],
      },
    ],
    '/portalen',
  );
}

describe('PortalChooserPage', () => {
  it('lists every client by name, with how the person relates to them', async () => {
    renderChooser(
      me({
        portals: [
          portal(),
          portal({
            clientId: hendrikId,
            clientName: 'Hendrik de Vries',
            clientGivenName: 'Hendrik',
            relation: 'legal_representative',
            relationLabel: 'dochter',
          }),
        ],
      }),
    );
    expect(await screen.findByRole('heading', { level: 1, name: 'Welk portaal wilt u openen?' })).toBeTruthy();
    const links = screen.getAllByRole('link').filter((a) => a.getAttribute('href')?.startsWith('/p/'));
    expect(links.map((a) => a.textContent)).toEqual([
      'Johanna van der Berg — U bent: buurvrouw',
      'Hendrik de Vries — U bent: dochter en wettelijk vertegenwoordiger',
    ]);
    expect(links[1]?.getAttribute('href')).toBe(`/p/${hendrikId}`);
    expect(screen.getByText('Ingelogd als Sanne de Vries')).toBeTruthy();
  });

  it('opens the only portal straight away', async () => {
    const { router } = renderChooser(me());
    await waitFor(() => expect(router.state.location.pathname).toBe(`/p/${johannaId}`));
  });

  it('tells staff without a portal to ask their organisation', async () => {
    renderChooser(
      me({
        portals: [],
        staffRoles: [{ role: 'care_professional', organisationName: 'Zorggroep De Linde', departmentName: 'Vlinder' }],
      }),
    );
    expect(await screen.findByRole('heading', { level: 1, name: 'U heeft nog geen cliëntportaal' })).toBeTruthy();
    expect(screen.getByText(/U werkt bij Zorggroep De Linde\./)).toBeTruthy();
  });
});
