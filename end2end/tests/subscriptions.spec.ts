// Notifications without an account: subscribe, confirm by mail, manage, unsubscribe.
// Runs with and without JavaScript; every page is checked with axe-core.
import { test, expect, uniqueEmail, linkFromMail, expectAccessible } from './fixtures';

test('subscribe, confirm, manage and unsubscribe without an account', async ({ page, visit }) => {
  test.setTimeout(240_000); // five pages, each checked by axe-core; measured 1.7 min under CI load
  const email = uniqueEmail('leser');

  await test.step('a subscription without a choice is refused next to the field, input kept', async () => {
    await visit('/benachrichtigungen');
    await page.getByLabel('E-Mail-Adresse').fill(email);
    await page.getByRole('button', { name: 'Benachrichtigungen bestellen' }).click();
    await expect(page.locator('#field-topic-error')).toHaveText(/mindestens eine Behörde, ein Thema oder einen Ort/);
    await expect(page.getByLabel('Thema', { exact: true })).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByLabel('E-Mail-Adresse')).toHaveValue(email);
    await expectAccessible(page);
  });

  await test.step('a topic and a place, daily: the confirmation mail is on its way', async () => {
    await page.getByLabel('Thema', { exact: true }).selectOption('verkehr');
    await page.getByLabel('Ort oder Postleitzahl').fill('Dresden');
    await page.getByLabel('Wie oft?').selectOption('daily');
    await page.getByRole('button', { name: 'Benachrichtigungen bestellen' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Bitte bestätigen Sie das Abonnement' })).toBeVisible();
    await expectAccessible(page);
  });

  await test.step('the link in the mail confirms (double opt-in) and opens the manage page', async () => {
    await visit(await linkFromMail(email, '/benachrichtigungen/bestaetigen'));
    await page.getByRole('button', { name: 'Abonnement bestätigen' }).click();
    await expect(page).toHaveURL(/\/benachrichtigungen\/verwalten\?token=/);
    await expect(page.getByRole('status').filter({ hasText: 'Ihr Abonnement ist bestätigt' })).toBeVisible();
    const list = page.locator('ul.subscriptions');
    await expect(list).toContainText('Thema: Verkehr');
    await expect(list).toContainText('Ort oder Postleitzahl: dresden');
    await expect(list).not.toContainText('noch nicht bestätigt');
    await expectAccessible(page);
  });

  await test.step('change the frequency and remove one subscription', async () => {
    await expect(page.getByLabel('Wie oft?')).toHaveValue('daily');
    await page.getByLabel('Wie oft?').selectOption('weekly');
    await page.getByRole('button', { name: 'Häufigkeit speichern' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Ihre Einstellungen sind gespeichert' })).toBeVisible();
    await expect(page.getByLabel('Wie oft?')).toHaveValue('weekly');
    await page.getByRole('button', { name: /Entfernen.*dresden/ }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Das Abonnement ist entfernt' })).toBeVisible();
    await expect(page.locator('ul.subscriptions')).not.toContainText('dresden');
    await expect(page.locator('ul.subscriptions')).toContainText('Thema: Verkehr');
    await expectAccessible(page);
  });

  await test.step('the unsubscribe link of a mail asks once, then everything is gone', async () => {
    const token = new URL(page.url()).searchParams.get('token')!;
    await visit(`/benachrichtigungen/abmelden?token=${token}`);
    await expect(page.getByText(email)).toBeVisible();
    await page.getByRole('button', { name: 'Alle Benachrichtigungen abbestellen' }).click();
    await expect(page).toHaveURL(/\/benachrichtigungen\/abgemeldet/);
    await expect(page.getByRole('status')).toHaveText(/Sie erhalten keine Benachrichtigungen mehr/);
    await expectAccessible(page);
    // The manage link now says so instead of failing.
    await visit(`/benachrichtigungen/verwalten?token=${token}`);
    await expect(page.getByRole('status')).toHaveText(/Sie erhalten keine Benachrichtigungen mehr/);
  });
});

test('a forged manage link gets a clear message', async ({ page, visit }) => {
  await visit('/benachrichtigungen/verwalten?token=m1.gefaelscht');
  await expect(page.getByRole('alert')).toHaveText(/Dieser Link ist ungültig/);
});
