import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { johannaId, me, portal } from '../../test/fixtures';
import { renderInPortal } from '../../test/portal';
import { apiError, json, type mockApi } from '../../test/render';
import { AccessLogPage } from './access-log-page';
import { addDays, dayOf } from './dates';
import type { AccessLogEntry, AccessLogPage as Page } from './types';

const logUrl = `/api/portals/${johannaId}/access-log`;

let nextId = 1000;
function entry(
  overrides: Partial<Omit<AccessLogEntry, 'actor'>> & { actor?: Partial<AccessLogEntry['actor']> } = {},
): AccessLogEntry {
  const { actor, ...rest } = overrides;
  return {
    id: String(nextId--),
    occurredAt: '2026-07-20T08:05:00Z',
    action: 'portal.overview.read',
    outcome: 'success',
    subject: null,
    ...rest,
    actor: {
      kind: 'person',
      name: 'Peter van der Berg',
      role: 'contact_person',
      relationLabel: 'zoon',
      isYou: false,
      ...actor,
    },
  };
}

const page = (
  entries: AccessLogEntry[],
  nextCursor: string | null = null,
  period = { from: '2026-06-21', to: '2026-07-20' },
): Page => ({
  ...period,
  entries,
  nextCursor,
});

function renderPage(handlers: Parameters<typeof mockApi>[0]) {
  return renderInPortal({
    pages: [{ path: 'beheer/wie-heeft-wat-bekeken', element: <AccessLogPage /> }],
    path: 'beheer/wie-heeft-wat-bekeken',
    person: me({ portals: [portal({ relation: 'contact', permissions: ['agenda:read', 'network:manage'] })] }),
    handlers,
  });
}

const items = () => screen.getAllByRole('listitem').filter((li) => li.classList.contains('access-log-entry'));

describe('AccessLogPage (N2)', () => {
  it('lists who did what, per day in Dutch time, with the person’s name and role in plain words', async () => {
    renderPage({
      [`GET ${logUrl}`]: () =>
        json(
          page([
            entry({
              occurredAt: '2026-07-20T08:05:00Z',
              action: 'network.permissions_changed',
              subject: { name: 'Sanne de Vries', isYou: false },
            }),
            entry({
              occurredAt: '2026-07-19T22:30:00Z',
              actor: { name: 'Anouk Visser', role: 'contactverzorgende', relationLabel: null },
            }),
            entry({
              occurredAt: '2026-07-19T21:59:00Z',
              action: 'network.read',
              actor: { name: 'Rob Meijer', role: 'organisation_admin', relationLabel: null },
            }),
            entry({
              occurredAt: '2026-07-19T12:00:00Z',
              action: 'network.permissions_changed',
              subject: { name: 'Sanne de Vries', isYou: true },
              actor: { name: 'Johanna van der Berg', role: 'client', relationLabel: null },
            }),
            entry({
              occurredAt: '2026-07-19T11:00:00Z',
              action: 'access.denied',
              outcome: 'denied',
              actor: { kind: 'outsider', name: null, role: null, relationLabel: null },
            }),
            entry({ occurredAt: '2026-07-19T10:00:00Z', action: 'access_log.read', actor: { isYou: true } }),
            entry({
              occurredAt: '2026-07-19T09:00:00Z',
              action: 'agenda.something_later',
              actor: { kind: 'unknown', name: null, role: 'care_professional', relationLabel: null },
            }),
          ]),
        ),
    });
    expect(await screen.findByRole('heading', { level: 1, name: 'Wie heeft wat bekeken' })).toBeTruthy();
    expect(document.title).toBe('Wie heeft wat bekeken – Portaal van Johanna van der Berg – Kring');
    expect(screen.getByRole('link', { name: 'Terug naar Beheerinstellingen' }).getAttribute('href')).toBe(
      `/p/${johannaId}/beheer`,
    );
    expect(
      await screen.findByRole('heading', { level: 2, name: 'Van 21 juni 2026 tot en met 20 juli 2026' }),
    ).toBeTruthy();

    // 19 July 22:30 UTC is 20 July 00:30 in the Netherlands.
    const days = screen.getAllByRole('heading', { level: 3 }).map((h) => h.textContent);
    expect(days).toEqual(['maandag 20 juli 2026', 'zondag 19 juli 2026']);
    expect(items().map((li) => li.textContent)).toEqual([
      '10:05Rechten van Sanne de Vries gewijzigdDoor: Peter van der Berg, contactpersoon (zoon)',
      '00:30Algemeen bekekenDoor: Anouk Visser, contactverzorgende',
      '23:59Netwerk bekekenDoor: Rob Meijer, beheerder van de zorgorganisatie',
      '14:00Uw rechten gewijzigdDoor: Johanna van der Berg, cliënt',
      '13:00GeweigerdToegang geweigerd: geprobeerd iets te openen zonder toestemmingDoor: Iemand buiten het netwerk',
      '12:00Wie heeft wat bekeken bekekenDoor: U',
      '11:00Iets gedaan in het portaal: agenda.something_laterDoor: Onbekend, zorgmedewerker',
    ]);
    expect(items()[0]!.querySelector('time')!.getAttribute('datetime')).toBe('2026-07-20T08:05:00Z');
    expect(screen.getByRole('status').textContent).toBe('U ziet 7 regels.');
    expect(screen.getByText('Dit is alles uit deze periode.')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Meer laden' })).toBeNull();
  });

  it('loads older entries with "Meer laden", for the same period, until there is no more', async () => {
    const first = Array.from({ length: 25 }, (_, i) =>
      entry({ occurredAt: new Date(Date.parse('2026-07-20T10:00:00Z') - i * 60_000).toISOString() }),
    );
    const { calls } = renderPage({
      [`GET ${logUrl}`]: () => json(page(first, first[24]!.id)),
      [`GET ${logUrl}?from=2026-06-21&to=2026-07-20&cursor=${first[24]!.id}`]: () =>
        json(
          page([
            entry({
              occurredAt: '2026-07-01T10:00:00Z',
              action: 'network.invited',
              subject: { name: 'Bram van Dam', isYou: false },
            }),
          ]),
        ),
    });
    const more = await screen.findByRole('button', { name: 'Meer laden' });
    expect(screen.getByRole('status').textContent).toBe('U ziet de nieuwste 25 regels. Er is meer.');
    fireEvent.click(more);
    expect(await screen.findByText('Uitnodiging verstuurd aan Bram van Dam')).toBeTruthy();
    expect(items()).toHaveLength(26);
    expect(screen.queryByRole('button', { name: 'Meer laden' })).toBeNull();
    expect(screen.getByText('Dit is alles uit deze periode.')).toBeTruthy();
    expect(calls.filter((c) => c.key.startsWith(`GET ${logUrl}`))).toHaveLength(2);
  });

  it('shows another period: a ready choice, or two days of one’s own that are checked before asking', async () => {
    const today = dayOf(Date.now());
    const week = { from: addDays(today, -6), to: today };
    const { calls } = renderPage({
      [`GET ${logUrl}`]: () => json(page([entry()])),
      [`GET ${logUrl}?from=${week.from}&to=${week.to}`]: () => json(page([], null, week)),
      [`GET ${logUrl}?from=2026-03-01&to=2026-03-31`]: () =>
        json(page([entry({ occurredAt: '2026-03-10T10:00:00Z' })], null, { from: '2026-03-01', to: '2026-03-31' })),
    });
    await screen.findByText('Algemeen bekeken');

    fireEvent.click(screen.getByRole('radio', { name: 'Laatste 7 dagen' }));
    fireEvent.click(screen.getByRole('button', { name: 'Tonen' }));
    expect(
      await screen.findByText('In deze periode heeft niemand iets bekeken of gewijzigd in dit portaal.'),
    ).toBeTruthy();
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('heading', { level: 2, name: /^Van / })));

    fireEvent.click(screen.getByRole('radio', { name: 'Zelf kiezen' }));
    const from = screen.getByLabelText('Van') as HTMLInputElement;
    const to = screen.getByLabelText('Tot en met') as HTMLInputElement;
    // The fields start at the period shown.
    expect([from.value, to.value]).toEqual([week.from, week.to]);
    fireEvent.change(from, { target: { value: '2026-04-01' } });
    fireEvent.change(to, { target: { value: '2026-03-31' } });
    const asked = calls.length;
    fireEvent.click(screen.getByRole('button', { name: 'Tonen' }));
    const summary = await screen.findByRole('heading', { name: 'Dit is nog niet goed ingevuld:' });
    expect(summary.parentElement!.textContent).toContain(
      'De eerste dag ligt na de laatste dag. Kies een eerdere eerste dag.',
    );
    expect(from.getAttribute('aria-invalid')).toBe('true');
    expect(calls.length, 'nothing asked with a wrong period').toBe(asked);

    fireEvent.change(from, { target: { value: '2025-01-01' } });
    fireEvent.click(screen.getByRole('button', { name: 'Tonen' }));
    expect(
      (await screen.findAllByText('Dat is langer dan een jaar. Kies een kortere periode.')).length,
    ).toBeGreaterThan(0);

    fireEvent.change(from, { target: { value: '2026-03-01' } });
    fireEvent.click(screen.getByRole('button', { name: 'Tonen' }));
    expect(
      await screen.findByRole('heading', { level: 2, name: 'Van 1 maart 2026 tot en met 31 maart 2026' }),
    ).toBeTruthy();
    expect(within(items()[0]!).getByText('11:00')).toBeTruthy();
  });

  it('tells a person without the right that only the client and managers see it', async () => {
    renderPage({ [`GET ${logUrl}`]: () => apiError(403, 'forbidden') });
    expect(
      await screen.findByText('Dit overzicht is alleen te zien voor de cliënt en voor wie het netwerk beheert.'),
    ).toBeTruthy();
  });
});
