/**
 * An intervention programme end to end: the SENCO makes a group of five students with a
 * mentor as its lead and sets the programme up on it; the mentor takes six session
 * registers on a phone and records entry and exit scores (one outside the measure's range
 * is refused with the range); the programme page shows each student's share of sessions
 * attended, their change, and the group's median change and how many improved; a
 * student's progress report carries their scores and attendance.
 */
import { day, seriousViolations } from '../fixtures/checks';
import { DEMO, apiToken, pullAll, type DemoStudent } from '../fixtures/demo';
import { expect, test } from '../fixtures/test';
import { RegistersPage } from '../pages/RegisterPages';
import { GroupsPage, SchoolPage } from '../pages/SchoolPage';
import { signInAndSync } from '../pages/SignInPage';
import { StudentsPage } from '../pages/StudentsPage';

const SYNCED = 'All saved and synced';
const CERYS: DemoStudent = { name: 'Cerys Ingleby', yearAndForm: 'Year 11 · 11A' };
const ESME: DemoStudent = { name: 'Esme Brightwell', yearAndForm: 'Year 10 · 10A' };
const GRACE: DemoStudent = { name: 'Grace Greyling', yearAndForm: 'Year 11 · 11A' };
const ISLA: DemoStudent = { name: 'Isla Ashdown', yearAndForm: 'Year 11 · 11A' };
const KIRAN: DemoStudent = { name: 'Kiran Elsworth', yearAndForm: 'Year 11 · 11A' };
const GROUP = 'Numeracy Catch-Up';

test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

test('six session registers for five students: the page shows each attendance share and the group’s median change', async ({
  newDevice,
  freshServer,
  request,
}) => {
  test.setTimeout(240_000);
  const url = freshServer.url;
  const sencoPage = await newDevice();
  const sencoShell = await signInAndSync(sencoPage, url, DEMO.senco);
  const school = new SchoolPage(sencoPage);
  await school.navLink.click();
  await school.groupsLink.click();
  const groups = new GroupsPage(sencoPage);
  await groups.create({ name: GROUP, subject: 'Maths' });
  await groups.addStaff(`${DEMO.mentor.displayName} (Mentor)`, DEMO.mentor.displayName);
  for (const student of [CERYS, ESME, GRACE, ISLA, KIRAN]) await groups.addStudent(student);

  await new RegistersPage(sencoPage).open();
  await sencoPage.getByRole('link', { name: 'Intervention programmes' }).click();
  const setUp = sencoPage.getByRole('form', { name: 'Set up a programme' });
  await setUp.getByLabel('Group', { exact: true }).selectOption({ label: GROUP });
  await expect(setUp.getByLabel('Programme name')).toHaveValue(GROUP);
  await setUp.getByLabel('Programme name').fill('Year 11 Numeracy Catch-Up');
  await setUp.getByLabel('Lead').selectOption({ label: DEMO.mentor.displayName });
  await setUp.getByLabel('Highest score').fill('60');
  await setUp.getByRole('button', { name: 'Set up programme' }).click();
  await expect(setUp.getByRole('status')).toHaveText('The highest score must be above the lowest.');
  await setUp.getByLabel('Highest score').fill('140');
  await setUp.getByLabel('Starts on').fill(day(-30));
  await setUp.getByRole('button', { name: 'Set up programme' }).click();
  await expect(sencoPage.getByRole('link', { name: /Year 11 Numeracy Catch-Up/ })).toBeVisible();
  await expect(sencoShell.connectionStatus).toHaveText(SYNCED);

  const page = await newDevice();
  const shell = await signInAndSync(page, url, DEMO.mentor);
  const registers = new RegistersPage(page);
  const absences: string[][] = [[], [KIRAN.name], [KIRAN.name, GRACE.name], [GRACE.name, ISLA.name], [ISLA.name, KIRAN.name], [ESME.name]];
  for (const [n, absent] of absences.entries()) {
    await registers.open();
    const sheet = await registers.openRegister(GROUP, day(-20 + 3 * n), 'Numeracy');
    await sheet.markAllPresent.click();
    await sheet.expectCounts(5, 0, 0, 0);
    for (const name of absent) await sheet.mark(name, 'Absent');
    await sheet.expectCounts(5 - absent.length, absent.length, 0, 0);
    if (n === 0) {
      // Each session's short note: what it covered.
      const note = page.getByRole('form', { name: 'Session note' });
      await note.getByLabel('What the session covered (optional)').fill('Place value with counters');
      await note.getByRole('button', { name: 'Save note' }).click();
      await expect(note.getByRole('status')).toHaveText(/Saved/);
    }
  }

  await registers.open();
  await page.getByRole('link', { name: 'Intervention programmes' }).click();
  await page.getByRole('link', { name: /Year 11 Numeracy Catch-Up/ }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Year 11 Numeracy Catch-Up');
  await expect(page.getByText('6 held of 6 planned')).toBeVisible();
  const held = page.getByRole('list', { name: 'Sessions held' }).getByRole('listitem');
  await expect(held).toHaveCount(6);
  await expect(held.first()).toContainText('Place value with counters');
  await expect(held.nth(1)).toContainText('No note');
  const scores: [DemoStudent, string, string][] = [
    [CERYS, '84', '92'],
    [ESME, '90', '89'],
    [GRACE, '75', '81'],
    [ISLA, '70', '74'],
    [KIRAN, '88', '150'],
  ];
  for (const [student, entry, exit] of scores) {
    const form = page.getByRole('form', { name: `Scores for ${student.name}` });
    await form.getByLabel('Entry score').fill(entry);
    await form.getByLabel('Exit score').fill(exit);
    await form.getByRole('button', { name: 'Save scores' }).click();
  }
  const kiran = page.getByRole('form', { name: `Scores for ${KIRAN.name}` });
  await expect(kiran.getByRole('status')).toHaveText('The exit score must be a whole number from 70 to 140.');
  await kiran.getByLabel('Exit score').fill('91');
  await kiran.getByRole('button', { name: 'Save scores' }).click();

  const students = page.getByRole('region', { name: 'Students' }).locator('.score-row');
  const row = (student: DemoStudent) => students.filter({ has: page.getByRole('heading', { name: student.name }) });
  await expect(row(CERYS)).toContainText('Attended 6 of 6 sessions (100%). Change +8.');
  await expect(row(ESME)).toContainText('Attended 5 of 6 sessions (83%). Change −1.');
  await expect(row(GRACE)).toContainText('Attended 4 of 6 sessions (67%). Change +6.');
  await expect(row(ISLA)).toContainText('Attended 4 of 6 sessions (67%). Change +4.');
  await expect(row(KIRAN)).toContainText('Attended 3 of 6 sessions (50%). Change +3.');
  const group = page.getByRole('region', { name: 'The group' });
  await expect(group).toContainText('Median change: +4. 4 of 5 improved.');
  await expect(group.getByRole('img')).toHaveAccessibleName(/Cerys Ingleby: 84 to 92/);
  await expect(group.locator('circle.exit')).toHaveCount(5);

  expect(await seriousViolations(page, '.intervention-page')).toEqual([]);

  // The student's progress report carries the programme's scores and attendance.
  await shell.goTo('Students');
  await new StudentsPage(page).open(CERYS);
  await page.getByRole('link', { name: 'Progress report' }).click();
  await expect(page.getByRole('region', { name: 'Interventions' })).toContainText(
    'Year 11 Numeracy Catch-Up: Standardised score entry 84, exit 92; attended 6 of 6 sessions (100%)',
  );

  await expect(shell.connectionStatus).toHaveText(SYNCED);
  const admin = await apiToken(request, url, DEMO.admin);
  const records = await pullAll(request, url, admin);
  expect(records.filter((r) => r.entity === 'intervention_score' && !r.deleted)).toHaveLength(5);
  const opened = records.filter((r) => r.entity === 'register' && !r.deleted);
  expect(opened).toHaveLength(6);
  expect(opened.filter((r) => r.fields.note?.value === 'Place value with counters')).toHaveLength(1);
});

test('a reading-age programme takes years and months; its coordinator edits its name and planned sessions after set-up', async ({
  newDevice,
  freshServer,
  request,
}) => {
  const url = freshServer.url;
  const page = await newDevice();
  const shell = await signInAndSync(page, url, DEMO.senco);
  await new RegistersPage(page).open();
  await page.getByRole('link', { name: 'Intervention programmes' }).click();
  const setUp = page.getByRole('form', { name: 'Set up a programme' });
  await setUp.getByLabel('Group', { exact: true }).selectOption({ label: '9 Numeracy Catch-Up' });
  await setUp.getByLabel('Programme name').fill('Year 9 Reading Catch-Up');
  await setUp.getByLabel('Lead').selectOption({ label: DEMO.senco.displayName });
  await setUp.getByLabel('Entry and exit measure').selectOption({ label: 'Reading age (years:months)' });
  await expect(setUp.getByLabel('Lowest reading age (years:months)')).toHaveValue('5:00');
  await setUp.getByLabel('Highest reading age (years:months)').fill('14:00');
  await setUp.getByRole('button', { name: 'Set up programme' }).click();
  await page.getByRole('link', { name: /Year 9 Reading Catch-Up/ }).click();
  await expect(page.getByText('Reading age (years:months) from 5:00 to 14:00')).toBeVisible();

  const first = page.getByRole('region', { name: 'Students' }).locator('.score-row').first();
  const form = first.getByRole('form');
  await form.getByLabel('Entry reading age (years:months)').fill('8:03');
  await form.getByLabel('Exit reading age (years:months)').fill('15:00');
  await form.getByRole('button', { name: 'Save scores' }).click();
  await expect(form.getByRole('status')).toHaveText('The exit reading age must be years:months from 5:00 to 14:00.');
  await form.getByLabel('Exit reading age (years:months)').fill('9y 1m');
  await form.getByRole('button', { name: 'Save scores' }).click();
  await expect(first).toContainText('Change +10 months.');
  await expect(page.getByRole('region', { name: 'The group' })).toContainText('Median change: +10 months. 1 of 1 improved.');

  // After set-up: the name and the planned sessions change; the measure stays.
  await page.getByRole('button', { name: 'Edit programme' }).click();
  const edit = page.getByRole('form', { name: 'Edit the programme' });
  await edit.getByLabel('Planned sessions').fill('0');
  await edit.getByRole('button', { name: 'Save changes' }).click();
  await expect(edit.getByRole('status')).toHaveText('Enter how many sessions are planned: 1 to 200.');
  await edit.getByLabel('Programme name').fill('Year 9 Reading Boost');
  await edit.getByLabel('Planned sessions').fill('10');
  await edit.getByRole('button', { name: 'Save changes' }).click();
  await expect(edit).toHaveCount(0);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Year 9 Reading Boost');
  await expect(page.getByText('0 held of 10 planned')).toBeVisible();
  expect(await seriousViolations(page, '.intervention-page')).toEqual([]);

  await expect(shell.connectionStatus).toHaveText(SYNCED);
  const admin = await apiToken(request, url, DEMO.admin);
  const records = await pullAll(request, url, admin);
  const [programme] = records.filter((r) => r.entity === 'intervention' && !r.deleted);
  expect(programme.fields.name.value).toBe('Year 9 Reading Boost');
  expect(programme.fields.planned_sessions.value).toBe(10);
  expect(programme.fields.measure_max.value).toBe(168);
  const [scores] = records.filter((r) => r.entity === 'intervention_score' && !r.deleted);
  expect([scores.fields.entry.value, scores.fields.exit.value]).toEqual([99, 109]);
});
