// Consultations end to end, with and without JavaScript: staff create and open one,
// a citizen comments on a section, another replies, supports and reports, a moderator
// hides a comment, staff answer; on a consultation whose phase is over, staff publish
// the results. axe-core checks every page on the way.
import { test, expect, logIn, expectAccessible } from './fixtures';
import type { Browser, Page } from '@playwright/test';

/** A Berlin local time as a datetime-local field takes it, `minutes` from now. */
function berlin(minutes: number): string {
  const t = new Date(Date.now() + minutes * 60_000);
  return t.toLocaleString('sv-SE', { timeZone: 'Europe/Berlin' }).replace(' ', 'T').slice(0, 16);
}

/** A unique title per test and project, so runs never collide. */
function uniqueTitle(prefix: string): string {
  return `${prefix} ${test.info().project.name} ${Date.now() % 1_000_000}`;
}

/** Another person in the same project (with or without JavaScript). */
async function person(browser: Browser): Promise<Page> {
  const context = await browser.newContext({
    javaScriptEnabled: test.info().project.use.javaScriptEnabled,
    locale: 'de-DE',
    timezoneId: 'Europe/Berlin',
    baseURL: test.info().project.use.baseURL,
  });
  return context.newPage();
}

/** Staff create a consultation with a phase from `from` to `to` minutes from now and a
 *  text document, publish it, and end on its manage page. Returns the manage page URL. */
async function createConsultation(page: Page, title: string, from: number, to: number): Promise<string> {
  await test.step('staff create a consultation (a mistake first)', async () => {
    await logIn(page, 'staff@sachsen.example');
    await page.getByRole('link', { name: 'Verwaltung', exact: true }).click();
    await page.getByRole('link', { name: 'Verfahren verwalten' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Verfahren verwalten');
    await expectAccessible(page);
    await page.getByRole('link', { name: 'Neue Konsultation anlegen' }).click();
    await page.getByLabel('Titel', { exact: true }).fill(title);
    await page.getByLabel('Beschreibung', { exact: true }).fill('## Anlass\n\nDer Stadtrat möchte Ihre Meinung hören.');
    await page.getByLabel('Umwelt und Naturschutz').check();
    await page.getByLabel('Ansprechpartner').fill('Stadtplanungsamt, Telefon 0351 000');
    await page.getByLabel('Wer darf Beiträge schreiben?').selectOption('name');
    await page.getByRole('button', { name: 'Als Entwurf anlegen' }).click();
    // The summary was left out: said next to the field, the rest kept.
    await expect(page.locator('#field-summary-error')).toHaveText('Bitte geben Sie eine Kurzbeschreibung ein.');
    await expect(page.getByLabel('Titel', { exact: true })).toHaveValue(title);
    await expect(page.getByLabel('Umwelt und Naturschutz')).toBeChecked();
    await expectAccessible(page);
    await page.getByLabel('Kurzbeschreibung').fill('Neue Wege für Fuß- und Radverkehr am Fluss.');
    await page.getByRole('button', { name: 'Als Entwurf anlegen' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
    await expect(page.getByText('Entwurf', { exact: true })).toBeVisible();
  });

  await test.step('staff add a comment phase and a text document with sections', async () => {
    await page.getByLabel('Beginn', { exact: true }).fill(berlin(from));
    await page.getByLabel('Ende', { exact: true }).fill(berlin(to));
    await page.getByRole('button', { name: 'Phase hinzufügen' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Die Beteiligungsphase ist angelegt' })).toBeVisible();
    await page.getByLabel('Titel des Dokuments').fill('Begründung');
    await page.getByLabel('Text', { exact: true }).fill('# Ziele\nMehr Platz für alle.\n## Radweg\nEin breiter Radweg am Ufer.');
    await page.getByRole('button', { name: 'Dokument anlegen' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Das Dokument ist hinzugefügt' })).toBeVisible();
    await expect(page.getByText('Abschnitte: 2')).toBeVisible();
    await expectAccessible(page);
  });

  await test.step('staff publish it after a confirmation', async () => {
    await page.getByRole('link', { name: 'Verfahren veröffentlichen' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Verfahren veröffentlichen');
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Ja, jetzt ausführen' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
    await expect(page.getByRole('status').filter({ hasText: 'Der Stand des Verfahrens ist geändert' })).toBeVisible();
  });
  return page.url();
}

test('staff open a consultation, citizens comment, reply, support and report, a moderator hides, staff answer', async ({ page, browser }) => {
  test.setTimeout(300_000);
  const title = uniqueTitle('Uferweg');
  const manage = await createConsultation(page, title, -60, 24 * 60);
  await expect(page.getByText('Beteiligung läuft', { exact: true })).toBeVisible();
  const id = manage.split('/').pop()!;
  // Both projects run at once on one server: each writes its own text.
  const text = `Bitte den Radweg 4 Meter breit bauen (${title}).`;

  const anna = await person(browser);
  await test.step('a citizen finds it, comments on a section (a mistake first)', async () => {
    await anna.goto('/verfahren?status=open');
    await anna.getByRole('link', { name: title }).click();
    await expect(anna.getByRole('heading', { level: 1 })).toHaveText(title);
    await expect(anna.getByText(/Die Beteiligung läuft bis/)).toBeVisible();
    await expectAccessible(anna);
    await anna.getByRole('link', { name: 'Zu diesem Abschnitt Stellung nehmen – 1.1 Radweg' }).click();
    await expect(anna.getByLabel('Wozu nehmen Sie Stellung?')).toHaveValue(/.+/);
    await anna.getByLabel('Ihr Text', { exact: true }).fill(text);
    await anna.getByRole('button', { name: 'Beitrag veröffentlichen' }).click();
    await expect(anna.locator('#field-name-error')).toHaveText('Bitte geben Sie einen Namen ein.');
    await expect(anna.getByLabel('Ihr Text', { exact: true })).toHaveValue(text);
    await expectAccessible(anna);
    await anna.getByLabel('Name', { exact: true }).fill('Anna Becker');
    await anna.getByRole('button', { name: 'Beitrag veröffentlichen' }).click();
    await expect(anna.getByRole('status').filter({ hasText: 'Vielen Dank, Ihr Beitrag ist veröffentlicht.' })).toBeVisible();
    const comment = anna.locator('#beitrag-1');
    await expect(comment).toContainText(text);
    await expect(comment).toContainText('zu Abschnitt 1.1 Radweg');
  });

  const berta = await person(browser);
  await test.step('another citizen replies, supports and reports', async () => {
    await logIn(berta, 'buerger@sachsen.example');
    await berta.goto(`/verfahren/${id}`);
    await berta.getByRole('link', { name: 'Antworten – Nr. 1' }).click();
    await expect(berta.getByRole('heading', { level: 1 })).toHaveText('Antwort auf Beitrag Nr. 1');
    await expectAccessible(berta);
    await berta.getByLabel('Ihre Antwort').fill('Dem schließe ich mich an. Siehe https://example.org/radwege.');
    await berta.getByRole('button', { name: 'Antwort veröffentlichen' }).click();
    await expect(berta.getByRole('status').filter({ hasText: 'Vielen Dank, Ihr Beitrag ist veröffentlicht.' })).toBeVisible();
    const reply = berta.locator('#beitrag-2');
    await expect(reply).toContainText('Dem schließe ich mich an.');
    await expect(reply.getByRole('link', { name: 'https://example.org/radwege' })).toHaveAttribute('rel', 'nofollow ugc');

    await berta.getByRole('button', { name: 'Unterstützen – Nr. 1' }).click();
    await expect(berta.getByRole('status').filter({ hasText: 'Danke, Sie unterstützen diesen Beitrag.' })).toBeVisible();
    await expect(berta.locator('#beitrag-1 .comment__actions').first()).toContainText('Unterstützungen: 1');
    await expectAccessible(berta);

    await berta.getByRole('link', { name: 'Melden – Nr. 1' }).click();
    await expect(berta.getByRole('heading', { level: 1 })).toHaveText('Beitrag Nr. 1 melden');
    await berta.getByRole('button', { name: 'Beitrag melden' }).click();
    await expect(berta.locator('#field-reason-error')).toHaveText('Bitte geben Sie einen Grund an.');
    await expectAccessible(berta);
    await berta.getByLabel('Grund der Meldung').fill('Enthält eine Falschbehauptung.');
    await berta.getByRole('button', { name: 'Beitrag melden' }).click();
    await expect(berta.getByRole('status').filter({ hasText: 'Danke, die Moderation prüft Ihre Meldung.' })).toBeVisible();
  });

  const mo = await person(browser);
  await test.step('a moderator hides the reported comment with a reason', async () => {
    await logIn(mo, 'moderation@sachsen.example');
    await mo.getByRole('link', { name: 'Moderation', exact: true }).click();
    const item = mo.locator('article').filter({ hasText: text });
    await expect(item).toContainText('Enthält eine Falschbehauptung.');
    await expectAccessible(mo);
    await item.getByText('Ausblenden …').click();
    await item.getByLabel('Begründung (Vorlage)').selectOption({ label: 'Kein Bezug zum Verfahren (Netiquette, Punkt 2)' });
    await item.getByRole('button', { name: 'Entscheidung speichern' }).click();
    await expect(mo.getByRole('status').filter({ hasText: 'Die Entscheidung ist gespeichert' })).toBeVisible();
    await expect(mo.locator('article').filter({ hasText: text })).toHaveCount(0);
    await expectAccessible(mo);
    await anna.goto(`/verfahren/${id}`);
    await expect(anna.locator('#beitrag-1')).toContainText('Dieser Beitrag wurde von der Moderation ausgeblendet.');
    await expect(anna.getByText(text)).toHaveCount(0);
  });

  await test.step('staff answer the reply; the answer is shown with it', async () => {
    await page.goto(`/verwaltung/verfahren/${id}/beitraege`);
    await expectAccessible(page);
    const item = page.locator('article').filter({ hasText: 'Dem schließe ich mich an.' });
    await item.getByLabel('Antwort der Behörde').fill('Wir prüfen eine Breite von 4 Metern.');
    await item.getByRole('button', { name: 'Antwort veröffentlichen' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Die Antwort ist veröffentlicht.' })).toBeVisible();
    await anna.goto(`/verfahren/${id}`);
    await expect(anna.locator('#beitrag-2 .answer')).toContainText('Antwort von Landesdirektion Sachsen');
    await expect(anna.locator('#beitrag-2 .answer')).toContainText('Wir prüfen eine Breite von 4 Metern.');
    await expectAccessible(anna);
  });
});

test('staff publish the results of a consultation whose phase is over', async ({ page, browser }) => {
  test.setTimeout(240_000);
  const title = uniqueTitle('Lärmschutz');
  const manage = await createConsultation(page, title, -48 * 60, -60);
  await expect(page.getByText('In Auswertung', { exact: true })).toBeVisible();

  await test.step('outside the phase the form is not offered', async () => {
    const visitor = await person(browser);
    await visitor.goto(manage.replace('/verwaltung/verfahren/', '/verfahren/'));
    await expect(visitor.getByText('Zurzeit läuft keine Beteiligungsphase; Beiträge sind nicht möglich.')).toBeVisible();
    await expect(visitor.getByRole('button', { name: 'Beitrag veröffentlichen' })).toHaveCount(0);
  });

  await test.step('staff write the results and conclude after a confirmation', async () => {
    await page.getByLabel('Ergebnisbericht').fill('## Ergebnis\n\nDie Lärmschutzwand wird **3 Meter** hoch.');
    await page.getByRole('button', { name: 'Ergebnisse speichern' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Die Ergebnisse sind gespeichert' })).toBeVisible();
    await page.getByRole('link', { name: 'Ergebnisse veröffentlichen und Verfahren abschließen' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Ergebnisse veröffentlichen und Verfahren abschließen');
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Ja, jetzt ausführen' }).click();
    await expect(page.getByText('Abgeschlossen', { exact: true })).toBeVisible();
  });

  await test.step('the public page shows the results', async () => {
    const visitor = await person(browser);
    await visitor.goto(manage.replace('/verwaltung/verfahren/', '/verfahren/'));
    const results = visitor.locator('section').filter({ has: visitor.getByRole('heading', { name: 'Ergebnisse' }) });
    await expect(results).toContainText('Die Lärmschutzwand wird 3 Meter hoch.');
    await expect(results.locator('strong')).toHaveText('3 Meter');
    await expectAccessible(visitor);
  });
});

test('nothing anyone writes runs as script', async ({ page, browser }) => {
  test.setTimeout(240_000);
  const dialogs: string[] = [];
  const payloads = [
    `<script>alert('t')</script>`,
    `<img src=x onerror="alert('i')">`,
    `"><svg onload=alert('s')>`,
    `</textarea><script>alert('ta')</script>`,
    `[klick](javascript:alert('m'))`,
    `<a href="javascript:alert('a')">a</a>`,
  ];
  const all = payloads.join(' ');
  const title = uniqueTitle('XSS ' + payloads[0]);
  page.on('dialog', (d) => { dialogs.push(d.message()); d.dismiss(); });
  await logIn(page, 'staff@sachsen.example');
  await page.goto('/verwaltung/verfahren/neu');
  await page.getByLabel('Titel', { exact: true }).fill(title);
  await page.getByLabel('Kurzbeschreibung').fill(all);
  await page.getByLabel('Beschreibung', { exact: true }).fill(all);
  await page.getByLabel('Ansprechpartner').fill(all);
  await page.getByLabel('Wer darf Beiträge schreiben?').selectOption('name');
  await page.getByRole('button', { name: 'Als Entwurf anlegen' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
  await page.getByLabel('Beginn', { exact: true }).fill(berlin(-10));
  await page.getByLabel('Ende', { exact: true }).fill(berlin(600));
  await page.getByRole('button', { name: 'Phase hinzufügen' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Die Beteiligungsphase ist angelegt' })).toBeVisible();
  await page.getByRole('link', { name: 'Verfahren veröffentlichen' }).click();
  await page.getByRole('button', { name: 'Ja, jetzt ausführen' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Der Stand des Verfahrens ist geändert' })).toBeVisible();
  const id = page.url().split('/').pop()!;

  const visitor = await person(browser);
  visitor.on('dialog', (d) => { dialogs.push(d.message()); d.dismiss(); });
  await visitor.goto(`/verfahren/${id}`);
  for (const p of payloads) {
    await visitor.getByLabel('Ihr Text', { exact: true }).fill(p);
    await visitor.getByLabel('Name', { exact: true }).fill(p);
    await visitor.getByRole('button', { name: 'Beitrag veröffentlichen' }).click();
    await expect(visitor.locator('.comment__body').filter({ hasText: p }).first()).toBeVisible();
  }
  // Every text came back as text: the title, the comments, the kept form input.
  await expect(visitor.getByRole('heading', { level: 1 })).toHaveText(title);
  await expect(visitor.locator('.comment__body').filter({ hasText: `</textarea><script>alert('ta')</script>` })).toHaveCount(1);
  await visitor.getByLabel('Ihr Text', { exact: true }).fill(payloads[3]);
  await visitor.getByRole('button', { name: 'Beitrag veröffentlichen' }).click();
  await expect(visitor.locator('#field-name-error')).toBeVisible();
  await expect(visitor.getByLabel('Ihr Text', { exact: true })).toHaveValue(payloads[3]);
  for (const path of ['/verfahren', `/verwaltung/verfahren/${id}`, `/verwaltung/verfahren/${id}/beitraege`]) {
    await page.goto(path);
    await page.waitForLoadState('networkidle');
  }
  await visitor.goto(`/verfahren/${id}`);
  await visitor.waitForLoadState('networkidle');
  expect(dialogs, 'no script ran').toEqual([]);
});

test('a long comment with a mistake comes back whole, with the error at its field', async ({ page }) => {
  // Over the 4 KB a browser keeps in a cookie: without JavaScript the answer travels
  // through the server and the text must still be there.
  const text = 'Öffentlicher Raum & Grün für alle – bitte mehr Bänke am Ufer. '.repeat(100).slice(0, 5000);
  await page.goto('/verfahren');
  await page.getByRole('link', { name: 'Bebauungsplan Nr. 12 „Wohnen am Elbufer“' }).click();
  await page.getByLabel('Ihr Text', { exact: true }).fill(text);
  await page.getByLabel('Name', { exact: true }).fill('Lena Lang');
  await page.getByLabel('E-Mail-Adresse', { exact: true }).fill('keine-adresse');
  await page.getByRole('button', { name: 'Beitrag veröffentlichen' }).click();
  await expect(page.locator('#field-email-error')).toContainText('gültige E-Mail-Adresse');
  await expect(page.getByLabel('Ihr Text', { exact: true })).toHaveValue(text);
  await expect(page.getByLabel('Name', { exact: true })).toHaveValue('Lena Lang');
  await expectAccessible(page);
});
