// Registration, verification, login and logout: with and without JavaScript.
import { test, expect, uniqueEmail, linkFromMail, logIn, expectAccessible, DEMO_PASSWORD } from './fixtures';

test('register with mistakes, correct them, verify the address, log in and out', async ({ page, visit }) => {
  const email = uniqueEmail('anna');
  const password = 'Frühling am Elbufer';

  await test.step('mistakes are shown next to their fields and the input is kept', async () => {
    await visit('/registrieren');
    await page.getByLabel('E-Mail-Adresse').fill('anna@beispiel');
    await page.getByLabel('Name').fill('Anna Schmidt');
    await page.getByLabel('Passwort').fill('zu kurz');
    await page.getByRole('button', { name: 'Konto anlegen' }).click();

    const emailField = page.getByLabel('E-Mail-Adresse');
    await expect(page.locator('#field-email-error')).toHaveText(/gültige E-Mail-Adresse/);
    await expect(emailField).toHaveAttribute('aria-invalid', 'true');
    await expect(emailField).toHaveAttribute('aria-describedby', /field-email-error/);
    await expect(page.locator('#field-password-error')).toHaveText('Das Passwort muss mindestens 12 Zeichen lang sein.');
    await expect(emailField).toHaveValue('anna@beispiel');
    await expect(page.getByLabel('Name')).toHaveValue('Anna Schmidt');
    await expectAccessible(page);
  });

  await test.step('a correct registration sends a confirmation mail', async () => {
    await page.getByLabel('E-Mail-Adresse').fill(email);
    await page.getByLabel('Passwort').fill(password);
    await page.getByRole('button', { name: 'Konto anlegen' }).click();
    await expect(page.getByRole('status')).toContainText('Wir haben Ihnen eine E-Mail geschickt');
    await expect(page).toHaveURL(/\/anmelden/);
    await expectAccessible(page);
  });

  await test.step('the link in the mail confirms the address', async () => {
    await visit(await linkFromMail(email, '/konto/bestaetigen'));
    await page.getByRole('button', { name: 'E-Mail-Adresse bestätigen' }).click();
    await expect(page.getByRole('status')).toContainText('Ihre E-Mail-Adresse ist bestätigt');
  });

  await test.step('log in, see the account, log out', async () => {
    await logIn(page, email, password);
    await expect(page.getByText('bestätigt', { exact: true })).toBeVisible();
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Abmelden' }).click();
    await expect(page.getByRole('status')).toContainText('Sie sind abgemeldet');
    await expect(page.getByRole('link', { name: 'Anmelden' })).toBeVisible();
  });
});

test('a wrong login says so without telling whether the account exists', async ({ page, visit }) => {
  await visit('/anmelden');
  await page.getByLabel('E-Mail-Adresse').fill('buerger@sachsen.example');
  await page.getByLabel('Passwort', { exact: true }).fill('falsches Passwort');
  await page.getByRole('button', { name: 'Anmelden' }).click();
  await expect(page.getByRole('alert')).toHaveText('E-Mail-Adresse oder Passwort ist nicht richtig.');
  await expect(page.getByLabel('E-Mail-Adresse')).toHaveValue('buerger@sachsen.example');
  await expect(page.getByLabel('Passwort', { exact: true })).toHaveValue('');
  await expectAccessible(page);
});

test('staff reach the staff page, citizens do not see it', async ({ page, visit }) => {
  await logIn(page, 'staff@sachsen.example');
  await page.getByRole('link', { name: 'Verwaltung' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Landesdirektion Sachsen' })).toBeVisible();
  await expectAccessible(page);

  await page.getByRole('button', { name: 'Abmelden' }).click();
  await expect(page.getByRole('link', { name: 'Anmelden' })).toBeVisible();
  await logIn(page, 'buerger@sachsen.example', DEMO_PASSWORD);
  await expect(page.getByRole('link', { name: 'Verwaltung' })).toHaveCount(0);
  await visit('/verwaltung');
  await expect(page.getByRole('alert')).toHaveText('Sie haben keinen Zugriff auf diese Seite.');
});

test('a tenant admin invites a colleague who joins through the mailed link', async ({ page, browser }) => {
  const email = uniqueEmail('kollegin');
  await logIn(page, 'admin@sachsen.example');
  await page.goto('/verwaltung');
  await expectAccessible(page);
  await page.getByLabel('E-Mail-Adresse').fill(email);
  await page.getByLabel('Rolle').selectOption('moderator');
  await page.getByRole('button', { name: 'Einladung senden' }).click();
  await expect(page.getByRole('status')).toContainText('Die Einladung ist verschickt');

  const context = await browser.newContext({ javaScriptEnabled: test.info().project.name === 'js' });
  const invitee = await context.newPage();
  await invitee.goto(await linkFromMail(email, '/einladung'));
  await expect(invitee.getByText('Landesdirektion Sachsen als Moderation')).toBeVisible();
  await expectAccessible(invitee);
  const name = `Kim Kollegin (${test.info().project.name})`;
  await invitee.getByLabel('Name').fill(name);
  await invitee.getByLabel('Passwort').fill('Ein sicheres Passwort');
  await invitee.getByRole('button', { name: 'Einladung annehmen' }).click();
  await expect(invitee.getByRole('status')).toContainText('Willkommen');
  await expect(invitee.getByRole('cell', { name, exact: true })).toBeVisible();
  await context.close();
});
