/**
 * The students list: search as you type by any part of a name, a UPN or a form; filters by
 * year, group, SEND and caseload; all from the device, with no signal; a two-pane list and
 * student on a tablet.
 *
 * Expectations are derived from the demo school (`crates/server/src/demo.rs`): Morgan Ellery
 * (mentor) teaches "7 Maths Set 2" and "7 English 7B", so sees all twelve Year 7 students,
 * plus the four older students of her caseload (students 20, 30, 40 and 50): 16 in all.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';

import { DEMO, type DemoAccount, type DemoStudent } from '../fixtures/demo';
import { expect, test } from '../fixtures/test';
import { AppShell } from '../pages/AppShell';
import { SignInPage } from '../pages/SignInPage';
import { StudentPage } from '../pages/StudentPage';
import { StudentsPage } from '../pages/StudentsPage';

/** Morgan Ellery's students that a search for "ja" finds. */
const BRODIE: DemoStudent = { name: 'Brodie Jarrow', yearAndForm: 'Year 7 · 7B' }; // SEN support
const GRACE: DemoStudent = { name: 'Grace Jarrow', yearAndForm: 'Year 7 · 7A' }; // SEN support
const LOTTIE: DemoStudent = { name: 'Lottie Jarrow', yearAndForm: 'Year 7 · 7B' };
const JAMIE: DemoStudent = { name: 'Jamie Ingleby', yearAndForm: 'Year 7 · 7B' }; // EHCP
const FOUND_BY_JA = [BRODIE, GRACE, LOTTIE, JAMIE];

/** Morgan Ellery's caseload (students 0, 10, 20, 30, 40 and 50). */
const CASELOAD: DemoStudent[] = [
  { name: 'Ayla Ashdown', yearAndForm: 'Year 7 · 7A' },
  { name: 'Kiran Ashdown', yearAndForm: 'Year 7 · 7A' },
  { name: 'Isla Holbeck', yearAndForm: 'Year 8 · 8A' },
  { name: 'Grace Elsworth', yearAndForm: 'Year 9 · 9A' },
  { name: 'Esme Brightwell', yearAndForm: 'Year 10 · 10A' },
  { name: 'Cerys Ingleby', yearAndForm: 'Year 11 · 11A' },
];

/** Signs `account` in and waits for the first sync, then opens Students. */
async function signInToStudents(page: Page, serverUrl: string, account: DemoAccount): Promise<StudentsPage> {
  const shell = new AppShell(page, serverUrl);
  await shell.open('/sign-in');
  await new SignInPage(page).signInAs(account);
  await expect(shell.connectionStatus).toHaveText('All saved and synced');
  await shell.goTo('Students');
  const students = new StudentsPage(page);
  await expect(students.heading).toBeVisible();
  await expect(students.count).toHaveText('16 students');
  return students;
}

async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map(
      (violation) =>
        `${violation.id} (${violation.impact}): ${violation.help} — ` +
        violation.nodes.map((node) => node.target.join(' ')).join(', '),
    );
}

test.describe('students list', () => {
  test('search as you type finds students by any part of a name; filters narrow it', async ({ page, freshServer }) => {
    const students = await signInToStudents(page, freshServer.url, DEMO.mentor);

    await students.search.fill('ja');
    await expect(students.count).toHaveText('4 of 16 students');
    await students.expectExactly(FOUND_BY_JA);
    // Case, several words in any order, and the form all count.
    await students.search.fill('JARROW 7b');
    await students.expectExactly([BRODIE, LOTTIE]);
    await students.search.fill('ja');
    await students.expectExactly(FOUND_BY_JA);
    await expect(students.row(JAMIE)).toContainText('EHCP');
    await expect(students.row(LOTTIE)).not.toContainText(/EHCP|SEN support/);

    // Every pass is timed for the search benchmark.
    const measures = await page.evaluate(() => performance.getEntriesByName('student-search', 'measure').length);
    expect(measures).toBeGreaterThan(0);

    await students.filterBy('Year', 'Year 8');
    await expect(students.count).toHaveText('0 of 16 students');
    await expect(students.noMatches).toBeVisible();
    await students.filterBy('Year', 'Year 7');
    await students.expectExactly(FOUND_BY_JA);

    // "7 English 7B" holds Year 7 students 4 to 11: not Brodie.
    await students.filterBy('Group', '7 English 7B');
    await expect(students.filtersSummary).toContainText('2 active');
    await students.expectExactly([GRACE, LOTTIE, JAMIE]);
    await students.filterBy('Group', 'All');

    await students.filterBy('SEND', 'SEN support or EHCP');
    await students.expectExactly([BRODIE, GRACE, JAMIE]);
    await students.filterBy('SEND', 'EHCP');
    await students.expectExactly([JAMIE]);
    await students.filterBy('SEND', 'None recorded');
    await students.expectExactly([LOTTIE]);

    await students.search.fill('nobody at all');
    await expect(students.noMatches).toBeVisible();
    await students.clearAll.click();
    await expect(students.search).toHaveValue('');
    await expect(students.count).toHaveText('16 students');
    await expect(students.filtersSummary).not.toContainText('active');
    await students.filterBy('Caseload', 'My caseload');
    await expect(students.count).toHaveText('6 of 16 students');
    await students.expectExactly(CASELOAD);
  });

  test('the search and filters survive opening a student, going back, and a reload', async ({ page, freshServer }) => {
    const students = await signInToStudents(page, freshServer.url, DEMO.mentor);
    await students.search.fill('ja');
    await students.filterBy('SEND', 'SEN support or EHCP');
    await students.expectExactly([BRODIE, GRACE, JAMIE]);

    const jamie = await students.open(JAMIE);
    await expect(page).toHaveURL(/[?&]q=ja(&|$)/);
    await jamie.back.click();
    await expect(students.search).toHaveValue('ja');
    await students.expectExactly([BRODIE, GRACE, JAMIE]);
    await expect(page).toHaveURL(/\/students\?q=ja&send=any$/);

    await page.reload();
    await expect(students.search).toHaveValue('ja');
    await expect(await students.filter('SEND')).toHaveValue('any');
    await students.expectExactly([BRODIE, GRACE, JAMIE]);

    await students.clearFilters.click();
    await expect(await students.filter('SEND')).toHaveValue('');
    await students.expectExactly(FOUND_BY_JA);
    await expect(page).toHaveURL(/\/students\?q=ja$/);
  });

  test('works offline, from the device alone', async ({ page, freshServer }) => {
    const url = freshServer.url;
    const shell = new AppShell(page, url);
    const students = await signInToStudents(page, url, DEMO.mentor);
    // Reloading with no network needs the service worker to hold the app.
    await shell.waitForServiceWorkerControl();

    await page.context().setOffline(true);
    await shell.reloadOffline();
    await expect(shell.connectionStatus).toHaveText('Offline — working from this device');
    await expect(students.count).toHaveText('16 students');
    await students.search.fill('ja');
    await expect(students.count).toHaveText('4 of 16 students');
    await students.expectExactly(FOUND_BY_JA);
    await students.filterBy('Year', 'Year 7');
    await students.expectExactly(FOUND_BY_JA);
  });

  test('a tablet shows the list beside the chosen student; a phone one at a time', async ({ page, freshServer }, testInfo) => {
    const students = await signInToStudents(page, freshServer.url, DEMO.mentor);
    await students.search.fill('ja');
    const grace = await students.open(GRACE);

    if (testInfo.project.name === 'tablet') {
      await expect(students.heading).toBeVisible();
      await students.expectExactly(FOUND_BY_JA);
      await expect(students.student(GRACE)).toHaveAttribute('aria-current', 'page');
      await expect(students.student(JAMIE)).not.toHaveAttribute('aria-current', 'page');
      const list = await students.list.boundingBox();
      const heading = await grace.heading(GRACE.name).boundingBox();
      expect(list && heading && heading.x > list.x + list.width).toBeTruthy();

      // Choosing another student keeps the list and its search.
      await students.student(JAMIE).click();
      await expect(new StudentPage(page).heading(JAMIE.name)).toBeVisible();
      await expect(students.student(JAMIE)).toHaveAttribute('aria-current', 'page');
      await expect(students.search).toHaveValue('ja');
    } else {
      await expect(students.heading).toBeHidden();
      await expect(students.search).toBeHidden();
      await grace.back.click();
      await expect(grace.heading(GRACE.name)).toBeHidden();
      await students.expectExactly(FOUND_BY_JA);
      // Large rows a thumb can hit.
      const row = await students.student(GRACE).boundingBox();
      expect(row?.height ?? 0).toBeGreaterThanOrEqual(56);
    }
  });

  test('has no serious or critical accessibility violations', async ({ page, freshServer }) => {
    const students = await signInToStudents(page, freshServer.url, DEMO.mentor);
    expect(await seriousViolations(page)).toEqual([]);

    await students.search.fill('ja');
    await students.filterBy('SEND', 'SEN support or EHCP');
    await students.expectExactly([BRODIE, GRACE, JAMIE]);
    expect(await seriousViolations(page)).toEqual([]);

    await students.search.fill('nobody at all');
    await expect(students.noMatches).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
  });
});
