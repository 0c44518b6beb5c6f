// Shared steps: visit a page and check it with axe-core, read the mails the real SMTP
// server received, log in. Every page a test visits gets an accessibility check.
import { test as base, expect, BrowserContext, Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import * as fs from 'node:fs';
import * as path from 'node:path';

export const DEMO_PASSWORD = 'mitwirken-demo-2026';

/**
 * Fails the test when axe-core finds any WCAG 2.1 A/AA or best-practice violation on the
 * page as it is now. axe-core runs inside the page, which a page without JavaScript
 * cannot do: then the same HTML is checked in a scratch page with JavaScript on but the
 * app's scripts removed, so it stays exactly what the visitor without JavaScript sees.
 */
export async function expectAccessible(page: Page) {
  let target = page;
  if (test.info().project.use.javaScriptEnabled === false) {
    const url = page.url();
    const html = (await page.content()).replace(/<script[\s\S]*?<\/script>/g, '');
    target = await (await scratchContext(page)).newPage();
    await target.route(url, (route) => route.fulfill({ body: html, contentType: 'text/html; charset=utf-8' }));
    await target.goto(url);
  }
  try {
    const results = await new AxeBuilder({ page: target }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
    const summary = results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
    expect(summary, `axe-core on ${page.url()}`).toEqual([]);
  } finally {
    if (target !== page) await target.close();
  }
}

/** One context with JavaScript for the checks of pages seen without it, per worker: a
 *  page in it is cheap, a new context each time is not. */
let scratch: Promise<BrowserContext> | undefined;
function scratchContext(page: Page): Promise<BrowserContext> {
  scratch ??= page.context().browser()!.newContext({ javaScriptEnabled: true, locale: 'de-DE' });
  return scratch;
}

export const test = base.extend<{ visit: (path: string) => Promise<void> }>({
  visit: async ({ page }, use) => {
    await use(async (target: string) => {
      await page.goto(target);
      await expectAccessible(page);
    });
  },
});
export { expect };

/** A fresh address per test and project, so runs never collide. */
export function uniqueEmail(prefix: string): string {
  return `${prefix}-${test.info().project.name}-${Date.now()}-${Math.floor(Math.random() * 1e6)}@example.org`;
}

function decodeQuotedPrintable(text: string): string {
  const joined = text.replace(/=\r?\n/g, '');
  const bytes: number[] = [];
  for (let i = 0; i < joined.length; i++) {
    const hex = joined.slice(i + 1, i + 3);
    if (joined[i] === '=' && /^[0-9A-F]{2}$/.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(joined[i], 'utf8'));
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

/** Waits for a mail to `to` and returns the path+query of its first link to `linkPath`. */
export async function linkFromMail(to: string, linkPath: string): Promise<string> {
  const dir = path.join(process.env.E2E_DIR!, 'mail');
  for (let attempt = 0; attempt < 100; attempt++) {
    for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.eml')).sort()) {
      const mail = decodeQuotedPrintable(fs.readFileSync(path.join(dir, file), 'utf8'));
      if (!mail.split(/\r?\n/).some((l) => l.startsWith('To:') && l.includes(to))) continue;
      const match = mail.match(new RegExp(`https?://[^/\\s]+(${linkPath}\\?token=[A-Za-z0-9_.-]+)`));
      if (match) return match[1];
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no mail to ${to} with a link to ${linkPath}`);
}

export async function logIn(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.goto('/anmelden');
  await page.getByLabel('E-Mail-Adresse').fill(email);
  await page.getByLabel('Passwort', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Anmelden' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Mein Konto' })).toBeVisible();
}
