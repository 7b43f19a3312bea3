import { defineConfig } from '@playwright/test';

import { chromiumLaunchOptions } from '../fixtures/chromium';

/**
 * The student search benchmark, run by `cargo xtask bench search` (never by the normal suite,
 * whose config only looks in `tests/`). xtask starts the server, imports the students and
 * passes PM_SERVER_URL and PM_BENCH_OUT; this script measures in the page and writes JSON.
 */
export default defineConfig({
  testDir: '.',
  testMatch: /.*\.bench\.ts$/,
  outputDir: '../test-results/bench',
  // Signing in pulls the whole school (2,000+ students) onto the device first.
  timeout: 300_000,
  expect: { timeout: 180_000 },
  retries: 0,
  workers: 1,
  reporter: [['list']],
  use: {
    browserName: 'chromium',
    headless: true,
    launchOptions: chromiumLaunchOptions,
    locale: 'en-GB',
    // A 10-inch tablet in landscape, as a mentor in a lesson holds it.
    viewport: { width: 1280, height: 800 },
    hasTouch: true,
  },
});
