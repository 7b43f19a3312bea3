/**
 * Children's data on a lost device: sealed in IndexedDB, the app locked at every opening,
 * after idle time and at once with quick-hide; wrong PINs; and a revoked device wiped at its
 * next contact.
 */
import type { Page } from '@playwright/test';

import { DEMO, DEMO_PIN, type DemoAccount, type DemoStudent } from '../fixtures/demo';
import { expect, test } from '../fixtures/test';
import { AppShell } from '../pages/AppShell';
import { DevicePage } from '../pages/DevicePage';
import { SchoolPage } from '../pages/SchoolPage';
import { ChoosePinPage, LockControls, UnlockPage } from '../pages/LockPages';
import { SignInPage } from '../pages/SignInPage';
import { StudentsPage } from '../pages/StudentsPage';

const GRACE: DemoStudent = { name: 'Grace Jarrow', yearAndForm: 'Year 7 · 7A' };
const NUT_ALLERGY = 'Nut allergy';
const NEW_HELP = 'Sits by the window seat on test days';

/** Signs `account` in without the automatic unlock, and waits for the first sync. */
async function signIn(page: Page, serverUrl: string, account: DemoAccount): Promise<AppShell> {
  const shell = new AppShell(page, serverUrl);
  await shell.open('/sign-in');
  await new SignInPage(page).signInAs(account, { autoUnlock: false });
  await expect(shell.connectionStatus).toHaveText('All saved and synced');
  return shell;
}

async function openStudent(page: Page, shell: AppShell, student: DemoStudent) {
  await shell.goTo('Students');
  return new StudentsPage(page).open(student);
}

test('what a mentor records is stored sealed: no name, note or allergy in clear', async ({ page, serverUrl }) => {
  const shell = await signIn(page, serverUrl, DEMO.senco);
  const profile = await openStudent(page, shell, GRACE);
  await profile.addItem('What helps me', NEW_HELP);
  await profile.showMedical();
  await expect(profile.medicalNotes).toContainText(NUT_ALLERGY);

  const stored = await shell.storedText();
  expect(stored.length).toBeGreaterThan(50);
  for (const secret of ['Grace', 'Jarrow', NEW_HELP, NUT_ALLERGY, DEMO.senco.email]) {
    expect(stored.filter((text) => text.includes(secret)), secret).toEqual([]);
  }
});

test('the app opens locked, locks after idle time, and only the right PIN opens it', async ({ page, serverUrl }) => {
  await page.clock.install();
  const shell = await signIn(page, serverUrl, DEMO.mentor);
  const unlock = new UnlockPage(page);
  const students = new StudentsPage(page);
  await shell.goTo('Students');
  await expect(students.list.getByRole('link').first()).toBeVisible();

  // Five minutes without a touch.
  await page.clock.fastForward('05:10');
  await expect(unlock.heading).toBeVisible();
  await expect(page.getByText(`Locked. ${DEMO.mentor.displayName}, enter your PIN.`)).toBeVisible();
  await expect(students.list).toHaveCount(0);
  await expect(shell.nav).toHaveCount(0);

  await unlock.unlock('000123');
  await expect(unlock.error).toHaveText('That PIN is not right. 9 tries left.');
  await expect(students.list).toHaveCount(0);
  await unlock.unlock();
  await expect(students.list.getByRole('link').first()).toBeVisible();

  // Opening the app again: locked.
  await page.reload();
  await expect(unlock.heading).toBeVisible();
  await expect(students.list).toHaveCount(0);
  await unlock.unlock();
  await expect(students.list.getByRole('link').first()).toBeVisible();
});

test('quick-hide covers the screen at once, with the button or Escape; coming back needs the PIN', async ({
  page,
  serverUrl,
}) => {
  const shell = await signIn(page, serverUrl, DEMO.senco);
  const controls = new LockControls(page);
  const unlock = new UnlockPage(page);
  const profile = await openStudent(page, shell, GRACE);
  await expect(profile.heading(GRACE.name)).toBeVisible();

  await page.keyboard.press('Escape');
  await expect(controls.cover).toBeVisible();
  await expect(page.getByText(GRACE.name)).toHaveCount(0);
  await controls.coverContinue.click();
  await unlock.unlock();
  await expect(profile.heading(GRACE.name)).toBeVisible();

  const hide = await controls.hide.boundingBox();
  expect(hide!.height).toBeGreaterThanOrEqual(44);
  await controls.hide.click();
  await expect(controls.cover).toBeVisible();
  await expect(page.getByText(GRACE.name)).toHaveCount(0);
  await controls.coverContinue.click();
  await expect(unlock.heading).toBeVisible();
  await expect(page.getByText(GRACE.name)).toHaveCount(0);
});

test('ten wrong PINs erase the key; signing in online recovers it and the changes made before still sync', async ({
  page,
  context,
  freshServer,
  newDevice,
}) => {
  await page.clock.install();
  const shell = await signIn(page, freshServer.url, DEMO.senco);
  const unlock = new UnlockPage(page);
  const controls = new LockControls(page);
  await context.setOffline(true);
  const profile = await openStudent(page, shell, GRACE);
  await profile.addItem('What helps me', NEW_HELP);
  await expect(shell.connectionStatus).toContainText('1 saved on this device');

  await controls.lock.click();
  for (let attempt = 1; attempt <= 10; attempt++) {
    await unlock.unlock(`00012${attempt % 10}`);
    if (attempt < 10) {
      await expect(unlock.error).toContainText(`${10 - attempt} tries left`);
      // Past the growing wait before the next try.
      await page.clock.fastForward('05:01');
    }
  }
  const signInPage = new SignInPage(page);
  await expect(signInPage.heading).toBeVisible();
  await expect(page.getByText(/Too many wrong PINs: this device's key was erased/)).toBeVisible();
  await expect(page.getByText(GRACE.name)).toHaveCount(0);

  await context.setOffline(false);
  await signInPage.fill(DEMO.senco.email, 'demo-password-1');
  await new ChoosePinPage(page).choose('736402');
  await expect(shell.heading('Today')).toBeVisible();
  await expect(shell.connectionStatus).toHaveText('All saved and synced');

  // Another device sees the change made before the lock-out.
  const other = await newDevice();
  const otherShell = new AppShell(other, freshServer.url);
  await otherShell.open('/sign-in');
  await new SignInPage(other).signInAs(DEMO.senco);
  const seen = await openStudent(other, otherShell, GRACE);
  await expect(seen.list('What helps me')).toContainText(NEW_HELP);

  // The new PIN is the one that opens it now.
  await page.reload();
  await unlock.unlock(DEMO_PIN);
  await expect(unlock.error).toContainText('tries left');
  await unlock.unlock('736402');
  await expect(shell.heading('Today')).toBeVisible();
});

test('a locked device that was revoked is wiped at its next contact', async ({ page, freshServer, newDevice }) => {
  const shell = await signIn(page, freshServer.url, DEMO.mentor);
  await new LockControls(page).lock.click();
  const unlock = new UnlockPage(page);
  await expect(unlock.heading).toBeVisible();

  const admin = await newDevice();
  const adminShell = new AppShell(admin, freshServer.url);
  await adminShell.open('/sign-in');
  await new SignInPage(admin).signInAs(DEMO.admin);
  await adminShell.goTo('Device');
  await new DevicePage(admin).revokeDeviceOf(DEMO.mentor.displayName);

  await unlock.unlock();
  await expect(new SignInPage(page).heading).toBeVisible();
  expect(await shell.storedCounts()).toEqual({ records: 0, outbox: 0 });
});

test("the administrator's lock time reaches every device of the school", async ({ page, freshServer, newDevice }) => {
  const admin = await newDevice();
  const adminShell = await signIn(admin, freshServer.url, DEMO.admin);
  const school = new SchoolPage(admin);
  await school.navLink.click();
  await expect(school.heading).toBeVisible();
  const minutes = admin.getByLabel('Lock after (minutes)', { exact: true });
  await expect(minutes).toHaveValue('5');
  await minutes.fill('45');
  await admin.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(admin.getByRole('status').filter({ hasText: 'Choose from 1 to 30 minutes.' })).toBeVisible();
  await minutes.fill('1');
  await admin.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(admin.getByRole('status').filter({ hasText: 'Saved on this device' })).toBeVisible();
  await expect(adminShell.connectionStatus).toHaveText('All saved and synced');

  await page.clock.install();
  const shell = await signIn(page, freshServer.url, DEMO.mentor);
  await shell.goTo('Students');
  const students = new StudentsPage(page);
  await expect(students.list.getByRole('link').first()).toBeVisible();
  // Past the school's one minute, well short of the default five.
  await page.clock.fastForward('01:10');
  await expect(new UnlockPage(page).heading).toBeVisible();
  await expect(students.list).toHaveCount(0);
});
