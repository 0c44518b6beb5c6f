// The one island (`enhance`): it loads only where a page has work for it, answers forms in
// place with what the server rendered, and moves the focus to what the person must read.
import { test, expect } from './fixtures';

/** The WebAssembly files the page requested so far. */
async function wasmLoaded(page: import('@playwright/test').Page): Promise<string[]> {
  return page.evaluate(() => performance.getEntriesByType('resource').map((r) => r.name).filter((n) => n.endsWith('.wasm')));
}

test('a page without a form loads no WebAssembly', async ({ page, visit }) => {
  await visit('/impressum');
  await page.waitForLoadState('networkidle');
  expect(await wasmLoaded(page)).toEqual([]);
  await visit('/anmelden');
  await page.waitForLoadState('networkidle');
  expect(await wasmLoaded(page)).toHaveLength(1);
});

test('an in-place answer puts the focus on the first field in error', async ({ page, visit }) => {
  await visit('/registrieren');
  await page.waitForLoadState('networkidle');
  await page.evaluate(() => { (window as unknown as { marker: number }).marker = 3; });
  await page.getByLabel('Name', { exact: true }).fill('Rita Reh');
  await page.getByRole('button', { name: 'Konto anlegen' }).click();
  const email = page.getByLabel('E-Mail-Adresse');
  await expect(email).toHaveAttribute('aria-invalid', 'true');
  await expect(email).toBeFocused();
  // The input was kept, and the page did not reload.
  await expect(page.getByLabel('Name', { exact: true })).toHaveValue('Rita Reh');
  expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(3);
});

test('the page carries no serialized data and its scripts come from this site', async ({ page }) => {
  const errors: string[] = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(e.message));
  const res = await page.goto('/verfahren?suche=Bebauungsplan');
  const html = await res!.text();
  expect(html).not.toContain('__RESOLVED_RESOURCES');
  expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
  await page.getByRole('link', { name: 'Bebauungsplan Nr. 12 „Wohnen am Elbufer“' }).click();
  await page.waitForLoadState('networkidle');
  expect(errors, 'no console errors (CSP violations show up here)').toEqual([]);
});
