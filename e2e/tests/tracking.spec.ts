/**
 * The school's tracking scales: the administrator defines one (a scale of one level is
 * refused); a mentor, offline on a phone, records a student's levels on it in a subject (a
 * level before choosing a scale is refused) and the profile charts them; after a reload
 * offline they are there, and online they reach the server once. A teacher of the student
 * reads the chart with no form.
 */
import { seriousViolations } from '../fixtures/checks';
import { DEMO, apiToken, pullAll, type DemoStudent, type PulledRecord } from '../fixtures/demo';
import { expect, test } from '../fixtures/test';
import { signInAndSync } from '../pages/SignInPage';
import { StudentsPage } from '../pages/StudentsPage';

const SYNCED = 'All saved and synced';
const JAMIE: DemoStudent = { name: 'Jamie Ingleby', yearAndForm: 'Year 7 · 7B' };
const value = (record: PulledRecord, field: string) => record.fields[field]?.value;

test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

test('the administrator defines a scale; offline a mentor records levels on it and the profile charts them; a teacher reads the chart', async ({
  newDevice,
  freshServer,
  request,
}) => {
  const url = freshServer.url;
  const adminPage = await newDevice();
  const adminShell = await signInAndSync(adminPage, url, DEMO.admin);
  await adminShell.goTo('School');
  const scales = adminPage.getByRole('region', { name: 'Tracking scales' });
  const add = scales.getByRole('form', { name: 'Add a scale' });
  await add.getByLabel('Scale name').fill('Effort');
  await add.getByLabel('Levels, lowest first, one per line').fill('Poor');
  await add.getByRole('button', { name: 'Add scale' }).click();
  await expect(add.getByRole('status')).toHaveText('A scale needs at least two levels, one a line, lowest first.');
  await add.getByLabel('Levels, lowest first, one per line').fill('Poor\nFair\nGood\nExcellent');
  await add.getByRole('button', { name: 'Add scale' }).click();
  await expect(scales.getByRole('listitem')).toHaveText(['Effort: Poor · Fair · Good · Excellent']);
  await expect(adminShell.connectionStatus).toHaveText(SYNCED);

  const page = await newDevice();
  const shell = await signInAndSync(page, url, DEMO.mentor);
  await shell.waitForServiceWorkerControl();
  await shell.goTo('Students');
  const jamie = await new StudentsPage(page).open(JAMIE);
  await page.context().setOffline(true);
  await expect(shell.connectionStatus).toHaveText('Offline — working from this device');
  const tracking = page.getByRole('region', { name: 'Tracking' });
  await expect(tracking).toContainText('No levels recorded yet.');
  const form = tracking.getByRole('form', { name: 'Record a level' });
  await form.getByLabel('Subject').fill('Maths');
  await form.getByRole('button', { name: 'Record level' }).click();
  await expect(form.getByRole('status')).toHaveText('Choose a scale.');
  await form.getByLabel('Scale').selectOption({ label: 'Effort' });
  for (const [day, level] of [
    ['2026-10-05', 'Fair'],
    ['2026-11-09', 'Good'],
    ['2026-12-01', 'Excellent'],
  ]) {
    await form.getByLabel('Day').fill(day);
    await form.getByLabel('Level').selectOption({ label: level });
    await form.getByRole('button', { name: 'Record level' }).click();
    await expect(form.getByLabel('Level')).toHaveValue('');
  }
  const chart = tracking.getByRole('img', { name: /^Effort, Maths:/ });
  await expect(chart).toHaveAccessibleName(
    'Effort, Maths: Fair on Mon 5 Oct 2026, Good on Mon 9 Nov 2026, Excellent on Tue 1 Dec 2026',
  );
  await expect(chart.locator('circle')).toHaveCount(3);
  await expect(tracking).toContainText('Poor (lowest) to Excellent (highest). Latest: Excellent (Tue 1 Dec 2026)');

  await shell.reloadOffline();
  await expect(jamie.heading(JAMIE.name)).toBeVisible();
  await expect(chart.locator('circle')).toHaveCount(3);

  await shell.goOnline();
  await expect(shell.connectionStatus).toHaveText(SYNCED);
  const admin = await apiToken(request, url, DEMO.admin);
  const levels = (await pullAll(request, url, admin)).filter((r) => r.entity === 'tracking_value' && !r.deleted);
  expect(levels.map((r) => value(r, 'level')).sort()).toEqual([2, 3, 4]);

  expect(await seriousViolations(page, '.tracking-section')).toEqual([]);

  const teacherPage = await newDevice();
  const teacherShell = await signInAndSync(teacherPage, url, DEMO.teacher);
  await teacherShell.goTo('Students');
  await new StudentsPage(teacherPage).open(JAMIE);
  const theirs = teacherPage.getByRole('region', { name: 'Tracking' });
  await expect(theirs.getByRole('img', { name: /^Effort, Maths:/ }).locator('circle')).toHaveCount(3);
  await expect(theirs.getByRole('form')).toHaveCount(0);
});
