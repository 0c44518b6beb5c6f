// BImSchG permit participation end to end, with and without JavaScript: a citizen finds
// the demo wind farm in its objection period, makes a mistake, files an objection and gets
// a receipt that the public check verifies (the mail carries the same receipt); staff
// create a permit procedure, enter a paper objection in the register and export it.
// axe-core checks every page on the way.
import { test, expect, logIn, expectAccessible, linkFromMail, uniqueEmail } from './fixtures';

function uniqueTitle(prefix: string): string {
  return `${prefix} ${test.info().project.name} ${Date.now() % 1_000_000}`;
}

test('a citizen files an objection and gets a signed receipt', async ({ page }) => {
  await page.goto('/verfahren?suche=Windpark');
  await page.getByRole('link', { name: /Windpark Hohe Heide/ }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/Windpark Hohe Heide/);
  await expect(page.getByRole('columnheader', { name: 'Rechtsgrundlage' })).toBeVisible();
  await expect(page.getByText('Schallgutachten – öffentliche Zusammenfassung')).toBeVisible();
  await expectAccessible(page);

  // Nothing filled in: each problem next to its field, the text kept.
  await page.getByLabel('Ihre Einwendung').fill('Der Schattenwurf trifft mein Haus am Morgen.');
  await page.getByRole('button', { name: 'Einwendung verbindlich einreichen' }).click();
  await expect(page.locator('#field-name-error')).toHaveText('Bitte geben Sie einen Namen ein.');
  await expect(page.locator('#field-address-error')).toContainText('Postanschrift');
  await expect(page.getByLabel('Ihre Einwendung')).toHaveValue('Der Schattenwurf trifft mein Haus am Morgen.');
  await expectAccessible(page);

  const email = uniqueEmail('einwendung');
  await page.getByLabel('Vor- und Nachname').fill('Erika Muster');
  await page.getByLabel('Postanschrift').fill('Lindenweg 3\n01833 Stolpen');
  await page.getByLabel('E-Mail-Adresse (freiwillig)').fill(email);
  await page.getByLabel(/keine personenbezogenen Daten anderer Personen/).check();
  await page.getByRole('button', { name: 'Einwendung verbindlich einreichen' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Eingangsbestätigung Ihrer Einwendung');
  await expect(page.getByText(/unter dem Aktenzeichen E-\d{4} am/)).toBeVisible();
  await expect(page.getByText('Der Schattenwurf trifft mein Haus am Morgen.')).toBeVisible();
  await expectAccessible(page);

  // The public check confirms it without showing the objection.
  await page.getByRole('link', { name: 'Eine Eingangsbestätigung prüfen' }).click();
  await expect(page.getByText('Die Eingangsbestätigung ist echt')).toBeVisible();
  await expect(page.getByText('Schattenwurf')).toHaveCount(0);
  await expectAccessible(page);

  // The mail carries the link to the same receipt.
  const link = await linkFromMail(email, '/genehmigungen/quittung');
  await page.goto(link);
  await expect(page.getByText('Der Schattenwurf trifft mein Haus am Morgen.')).toBeVisible();
});

test('staff create and announce a permit procedure, keep the register, export it and decide', async ({ page }) => {
  await logIn(page, 'staff@sachsen.example');
  await page.goto('/verwaltung/genehmigungen/neu');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Neues Genehmigungsverfahren (BImSchG)');
  await expectAccessible(page);
  const title = uniqueTitle('Tierhaltungsanlage Feldmark');
  await page.getByLabel('Titel', { exact: true }).fill(title);
  await page.getByLabel('Kurzbeschreibung').fill('Stall für 1.500 Rinder.');
  await page.getByLabel('Antragstellerin oder Antragsteller').fill('Milchhof Feldmark GmbH');
  await page.getByLabel('Anlage', { exact: true }).fill('Anlage zum Halten von Rindern, Nr. 7.1.5 Anhang 1 4. BImSchV');
  await page.getByLabel('Standort (Anschrift oder Gemarkung)').fill('Feldmark 4, 01896 Pulsnitz');
  // A procedure whose objection period is already over (taken over from paper files).
  await page.getByLabel('Erster Tag der Auslegung').fill('2026-09-01');
  await page.getByLabel('Auslegungsstelle (Behörde, Anschrift, Raum)').fill('Landesdirektion Sachsen, Altmarkt 1');
  await page.getByLabel('Öffnungszeiten').fill('Mo–Fr 9–15 Uhr');
  await page.getByLabel('Ansprechpartner').fill('Referat Immissionsschutz');
  await page.getByRole('button', { name: 'Verfahren anlegen' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
  await expect(page.getByText('§ 10 Abs. 3 Satz 4 BImSchG').first()).toBeVisible();
  await expectAccessible(page);

  await page.getByRole('link', { name: 'Verfahren bekannt machen' }).click();
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Ja, jetzt ausführen' }).click();
  await expect(page.getByText('Der Stand des Verfahrens ist geändert.')).toBeVisible();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);

  await page.getByRole('link', { name: /Register \(0 Einwendungen\)/ }).click();
  await expectAccessible(page);
  await page.getByLabel('Eingegangen am').fill('2026-11-30T09:30');
  await page.getByLabel('Vor- und Nachname').fill('Hans Papier');
  await page.getByLabel('Postanschrift').fill('Am Anger 2, 01896 Pulsnitz');
  await page.getByLabel('Ihre Einwendung').fill('Der Güllegeruch wird unerträglich.');
  await page.getByRole('button', { name: 'Einwendung erfassen' }).click();
  await expect(page.getByText('Die Einwendung ist im Register erfasst.')).toBeVisible();
  await expect(page.getByText('Der Güllegeruch wird unerträglich.')).toBeVisible();
  await expect(page.getByText('verspätet', { exact: true })).toBeVisible();
  await expectAccessible(page);

  // The authority's export names the objector; the applicant's copy does not.
  const full = await page.request.get(await page.getByRole('link', { name: 'CSV' }).first().getAttribute('href') ?? '');
  expect(await full.text()).toContain('Hans Papier');
  const anonymized = await page.request.get(await page.getByRole('link', { name: 'CSV' }).nth(1).getAttribute('href') ?? '');
  const copy = await anonymized.text();
  expect(copy).toContain('Güllegeruch');
  expect(copy).not.toContain('Hans Papier');
  expect(copy).not.toContain('Am Anger');

  await page.getByRole('link', { name: 'Zurück zum Verfahren' }).click();
  await page.getByLabel('Entscheidung und Bekanntmachung').fill('Die Genehmigung wird mit Auflagen zum Geruch erteilt.');
  await page.getByLabel('Tag der öffentlichen Bekanntmachung').fill('2026-11-20');
  await page.getByRole('button', { name: 'Entscheidung veröffentlichen' }).click();
  await expect(page.getByText('Die Entscheidung ist veröffentlicht')).toBeVisible();
  await page.getByRole('link', { name: 'Öffentliche Seite' }).click();
  await expect(page.getByText('Die Genehmigung wird mit Auflagen zum Geruch erteilt.')).toBeVisible();
  await expect(page.getByText(/gilt mit Ablauf des \d\d\.\d\d\.2026 als zugestellt/)).toBeVisible();
  await expect(page.getByText('Hans Papier')).toHaveCount(0);
  await expectAccessible(page);
});
