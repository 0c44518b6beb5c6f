// With JavaScript the page hydrates: forms answer in place, no full page load.
import { test, expect } from './fixtures';

test('the page hydrates under the strict CSP and forms answer without reloading', async ({ page, visit }) => {
  const errors: string[] = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(e.message));
  await visit('/anmelden');
  // The WASM bundle loaded and hydrated (a marker that only survives without reload).
  await page.waitForFunction(() => performance.getEntriesByType('resource').some((r) => r.name.endsWith('.wasm')));
  await page.waitForLoadState('networkidle');
  await page.evaluate(() => { (window as unknown as { marker: number }).marker = 42; });

  await page.getByLabel('E-Mail-Adresse').fill('buerger@sachsen.example');
  await page.getByLabel('Passwort', { exact: true }).fill('falsches Passwort');
  await page.getByRole('button', { name: 'Anmelden' }).click();
  await expect(page.getByRole('alert')).toHaveText('E-Mail-Adresse oder Passwort ist nicht richtig.');
  expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(42);
  // The password is never kept, also not in the hydrated form.
  await expect(page.getByLabel('Passwort', { exact: true })).toHaveValue('');
  await expect(page.getByLabel('E-Mail-Adresse')).toHaveValue('buerger@sachsen.example');
  expect(errors, 'no console errors (CSP violations show up here)').toEqual([]);
});

test('client-side navigation keeps the header in step with the session', async ({ page }) => {
  await page.goto('/anmelden');
  await page.waitForLoadState('networkidle');
  await page.getByLabel('E-Mail-Adresse').fill('buerger@sachsen.example');
  await page.getByLabel('Passwort', { exact: true }).fill('mitwirken-demo-2026');
  await page.getByRole('button', { name: 'Anmelden' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Mein Konto' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Abmelden' })).toBeVisible();
  await expect(page.getByRole('status')).toContainText('Sie sind angemeldet');
});
