import { defineConfig } from '@playwright/test';

import { chromiumLaunchOptions } from './fixtures/chromium';

/**
 * End-to-end tests of the built PWA, served by the real `mentor-server` binary, in Debian's
 * Chromium. `cargo xtask test` runs this suite; it sets PM_SERVER_BIN and PM_DIST.
 */

export default defineConfig({
  testDir: 'tests',
  outputDir: 'test-results',
  // The first load of a worker compiles the wasm bundle; generous limits keep that from
  // turning into a timeout, while retries stay off so real flakiness shows.
  timeout: 60_000,
  expect: { timeout: 15_000 },
  retries: 0,
  workers: 2,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  // `cargo xtask test` reads stats.expected/unexpected/flaky from this exact path.
  reporter: [['list'], ['json', { outputFile: 'playwright-report/results.json' }]],
  use: {
    browserName: 'chromium',
    headless: true,
    launchOptions: chromiumLaunchOptions,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    // Pinned so the date the app shows and the one the tests expect agree on any machine.
    locale: 'en-GB',
  },
  projects: [
    {
      name: 'phone',
      use: { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 },
      // Response headers do not depend on the viewport: checked once, on the tablet.
      testIgnore: /headers\.spec\.ts/,
    },
    {
      name: 'tablet',
      use: { viewport: { width: 1280, height: 800 }, hasTouch: true },
      // The update flow, offline sync and revoking do not depend on the viewport: exercised
      // once, on the phone.
      testIgnore: /(update|sync-offline|revoke|refused-change|mentor-offline)\.spec\.ts/,
    },
  ],
});
