import type { APIRequestContext } from '@playwright/test';
import { expectAccessible } from './axe';
import { createAccount, expect, latestCode, latestLink, newPerson, newPersonPassword, signUp, test } from './fixtures';

async function csrfOf(request: APIRequestContext): Promise<string> {
  const me = await request.get('/api/me');
  expect(me.status()).toBe(200);
  return ((await me.json()) as { session: { csrfToken: string } }).session.csrfToken;
}

test('R26: a person who already has an account is invited by a manager, logs in, accepts and lands in the portal', async ({
  page,
  browser,
}, testInfo) => {
  // The manager works in a browser of their own, in a portal of their own.
  const managerContext = await browser.newContext();
  const managerPage = await managerContext.newPage();
  const manager = newPerson('Mirjam');
  const { clientId, clientName } = await signUp(managerPage, testInfo, manager, 'Wilma');

  // The invitee already has an account (with a portal of their own), made through the API.
  const invitee = newPerson('Joost');
  const { request: elsewhere } = await createAccount(testInfo, invitee, newPersonPassword, 'Cor');
  await elsewhere.dispose();

  const invited = await managerPage.request.post(`/api/portals/${clientId}/network/invitations`, {
    headers: { 'x-csrf-token': await csrfOf(managerPage.request) },
    data: {
      // The manager types a name of their own; the account keeps its own.
      givenName: 'Joris',
      familyName: 'Anders',
      email: invitee.email,
      mobile: '06 1234 5678',
      relation: 'contact',
      relationLabel: 'neef',
    },
  });
  expect(invited.status(), await invited.text()).toBe(201);

  // The link in the mail: not logged in, the page asks to log in, and has no password form.
  const link = await latestLink(page.request, invitee.email, '/uitnodiging');
  await page.goto(link);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Welkom, Joost.');
  await expect(page.getByRole('main')).toContainText(`U bent uitgenodigd voor het portaal van ${clientName}`);
  await expect(page.getByRole('main')).toContainText('U heeft al een account voor het cliëntportaal.');
  await expect(page.getByLabel('Kies een wachtwoord', { exact: true })).toHaveCount(0);
  await expectAccessible(page, testInfo, 'invitation-existing-log-in');

  // The manager's own browser, logged in as someone else, is told to log out first.
  await managerPage.goto(link);
  await expect(managerPage.getByRole('heading', { level: 1 })).toHaveText('Deze uitnodiging is voor een ander account');
  await expect(managerPage.getByRole('main')).toContainText(`U bent nu ingelogd als ${manager.email}.`);
  await expect(managerPage.getByRole('button', { name: 'Uitnodiging aannemen' })).toHaveCount(0);
  await expectAccessible(managerPage, testInfo, 'invitation-other-person');
  await managerContext.close();

  // Logging in (a new browser: the SMS code too) comes back to the invitation.
  await page.getByRole('link', { name: 'Inloggen' }).click();
  await expect(page).toHaveURL(/\/inloggen$/);
  await page.getByLabel('E-mailadres').fill(invitee.email);
  await page.getByLabel('Wachtwoord', { exact: true }).fill(newPersonPassword);
  await page.getByRole('button', { name: 'Inloggen' }).click();
  await expect(page).toHaveURL(/\/inloggen\/code$/);
  await page.getByLabel('Code uit de sms').fill(await latestCode(page.request, invitee.mobile));
  await page.getByRole('button', { name: 'Verder' }).click();
  await expect(page).toHaveURL(/\/uitnodiging\?token=/);
  await expect(page.getByRole('main')).toContainText(`U bent ingelogd als ${invitee.email}.`);
  await expectAccessible(page, testInfo, 'invitation-existing-accept');

  await page.getByRole('button', { name: 'Uitnodiging aannemen' }).click();
  await expect(page).toHaveURL(new RegExp(`/p/${clientId}$`));
  await expect(page.getByRole('banner')).toContainText(clientName);
  // The account kept its own name.
  await expect(page.getByRole('banner')).toContainText('Ingelogd als Joost Testpersoon');

  // Used: the link says so.
  await page.goto(link);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Deze uitnodiging is al gebruikt');
});
