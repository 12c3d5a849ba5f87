import type { Page } from '@playwright/test';
import { expectAccessible } from './axe';
import {
  expect,
  latestCode,
  latestLink,
  newPerson,
  newPersonPassword,
  readOutbox,
  signUp,
  test,
  type NewPerson,
} from './fixtures';

/**
 * The manager of a new portal may also read the dossier: nobody can grant a right they do not
 * hold (R26), and the dossier right is what this spec grants.
 */
const managerWithDossier = {
  relationLabel: 'dochter',
  permissions: ['dossier:read', 'agenda:read', 'messages:use', 'board:read', 'network:manage'],
};

/** Fills in and sends "Iemand uitnodigen" with the least rights (N7) and returns to the list. */
async function inviteThroughTheForm(page: Page, person: NewPerson, label: string) {
  await page.getByRole('link', { name: 'Iemand uitnodigen' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Iemand uitnodigen');
  await page.getByLabel('Voornaam').fill(person.givenName);
  await page.getByLabel('Achternaam').fill(person.familyName);
  await page.getByLabel('E-mailadres').fill(person.email);
  await page.getByLabel('Mobiel nummer').fill(person.mobile);
  await page.getByLabel(/^Wie is deze persoon voor/).fill(label);
  await page.getByRole('button', { name: 'Uitnodiging versturen' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Beheerinstellingen');
  await expect(page.getByRole('status').filter({ hasText: 'De uitnodiging is verstuurd naar' })).toContainText(
    person.email,
  );
}

const rightsSwitch = (page: Page, name: string) =>
  // The switch's own input is visually hidden; a person presses its label.
  page.locator('label.switch', { has: page.getByRole('switch', { name, exact: true }) });

test('R26, R27, N7: a manager invites a person, who accepts in another browser; the dossier right needs a confirmation; changes and removal work at once', async ({
  page,
  browser,
}, testInfo) => {
  const manager = newPerson('Marieke');
  const { clientId } = await signUp(page, testInfo, manager, 'Geertruida', managerWithDossier);

  await page.goto(`/p/${clientId}`);
  await page
    .getByRole('navigation', { name: 'Onderdelen van het portaal' })
    .getByRole('link', { name: 'Beheerinstellingen' })
    .click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Beheerinstellingen');
  await expect(page).toHaveTitle('Beheerinstellingen – Portaal van Geertruida Cliënt – Kring');
  const people = page.getByRole('list', { name: 'Wie hebben toegang' });
  await expect(people.getByRole('listitem')).toHaveCount(1);
  await expectAccessible(page, testInfo, 'beheer');

  // The form's own checks, before anything is sent.
  await page.getByRole('link', { name: 'Iemand uitnodigen' }).click();
  await page.getByRole('button', { name: 'Uitnodiging versturen' }).click();
  await expect(page.locator('.error-summary')).toBeFocused();
  await expect(page.getByRole('link', { name: 'Vul de voornaam in.' })).toBeVisible();
  // N7: the least rights are switched on, the dossier and management are not.
  await expect(page.getByRole('switch', { name: 'Agenda bekijken' })).toBeChecked();
  await expect(page.getByRole('switch', { name: 'Dossier lezen' })).not.toBeChecked();
  await expect(page.getByRole('switch', { name: 'Netwerk beheren' })).not.toBeChecked();
  await expectAccessible(page, testInfo, 'uitnodigen-fouten');
  await page.getByRole('link', { name: 'Terug naar Beheerinstellingen' }).click();

  const invitee = newPerson('Wim');
  await inviteThroughTheForm(page, invitee, 'buurman');
  const pending = page.locator('section', {
    has: page.getByRole('heading', { name: 'Uitnodigingen die nog open staan' }),
  });
  await expect(pending).toContainText(`${invitee.givenName} ${invitee.familyName}`);

  // The invitee, in a browser of their own: the link from the mail, a password, the SMS code.
  const other = await browser.newContext({ baseURL: testInfo.project.use.baseURL });
  const theirs = await other.newPage();
  await theirs.goto(await latestLink(theirs.request, invitee.email, '/uitnodiging'));
  await theirs.getByLabel('Kies een wachtwoord', { exact: true }).fill(newPersonPassword);
  await theirs.getByRole('button', { name: 'Verder' }).click();
  await theirs.getByLabel('Code uit de sms').fill(await latestCode(theirs.request, invitee.mobile));
  await theirs.getByRole('button', { name: 'Verder' }).click();
  await expect(theirs).toHaveURL(new RegExp(`/p/${clientId}$`));
  const theirMain = theirs.getByRole('main');
  await expect(theirMain).toContainText('U bent: buurman');
  await expect(theirMain).toContainText('U mag berichten lezen en sturen.');
  await expect(theirMain).not.toContainText('U mag het dossier lezen.');

  // The manager now sees them in the list (no longer pending) and opens their page.
  await page.reload();
  await expect(pending).toHaveCount(0);
  await people.getByRole('link', { name: `${invitee.givenName} ${invitee.familyName}` }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`${invitee.givenName} ${invitee.familyName}`);
  await expectAccessible(page, testInfo, 'persoon');

  // R27: the dossier right asks first; "Nee" leaves it off.
  await rightsSwitch(page, 'Dossier lezen').click();
  const dialog = page.getByRole('alertdialog', { name: 'Mag deze persoon het dossier lezen?' });
  await expect(dialog).toContainText('Het dossier is persoonlijk.');
  await expectAccessible(page, testInfo, 'persoon-dossier-vraag');
  await dialog.getByRole('button', { name: 'Nee, niet toestaan' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByRole('switch', { name: 'Dossier lezen' })).not.toBeChecked();
  await expect(page.getByRole('switch', { name: 'Dossier lezen' })).toBeFocused();

  await rightsSwitch(page, 'Dossier lezen').click();
  await dialog.getByRole('button', { name: 'Ja, dat weet ik zeker' }).click();
  await expect(page.getByRole('switch', { name: 'Dossier lezen' })).toBeChecked();
  await page.getByRole('button', { name: 'Wijzigingen opslaan' }).click();
  await expect(page.getByText(/De wijzigingen voor .* zijn opgeslagen\./)).toBeFocused();

  await theirs.reload();
  await expect(theirMain).toContainText('U mag het dossier lezen.');

  // N2: the change is in "Wie heeft wat bekeken", by the manager, about the invitee.
  const inviteeName = `${invitee.givenName} ${invitee.familyName}`;
  await page.goto(`/p/${clientId}/beheer`);
  await page.getByRole('link', { name: 'Bekijk wie wat heeft bekeken' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Wie heeft wat bekeken');
  const log = page.getByRole('main');
  await expect(log).toContainText(`Rechten van ${inviteeName} gewijzigd`);
  await expect(log).toContainText(`Uitnodiging verstuurd aan ${inviteeName}`);
  await page.goBack();
  await page.goBack();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(inviteeName);

  // Taking a right away works at once, also for the session that is open.
  await rightsSwitch(page, 'Berichten').click();
  await page.getByRole('button', { name: 'Wijzigingen opslaan' }).click();
  await expect(page.getByText(/De wijzigingen voor .* zijn opgeslagen\./)).toBeVisible();
  await theirs.reload();
  await expect(theirMain).toContainText('U mag het dossier lezen.');
  await expect(theirMain).not.toContainText('U mag berichten lezen en sturen.');

  // Removal: asked first, then back to the list with a message; the open session loses the portal.
  await page.getByRole('button', { name: 'Verwijderen uit het netwerk' }).click();
  const remove = page.getByRole('alertdialog');
  await expect(remove).toContainText('kan het portaal dan meteen niet meer openen');
  await remove.getByRole('button', { name: 'Ja, verwijderen' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Beheerinstellingen');
  await expect(page.getByText(/is uit het netwerk verwijderd\./)).toBeVisible();
  await expect(people.getByRole('listitem')).toHaveCount(1);
  await theirs.reload();
  await expect(theirs.getByRole('heading', { level: 1 })).toHaveText('Dit portaal kunt u niet openen');
  await other.close();
});

test('R26: a pending invitation can be sent again and withdrawn', async ({ page }, testInfo) => {
  const manager = newPerson('Ilse');
  const { clientId } = await signUp(page, testInfo, manager, 'Bertha', managerWithDossier);
  const invitee = newPerson('Joost');

  await page.goto(`/p/${clientId}/beheer`);
  await inviteThroughTheForm(page, invitee, 'neef');
  const pending = page.locator('section', {
    has: page.getByRole('heading', { name: 'Uitnodigingen die nog open staan' }),
  });
  const item = pending.getByRole('listitem');
  await expect(item).toContainText(`Verstuurd naar ${invitee.email}`);
  await expect(item).toContainText('De uitnodiging verloopt op');
  await expectAccessible(page, testInfo, 'beheer-uitnodiging');
  const firstLink = await latestLink(page.request, invitee.email, '/uitnodiging');

  await item.getByRole('button', { name: 'Opnieuw sturen' }).click();
  await expect(page.getByText(/De uitnodiging is opnieuw verstuurd naar/)).toBeFocused();
  await expect.poll(async () => (await readOutbox(page.request)).filter((m) => m.to === invitee.email).length).toBe(2);
  const secondLink = await latestLink(page.request, invitee.email, '/uitnodiging');
  expect(secondLink).not.toBe(firstLink);

  await item.getByRole('button', { name: 'Intrekken' }).click();
  await expect(item.getByText(/wilt intrekken\?$/)).toBeFocused();
  await item.getByRole('button', { name: 'Nee, laten staan' }).click();
  await expect(item).toHaveCount(1);
  await item.getByRole('button', { name: 'Intrekken' }).click();
  await item.getByRole('button', { name: 'Ja, intrekken' }).click();
  await expect(page.getByText(/is ingetrokken\.$/)).toBeVisible();
  await expect(pending).toHaveCount(0);

  // The link in the mail no longer works.
  const view = await page.request.post('/api/invitations/view', {
    data: { token: new URL(secondLink, 'http://x').searchParams.get('token') },
  });
  expect(view.status()).toBeGreaterThanOrEqual(400);
});
