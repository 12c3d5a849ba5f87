import { randomUUID } from 'node:crypto';
import { expectAccessible } from './axe';
import { expect, readOutbox, test } from './fixtures';

test('R12: someone who cannot log in asks the helpdesk for help, without logging in', async ({ page }, testInfo) => {
  const sender = `hulpvrager.${randomUUID().slice(0, 8)}@e2e.kring.test`;
  const question = `Ik krijg geen sms met een code (${randomUUID().slice(0, 6)}).`;

  await page.goto('/inloggen');
  await page.getByRole('link', { name: 'Vraag hulp' }).click();
  await expect(page).toHaveURL(/\/hulp$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Hulp bij inloggen');
  // One organisation on this installation: no choice to make.
  await expect(page.getByText('Uw vraag gaat naar de helpdesk van Zorggroep De Linde.')).toBeVisible();

  await page.getByRole('button', { name: 'Verstuur mijn vraag' }).click();
  const summary = page.locator('.error-summary');
  await expect(summary).toBeFocused();
  await expect(summary.getByRole('link')).toHaveText([
    'Vul uw naam in.',
    'Vul uw e-mailadres of uw telefoonnummer in, of allebei. Anders kan de helpdesk u niet antwoorden.',
    'Schrijf op wat het probleem is.',
  ]);
  await summary.getByRole('link', { name: 'Vul uw naam in.' }).click();
  await expect(page.getByLabel('Uw naam')).toBeFocused();

  // The honeypot is never reached with the keyboard: Tab goes from the question to the button.
  await page.getByLabel('Wat is het probleem?').focus();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Verstuur mijn vraag' })).toBeFocused();
  await expect(page.locator('input[name="website"]')).toHaveAttribute('tabindex', '-1');

  await page.getByLabel('Uw naam').fill('Peter van der Berg');
  await page.getByLabel('E-mailadres').fill(sender);
  await page.getByLabel('Over wiens portaal gaat het? (niet verplicht)').fill('mijn moeder');
  await page.getByLabel('Wat is het probleem?').fill(question);
  await page.getByRole('button', { name: 'Verstuur mijn vraag' }).click();

  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Uw vraag is verstuurd');
  await expect(page.getByRole('heading', { level: 1 })).toBeFocused();
  await expect(page.getByRole('status')).toHaveText('Bedankt. We hebben uw vraag ontvangen.');
  await expect(page.getByRole('main')).not.toContainText(question);
  await expectAccessible(page, testInfo, 'helpdesk-sent');

  const messages = await readOutbox(page.request);
  const toHelpdesk = messages.find((m) => m.to === 'helpdesk@delinde.kring.test' && m.body.includes(question));
  expect(toHelpdesk?.subject).toBe('Hulpvraag via het cliëntportaal');
  const confirmation = messages.find((m) => m.to === sender);
  expect(confirmation?.subject).toBe('We hebben uw vraag ontvangen');
  expect(confirmation?.body).not.toContain(question);
});
