/**
 * Student search on the device, timed in the page: the Students page records a
 * `performance.measure` named `student-search` for every filtering pass (the filter and the
 * list update). This signs the admin in, waits for the whole school to sync, types realistic
 * searches a character at a time, and writes every measure's duration to PM_BENCH_OUT.
 */
import { writeFileSync } from 'node:fs';

import { expect, test, type Page } from '@playwright/test';

import { DEMO } from '../fixtures/demo';
import { AppShell } from '../pages/AppShell';
import { SignInPage } from '../pages/SignInPage';
import { StudentsPage } from '../pages/StudentsPage';

const MEASURE = 'student-search';

/**
 * Typed a character at a time, after clearing the box, so every prefix is a query: names
 * (given, family, both), forms, and a UPN fragment. Each matches some of the students
 * `cargo xtask bench search` imports.
 */
const SEARCHES = ['jam', 'smith', 'pat', 'khan', 'oli', 'ava t', '9b', '11e', 'beg', '93650152'];

function requiredEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run this with \`cargo xtask bench search\``);
  return value;
}

/** Resolves once no new measure has appeared for `quietMs`. */
async function settle(page: Page, quietMs = 400): Promise<void> {
  let last = -1;
  for (;;) {
    const count = await page.evaluate((name) => performance.getEntriesByName(name).length, MEASURE);
    if (count === last) return;
    last = count;
    await page.waitForTimeout(quietMs);
  }
}

test('student search', async ({ page }) => {
  const url = requiredEnv('PM_SERVER_URL');
  const out = requiredEnv('PM_BENCH_OUT');
  const shell = new AppShell(page, url);
  await shell.open('/sign-in');
  await new SignInPage(page).signInAs(DEMO.admin);
  await expect(shell.connectionStatus).toHaveText('All saved and synced');

  await shell.goTo('Students');
  const students = new StudentsPage(page);
  await expect(students.heading).toBeVisible();
  const search = page.getByRole('searchbox', { name: 'Search students', exact: true });
  await expect(search).toBeVisible();
  await settle(page);
  await page.evaluate((name) => performance.clearMeasures(name), MEASURE);

  let keystrokes = 0;
  for (const text of SEARCHES) {
    await search.fill('');
    await settle(page, 250);
    await search.pressSequentially(text, { delay: 120 });
    keystrokes += text.length;
    await settle(page, 250);
    // Every search matches someone, so each pass filtered the whole roster and drew rows.
    await expect(students.list.getByRole('link').first(), `no student matches "${text}"`).toBeVisible();
  }
  await search.fill('');
  await settle(page);

  const durations = await page.evaluate(
    (name) => performance.getEntriesByName(name).map((entry) => entry.duration),
    MEASURE,
  );
  expect(durations.length, `no "${MEASURE}" measures were recorded`).toBeGreaterThan(0);
  writeFileSync(out, JSON.stringify({ searches: SEARCHES, keystrokes, durations }));
});
