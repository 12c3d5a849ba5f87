import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { json, mockApi, renderRoutes } from '../../test/render';
import { OutboxPage } from './outbox-page';

const messages = [
  { channel: 'sms', to: '+31612340003', subject: null, body: 'Uw code is 123456', createdAt: '2026-03-02T10:00:00Z' },
  {
    channel: 'email',
    to: 'sanne@example.nl',
    subject: 'Welkom bij Kring',
    body: 'Hallo Sanne',
    createdAt: '2026-03-01T10:00:00Z',
  },
];

describe('OutboxPage', () => {
  it('shows the messages in the order the API gives (newest first) and can refresh', async () => {
    const { calls } = mockApi({
      'GET /api/config': () => json({ devOutbox: true, sessionIdleMinutes: 30 }),
      'GET /api/dev/outbox': () => json({ messages }),
    });
    renderRoutes([{ path: '/outbox', element: <OutboxPage /> }], '/outbox');
    expect(await screen.findByText('2 berichten')).toBeTruthy();
    expect(screen.getByRole('heading', { level: 1, name: 'Demo: verzonden berichten' })).toBeTruthy();
    expect(screen.getAllByRole('heading', { level: 2 }).map((h) => h.textContent)).toEqual([
      'Sms',
      'E-mail: Welkom bij Kring',
    ]);
    expect(screen.getByText('Uw code is 123456')).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Vernieuwen' }));
    await waitFor(() => expect(calls.filter((c) => c.key === 'GET /api/dev/outbox')).toHaveLength(2));
  });

  it('does not exist outside demo mode', async () => {
    mockApi({ 'GET /api/config': () => json({ devOutbox: false, sessionIdleMinutes: 30 }) });
    renderRoutes([{ path: '/outbox', element: <OutboxPage /> }], '/outbox');
    expect(await screen.findByRole('heading', { level: 1, name: 'Deze pagina bestaat niet' })).toBeTruthy();
  });
});
