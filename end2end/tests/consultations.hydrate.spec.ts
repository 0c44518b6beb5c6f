// With JavaScript: the comment form counts characters as one types, and supporting a
// comment answers in place without reloading the page.
import { test, expect, logIn } from './fixtures';
import type { Page } from '@playwright/test';

/** The demo's open consultation (other specs add procedures to the same server). */
async function openDemo(page: Page) {
  await page.goto('/verfahren?suche=Bebauungsplan');
  await page.getByRole('link', { name: 'Bebauungsplan Nr. 12 „Wohnen am Elbufer“' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Bebauungsplan Nr. 12 „Wohnen am Elbufer“');
}

test('the comment form counts characters while typing', async ({ page }) => {
  await openDemo(page);
  await expect(page.getByRole('heading', { level: 2, name: 'Ihr Beitrag' })).toBeVisible();
  await page.waitForLoadState('networkidle');
  const counter = page.locator('#field-body-counter');
  await expect(counter).toHaveText('0 von 5.000 Zeichen');
  await page.getByLabel('Ihr Text', { exact: true }).pressSequentially('Zwölf Zeichen');
  await expect(counter).toHaveText('13 von 5.000 Zeichen');
  await page.getByLabel('Ihr Text', { exact: true }).fill('ä'.repeat(5001));
  await expect(counter).toHaveText('5.001 von 5.000 Zeichen');
  await expect(counter).toHaveClass(/field__counter--over/);
});

test('supporting a comment answers in place', async ({ page }) => {
  await logIn(page, 'moderation@sachsen.example');
  await openDemo(page);
  await page.waitForLoadState('networkidle');
  await page.evaluate(() => { (window as unknown as { marker: number }).marker = 7; });
  const button = page.getByRole('button', { name: /^Unterstützen/ }).first();
  const name = (await button.textContent())!;
  const number = name.split('– ')[1];
  await button.click();
  await expect(page.getByRole('status').filter({ hasText: 'Danke, Sie unterstützen diesen Beitrag.' })).toBeVisible();
  await expect(page.getByRole('button', { name: `Unterstützen – ${number}` })).toHaveCount(0);
  expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(7);
});

test('after a comment is published in place the form is empty for the next one', async ({ page }) => {
  await logIn(page, 'buerger@sachsen.example');
  await openDemo(page);
  await page.waitForLoadState('networkidle');
  await page.evaluate(() => { (window as unknown as { marker: number }).marker = 9; });
  const field = page.getByLabel('Ihr Text', { exact: true });
  const counter = page.locator('#field-body-counter');
  const text = `Bitte an die Radwege denken ${Date.now()}`;
  await field.fill(text);
  await page.getByRole('button', { name: 'Beitrag veröffentlichen' }).click();
  await expect(page.locator('.comment__body').filter({ hasText: text })).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(9);
  await expect(field).toHaveValue('');
  await expect(counter).toHaveText('0 von 5.000 Zeichen');
  // The form that came back still counts.
  await field.pressSequentially('Noch was');
  await expect(counter).toHaveText('8 von 5.000 Zeichen');
});
