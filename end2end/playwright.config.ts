// Browser tests: every spec runs twice, with JavaScript (hydrated) and without (plain
// forms). Specs named *.hydrate.spec.ts need JavaScript and run once.
import { defineConfig } from '@playwright/test';
import * as os from 'node:os';
import * as path from 'node:path';

const port = Number(process.env.E2E_PORT ?? 3107);
const smtpPort = Number(process.env.E2E_SMTP_PORT ?? 2527);
// Read by the specs (workers inherit the environment) to find the mails.
process.env.E2E_DIR ??= path.join(os.tmpdir(), `mitwirken-e2e-${process.pid}`);
process.env.E2E_PORT = String(port);

const chromium = {
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
};

export default defineConfig({
  testDir: './tests',
  fullyParallel: false,
  workers: 2,
  retries: 0,
  // Whole flows (register → mail → verify → log in) with an axe-core check per page;
  // without JavaScript every check opens a scratch page, so a flow takes a while.
  timeout: 90_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    locale: 'de-DE',
    timezoneId: 'Europe/Berlin',
    launchOptions: chromium,
    trace: 'retain-on-failure',
    // A missing element fails its step after 15 s instead of waiting for the whole test.
    actionTimeout: 15_000,
  },
  projects: [
    { name: 'js', use: { javaScriptEnabled: true } },
    { name: 'nojs', use: { javaScriptEnabled: false }, testIgnore: /\.hydrate\.spec\.ts$/ },
  ],
  webServer: {
    command: 'bash serve-for-tests.sh',
    url: `http://127.0.0.1:${port}/healthz`,
    reuseExistingServer: false,
    timeout: 60_000,
    env: { E2E_DIR: process.env.E2E_DIR, PORT: String(port), SMTP_PORT: String(smtpPort) },
  },
});
