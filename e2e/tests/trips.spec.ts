/**
 * Trips: the trip leader takes the departure roll call of 32 children with no signal; the
 * count and the missing list are right, survive a reload, and the roll call completes only
 * once the missing child is accounted for; online, it reaches the server once. Two members
 * of staff take the same roll call for their own groups offline, and after both sync both
 * show the whole trip's total. The trip pack shows a child's allergies and emergency
 * contacts offline. An organiser's trip that ends before it starts is refused, nothing saved.
 */
import AxeBuilder from '@axe-core/playwright';

import { DEMO, apiToken, pullAll, type PulledRecord } from '../fixtures/demo';
import { expect, test } from '../fixtures/test';
import { DEMO_TRIP, TripPage } from '../pages/TripPages';
import { signInAndSync } from '../pages/SignInPage';

const SYNCED = 'All saved and synced';
const value = (record: PulledRecord, field: string) => record.fields[field]?.value;

test('offline, a 32-child departure roll call with one child missing: count, missing list, reload, accounted for, completed, on the server once', async ({
  newDevice,
  freshServer,
  request,
}) => {
  test.slow();
  const url = freshServer.url;
  const page = await newDevice();
  const shell = await signInAndSync(page, url, DEMO.learningMentor);
  await shell.waitForServiceWorkerControl();
  const trip = new TripPage(page);
  await trip.openFromToday();

  await page.context().setOffline(true);
  await expect(shell.connectionStatus).toHaveText('Offline — working from this device');
  const rollCall = await trip.rollCall('Departure');
  await rollCall.expectCount(0, 32);
  await expect(rollCall.count).toContainText('Your group: 0 of 16');
  await expect(rollCall.tiles).toHaveCount(16);
  await rollCall.everyone.click();
  await expect(rollCall.tiles).toHaveCount(32);

  // Everyone is found but the last child, who is in Nell Thorley's group.
  const names = await rollCall.names();
  const absent = names[names.length - 1];
  await rollCall.findAll([absent]);
  await rollCall.expectCount(31, 32);
  const missing = rollCall.missing.getByRole('listitem');
  await expect(missing).toHaveCount(1);
  await expect(missing).toContainText(absent);
  await expect(missing).toContainText('Group: Nell Thorley');
  for (const control of [rollCall.tile(absent), rollCall.complete, rollCall.everyone]) {
    expect((await control.boundingBox())?.height ?? 0).toBeGreaterThanOrEqual(44);
  }

  // Completing with a child unaccounted for is refused, with the reason beside it.
  await rollCall.complete.click();
  await expect(rollCall.problem).toHaveText('1 child is still missing: find them or say where they are.');
  await expect(page.getByText('Opened at')).toBeVisible();

  // A reload with no network: every mark is read back from the device.
  await shell.reloadOffline();
  await rollCall.everyone.click();
  await rollCall.expectCount(31, 32);
  await expect(rollCall.missing.getByRole('listitem')).toHaveCount(1);
  await expect(rollCall.missing).toContainText(absent);

  // The missing child is with a parent: accounted for, and then the roll call completes.
  await rollCall.missing.getByRole('button', { name: `Account for ${absent}` }).click();
  await rollCall.missing.getByLabel(`Where is ${absent}?`).selectOption({ label: 'With parent' });
  await rollCall.missing.getByLabel('Note').fill('Collected by her mother at the coach');
  await rollCall.missing.getByRole('button', { name: 'Save', exact: true }).click();
  await rollCall.expectCount(32, 32);
  await expect(rollCall.missing).toContainText('Nobody is missing.');
  await expect(rollCall.tile(absent)).toHaveAccessibleName(new RegExp(`^${absent} ?: With parent$`));
  await rollCall.complete.click();
  await expect(page.getByText(/Completed by Kit Lanyon at \d\d:\d\d/)).toBeVisible();
  // Completed, it takes no taps until re-opened to correct a mark; then it completes again.
  await expect(rollCall.tile(absent)).toBeDisabled();
  await page.getByRole('button', { name: 'Re-open to correct' }).click();
  await expect(page.getByText('Opened at')).toBeVisible();
  await expect(rollCall.tile(absent)).toBeEnabled();
  await rollCall.complete.click();
  await expect(page.getByText(/Completed by Kit Lanyon at \d\d:\d\d/)).toBeVisible();

  // Online: one roll call, one mark per child, on the server.
  await shell.goOnline();
  await expect(shell.connectionStatus).toHaveText(SYNCED);
  const admin = await apiToken(request, url, DEMO.admin);
  const records = await pullAll(request, url, admin);
  const rollCalls = records.filter((r) => r.entity === 'roll_call' && !r.deleted);
  expect(rollCalls).toHaveLength(1);
  expect(value(rollCalls[0], 'name')).toBe('Departure');
  expect(value(rollCalls[0], 'completed_at')).toEqual(expect.any(Number));
  const marks = records.filter((r) => r.entity === 'roll_call_mark' && !r.deleted);
  expect(marks).toHaveLength(32);
  expect(new Set(marks.map((mark) => value(mark, 'student_id'))).size).toBe(32);
  expect(marks.filter((mark) => value(mark, 'status') === 'found')).toHaveLength(31);
  const withParent = marks.filter((mark) => value(mark, 'status') === 'with_parent');
  expect(withParent.map((mark) => value(mark, 'note'))).toEqual(['Collected by her mother at the coach']);
});

test('two members of staff take the same roll call for their own groups offline; after both sync both show the whole trip', async ({
  newDevice,
  freshServer,
}) => {
  test.slow();
  const url = freshServer.url;
  const leader = await newDevice();
  const leaderShell = await signInAndSync(leader, url, DEMO.learningMentor);
  const second = await newDevice();
  const secondShell = await signInAndSync(second, url, DEMO.supportTeacher);
  const leaderTrip = new TripPage(leader);
  const secondTrip = new TripPage(second);
  await leaderTrip.openFromToday();
  await secondTrip.openFromToday();

  // No signal on either phone: each opens "Lunch" and finds their own sixteen.
  await leader.context().setOffline(true);
  await second.context().setOffline(true);
  const leaderCall = await leaderTrip.rollCall('Lunch');
  const secondCall = await secondTrip.rollCall('Lunch');
  await leaderCall.findAll();
  await secondCall.findAll();
  await leaderCall.expectCount(16, 32);
  await expect(leaderCall.count).toContainText('Your group: 16 of 16');
  await secondCall.expectCount(16, 32);
  await expect(secondCall.missing.getByRole('listitem')).toHaveCount(16);

  // Both back online: one roll call, the whole trip found on both phones.
  await leaderShell.goOnline();
  await expect(leaderShell.connectionStatus).toHaveText(SYNCED);
  await secondShell.goOnline();
  await expect(secondShell.connectionStatus).toHaveText(SYNCED);
  await leader.reload();
  await expect(leaderShell.connectionStatus).toHaveText(SYNCED);
  for (const call of [leaderCall, secondCall]) {
    await call.expectCount(32, 32);
    await expect(call.missing).toContainText('Nobody is missing.');
  }
  await leader.getByRole('link', { name: 'Back to the trip' }).click();
  await expect(leaderTrip.rollCalls.getByRole('link', { name: /Lunch/ })).toHaveCount(1);
});

test('the trip pack shows a child’s allergies and emergency contacts with no signal', async ({ newDevice, freshServer }) => {
  const page = await newDevice();
  const shell = await signInAndSync(page, freshServer.url, DEMO.supportTeacher);
  await shell.waitForServiceWorkerControl();
  const trip = new TripPage(page);
  await trip.openFromToday();
  await expect(page.getByRole('link', { name: 'Emergency: call 01632 960999' })).toHaveAttribute('href', 'tel:01632960999');

  await page.context().setOffline(true);
  await shell.reloadOffline();
  // Grace Elsworth is in none of this teacher's teaching groups: her details are on the phone
  // because she is on the trip.
  await trip.groups.getByRole('link', { name: 'Grace Elsworth' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Grace Elsworth' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Medical and dietary' })).toContainText('Halal food only');
  await expect(page.getByRole('region', { name: 'Emergency contacts' }).getByRole('link', { name: /^Call / }).first()).toBeVisible();

  // Grace Jarrow, in Kit Lanyon's group: a life-threatening allergy comes first.
  await page.getByRole('link', { name: 'Back to the trip' }).click();
  await trip.groups.getByRole('link', { name: 'Grace Jarrow' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Grace Jarrow' })).toBeVisible();
  const medical = page.getByRole('region', { name: 'Medical and dietary' }).getByRole('listitem');
  await expect(medical.first()).toContainText('Allergy · Life-threatening');
  await expect(medical.first()).toContainText('Nut allergy');
  await expect(medical.nth(1)).toContainText('Dietary · Severe');
  const contacts = page.getByRole('region', { name: 'Emergency contacts' }).getByRole('listitem');
  await expect(contacts.first()).toBeVisible();
  const call = contacts.first().getByRole('link', { name: /^Call / }).first();
  await expect(call).toHaveAttribute('href', /^tel:(07700|01632)\d{6}$/);
  await expect(page.getByRole('link', { name: /^Next: / })).toBeVisible();
});

test('an organiser’s trip that ends before it starts is refused and nothing is saved; corrected, it opens with the checklist', async ({
  newDevice,
  freshServer,
}) => {
  const page = await newDevice();
  const shell = await signInAndSync(page, freshServer.url, DEMO.admin);
  await shell.goTo('Registers');
  await page.getByRole('link', { name: 'Trips: roll calls and trip packs' }).click();
  const list = page.getByRole('region', { name: 'Trips on this device' }).getByRole('listitem');
  await expect(list).toHaveCount(1);

  const form = page.getByRole('form', { name: 'New trip' });
  await form.getByLabel('Trip name').fill('Castle visit');
  await form.getByLabel('Destination').fill('Northfield Castle');
  await form.getByLabel('First day').fill('2027-03-10');
  await form.getByLabel('Last day').fill('2027-03-09');
  await form.getByLabel('Trip leader').selectOption({ label: DEMO.teacher.displayName });
  await form.getByLabel('Emergency phone number').fill('01632 960123');
  await form.getByRole('checkbox', { name: /^7 Maths Set 2/ }).check();
  await form.getByRole('button', { name: 'Add trip' }).click();
  await expect(form.getByRole('status')).toHaveText('The trip cannot end before it starts.');
  await expect(list).toHaveCount(1);
  await expect(shell.connectionStatus).toHaveText(SYNCED);

  await form.getByLabel('Last day').fill('2027-03-10');
  await form.getByRole('button', { name: 'Add trip' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Castle visit' })).toBeVisible();
  const trip = new TripPage(page);
  await expect(trip.groups.getByRole('heading', { name: `${DEMO.teacher.displayName}'s group (8)` })).toBeVisible();
  await expect(trip.checklist.getByRole('checkbox')).toHaveCount(7);
  await trip.checklist.getByRole('checkbox').first().check();
  await expect(trip.checklist.getByText(/Done by Sam Okafor-Lind/)).toBeVisible();

  // After the set-up: a consent note, a child added late and one taken off the trip.
  const group = (count: number) => trip.groups.getByRole('heading', { name: `${DEMO.teacher.displayName}'s group (${count})` });
  const travellers = trip.groups.getByRole('listitem');
  const first = (await travellers.first().getByRole('link').textContent()) ?? '';
  await trip.groups.getByRole('button', { name: `Note for ${first}` }).click();
  await trip.groups.getByLabel(`Consent or exclusion note for ${first}`).fill('No photographs');
  await trip.groups.getByRole('button', { name: 'Save note' }).click();
  await expect(travellers.filter({ hasText: first })).toContainText('No photographs');
  const add = trip.groups.getByLabel('Add a child');
  const late = (await add.locator('option').nth(1).textContent()) ?? '';
  await add.selectOption({ label: late });
  await trip.groups.getByRole('button', { name: 'Add to the trip' }).click();
  await expect(group(9)).toBeVisible();
  await expect(trip.groups.getByRole('link', { name: late.split(',')[0], exact: true })).toBeVisible();
  await trip.groups.getByRole('button', { name: `Note for ${first}` }).click();
  await trip.groups.getByRole('button', { name: 'Remove from the trip' }).click();
  await expect(group(8)).toBeVisible();
  await expect(trip.groups.getByRole('link', { name: first, exact: true })).toHaveCount(0);

  // A whole teaching group's children who are not yet going, in one step.
  const addGroup = trip.groups.getByRole('form', { name: 'Add a group' });
  const english = addGroup.getByLabel("Add a group's children").locator('option', { hasText: '7 English 7B' });
  const notGoing = Number(/\((\d+) not going\)/.exec((await english.textContent()) ?? '')?.[1]);
  expect(notGoing).toBeGreaterThan(0);
  await addGroup.getByLabel("Add a group's children").selectOption({ label: (await english.textContent()) ?? '' });
  await addGroup.getByRole('button', { name: 'Add the group' }).click();
  await expect(group(8 + notGoing)).toBeVisible();
  await expect(addGroup.locator('option', { hasText: '7 English 7B' })).toHaveCount(0);

  // An incident is logged once and never offered for change.
  await trip.incidents.getByLabel('What happened').fill('Coach arrived 40 minutes late');
  await trip.incidents.getByRole('button', { name: 'Log incident' }).click();
  await expect(trip.incidents.getByRole('status')).toHaveText('Say what was done about it.');
  await trip.incidents.getByLabel('Action taken').fill('Parents told by text; museum slot moved');
  await trip.incidents.getByRole('button', { name: 'Log incident' }).click();
  await expect(trip.incidents.getByRole('listitem').filter({ hasText: 'Coach arrived' })).toContainText('Parents told by text');
  await expect(shell.connectionStatus).toHaveText(SYNCED);
});

test('the trip and roll-call screens: no serious or critical axe violations, every target at least 44 px', async ({
  page,
  serverUrl,
}) => {
  await signInAndSync(page, serverUrl, DEMO.learningMentor);
  const trip = new TripPage(page);
  await trip.openFromToday(DEMO_TRIP);
  const serious = async () =>
    (await new AxeBuilder({ page }).analyze()).violations
      .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
      .map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
  const small = () =>
    page.getByRole('main').evaluate((root) =>
      [...root.querySelectorAll('button, a, select, input[type="text"], input[type="date"], label.pick, .check-item label')]
        .map((element) => ({ element, box: element.getBoundingClientRect() }))
        .filter(({ box }) => box.width > 0 && (box.width < 44 || box.height < 44))
        .map(({ element, box }) => `${element.textContent?.trim() ?? element.tagName} ${box.width}×${box.height}`),
    );
  expect(await serious()).toEqual([]);
  expect(await small()).toEqual([]);
  const rollCall = await trip.rollCall('Arrival');
  await rollCall.tiles.first().click();
  await expect(rollCall.tiles.first()).toHaveAttribute('aria-pressed', 'true');
  const first = await rollCall.names();
  await rollCall.missing.getByRole('button', { name: `Account for ${first[1]}` }).click();
  expect(await serious()).toEqual([]);
  expect(await small()).toEqual([]);
});
