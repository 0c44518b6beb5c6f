// A mail the receiving server rejects is shown to the tenant admin, who can send it again.
import { test, expect, uniqueEmail, logIn, expectAccessible } from './fixtures';

test('an undeliverable mail is listed for the tenant admin and can be sent again', async ({ page, visit }) => {
  // The test SMTP server rejects every address containing "reject" with 550.
  const email = uniqueEmail('reject');
  await visit('/benachrichtigungen');
  await page.getByLabel('E-Mail-Adresse').fill(email);
  await page.getByLabel('Thema', { exact: true }).selectOption('umwelt');
  await page.getByRole('button', { name: 'Benachrichtigungen bestellen' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Bitte bestätigen Sie das Abonnement' })).toBeVisible();

  await logIn(page, 'admin@sachsen.example');
  await page.getByRole('link', { name: 'Verwaltung', exact: true }).click();
  await page.getByRole('link', { name: 'Nicht zustellbare E-Mails ansehen' }).click();
  const row = page.getByRole('row').filter({ hasText: email });
  await expect(async () => {
    await page.reload();
    await expect(row).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 20_000 });
  await expect(row).toContainText('550');
  await expectAccessible(page);
  await row.getByRole('button', { name: /Erneut senden/ }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Die E-Mail wird erneut gesendet' })).toBeVisible();
});
