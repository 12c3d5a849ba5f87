import { expectAccessible } from './axe';
import { expect, invite, latestCode, latestLink, newPerson, test } from './fixtures';

test('I2, R7: an invitee chooses a password, confirms the mobile number with the SMS code and lands in the portal', async ({
  page,
}, testInfo) => {
  const person = newPerson('Lotte');
  const { clientName } = await invite(testInfo, person, 'Gerrit');

  const link = await latestLink(page.request, person.email, '/uitnodiging');
  await page.goto(link);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Welkom, Lotte.');
  await expect(page.getByRole('main')).toContainText(
    `U bent uitgenodigd voor het portaal van ${clientName} (Zorggroep De Linde).`,
  );
  await expect(page.getByRole('main')).toContainText(person.email);
  await expect(page.getByRole('main')).toContainText(
    `We sturen een sms-code naar •• •• •• •• ${person.mobile.slice(-2)}. Klopt dit nummer niet? Vul dan uw mobiele nummer in.`,
  );
  await expectAccessible(page, testInfo, 'invitation');

  // A number that is not a mobile one: the summary takes focus and names the field.
  await page.getByLabel('Kies een wachtwoord', { exact: true }).fill('een oude fiets in de tuin');
  await page.getByLabel('Ander mobiel nummer (niet verplicht)').fill('030 123 45 67');
  await page.getByRole('button', { name: 'Verder' }).click();
  await expect(page.getByRole('link', { name: /^Dit is geen mobiel nummer\./ })).toBeVisible();
  await expect(page.locator('.error-summary')).toBeFocused();
  await expectAccessible(page, testInfo, 'invitation-errors');

  await page.getByLabel('Ander mobiel nummer (niet verplicht)').fill('');
  await page.getByRole('button', { name: 'Verder' }).click();
  await expect(page).toHaveURL(/\/inloggen\/code$/);
  await expect(page.getByText('Zo weten we zeker dat dit uw mobiele nummer is.')).toBeVisible();
  await page.getByLabel('Code uit de sms').fill(await latestCode(page.request, person.mobile));
  await page.getByRole('button', { name: 'Verder' }).click();

  await expect(page).toHaveURL(/\/p\/[0-9a-f-]{36}$/);
  await expect(page.getByRole('banner')).toContainText(clientName);
  await expect(page.getByRole('banner')).toContainText('Ingelogd als Lotte Testpersoon');

  // The link works once, and the page says what to do.
  await page.goto(link);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Deze uitnodiging is al gebruikt');
  await expect(page.getByText('Vraag een nieuwe uitnodiging aan bij wie u heeft uitgenodigd.')).toBeVisible();
});
