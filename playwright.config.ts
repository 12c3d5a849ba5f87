import path from 'node:path';
import { defineConfig, type LaunchOptions } from '@playwright/test';

const port = Number(process.env.E2E_PORT ?? 3100);
// The server checks the Origin of state-changing requests against PUBLIC_URL, so the browser
// must use exactly this address.
const baseURL = `http://localhost:${port}`;
const dataDir = `.tmp/e2e-${port}`;
const webDir = path.resolve(`.tmp/e2e-web-${port}`);

// Debian's Chromium; Playwright never downloads a browser here. Without the networking flags
// Chromium keeps trying to reach Google's services on a closed network.
const launchOptions: LaunchOptions = {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
};

export default defineConfig({
  testDir: 'e2e',
  // Per port, like the data below, so that two runs at once do not delete each other's traces.
  outputDir: `test-results/e2e-${port}`,
  fullyParallel: true,
  forbidOnly: Boolean(process.env.CI),
  retries: process.env.CI ? 1 : 0,
  workers: 2,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [['list'], ['html', { open: 'never' }]] : 'list',
  use: {
    baseURL,
    locale: 'nl-NL',
    timezoneId: 'Europe/Amsterdam',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions,
  },
  projects: [
    // Logs in every demo account once, SMS code included, and keeps the cookies (e2e/auth.setup.ts).
    { name: 'setup', testMatch: /auth\.setup\.ts$/ },
    {
      name: 'desktop',
      dependencies: ['setup'],
      use: { browserName: 'chromium', viewport: { width: 1280, height: 800 } },
    },
    {
      name: 'phone',
      dependencies: ['setup'],
      use: {
        browserName: 'chromium',
        viewport: { width: 390, height: 844 },
        deviceScaleFactor: 2,
        isMobile: true,
        hasTouch: true,
      },
    },
  ],
  webServer: {
    // A fresh database every run, so that the demo data (and the login rate limits) start clean.
    // NODE_ENV=test is for the server; the web app is built as for production.
    // Data, build and logged-in sessions live in folders named after the port, so that two runs on
    // different E2E_PORTs do not disturb each other.
    command: `rm -rf ${dataDir} && NODE_ENV=production npx vite build --logLevel warn --outDir ${webDir} --emptyOutDir && npx tsx server/src/main.ts`,
    url: `http://127.0.0.1:${port}/readyz`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: 'ignore',
    stderr: 'pipe',
    env: {
      NODE_ENV: 'test',
      PORT: String(port),
      PUBLIC_URL: baseURL,
      DATA_DIR: dataDir,
      WEB_DIST_DIR: webDir,
      DATABASE_URL: '',
      SEED_DEMO_DATA: 'true',
      DEV_OUTBOX: 'true',
      LOG_LEVEL: 'warn',
    },
  },
});
