/** I2: an organisation starts from the command line: organisation, admin, portals and invitations. */
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { clients, invitations, staffRoles } from '../platform/schema.js';
import { useTestContext } from '../test/context.js';
import { lastMailLink, lastMessageTo } from '../test/outbox.js';
import * as admin from './admin-commands.js';

const uuidIn = (text: string) => text.match(/[0-9a-f]{8}-[0-9a-f-]{27}/)![0];

describe('npm run admin commands', () => {
  const ctx = useTestContext();

  it('creates an organisation with a department, an admin with an activation link, and a portal with its invitation', async () => {
    const organisationId = uuidIn(
      await admin.createOrganisation(ctx, {
        name: 'Zorggroep Noord',
        mailbox: 'gegevens@noord.test',
        helpdesk: 'hulp@noord.test',
      }),
    );
    const departmentId = uuidIn(await admin.createDepartment(ctx, { organisation: organisationId, name: 'De Esch' }));
    expect(await admin.listOrganisations(ctx)).toContain('De Esch');

    const adminEmail = `beheer-${Date.now()}@noord.test`;
    await admin.createAdmin(ctx, {
      organisation: organisationId,
      email: adminEmail,
      'given-name': 'Bea',
      'family-name': 'Heer',
      mobile: '06 1111 2222',
    });
    const activation = await lastMessageTo(ctx.db, adminEmail);
    expect(activation?.body).toContain('7 dagen');
    expect((await lastMailLink(ctx.db, adminEmail)).url).toContain('/wachtwoord-herstellen?token=');
    const roles = await ctx.db.select().from(staffRoles).where(eq(staffRoles.organisationId, organisationId));
    expect(roles.map((r) => r.role)).toEqual(['organisation_admin']);

    const inviteeEmail = `zoon-${Date.now()}@example.test`;
    const out = await admin.createPortalCommand(ctx, {
      organisation: organisationId,
      'client-given-name': 'Greet',
      'client-family-name': 'Jansen',
      department: departmentId,
      email: inviteeEmail,
      'given-name': 'Jan',
      'family-name': 'Jansen',
      mobile: '0612345678',
      'relation-label': 'zoon',
    });
    const clientId = uuidIn(out);
    const [client] = await ctx.db.select().from(clients).where(eq(clients.id, clientId));
    expect(client).toMatchObject({ givenName: 'Greet', departmentId, organisationId });
    const [invitation] = await ctx.db.select().from(invitations).where(eq(invitations.clientId, clientId));
    expect(invitation?.permissions).toContain('network:manage');
    expect(invitation?.permissions).not.toContain('dossier:read');
    expect((await lastMessageTo(ctx.db, inviteeEmail))?.subject).toBe('Uitnodiging voor het cliëntportaal');
  });

  it('names missing flags and bad values instead of guessing', async () => {
    await expect(admin.createOrganisation(ctx, { name: 'X' })).rejects.toThrow('Missing: --mailbox, --helpdesk');
    await expect(
      admin.inviteCommand(ctx, {
        client: '00000000-0000-4000-8000-000000000000',
        email: 'a@b.test',
        'given-name': 'A',
        'family-name': 'B',
        mobile: '0612345678',
        permissions: 'dossier:read,alles',
      }),
    ).rejects.toThrow('Unknown rights: alles');
  });
});
