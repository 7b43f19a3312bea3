/**
 * Hover support in a lesson: the study-support group's learning mentor records two-tap notes
 * on the students' tiles with no signal; the notes survive a reload, reach the server once,
 * and the group's teacher reads the summary on their own device. Undo, several students at
 * once, "what helps" on the profile, and the same note edited on two devices.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Locator } from '@playwright/test';

import { DEMO, apiToken, pullAll, type PulledRecord } from '../fixtures/demo';
import { expect, test } from '../fixtures/test';
import { LessonMode, LessonsPage, LessonSummary } from '../pages/LessonPages';
import { signInAndSync } from '../pages/SignInPage';
import { StudentsPage } from '../pages/StudentsPage';

const SYNCED = 'All saved and synced';
const GROUP = 'Study Support Base';
const JAMIE = 'Jamie Ingleby';
const STRATEGY = 'Use clear, literal language and explain idioms and jokes';

const notesOf = (records: PulledRecord[], lesson?: string) =>
  records.filter((r) => r.entity === 'lesson_note' && (!lesson || r.fields.lesson_id?.value === lesson));

test('offline, a note for each of 30 students survives a reload, reaches the server once, and the teacher reads the summary', async ({
  newDevice,
  freshServer,
  request,
}) => {
  test.slow();
  const url = freshServer.url;
  const page = await newDevice();
  const shell = await signInAndSync(page, url, DEMO.learningMentor);
  await shell.waitForServiceWorkerControl();
  const lessons = new LessonsPage(page);
  await lessons.open();

  await page.context().setOffline(true);
  await expect(shell.connectionStatus).toHaveText('Offline — working from this device');
  const lesson = await lessons.startLesson(GROUP, { room: 'B12', period: 'P3' });
  await expect(lesson.tiles).toHaveCount(30);
  for (let i = 0; i < 30; i += 1) {
    await lesson.note(lesson.tiles.nth(i), 'On task');
    await expect(lesson.tiles.nth(i)).toHaveAccessibleName(/1 note, last On task$/);
  }
  await expect(shell.connectionStatus).toHaveText('Offline — 31 saved on this device');
  const lessonId = new URL(page.url()).pathname.split('/').pop() ?? '';

  // A reload with no network: every note is read back from the device.
  await shell.reloadOffline();
  await expect(lesson.tiles).toHaveCount(30);
  await expect(lesson.tileList.getByRole('button', { name: /1 note, last On task$/ })).toHaveCount(30);

  // Online: everything is synced, each note once.
  await shell.goOnline();
  await expect(shell.connectionStatus).toHaveText(SYNCED);
  const admin = await apiToken(request, url, DEMO.admin);
  const notes = notesOf(await pullAll(request, url, admin), lessonId);
  expect(notes).toHaveLength(30);
  expect(new Set(notes.map((note) => note.fields.student_id?.value)).size).toBe(30);

  // The lesson ends; one note is marked for the teacher.
  const summary = await lesson.end();
  await expect(summary.section).toContainText('30 notes about 30 students; 0 for the teacher');
  await summary.section.getByRole('checkbox', { name: "For the teacher's attention" }).first().check();
  await expect(summary.section).toContainText('1 for the teacher');
  await expect(shell.connectionStatus).toHaveText(SYNCED);

  // The group's teacher, on their own device, reads the summary.
  const teacherPage = await newDevice();
  await signInAndSync(teacherPage, url, DEMO.supportTeacher);
  const teacherLessons = new LessonsPage(teacherPage);
  await teacherLessons.open();
  await teacherLessons.lesson(GROUP).click();
  const teacherSummary = new LessonSummary(teacherPage);
  await expect(teacherSummary.section).toContainText('30 notes about 30 students; 1 for the teacher');
  await expect(teacherSummary.section.getByText("For the teacher's attention", { exact: true })).toHaveCount(1);
  // Only the author changes a note.
  await expect(teacherSummary.section.getByRole('button', { name: 'Edit' })).toHaveCount(0);
});

test('undo removes a note everywhere, several students get one note each, and what helps counts the strategy', async ({
  newDevice,
  freshServer,
  request,
}) => {
  const url = freshServer.url;
  const page = await newDevice();
  const shell = await signInAndSync(page, url, DEMO.learningMentor);
  const lessons = new LessonsPage(page);
  await lessons.open();
  const lesson = await lessons.startLesson(GROUP);

  // A strategy from Jamie's Passport, and whether it helped.
  await lesson.tile(JAMIE).click();
  await lesson.sheet.getByRole('button', { name: 'More…' }).click();
  await lesson.sheet.getByRole('checkbox', { name: 'Used a strategy' }).check();
  await lesson.sheet.getByLabel('Strategy used (optional)').selectOption({ label: STRATEGY });
  await lesson.sheet.getByRole('radio', { name: 'Yes' }).check();
  await lesson.sheet.getByRole('button', { name: 'Save note' }).click();
  await expect(lesson.tile(JAMIE)).toHaveAccessibleName(/1 note, last Used a strategy$/);

  // Worried about wellbeing: the reminder, every time.
  const first = lesson.tiles.first();
  await lesson.note(first, 'Worried about wellbeing');
  await expect(page.getByRole('alert').filter({ hasText: 'Designated Safeguarding Lead' })).toBeVisible();

  // Undo takes the note back off the tile, and off the server once synced.
  await lesson.undo.click();
  await expect(first).toHaveAccessibleName(/no notes yet$/);
  await expect(shell.connectionStatus).toHaveText(SYNCED);
  const admin = await apiToken(request, url, DEMO.admin);
  // Jamie's note, and the one undone: a tombstone, which keeps no tags or text.
  const recorded = notesOf(await pullAll(request, url, admin));
  expect(recorded).toHaveLength(2);
  expect(recorded.filter((note) => note.deleted)).toHaveLength(1);

  // Three students at once: one note each.
  await lesson.selectSeveral();
  for (const i of [1, 2, 3]) await lesson.tiles.nth(i).click();
  await page.getByRole('button', { name: 'Note for 3 selected' }).click();
  await lesson.sheet.getByRole('button', { name: 'Praise', exact: true }).click();
  for (const i of [1, 2, 3]) await expect(lesson.tiles.nth(i)).toHaveAccessibleName(/1 note, last Praise$/);
  await expect(shell.connectionStatus).toHaveText(SYNCED);
  expect(notesOf(await pullAll(request, url, admin)).filter((note) => !note.deleted)).toHaveLength(4);

  // Jamie's profile: the recent note, and the strategy counted in "what helps".
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Students', exact: true }).click();
  const students = new StudentsPage(page);
  await page.getByLabel('Search students').fill('Jamie');
  await students.list.getByRole('link', { name: new RegExp(JAMIE) }).click();
  const notesSection = page.getByRole('region', { name: 'Recent notes' });
  await expect(notesSection.getByRole('listitem').filter({ hasText: 'Used a strategy' })).toHaveCount(1);
  await expect(page.getByRole('img', { name: 'Used 1 time: helped 1, partly 0, did not help 0' })).toBeVisible();
});

test('the same note edited on two devices offline keeps the later edit, the earlier in history', async ({
  newDevice,
  freshServer,
  request,
}) => {
  const url = freshServer.url;
  const tablet = await newDevice();
  const tabletShell = await signInAndSync(tablet, url, DEMO.learningMentor);
  const lessons = new LessonsPage(tablet);
  await lessons.open();
  const lesson = await lessons.startLesson(GROUP);
  await lesson.note(lesson.tile(JAMIE), 'Needed a prompt');
  const summary = await lesson.end();
  await expect(tabletShell.connectionStatus).toHaveText(SYNCED);

  const phone = await newDevice();
  const phoneShell = await signInAndSync(phone, url, DEMO.learningMentor);
  const phoneLessons = new LessonsPage(phone);
  await phoneLessons.open();
  await phoneLessons.lesson(GROUP).click();
  const phoneSummary = new LessonSummary(phone);
  await expect(phoneSummary.student(JAMIE)).toContainText('Needed a prompt');

  const edit = async (on: LessonSummary, text: string) => {
    const item = on.student(JAMIE);
    await item.getByRole('button', { name: 'Edit' }).click();
    await item.getByLabel('One line').fill(text);
    await item.getByRole('button', { name: 'Save changes' }).click();
    await expect(item).toContainText(text);
  };
  await tablet.context().setOffline(true);
  await phone.context().setOffline(true);
  await edit(summary, 'Asked for help with the first question');
  await edit(phoneSummary, 'Settled after a prompt from the door');

  // The tablet syncs first, the phone (the later edit) second; both end with the phone's.
  await tabletShell.goOnline();
  await expect(tabletShell.connectionStatus).toHaveText(SYNCED);
  await phoneShell.goOnline();
  await expect(phoneShell.connectionStatus).toHaveText(SYNCED);
  await tablet.reload();
  await expect(tabletShell.connectionStatus).toHaveText(SYNCED);
  await expect(summary.student(JAMIE)).toContainText('Settled after a prompt from the door');
  await expect(phoneSummary.student(JAMIE)).toContainText('Settled after a prompt from the door');

  const admin = await apiToken(request, url, DEMO.admin);
  const note = notesOf(await pullAll(request, url, admin))[0];
  const history = await request.get(new URL(`/api/v1/history/lesson_note/${note.id}`, url).href, {
    headers: { Authorization: `Bearer ${admin}` },
  });
  expect(history.status(), await history.text()).toBe(200);
  expect(await history.text()).toContain('Asked for help with the first question');
});

/** Controls in `scope` smaller than 44 × 44 px, by accessible name. */
async function smallTargets(scope: Locator): Promise<string[]> {
  return scope.evaluate((root) =>
    [...root.querySelectorAll('button, a, select, input[type="text"], label.check')]
      .map((element) => ({ element, box: element.getBoundingClientRect() }))
      .filter(({ box }) => box.width > 0 && (box.width < 44 || box.height < 44))
      .map(({ element, box }) => `${element.textContent?.trim() ?? element.tagName} ${box.width}×${box.height}`),
  );
}

test('lesson mode and its tag sheet: no serious or critical axe violations, every target at least 44 px', async ({
  page,
  serverUrl,
}) => {
  await signInAndSync(page, serverUrl, DEMO.learningMentor);
  const lessons = new LessonsPage(page);
  await lessons.open();
  const lesson = await lessons.startLesson(GROUP);
  const serious = async () =>
    (await new AxeBuilder({ page }).analyze()).violations
      .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
      .map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);

  // Every tile is a button named by the student and what this lesson has of them.
  await expect(lesson.tiles).toHaveCount(30);
  await expect(lesson.tile(JAMIE)).toHaveAccessibleName(/^Jamie Ingleby.*, no notes yet$/);
  expect(await serious()).toEqual([]);
  expect(await smallTargets(page.getByRole('main'))).toEqual([]);

  await lesson.tile(JAMIE).click();
  await expect(lesson.sheet.getByRole('button', { name: 'On task', exact: true })).toBeVisible();
  expect(await serious()).toEqual([]);
  expect(await smallTargets(lesson.sheet)).toEqual([]);
  await lesson.sheet.getByRole('button', { name: 'More…' }).click();
  await expect(lesson.sheet.getByRole('checkbox', { name: 'Praise' })).toBeVisible();
  expect(await serious()).toEqual([]);
  expect(await smallTargets(lesson.sheet)).toEqual([]);
});

test('a seating plan arranged on one device is the group’s on the next', async ({ newDevice, freshServer }) => {
  const url = freshServer.url;
  const tablet = await newDevice();
  const tabletShell = await signInAndSync(tablet, url, DEMO.learningMentor);
  const lessons = new LessonsPage(tablet);
  await lessons.open();
  const lesson = await lessons.startLesson(GROUP);
  const names = async (on: LessonMode) =>
    (await on.tiles.evaluateAll((tiles) => tiles.map((tile) => tile.querySelector('.tile-name')?.textContent ?? '')));

  await tablet.getByRole('button', { name: 'Seating plan', exact: true }).click();
  await tablet.getByRole('button', { name: 'Arrange seats', exact: true }).click();
  const before = await names(lesson);
  // Swap the first and the last seat.
  await lesson.tiles.first().click();
  await expect(lesson.tiles.first()).toHaveAttribute('aria-pressed', 'true');
  await lesson.tiles.last().click();
  await tablet.getByLabel('Seats in a row').selectOption('5');
  await tablet.getByRole('button', { name: 'Save seating plan', exact: true }).click();
  const swapped = [before[29], ...before.slice(1, 29), before[0]];
  await expect.poll(() => names(lesson)).toEqual(swapped);
  await expect(tabletShell.connectionStatus).toHaveText(SYNCED);

  // The same mentor's phone, after its first sync: the plan is the group's.
  const phone = await newDevice();
  await signInAndSync(phone, url, DEMO.learningMentor);
  const phoneLessons = new LessonsPage(phone);
  await phoneLessons.open();
  const phoneLesson = await phoneLessons.startLesson(GROUP);
  await expect.poll(() => names(phoneLesson)).toEqual(before);
  await phone.getByRole('button', { name: 'Seating plan', exact: true }).click();
  await expect.poll(() => names(phoneLesson)).toEqual(swapped);
  await expect(phoneLesson.tileList).toHaveAttribute('style', /repeat\(5,/);
});

test('the tag order chosen on this device is the tag sheet’s order, and stays after a reload', async ({ page, serverUrl }) => {
  await signInAndSync(page, serverUrl, DEMO.learningMentor);
  const lessons = new LessonsPage(page);
  await lessons.open();
  const lesson = await lessons.startLesson(GROUP);
  const quickTags = () => lesson.sheet.getByRole('group', { name: 'Save with one tag' }).getByRole('button');

  await lesson.tile(JAMIE).click();
  await expect(quickTags().first()).toHaveText('On task');
  await lesson.sheet.getByRole('button', { name: 'Cancel' }).click();

  await page.getByRole('button', { name: 'Tag order' }).click();
  const order = page.getByRole('region', { name: 'Tag order on this device' });
  await expect(order.getByRole('button', { name: 'Move On task up' })).toBeDisabled();
  for (let n = 0; n < 5; n++) await order.getByRole('button', { name: 'Move Praise up' }).click();
  await expect(order.getByRole('listitem').first()).toContainText('Praise');
  await expect(order.getByRole('listitem').nth(1)).toContainText('On task');
  expect(await smallTargets(order)).toEqual([]);
  expect(
    (await new AxeBuilder({ page }).include('.tag-order').analyze()).violations.filter(
      (violation) => violation.impact === 'serious' || violation.impact === 'critical',
    ),
  ).toEqual([]);

  await lesson.tile(JAMIE).click();
  await expect(quickTags().first()).toHaveText('Praise');
  await expect(quickTags().nth(1)).toHaveText('On task');
  await lesson.sheet.getByRole('button', { name: 'Cancel' }).click();

  await page.reload();
  await expect(lesson.tile(JAMIE)).toBeVisible();
  await lesson.tile(JAMIE).click();
  await expect(quickTags().first()).toHaveText('Praise');
  await lesson.sheet.getByRole('button', { name: 'Cancel' }).click();

  await page.getByRole('button', { name: 'Tag order' }).click();
  await order.getByRole('button', { name: "School's order" }).click();
  await lesson.tile(JAMIE).click();
  await expect(quickTags().first()).toHaveText('On task');
});
