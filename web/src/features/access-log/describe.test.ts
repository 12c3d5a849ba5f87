import { t } from 'i18next';
import { describe, expect, it } from 'vitest';
import { actionText } from './describe';
import type { AccessLogEntry } from './types';

const entry = (action: string, subject: AccessLogEntry['subject'] = null): AccessLogEntry => ({
  id: '1',
  occurredAt: '2026-07-20T08:05:00Z',
  action,
  outcome: 'success',
  actor: { kind: 'person', name: 'Peter van der Berg', role: 'contact_person', relationLabel: null, isYou: false },
  subject,
});

/** Every action the server writes with a client id today (grep "action:" in server/src), and those being added. */
const clientActions = [
  'access.denied',
  'access_log.read',
  'account.data_change_requested',
  'account.profile.read',
  'network.invitation_accepted',
  'network.invitation_resent',
  'network.invitation_withdrawn',
  'network.invited',
  'network.joined',
  'network.member_removed',
  'network.permissions_changed',
  'network.read',
  'portal.created',
  'portal.overview.read',
];

describe('the words for each action (N2)', () => {
  it('has plain Dutch for every action a portal records, so that none falls back to its code', () => {
    for (const action of clientActions) {
      expect(actionText(t, entry(action)), action).not.toMatch(/Iets gedaan|\./);
    }
  });

  it('names the person it was about, or says "u" when it was the viewer', () => {
    const sanne = { name: 'Sanne de Vries', isYou: false };
    expect(actionText(t, entry('network.member_removed', sanne))).toBe('Sanne de Vries verwijderd uit het netwerk');
    expect(actionText(t, entry('network.invitation_withdrawn', sanne))).toBe(
      'Uitnodiging aan Sanne de Vries ingetrokken',
    );
    expect(actionText(t, entry('network.permissions_changed', { name: 'Sanne de Vries', isYou: true }))).toBe(
      'Uw rechten gewijzigd',
    );
    expect(actionText(t, entry('network.permissions_changed', { name: null, isYou: false }))).toBe(
      'Rechten van iemand die niet meer bekend is gewijzigd',
    );
  });

  it('shows an action it has no words for by its code, so that nothing stays hidden', () => {
    expect(actionText(t, entry('dossier.report.read'))).toBe('Iets gedaan in het portaal: dossier.report.read');
  });
});
