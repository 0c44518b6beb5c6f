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
