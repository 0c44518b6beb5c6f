// The other account and staff forms, with and without JavaScript: password reset,
// change password, delete account, create an organization.
import { test, expect, uniqueEmail, linkFromMail, logIn, expectAccessible } from './fixtures';

async function register(page: import('@playwright/test').Page, email: string, password: string) {
  await page.goto('/registrieren');
  await page.getByLabel('E-Mail-Adresse').fill(email);
  await page.getByLabel('Name').fill('Rita Reset');
  await page.getByLabel('Passwort').fill(password);
  await page.getByRole('button', { name: 'Konto anlegen' }).click();
  await expect(page.getByRole('status')).toContainText('Wir haben Ihnen eine E-Mail geschickt');
}

test('forgotten password: request a link, set a new password, log in with it', async ({ page, visit }) => {
  const email = uniqueEmail('rita');
  await register(page, email, 'Das alte Passwort ist lang');
  await visit('/passwort-vergessen');
  await page.getByLabel('E-Mail-Adresse').fill(email);
  await page.getByRole('button', { name: 'Link anfordern' }).click();
  await expect(page.getByRole('status')).toContainText('Wenn es zu dieser Adresse ein Konto gibt');

  await visit(await linkFromMail(email, '/passwort-zuruecksetzen'));
  await page.getByLabel('Neues Passwort').fill('kurz');
  await page.getByRole('button', { name: 'Passwort speichern' }).click();
  await expect(page.locator('#field-password-error')).toHaveText('Das Passwort muss mindestens 12 Zeichen lang sein.');
  await expectAccessible(page);
  await page.getByLabel('Neues Passwort').fill('Das neue Passwort ist lang');
  await page.getByRole('button', { name: 'Passwort speichern' }).click();
  await expect(page.getByRole('status')).toContainText('Ihr neues Passwort ist gespeichert');
  await logIn(page, email, 'Das neue Passwort ist lang');
});

test('change the password, then delete the account', async ({ page }) => {
  const email = uniqueEmail('carl');
  await register(page, email, 'Mein erstes Passwort hier');
  await logIn(page, email, 'Mein erstes Passwort hier');

  await page.getByLabel('Aktuelles Passwort').fill('das ist falsch');
  await page.getByLabel('Neues Passwort').fill('Mein zweites Passwort hier');
  await page.getByRole('button', { name: 'Passwort ändern' }).click();
  await expect(page.locator('#field-current_password-error')).toHaveText('Das Passwort ist nicht richtig.');
  await expectAccessible(page);
  await page.getByLabel('Aktuelles Passwort').fill('Mein erstes Passwort hier');
  await page.getByLabel('Neues Passwort').fill('Mein zweites Passwort hier');
  await page.getByRole('button', { name: 'Passwort ändern' }).click();
  // The login's notice may still stand above the page, so look for this one by its text.
  await expect(page.getByRole('status').filter({ hasText: 'Ihr Passwort ist geändert' })).toBeVisible();

  await page.getByLabel('Passwort zur Bestätigung').fill('Mein zweites Passwort hier');
  await page.getByRole('button', { name: 'Konto endgültig löschen' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Ihr Konto ist gelöscht' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Anmelden' })).toBeVisible();
});

test('a tenant admin adds an authority; an empty name is refused next to the field', async ({ page }) => {
  await logIn(page, 'admin@sachsen.example');
  await page.goto('/verwaltung');
  await page.getByRole('button', { name: 'Behörde anlegen' }).click();
  await expect(page.locator('#field-name-error')).toHaveText('Bitte geben Sie den Namen der Behörde ein.');
  await expectAccessible(page);
  const name = `Stadt Testhausen ${test.info().project.name}`;
  await page.getByLabel('Name der Behörde').fill(name);
  await page.getByRole('button', { name: 'Behörde anlegen' }).click();
  await expect(page.getByRole('status')).toContainText('Die Behörde ist angelegt');
  await page.goto('/verwaltung');
  await expect(page.getByRole('heading', { level: 2, name })).toBeVisible();
});
