/**
 * Mentoring sessions on a student's profile, on a phone with no signal: the mentor records
 * a 1:1 session with two actions (one the student's, one their own); an action with no
 * owner is refused and nothing is saved; after a reload offline it is all there; online it
 * reaches the server once, and the actions wait on the mentor's Today until done. A teacher
 * of the student reads it with no form; the school's administrator sets the topics. A
 * small-group session is one record per student, so a teacher of one reads only theirs.
 */
import { day, seriousViolations, smallTargets } from '../fixtures/checks';
import { DEMO, apiToken, pullAll, type DemoStudent, type PulledRecord } from '../fixtures/demo';
import { expect, test } from '../fixtures/test';
import { signInAndSync } from '../pages/SignInPage';
import { StudentsPage } from '../pages/StudentsPage';

const SYNCED = 'All saved and synced';
const JAMIE: DemoStudent = { name: 'Jamie Ingleby', yearAndForm: 'Year 7 · 7B' };
/** Year 11: in no group of the teacher's, so not on her device. */
const ISLA: DemoStudent = { name: 'Isla Ashdown', yearAndForm: 'Year 11 · 11A' };
const value = (record: PulledRecord, field: string) => record.fields[field]?.value;

test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

test('offline, a mentor records a session with two actions; after a reload it is there, online it reaches the server once, and the actions wait on Today', async ({
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

  const sessions = page.getByRole('region', { name: 'Mentoring sessions' });
  await expect(sessions).toContainText('No sessions recorded yet.');
  await sessions.getByRole('button', { name: 'Record a session' }).click();
  const form = sessions.getByRole('form', { name: 'Record a session' });
  await form.getByLabel('Minutes').fill('25');
  await form.getByLabel('Homework').check();
  await form.getByLabel('Friendships').check();
  await form.getByLabel('What was discussed (optional)').fill('Missed homework in two subjects; lunchtimes are lonely.');
  await form.getByLabel('What the student said, in their words (optional)').fill('I forget what the homework is by the time I get home');
  await form.getByLabel('Action 1', { exact: true }).fill('Write homework in the planner before leaving each lesson');
  await form.getByLabel('Who does action 1').selectOption({ label: 'The student' });
  await form.getByLabel('Action 1 due').fill(day(7));
  await form.getByLabel('Action 2', { exact: true }).fill('Ask the form tutor about the lunchtime club');
  await form.getByLabel('Action 2 due').fill(day(3));
  await form.getByLabel('Next session (optional)').fill(day(14));
  await form.getByRole('button', { name: 'Save session' }).click();
  // The second action has no owner: said beside the button, and nothing is saved.
  await expect(form.getByRole('status')).toHaveText('Choose who owns action 2.');
  await expect(shell.connectionStatus).toHaveText('Offline — working from this device');
  await form.getByLabel('Who does action 2').selectOption({ label: `Me (${DEMO.mentor.displayName})` });
  await form.getByRole('button', { name: 'Save session' }).click();
  await expect(form).toHaveCount(0);

  const session = sessions.getByRole('listitem').filter({ has: page.getByRole('heading', { name: /25 minutes/ }) });
  await expect(session).toContainText('Homework, Friendships');
  await expect(session).toContainText('I forget what the homework is by the time I get home');
  await expect(session).toContainText('Write homework in the planner before leaving each lesson · The student');
  await expect(session).toContainText(`Ask the form tutor about the lunchtime club · ${DEMO.mentor.displayName}`);
  await expect(shell.connectionStatus).toHaveText('Offline — 3 saved on this device');

  await shell.reloadOffline();
  await expect(jamie.heading(JAMIE.name)).toBeVisible();
  await expect(sessions.getByRole('heading', { level: 3 })).toHaveCount(1);
  await expect(session).toContainText('Write homework in the planner before leaving each lesson');
  await expect(session).toContainText('Ask the form tutor about the lunchtime club');

  await shell.goOnline();
  await expect(shell.connectionStatus).toHaveText(SYNCED);
  const admin = await apiToken(request, url, DEMO.admin);
  const records = await pullAll(request, url, admin);
  const held = records.filter((r) => r.entity === 'mentoring_session' && !r.deleted);
  expect(held).toHaveLength(1);
  expect(value(held[0], 'minutes')).toBe(25);
  expect(value(held[0], 'topics')).toEqual(['Homework', 'Friendships']);
  const actions = records.filter((r) => r.entity === 'mentoring_action' && !r.deleted);
  expect(actions).toHaveLength(2);
  expect(actions.every((action) => value(action, 'session_id') === held[0].id)).toBe(true);
  expect(actions.map((action) => value(action, 'owner_id'))).toContain(value(held[0], 'student_id'));

  // Both actions wait on Today, the soonest due first; "Done" takes one off.
  await shell.goTo('Today');
  const today = page.getByRole('region', { name: 'Mentoring' });
  const listed = today.getByRole('list', { name: 'Mentoring actions' }).getByRole('listitem');
  await expect(listed).toHaveCount(2);
  await expect(listed.first()).toContainText('Jamie Ingleby: Ask the form tutor about the lunchtime club (you)');
  await expect(listed.nth(1)).toContainText('Jamie Ingleby: Write homework in the planner before leaving each lesson (Jamie Ingleby)');
  await listed.first().getByRole('button', { name: /^Done/ }).click();
  await expect(listed).toHaveCount(1);
  await expect(shell.connectionStatus).toHaveText(SYNCED);
  const done = (await pullAll(request, url, admin)).filter(
    (r) => r.entity === 'mentoring_action' && value(r, 'done_on') === day(0),
  );
  expect(done).toHaveLength(1);
});

test('a session whose next date has come is due on Today; a teacher of the student reads it and has no form', async ({
  newDevice,
  freshServer,
  request,
}) => {
  const url = freshServer.url;
  const page = await newDevice();
  const shell = await signInAndSync(page, url, DEMO.mentor);
  await shell.goTo('Students');
  await new StudentsPage(page).open(JAMIE);
  const sessions = page.getByRole('region', { name: 'Mentoring sessions' });
  await sessions.getByRole('button', { name: 'Record a session' }).click();
  const form = sessions.getByRole('form', { name: 'Record a session' });
  await form.getByLabel('Day').fill(day(-14));
  await form.getByLabel('Attendance').check();
  await form.getByLabel('What the student said, in their words (optional)').fill('Mornings are hard');
  await form.getByLabel('Next session (optional)').fill(day(0));
  await form.getByRole('button', { name: 'Save session' }).click();
  await expect(sessions.getByRole('heading', { level: 3 })).toHaveCount(1);

  await shell.goTo('Today');
  const due = page.getByRole('region', { name: 'Mentoring' }).getByRole('list', { name: 'Sessions due' });
  await expect(due.getByRole('listitem')).toHaveCount(1);
  await expect(due).toContainText('Jamie Ingleby (due');
  await expect(shell.connectionStatus).toHaveText(SYNCED);
  const admin = await apiToken(request, url, DEMO.admin);
  await expect
    .poll(async () => (await pullAll(request, url, admin)).filter((r) => r.entity === 'mentoring_session').length)
    .toBe(1);

  const teacherPage = await newDevice();
  const teacherShell = await signInAndSync(teacherPage, url, DEMO.teacher);
  await teacherShell.goTo('Students');
  await new StudentsPage(teacherPage).open(JAMIE);
  const theirs = teacherPage.getByRole('region', { name: 'Mentoring sessions' });
  await expect(theirs).toContainText('Mornings are hard');
  await expect(theirs.getByRole('button', { name: 'Record a session' })).toHaveCount(0);
});

test('a small-group session is one record per student: each has their own words, and a teacher of one reads only theirs', async ({
  newDevice,
  freshServer,
  request,
}) => {
  const url = freshServer.url;
  const page = await newDevice();
  const shell = await signInAndSync(page, url, DEMO.senco);
  await shell.goTo('Students');
  await new StudentsPage(page).open(JAMIE);
  const sessions = page.getByRole('region', { name: 'Mentoring sessions' });
  await sessions.getByRole('button', { name: 'Record a session' }).click();
  const form = sessions.getByRole('form', { name: 'Record a session' });
  await form.getByLabel('Organisation').check();
  await form.getByLabel('What the student said, in their words (optional)').fill('My bag is always a mess');
  await form.getByLabel('Add a student to this session').selectOption({ label: ISLA.name });
  await form.getByLabel(`What ${ISLA.name} said, in their words (optional)`).fill('I lose my timetable');
  await form.getByLabel('Action 1', { exact: true }).fill('Keep the timetable in the planner');
  await form.getByLabel('Action 1 agreed with').selectOption({ label: ISLA.name });
  await form.getByLabel('Who does action 1').selectOption({ label: 'The student' });
  await form.getByLabel('Action 1 due').fill(day(7));
  await form.getByRole('button', { name: 'Save session' }).click();
  await expect(form).toHaveCount(0);

  const jamiesSession = sessions.getByRole('listitem').filter({ has: page.getByRole('heading', { level: 3 }) });
  await expect(jamiesSession).toContainText(`Small group, with ${ISLA.name}`);
  await expect(jamiesSession).toContainText('My bag is always a mess');
  await expect(jamiesSession).not.toContainText('I lose my timetable');
  await expect(jamiesSession).not.toContainText('Keep the timetable in the planner');
  expect(await seriousViolations(page, '.sessions-section')).toEqual([]);

  await shell.goTo('Students');
  await new StudentsPage(page).open(ISLA);
  const islasSession = sessions.getByRole('listitem').filter({ has: page.getByRole('heading', { level: 3 }) });
  await expect(islasSession).toContainText(`Small group, with ${JAMIE.name}`);
  await expect(islasSession).toContainText('I lose my timetable');
  await expect(islasSession).not.toContainText('My bag is always a mess');
  await expect(islasSession).toContainText('Keep the timetable in the planner · The student');

  await expect(shell.connectionStatus).toHaveText(SYNCED);
  const admin = await apiToken(request, url, DEMO.admin);
  const records = await pullAll(request, url, admin);
  const held = records.filter((r) => r.entity === 'mentoring_session' && !r.deleted);
  expect(held).toHaveLength(2);
  expect(value(held[0], 'occasion_id')).toBeTruthy();
  expect(value(held[0], 'occasion_id')).toBe(value(held[1], 'occasion_id'));
  const islas = held.find((r) => value(r, 'student_words') === 'I lose my timetable')!;
  const [action] = records.filter((r) => r.entity === 'mentoring_action' && !r.deleted);
  expect(value(action, 'session_id')).toBe(islas.id);
  expect(value(action, 'owner_id')).toBe(value(islas, 'student_id'));

  // Jamie's teacher receives Jamie's record only: the session, but not Isla's words.
  const teacher = await apiToken(request, url, DEMO.teacher);
  const theirs = (await pullAll(request, url, teacher)).filter((r) => r.entity === 'mentoring_session');
  expect(theirs).toHaveLength(1);
  expect(value(theirs[0], 'student_words')).toBe('My bag is always a mess');
});

test('the administrator sets the topics, and a mentor’s form offers them', async ({ newDevice, freshServer, request }) => {
  const url = freshServer.url;
  const adminPage = await newDevice();
  const adminShell = await signInAndSync(adminPage, url, DEMO.admin);
  await adminShell.goTo('School');
  const setting = adminPage.getByRole('region', { name: 'Mentoring topics' });
  await setting.getByLabel('Topics, one per line').fill('Revision\nCareers\nRevision');
  await setting.getByRole('button', { name: 'Save topics' }).click();
  await expect(setting.getByRole('status')).toHaveText('“Revision” is there twice.');
  await setting.getByLabel('Topics, one per line').fill('Revision\nCareers');
  await setting.getByRole('button', { name: 'Save topics' }).click();
  const admin = await apiToken(request, url, DEMO.admin);
  await expect
    .poll(async () => (await pullAll(request, url, admin)).filter((r) => r.entity === 'school_settings').map((r) => value(r, 'mentoring_topics')))
    .toEqual([['Revision', 'Careers']]);

  const page = await newDevice();
  const shell = await signInAndSync(page, url, DEMO.mentor);
  await shell.goTo('Students');
  await new StudentsPage(page).open(JAMIE);
  const sessions = page.getByRole('region', { name: 'Mentoring sessions' });
  await sessions.getByRole('button', { name: 'Record a session' }).click();
  const topics = sessions.getByRole('group', { name: 'Topics' }).getByRole('checkbox');
  await expect(topics).toHaveCount(2);
  await expect(sessions.getByLabel('Revision')).toBeVisible();
  await expect(sessions.getByLabel('Homework')).toHaveCount(0);
});

test('the sessions section: no serious or critical axe violations, every target at least 44 px', async ({ newDevice, freshServer }) => {
  const page = await newDevice();
  const shell = await signInAndSync(page, freshServer.url, DEMO.mentor);
  await shell.goTo('Students');
  await new StudentsPage(page).open(JAMIE);
  const sessions = page.getByRole('region', { name: 'Mentoring sessions' });
  await sessions.getByRole('button', { name: 'Record a session' }).click();
  const form = sessions.getByRole('form', { name: 'Record a session' });
  await form.getByLabel('Homework').check();
  await form.getByLabel('Action 1', { exact: true }).fill('Bring the planner to every lesson');
  await form.getByLabel('Who does action 1').selectOption({ label: 'The student' });
  await form.getByLabel('Action 1 due').fill(day(7));
  await form.getByRole('button', { name: 'Save session' }).click();
  await expect(sessions.getByRole('button', { name: /^Done/ })).toBeVisible();
  await sessions.getByRole('button', { name: 'Record a session' }).click();
  await expect(form).toBeVisible();
  expect(await seriousViolations(page, '.sessions-section')).toEqual([]);
  expect(await smallTargets(sessions)).toEqual([]);
});
