import type { Me, PortalOverview, PortalSummary, SmsView } from '../api/types';

export const johannaId = '11111111-1111-4111-8111-111111111111';
export const hendrikId = '22222222-2222-4222-8222-222222222222';

export function portal(overrides: Partial<PortalSummary> = {}): PortalSummary {
  return {
    clientId: johannaId,
    clientName: 'Johanna van der Berg',
    clientGivenName: 'Johanna',
    relation: 'contact',
    relationLabel: 'buurvrouw',
    permissions: ['agenda:read', 'messages:use'],
    accessEndsAt: null,
    organisationName: 'Zorggroep De Linde',
    ...overrides,
  };
}

export function me(overrides: Partial<Me> = {}): Me {
  return {
    person: {
      id: '33333333-3333-4333-8333-333333333333',
      email: 'sanne@example.nl',
      givenName: 'Sanne',
      namePrefix: 'de',
      familyName: 'Vries',
      displayName: 'Sanne de Vries',
    },
    portals: [portal()],
    staffRoles: [],
    session: { csrfToken: 'csrf', expiresAt: '2030-01-01T00:00:00Z', idleExpiresAt: '2030-01-01T00:00:00Z' },
    ...overrides,
  };
}

export function overview(overrides: Partial<PortalOverview> = {}): PortalOverview {
  return {
    client: { id: johannaId, name: 'Johanna van der Berg', givenName: 'Johanna' },
    you: { role: 'contact_person', relationLabel: 'buurvrouw', permissions: ['agenda:read', 'messages:use'] },
    department: { name: 'Huize Berkenhof, afdeling Vlinder', phone: '030 123 45 80', email: 'vlinder@example.nl' },
    contactverzorgende: { name: 'Anouk Visser' },
    organisation: {
      name: 'Zorggroep De Linde',
      phone: '030 123 45 67',
      helpdeskEmail: 'helpdesk@example.nl',
      dataChangeMailbox: 'clientportaal@example.nl',
    },
    ...overrides,
  };
}

/** An SMS step whose code was sent just now: valid 5 minutes, a new one after 30 seconds. */
export function smsView(overrides: Partial<SmsView> = {}, sentAt = Date.parse('2030-01-01T12:00:00Z')): SmsView {
  return {
    purpose: 'login',
    maskedMobile: '•• •• •• •• 78',
    codeExpiresAt: new Date(sentAt + 5 * 60_000).toISOString(),
    resendAvailableAt: new Date(sentAt + 30_000).toISOString(),
    attemptExpiresAt: new Date(sentAt + 30 * 60_000).toISOString(),
    ...overrides,
  };
}
