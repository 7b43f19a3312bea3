/**
 * A placement visit on a phone with no signal: the mentor opens their overdue visit, starts
 * it, completes the checklist with two follow-up actions and finishes it; a reload with no
 * network keeps everything; online, it reaches the server once; the actions wait on Today
 * until done. Bad input is refused with a clear message and nothing saved half.
 */
import { readFileSync } from 'node:fs';

import AxeBuilder from '@axe-core/playwright';

import { day } from '../fixtures/checks';
import { DEMO, apiToken, pullAll } from '../fixtures/demo';
import { expect, test } from '../fixtures/test';
import { PlacementsPage, VisitLog } from '../pages/PlacementPages';
import { signInAndSync } from '../pages/SignInPage';

const SYNCED = 'All saved and synced';
const EMPLOYER = 'Harbour Lane Veterinary Practice';

test('offline, an overdue visit is recorded with two actions, kept through a reload, synced once, and the actions wait on Today', async ({
  newDevice,
  freshServer,
  request,
}) => {
  const url = freshServer.url;
  const page = await newDevice();
  const shell = await signInAndSync(page, url, DEMO.mentor);
  await shell.waitForServiceWorkerControl();
  await shell.goTo('Visits');
  const placements = new PlacementsPage(page);
  await expect(placements.heading).toBeVisible();
  const overdue = placements.overdueVisit(EMPLOYER);
  await expect(overdue).toHaveCount(1);
  await expect(overdue.getByRole('link', { name: /^Call 01632 960418$/ })).toHaveAttribute('href', 'tel:01632960418');
  await expect(overdue.getByRole('link', { name: /^Map: / })).toHaveAttribute('href', /maps/);

  await page.context().setOffline(true);
  await expect(shell.connectionStatus).toHaveText('Offline — working from this device');
  await overdue.getByRole('link', { name: new RegExp(EMPLOYER) }).click();
  const visit = new VisitLog(page);
  await visit.start.click();
  await expect(visit.log).toBeVisible();

  for (const question of ['Learner present', 'Health-and-safety induction done', 'Learner knows whom to report to', 'Tasks are appropriate']) {
    await visit.log.getByRole('checkbox', { name: question }).check();
  }
  await visit.log.getByRole('group', { name: /^Wellbeing rating/ }).getByRole('radio', { name: '4' }).check();
  await visit.log.getByRole('group', { name: /^Employer's rating/ }).getByRole('radio', { name: '5' }).check();
  await visit.log.getByLabel('Wellbeing', { exact: true }).fill('Settled in well; enjoys the morning clinic');
  await visit.log.getByLabel('Attendance and punctuality so far').fill('On time every day');
  await visit.log.getByLabel("Employer's feedback").fill('Keen, asks good questions');
  await visit.log.getByLabel("In the learner's own words").fill('I like looking after the animals');
  await visit.log.getByLabel('Concerns raised').fill('Walks home alone along the bypass after 15:30');
  await expect(page.getByRole('alert').filter({ hasText: 'Designated Safeguarding Lead' })).toBeVisible();
  await visit.save.click();
  await visit.expectSaved();

  // Bad input: no owner; a due date already past. Nothing is added.
  await visit.addFollowUp('Ask about a safer route home', day(3), '');
  await expect(visit.addAction.getByRole('status')).toHaveText('Choose who will do it.');
  await visit.addFollowUp('Ask about a safer route home', day(-1), DEMO.mentor.displayName);
  await expect(visit.addAction.getByRole('status')).toHaveText('The due date has passed: choose today or a later day.');
  await expect(visit.actionList.getByRole('listitem')).toHaveCount(0);

  await visit.addFollowUp('Ask about a safer route home', day(3), DEMO.mentor.displayName);
  await expect(visit.actionList.getByRole('listitem')).toHaveCount(1);
  await visit.addFollowUp('Send the employer the review form', day(7), DEMO.mentor.displayName);
  await expect(visit.actionList.getByRole('listitem')).toHaveCount(2);

  // Bad input: finishing before it started.
  await visit.log.getByLabel('Started at').fill('14:00');
  await visit.log.getByLabel(/^Finished at/).fill('13:30');
  await visit.finish.click();
  await expect(visit.log.getByRole('status')).toHaveText('A visit cannot finish before it started: check the times.');
  await expect(visit.finish).toBeVisible();
  await visit.log.getByLabel(/^Finished at/).fill('14:45');
  await visit.finish.click();
  await expect(visit.log.getByText('Finished at 14:45')).toBeVisible();

  // A reload with no network: all of it is on the device.
  await shell.reloadOffline();
  await expect(visit.log.getByRole('checkbox', { name: 'Tasks are appropriate' })).toBeChecked();
  await expect(visit.log.getByLabel('Concerns raised')).toHaveValue('Walks home alone along the bypass after 15:30');
  await expect(visit.log.getByText('Finished at 14:45')).toBeVisible();
  await expect(visit.actionList.getByRole('listitem')).toHaveCount(2);

  // Online: synced, each record once.
  await shell.goOnline();
  await expect(shell.connectionStatus).toHaveText(SYNCED);
  const admin = await apiToken(request, url, DEMO.admin);
  const records = await pullAll(request, url, admin);
  const visits = records.filter((r) => r.entity === 'placement_visit' && r.fields.finished_at);
  expect(visits).toHaveLength(1);
  expect(visits[0].fields.concerns?.value).toBe('Walks home alone along the bypass after 15:30');
  expect(visits[0].fields.employer_rating?.value).toBe(5);
  expect(records.filter((r) => r.entity === 'follow_up')).toHaveLength(2);

  // The actions wait on Today until done.
  await shell.goTo('Today');
  const onToday = page.getByRole('region', { name: 'Follow-up actions' });
  await expect(onToday.getByRole('listitem')).toHaveCount(2);
  await onToday.getByRole('listitem').filter({ hasText: 'safer route' }).getByRole('button', { name: 'Done' }).click();
  await expect(onToday.getByRole('listitem')).toHaveCount(1);
  await expect(shell.connectionStatus).toHaveText(SYNCED);
  const done = (await pullAll(request, url, admin)).filter((r) => r.entity === 'follow_up' && r.fields.done_at);
  expect(done).toHaveLength(1);
});

test('the visit screens: no serious or critical axe violations, every target at least 44 px', async ({ page, serverUrl }) => {
  const shell = await signInAndSync(page, serverUrl, DEMO.mentor);
  await shell.goTo('Visits');
  const placements = new PlacementsPage(page);
  await expect(placements.myVisits.getByRole('listitem').first()).toBeVisible();
  const serious = async () =>
    (await new AxeBuilder({ page }).analyze()).violations
      .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
      .map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
  const small = () =>
    page.getByRole('main').evaluate((root) =>
      [...root.querySelectorAll('button, a, select, input[type="text"], input[type="date"], input[type="time"], label.check')]
        .map((element) => ({ element, box: element.getBoundingClientRect() }))
        .filter(({ box }) => box.width > 0 && (box.width < 44 || box.height < 44))
        .map(({ element, box }) => `${element.textContent?.trim() ?? element.tagName} ${box.width}×${box.height}`),
    );
  expect(await serious()).toEqual([]);
  expect(await small()).toEqual([]);
  await placements.myVisits.getByRole('link', { name: /Motor Works|Veterinary/ }).first().click();
  const visit = new VisitLog(page);
  await expect(visit.start).toBeVisible();
  expect(await serious()).toEqual([]);
  expect(await small()).toEqual([]);
});

test('the coordinator sets up a placement: checks recorded, started only with every check or a reason, a visit planned', async ({
  newDevice,
  freshServer,
}) => {
  const page = await newDevice();
  const shell = await signInAndSync(page, freshServer.url, DEMO.senco);
  await shell.goTo('Visits');
  const attention = page.getByRole('region', { name: 'Needs attention' });
  await expect(attention).toContainText('Northfield Motor Works: missing Parent or carer consent received');
  await expect(attention).toContainText('is overdue');

  const form = page.getByRole('form', { name: 'New placement' });
  await form.getByLabel('Learner').selectOption({ index: 1 });
  await form.getByLabel('Visiting member of staff').selectOption({ label: DEMO.mentor.displayName });
  await form.getByLabel('Employer').fill('Mill Road Library');
  await form.getByLabel('Workplace address').fill('2 Mill Road, Northfield');
  await form.getByLabel("Supervisor's phone (optional)").fill('01632 960555');
  await form.getByLabel('First day').fill(day(14));
  await form.getByLabel('Last day').fill(day(10));
  await form.getByRole('button', { name: 'Add placement' }).click();
  await expect(form.getByRole('status')).toHaveText('The last day cannot be before the first.');
  await form.getByLabel('Last day').fill(day(25));
  await form.getByRole('button', { name: 'Add placement' }).click();

  await expect(page.getByRole('heading', { level: 1, name: /at Mill Road Library$/ })).toBeVisible();
  const checks = page.getByRole('region', { name: 'Pre-placement checks' });
  const record = checks.getByRole('button', { name: 'Record as done today' });
  await expect(record).toHaveCount(3);
  // One check at a time: a second tap before the first is saved and shown would record it again.
  for (const left of [2, 1]) {
    await record.first().click();
    await expect(record).toHaveCount(left);
  }
  await checks.getByLabel('Status').selectOption({ label: 'On placement' });
  await checks.getByRole('button', { name: 'Save status' }).click();
  await expect(checks.getByRole('status')).toContainText('missing: Parent or carer consent received');
  await checks.getByLabel(/^Reason to start/).fill('Consent given by phone; the form follows');
  await checks.getByRole('button', { name: 'Save status' }).click();
  await expect(page.getByRole('region', { name: 'Placement', exact: true })).toContainText('On placement');
  await expect(page.getByRole('region', { name: 'Placement', exact: true })).toContainText('Consent given by phone; the form follows');

  const visits = page.getByRole('region', { name: 'Visits', exact: true });
  await visits.getByLabel('Plan a visit on').fill(day(16));
  await visits.getByRole('button', { name: 'Plan visit' }).click();
  await expect(visits.getByRole('listitem')).toHaveCount(1);
  await expect(visits.getByRole('listitem')).toContainText(`Planned · ${DEMO.mentor.displayName}`);

  await page.getByRole('link', { name: 'Back to placements' }).click();
  await expect(page.getByRole('region', { name: 'Placements', exact: true }).getByRole('listitem').filter({ hasText: 'Mill Road Library' })).toBeVisible();
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download CSV' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe('placements.csv');
  const csv = readFileSync((await download.path()) ?? '', 'utf8');
  expect(csv).toContain('Learner,Employer,Address,Supervisor,Supervisor phone,First day,Last day,Status,Missing checks,Visiting\r\n');
  expect(csv).toContain(`Mill Road Library,"2 Mill Road, Northfield",,01632 960555,${day(14)},${day(25)},On placement,Parent or carer consent received,${DEMO.mentor.displayName}`);
});
