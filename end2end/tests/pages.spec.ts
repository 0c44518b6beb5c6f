// Every page, for a visitor and for the people behind the demo logins: axe-core finds
// nothing, each has one h1, a skip link and the legal pages in the footer.
import { test, expect, logIn } from './fixtures';

const publicPages = ['/', '/registrieren', '/anmelden', '/passwort-vergessen', '/passwort-zuruecksetzen?token=ungueltig',
  '/konto/bestaetigen?token=ungueltig', '/einladung?token=ungueltig', '/impressum', '/datenschutz', '/barrierefreiheit',
  '/konto', '/verwaltung', '/gibt-es-nicht', '/benachrichtigungen', '/benachrichtigungen/bestaetigen?token=ungueltig',
  '/benachrichtigungen/verwalten?token=ungueltig', '/benachrichtigungen/abmelden?token=ungueltig', '/benachrichtigungen/abgemeldet',
  '/verwaltung/e-mails', '/verfahren', '/verfahren?status=concluded&suche=L%C3%A4rm', '/beitraege/bestaetigen?token=ungueltig',
  '/moderation', '/verwaltung/verfahren', '/verwaltung/protokoll'];

for (const path of publicPages) {
  test(`visitor: ${path}`, async ({ page, visit }) => {
    await visit(path);
    await expect(page.locator('h1')).toHaveCount(1);
    await expect(page.locator('html')).toHaveAttribute('lang', 'de');
    await expect(page.getByRole('link', { name: 'Zum Inhalt springen' })).toHaveAttribute('href', '#inhalt');
    await expect(page.getByRole('contentinfo').getByRole('link', { name: 'Impressum' })).toBeVisible();
  });
}

test('the 404 page is a page of the portal with status 404', async ({ page }) => {
  const res = await page.goto('/gibt-es-nicht');
  expect(res?.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Seite nicht gefunden');
});

for (const [email, path] of [['admin@sachsen.example', '/verwaltung'], ['admin@sachsen.example', '/konto'], ['admin@sachsen.example', '/verwaltung/e-mails'], ['staff@sachsen.example', '/verwaltung'],
  ['staff@sachsen.example', '/verwaltung/verfahren'], ['staff@sachsen.example', '/verwaltung/verfahren/neu'], ['moderation@sachsen.example', '/moderation'],
  ['moderation@sachsen.example', '/moderation/gruende'], ['admin@sachsen.example', '/verwaltung/protokoll'], ['admin@sachsen.example', '/verwaltung/protokoll?aktion=procedure.status']]) {
  test(`${email}: ${path}`, async ({ page, visit }) => {
    await logIn(page, email);
    await visit(path);
    await expect(page.locator('h1')).toHaveCount(1);
  });
}

test('the second tenant has its own branding and the page switches to English', async ({ page, visit }) => {
  const port = process.env.E2E_PORT;
  await visit(`http://hessen.localhost:${port}/`);
  await expect(page.getByRole('link', { name: 'Beteiligungsportal Hessen' })).toBeVisible();
  await page.getByRole('link', { name: 'English' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Have your say before decisions are made');
  await expectEnglishAccessible();

  async function expectEnglishAccessible() {
    const { expectAccessible } = await import('./fixtures');
    await expectAccessible(page);
  }
});

test('every demo procedure, its comment pages and its staff pages', async ({ page, visit }) => {
  test.setTimeout(180_000);
  // Other specs add procedures to the same server: the demo's are found by title.
  const titles = ['Bebauungsplan Nr. 12 „Wohnen am Elbufer“', 'Radverkehrskonzept Landkreis Meißen', 'Lärmaktionsplan Sachsen 2026 (Stufe 4)'];
  const hrefs: string[] = [];
  for (const title of titles) {
    await visit(`/verfahren?suche=${encodeURIComponent(title.split(' ')[0])}`);
    hrefs.push((await page.getByRole('link', { name: title }).getAttribute('href'))!);
  }
  for (const href of hrefs) {
    await visit(href);
    await expect(page.locator('h1')).toHaveCount(1);
  }
  const open = hrefs[0];
  await visit(open);
  const reply = await page.getByRole('link', { name: /^Antworten/ }).first().getAttribute('href');
  await visit(reply!);
  await expect(page.locator('h1')).toHaveCount(1);
  // Reporting needs an account: the link is there once logged in.
  await logIn(page, 'staff@sachsen.example');
  await visit(open);
  const report = await page.getByRole('link', { name: /^Melden/ }).first().getAttribute('href');
  await visit(report!);
  await expect(page.locator('h1')).toHaveCount(1);
  const id = open.split('/').pop();
  for (const path of [`/verwaltung/verfahren/${id}`, `/verwaltung/verfahren/${id}/beitraege`]) {
    await visit(path);
    await expect(page.locator('h1')).toHaveCount(1);
  }
});
