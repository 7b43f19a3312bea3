/**
 * Targets on a student's profile, on a phone with no signal: the mentor sets two targets
 * (a review date before the start is refused and nothing is saved), reviews one with a
 * score, and after a reload offline all of it is there; online, each reaches the server
 * once, the review with the target's new status.
 */
import { day, seriousViolations, smallTargets } from '../fixtures/checks';
import { DEMO, apiToken, pullAll, type DemoStudent, type PulledRecord, untilServerHolds } from '../fixtures/demo';
import { expect, test } from '../fixtures/test';
import { signInAndSync } from '../pages/SignInPage';
import { StudentsPage } from '../pages/StudentsPage';

const SYNCED = 'All saved and synced';
const JAMIE: DemoStudent = { name: 'Jamie Ingleby', yearAndForm: 'Year 7 · 7B' };
const value = (record: PulledRecord, field: string) => record.fields[field]?.value;

test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

test('offline, a mentor sets two targets and reviews one with a score; after a reload all is there, and online each reaches the server once', async ({
  newDevice,
  freshServer,
  request,
}) => {
  const url = freshServer.url;
  const page = await newDevice();
  const shell = await signInAndSync(page, url, DEMO.mentor);
  await shell.waitForServiceWorkerControl();
  await shell.goTo('Students');
  const jamie = await new StudentsPage(page).open(JAMIE);
  await page.context().setOffline(true);
  await expect(shell.connectionStatus).toHaveText('Offline — working from this device');

  const targets = page.getByRole('region', { name: 'Targets' });
  const form = targets.getByRole('form', { name: 'Set a target' });
  await form.getByLabel('Target', { exact: true }).fill('Bring a pen, ruler and planner every day');
  await form.getByLabel('Area').selectOption({ label: 'Independence' });
  await form.getByLabel('Start').fill('2026-11-02');
  await form.getByLabel('Review on').fill('2026-12-14');
  await form.getByLabel('Success looks like (optional)').fill('Equipment checks passed for four weeks');
  await form.getByRole('button', { name: 'Set target' }).click();
  await expect(targets.getByRole('heading', { name: 'Bring a pen, ruler and planner every day' })).toBeVisible();

  await form.getByLabel('Target', { exact: true }).fill('Ask for help in maths before getting stuck');
  await form.getByLabel('Area').selectOption({ label: 'Academic' });
  await form.getByLabel('Start').fill('2026-11-09');
  await form.getByLabel('Review on').fill('2026-11-01');
  await form.getByRole('button', { name: 'Set target' }).click();
  await expect(form.getByRole('status')).toHaveText('The review date cannot be before the start.');
  await expect(shell.connectionStatus).toHaveText('Offline — 1 saved on this device');
  await form.getByLabel('Review on').fill('2027-01-11');
  await form.getByRole('button', { name: 'Set target' }).click();
  await expect(targets.getByRole('heading', { name: 'Ask for help in maths before getting stuck' })).toBeVisible();

  const first = targets.getByRole('listitem').filter({ has: page.getByRole('heading', { name: 'Bring a pen, ruler and planner every day' }) });
  await first.getByRole('button', { name: 'Review' }).click();
  const review = first.getByRole('form', { name: 'Review target' });
  await review.getByLabel('Reviewed on').fill('2026-10-01');
  await review.getByLabel('Score').selectOption({ label: '+1 Better' });
  await review.getByRole('button', { name: 'Save review' }).click();
  await expect(first.getByRole('status')).toHaveText("A review cannot be before the target's start.");
  await review.getByLabel('Reviewed on').fill('2026-12-14');
  await review.getByLabel('Comment (optional)').fill('Forgot the planner twice');
  // Carried on: the next review day, if given, must come after this review.
  await review.getByLabel('Next review (optional)').fill('2026-12-14');
  await review.getByRole('button', { name: 'Save review' }).click();
  await expect(first.getByRole('status')).toHaveText('The next review must be after this one.');
  await review.getByLabel('Next review (optional)').fill('2027-01-18');
  await review.getByRole('button', { name: 'Save review' }).click();
  await expect(first).toContainText('Mon 14 Dec 2026: +1 Better (Carried on) — Forgot the planner twice');
  await expect(first).toContainText('Review onMon 18 Jan 2027');
  await expect(shell.connectionStatus).toHaveText('Offline — 4 saved on this device');

  await shell.reloadOffline();
  await expect(jamie.heading(JAMIE.name)).toBeVisible();
  await expect(targets.getByRole('heading', { level: 3 })).toHaveCount(3);
  await expect(first).toContainText('+1 Better (Carried on) — Forgot the planner twice');
  await expect(targets).toContainText('Ask for help in maths before getting stuck');

  await shell.goOnline();
  await expect(shell.connectionStatus).toHaveText(SYNCED);
  const admin = await apiToken(request, url, DEMO.admin);
  const records = await pullAll(request, url, admin);
  const set = records.filter((r) => r.entity === 'target' && !r.deleted);
  expect(set).toHaveLength(2);
  const reviews = records.filter((r) => r.entity === 'target_review' && !r.deleted);
  expect(reviews).toHaveLength(1);
  expect(value(reviews[0], 'score')).toBe(1);
  const reviewed = set.find((r) => r.id === value(reviews[0], 'target_id'));
  expect(reviewed && value(reviewed, 'status')).toBe('carried_on');
  expect(reviewed && value(reviewed, 'review_on')).toBe('2027-01-18');
});

test('a teacher of the student reads the targets and has no form to set one', async ({ newDevice, freshServer, request }) => {
  const url = freshServer.url;
  const page = await newDevice();
  const shell = await signInAndSync(page, url, DEMO.mentor);
  await shell.goTo('Students');
  await new StudentsPage(page).open(JAMIE);
  const form = page.getByRole('region', { name: 'Targets' }).getByRole('form', { name: 'Set a target' });
  await form.getByLabel('Target', { exact: true }).fill('Bring a pen, ruler and planner every day');
  await form.getByLabel('Review on').fill('2027-03-01');
  await form.getByRole('button', { name: 'Set target' }).click();
  // On the server before the teacher's device first syncs.
  const admin = await apiToken(request, url, DEMO.admin);
  await expect
    .poll(async () => (await pullAll(request, url, admin)).filter((r) => r.entity === 'target').length)
    .toBe(1);

  const teacherPage = await newDevice();
  const teacherShell = await signInAndSync(teacherPage, url, DEMO.teacher);
  await teacherShell.goTo('Students');
  await new StudentsPage(teacherPage).open(JAMIE);
  const targets = teacherPage.getByRole('region', { name: 'Targets' });
  await expect(targets.getByRole('heading', { name: 'Bring a pen, ruler and planner every day' })).toBeVisible();
  await expect(targets.getByRole('form')).toHaveCount(0);
  await expect(targets.getByRole('button', { name: 'Review' })).toHaveCount(0);
});

test('the targets section: no serious or critical axe violations, every target at least 44 px', async ({ newDevice, freshServer }) => {
  const page = await newDevice();
  const shell = await signInAndSync(page, freshServer.url, DEMO.mentor);
  await shell.goTo('Students');
  await new StudentsPage(page).open(JAMIE);
  const targets = page.getByRole('region', { name: 'Targets' });
  const form = targets.getByRole('form', { name: 'Set a target' });
  await form.getByLabel('Target', { exact: true }).fill('Bring a pen, ruler and planner every day');
  await form.getByLabel('Review on').fill('2027-03-01');
  await form.getByRole('button', { name: 'Set target' }).click();
  await targets.getByRole('button', { name: 'Review' }).click();
  await expect(targets.getByRole('form', { name: 'Review target' })).toBeVisible();
  expect(await seriousViolations(page, '.targets-section')).toEqual([]);
  expect(await smallTargets(targets)).toEqual([]);
});

test('targets whose review date has come wait on their setter’s Today until reviewed', async ({ newDevice, freshServer }) => {
  const page = await newDevice();
  const shell = await signInAndSync(page, freshServer.url, DEMO.mentor);
  await shell.goTo('Students');
  await new StudentsPage(page).open(JAMIE);
  const targets = page.getByRole('region', { name: 'Targets' });
  const form = targets.getByRole('form', { name: 'Set a target' });
  for (const [text, review] of [
    ['Hand homework in on the day it is due', day(-2)],
    ['Read for ten minutes every evening', day(12)],
    ['Pack the school bag the night before', day(-1)],
  ]) {
    await form.getByLabel('Target', { exact: true }).fill(text);
    await form.getByLabel('Start').fill(day(-30));
    await form.getByLabel('Review on').fill(review);
    await form.getByRole('button', { name: 'Set target' }).click();
    await expect(targets.getByRole('heading', { name: text })).toBeVisible();
  }

  await shell.goTo('Today');
  const due = page.getByRole('region', { name: 'Targets to review' });
  // The longest overdue first; the one not yet due is not listed.
  await expect(due.getByRole('listitem')).toHaveCount(2);
  await expect(due.getByRole('listitem').first()).toContainText('Jamie Ingleby: Hand homework in on the day it is due');
  await expect(due.getByRole('listitem').nth(1)).toContainText('Jamie Ingleby: Pack the school bag the night before');
  await due.getByRole('link', { name: /Hand homework/ }).click();

  const item = targets.getByRole('listitem').filter({ has: page.getByRole('heading', { name: 'Hand homework in on the day it is due' }) });
  await item.getByRole('button', { name: 'Review' }).click();
  const review = item.getByRole('form', { name: 'Review target' });
  await review.getByLabel('Score').selectOption({ label: '+2 Much better' });
  await review.getByLabel('The target is').selectOption({ label: 'Met' });
  await review.getByRole('button', { name: 'Save review' }).click();
  await expect(item).toContainText('+2 Much better (Met)');

  await shell.goTo('Today');
  await expect(due.getByRole('listitem')).toHaveCount(1);
  await expect(due).toContainText('Pack the school bag the night before');
  await expect(due).not.toContainText('Hand homework');
});

test('the school names the score’s points, and reviews use its names', async ({ newDevice, freshServer, request }) => {
  const url = freshServer.url;
  const adminPage = await newDevice();
  const adminShell = await signInAndSync(adminPage, url, DEMO.admin);
  await adminShell.goTo('School');
  const setting = adminPage.getByRole('region', { name: 'Target review scores' });
  await setting.getByLabel('Names, one per line').fill('Behind\nSteady\nAhead');
  await setting.getByRole('button', { name: 'Save names' }).click();
  await expect(setting.getByRole('status')).toHaveText('Give exactly 5 names, lowest first; there are 3.');
  await setting.getByLabel('Names, one per line').fill('Far behind\nBehind\nSteady\nAhead\nFar ahead');
  await setting.getByRole('button', { name: 'Save names' }).click();
  await untilServerHolds(request, url, DEMO.admin, (records) =>
    records.some((r) => r.entity === 'school_settings' && (value(r, 'score_names') as string[] | undefined)?.[0] === 'Far behind'),
  );

  const page = await newDevice();
  const shell = await signInAndSync(page, url, DEMO.mentor);
  await shell.goTo('Students');
  await new StudentsPage(page).open(JAMIE);
  const targets = page.getByRole('region', { name: 'Targets' });
  const form = targets.getByRole('form', { name: 'Set a target' });
  await form.getByLabel('Target', { exact: true }).fill('Bring a pen, ruler and planner every day');
  await form.getByLabel('Start').fill(day(-20));
  await form.getByLabel('Review on').fill(day(-1));
  await form.getByRole('button', { name: 'Set target' }).click();
  await targets.getByRole('button', { name: 'Review' }).click();
  const review = targets.getByRole('form', { name: 'Review target' });
  await expect(review.getByLabel('Score').getByRole('option')).toHaveText([
    'Choose a score',
    '+2 Far ahead',
    '+1 Ahead',
    '0 Steady',
    '−1 Behind',
    '−2 Far behind',
  ]);
  await review.getByLabel('Score').selectOption({ label: '+1 Ahead' });
  await review.getByRole('button', { name: 'Save review' }).click();
  await expect(targets).toContainText('+1 Ahead (Carried on)');
});
