/**
 * The progress report for a Personal Progress Day, gathered on the device: a mentor reviews
 * a target with a score, records a session with the student's own words and a level on the
 * school's scale; offline, the report for the period shows all three with the tracking
 * chart, keeps the summary the mentor writes, prints without the app's controls (to PDF)
 * and downloads as CSV rows for the MIS.
 */
import { readFile } from 'node:fs/promises';

import { day, seriousViolations } from '../fixtures/checks';
import { DEMO, type DemoStudent, untilServerHolds } from '../fixtures/demo';
import { expect, test } from '../fixtures/test';
import { signInAndSync } from '../pages/SignInPage';
import { StudentsPage } from '../pages/StudentsPage';

const SYNCED = 'All saved and synced';
const JAMIE: DemoStudent = { name: 'Jamie Ingleby', yearAndForm: 'Year 7 · 7B' };

test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

test('offline, the report gathers the reviewed target, the session and the tracking chart, keeps the summary, prints and downloads as CSV', async ({
  newDevice,
  freshServer,
  request,
}) => {
  const url = freshServer.url;
  const adminPage = await newDevice();
  const adminShell = await signInAndSync(adminPage, url, DEMO.admin);
  await adminShell.goTo('School');
  const add = adminPage.getByRole('region', { name: 'Tracking scales' }).getByRole('form', { name: 'Add a scale' });
  await add.getByLabel('Scale name').fill('Effort');
  await add.getByLabel('Levels, lowest first, one per line').fill('Poor\nFair\nGood\nExcellent');
  await add.getByRole('button', { name: 'Add scale' }).click();
  await untilServerHolds(request, url, DEMO.admin, (records) => records.some((r) => r.entity === 'tracking_scale'));

  const page = await newDevice();
  const shell = await signInAndSync(page, url, DEMO.mentor);
  await shell.waitForServiceWorkerControl();
  await shell.goTo('Students');
  await new StudentsPage(page).open(JAMIE);
  await page.context().setOffline(true);

  const targets = page.getByRole('region', { name: 'Targets' });
  const form = targets.getByRole('form', { name: 'Set a target' });
  await form.getByLabel('Target', { exact: true }).fill('Hand homework in on the day it is due');
  await form.getByLabel('Start').fill(day(-40));
  await form.getByLabel('Review on').fill(day(-5));
  await form.getByRole('button', { name: 'Set target' }).click();
  await targets.getByRole('button', { name: 'Review' }).click();
  const review = targets.getByRole('form', { name: 'Review target' });
  await review.getByLabel('Reviewed on').fill(day(-3));
  await review.getByLabel('Score').selectOption({ label: '+2 Much better' });
  await review.getByRole('button', { name: 'Save review' }).click();
  await expect(targets).toContainText('+2 Much better (Carried on)');

  const sessions = page.getByRole('region', { name: 'Mentoring sessions' });
  await sessions.getByRole('button', { name: 'Record a session' }).click();
  const session = sessions.getByRole('form', { name: 'Record a session' });
  await session.getByLabel('Day').fill(day(-10));
  await session.getByLabel('Homework').check();
  await session.getByLabel('What the student said, in their words (optional)').fill('The planner really helps me');
  await session.getByRole('button', { name: 'Save session' }).click();
  await expect(sessions.getByRole('heading', { level: 3 })).toHaveCount(1);

  const level = page.getByRole('region', { name: 'Tracking' }).getByRole('form', { name: 'Record a level' });
  await level.getByLabel('Scale').selectOption({ label: 'Effort' });
  await level.getByLabel('Subject').fill('English');
  for (const [when, label] of [[-30, 'Fair'], [-2, 'Excellent']] as const) {
    await level.getByLabel('Day').fill(day(when));
    await level.getByLabel('Level').selectOption({ label });
    await level.getByRole('button', { name: 'Record level' }).click();
    await expect(level.getByLabel('Level')).toHaveValue('');
  }

  await page.getByRole('link', { name: 'Progress report' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Progress report: Jamie Ingleby');
  const targetsPart = page.getByRole('region', { name: 'Targets' });
  await expect(targetsPart).toContainText('Hand homework in on the day it is due');
  await expect(targetsPart).toContainText('+2 Much better');
  await expect(page.getByRole('region', { name: 'Mentoring' })).toContainText('1 sessions, 20 minutes in all. Topics: Homework (1).');
  await expect(page.getByRole('region', { name: 'In their own words' })).toContainText('The planner really helps me');
  const chart = page.getByRole('region', { name: 'Tracking' }).getByRole('img', { name: /^Effort, English:/ });
  await expect(chart.locator('circle')).toHaveCount(2);

  // A period that ends before the review leaves it out.
  const to = page.getByRole('form', { name: 'Period' }).getByLabel('To', { exact: true });
  await to.fill(day(-4));
  await to.dispatchEvent('change');
  await expect(targetsPart).not.toContainText('+2 Much better');
  await expect(chart.locator('circle')).toHaveCount(1);
  await to.fill(day(0));
  await to.dispatchEvent('change');
  await expect(targetsPart).toContainText('+2 Much better');

  const summary = page.getByRole('form', { name: 'Summary' });
  await summary.getByLabel('Summary paragraph').fill('Jamie has turned homework round this half term.');
  await summary.getByRole('button', { name: 'Save summary' }).click();
  await expect(page.locator('.report-summary')).toHaveText('Jamie has turned homework round this half term.');
  await expect(shell.connectionStatus).toHaveText('Offline — 7 saved on this device');

  expect(await seriousViolations(page, '.report-page')).toEqual([]);

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download CSV' }).click(),
  ]);
  const csv = await readFile(await download.path(), 'utf8');
  expect(csv).toContain('Jamie Ingleby,Target review,');
  expect(csv).toContain('Hand homework in on the day it is due,Much better (+2)');
  expect(csv).toContain(`Tracking,${day(-2)},Effort · English,Excellent`);
  expect(csv).toContain('Summary,');

  // Printed: the report without the app's controls.
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('button', { name: 'Print' })).toBeHidden();
  await expect(page.getByRole('form', { name: 'Summary' })).toBeHidden();
  await expect(page.getByRole('navigation')).toBeHidden();
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(targetsPart).toContainText('+2 Much better');
  const pdf = await page.pdf({ format: 'A4' });
  expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
  expect(pdf.length).toBeGreaterThan(10_000);

  await page.emulateMedia({ media: 'screen' });
  await shell.goOnline();
  await expect(shell.connectionStatus).toHaveText(SYNCED);
});
