import type { Page } from '@playwright/test';
import { expectAccessible } from './axe';
import {
  expect,
  latestCode,
  latestLink,
  logInWithForm,
  newPerson,
  newPersonPassword,
  readOutbox,
  signUp,
  test,
} from './fixtures';

const part = (page: Page, title: string) =>
  page.locator('section', { has: page.getByRole('heading', { level: 2, name: title }) });

/** Opens the change form of a section with the button that is its heading. */
async function openForm(page: Page, title: string) {
  const button = part(page, title).getByRole('button', { name: title });
  await expect(button).toHaveAttribute('aria-expanded', 'false');
  await button.click();
  await expect(button).toHaveAttribute('aria-expanded', 'true');
}

async function expectNoSidewaysScroll(page: Page) {
  const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth');
  expect(overflow, 'the page scrolls sideways').toBeLessThanOrEqual(0);
}

test('R28/R29: in Mijn gegevens a person changes their e-mail address and mobile number, and passes on a change', async ({
  page,
  browser,
}, testInfo) => {
  // A whole journey with eight accessibility scans, on a machine that may be busy.
  test.setTimeout(120_000);
  const person = newPerson('Gerrit');
  const { clientId } = await signUp(page, testInfo, person, 'Klaasje');
  await page.goto(`/p/${clientId}/mijn-gegevens`);
  await expect(page.getByRole('heading', { level: 1, name: 'Mijn gegevens' })).toBeVisible();

  const data = part(page, 'Uw gegevens');
  await expect(data).toContainText(`Gerrit Testpersoon`);
  await expect(data).toContainText(person.email);
  await expect(data).toContainText('niet bekend');
  await expect(data).toContainText('Geef een wijziging door aan clientportaal@delinde.kring.test');
  // The change forms are closed: no password field on the page until one is opened.
  await expect(page.locator('input[type="password"]:visible')).toHaveCount(0);
  await expectNoSidewaysScroll(page);
  await expectAccessible(page, testInfo, 'mijn-gegevens-gegevens');

  // E-mail: the password again, then the link to the new address.
  const newEmail = person.email.replace('@', '.nieuw@');
  const email = part(page, 'E-mailadres wijzigen');
  await openForm(page, 'E-mailadres wijzigen');
  await expect(email.getByLabel('Nieuw e-mailadres')).toBeFocused();
  await email.getByLabel('Nieuw e-mailadres').fill(newEmail);
  await email.getByLabel('Uw wachtwoord', { exact: true }).fill('niet mijn wachtwoord');
  await email.getByRole('button', { name: 'Stuur de link' }).click();
  await expect(email.getByRole('link', { name: /Dit is niet uw wachtwoord/ })).toBeVisible();
  await expectAccessible(page, testInfo, 'mijn-gegevens-email-fout');
  await email.getByLabel('Uw wachtwoord', { exact: true }).fill(newPersonPassword);
  await email.getByRole('button', { name: 'Stuur de link' }).click();
  await expect(email.getByRole('status')).toContainText(`We hebben een e-mail gestuurd naar ${newEmail}`);
  await expect(email.getByRole('status')).toBeFocused();
  await expect(email.getByRole('button', { name: 'Stuur de link' })).toBeHidden();
  await expectAccessible(page, testInfo, 'mijn-gegevens-email-verstuurd');

  // The link is opened in another browser, without a session.
  const link = await latestLink(page.request, newEmail, '/e-mail-bevestigen');
  const elsewhere = await browser.newContext({ ...testInfo.project.use });
  const other = await elsewhere.newPage();
  await other.goto(link);
  await expect(other.getByText(newEmail)).toBeVisible();
  await expectAccessible(other, testInfo, 'e-mail-bevestigen');
  await other.getByRole('button', { name: 'Ja, dit is mijn nieuwe e-mailadres' }).click();
  await expect(other.getByRole('heading', { level: 1, name: 'Uw e-mailadres is gewijzigd' })).toBeVisible();
  await expectAccessible(other, testInfo, 'e-mail-bevestigd');
  await other.goto(link);
  await expect(other.getByRole('heading', { level: 1, name: 'Deze link is al gebruikt' })).toBeVisible();
  await elsewhere.close();
  const notice = (await readOutbox(page.request)).find((m) => m.to === person.email && m.channel === 'email');
  expect(notice?.subject).toBe('Uw e-mailadres voor het cliëntportaal is gewijzigd');

  // Mobile: the password again, then the code sent to the new number.
  await page.reload();
  const newMobile = newPerson('Nieuw').mobile;
  const mobile = part(page, 'Mobiel nummer wijzigen');
  await openForm(page, 'Mobiel nummer wijzigen');
  await expect(mobile.getByLabel('Nieuw mobiel nummer')).toBeFocused();
  await mobile.getByLabel('Nieuw mobiel nummer').fill(`06-${newMobile.slice(4)}`);
  await mobile.getByLabel('Uw wachtwoord', { exact: true }).fill(newPersonPassword);
  await mobile.getByRole('button', { name: 'Stuur de code' }).click();
  await expect(mobile.getByLabel('Code uit de sms')).toBeVisible();
  await expectAccessible(page, testInfo, 'mijn-gegevens-mobiel-code');
  // A change in progress stays open after a reload.
  await page.reload();
  await expect(mobile.getByLabel('Code uit de sms')).toBeVisible();
  await expect(mobile.getByRole('button', { name: 'Mobiel nummer wijzigen' })).toHaveAttribute('aria-expanded', 'true');
  await mobile.getByLabel('Code uit de sms').fill(await latestCode(page.request, newMobile));
  await mobile.getByRole('button', { name: 'Nummer wijzigen', exact: true }).click();
  await expect(mobile.getByRole('status')).toContainText('Uw mobiele nummer is gewijzigd');
  await expect(mobile.getByRole('status')).toBeFocused();
  await expect(data).toContainText(`06 ${newMobile.slice(4)}`);

  // Wijziging doorgeven.
  // The link in "Uw gegevens" opens the form.
  const request = part(page, 'Wijziging doorgeven');
  await data.getByRole('link', { name: 'Geef een wijziging door' }).click();
  await expect(request.getByLabel('Wat moet er anders?')).toBeFocused();
  await expectAccessible(page, testInfo, 'mijn-gegevens-doorgeven-open');
  await request.getByRole('button', { name: 'Wijziging versturen' }).click();
  await expect(request.getByText('Schrijf wat er anders moet.')).toBeVisible();
  await request.getByLabel('Wat moet er anders?').fill('Mijn adres is nu Dorpsstraat 5, 1234 AB Ergens.');
  await request.getByRole('button', { name: 'Wijziging versturen' }).click();
  await expect(request.getByRole('status')).toContainText(
    'Uw bericht is verstuurd naar clientportaal@delinde.kring.test',
  );
  await expect(request.getByRole('status')).toBeFocused();
  await expectNoSidewaysScroll(page);
  await expectAccessible(page, testInfo, 'mijn-gegevens-doorgegeven');
  const sent = (await readOutbox(page.request)).find(
    (m) => m.to === 'clientportaal@delinde.kring.test' && m.body.includes(newEmail),
  );
  expect(sent?.body).toContain('Dorpsstraat 5');

  // Logged out, only the new address logs in (this browser is trusted, so no code is asked).
  await page.getByRole('button', { name: 'Uitloggen' }).click();
  await logInWithForm(page, person.email, newPersonPassword);
  await expect(page.getByText(/Het e-mailadres of het wachtwoord klopt niet/)).toBeVisible();
  await logInWithForm(page, newEmail, newPersonPassword);
  await expect(page).toHaveURL(/\/p\/[0-9a-f-]{36}$|\/portalen$/);
});
