/**
 * A classroom tablet shared by several members of staff: each keeps their own data, sealed
 * under their own PIN; switching locks the one before; a member of staff's waiting changes
 * stay theirs until they unlock again, then sync.
 */
import { DEMO, DEMO_PASSWORD, DEMO_PIN, type DemoStudent } from '../fixtures/demo';
import { expect, test } from '../fixtures/test';
import { AppShell } from '../pages/AppShell';
import { DevicePage } from '../pages/DevicePage';
import { ChoosePinPage, LockControls, OtherStaff, UnlockPage } from '../pages/LockPages';
import { SignInPage } from '../pages/SignInPage';
import { StudentsPage } from '../pages/StudentsPage';

/** Mentored by Morgan Ellery and taught by Dana Whitcombe (crates/server/src/demo.rs). */
const JAMIE: DemoStudent = { name: 'Jamie Ingleby', yearAndForm: 'Year 7 · 7B' };
const NEW_HELP = 'Likes a countdown before the end of a task';
const DANA_PIN = '357913';

test('two members of staff share a tablet: own data, own PIN, and waiting changes sync when their owner comes back', async ({
  page,
  context,
  freshServer,
}, testInfo) => {
  test.skip(testInfo.project.name !== 'tablet', 'a shared classroom tablet');
  const shell = new AppShell(page, freshServer.url);
  const signIn = new SignInPage(page);
  const unlock = new UnlockPage(page);
  const controls = new LockControls(page);
  const others = new OtherStaff(page);
  const students = new StudentsPage(page);

  // Morgan signs in and records a change with no signal, then locks.
  await shell.open('/sign-in');
  await signIn.signInAs(DEMO.mentor, { autoUnlock: false });
  await expect(shell.connectionStatus).toHaveText('All saved and synced');
  await context.setOffline(true);
  await shell.goTo('Students');
  const morgansJamie = await students.open(JAMIE);
  await morgansJamie.addItem('What helps me', NEW_HELP);
  await expect(shell.connectionStatus).toContainText('1 saved on this device');
  await controls.lock.click();
  await expect(page.getByText(`Locked. ${DEMO.mentor.displayName}, enter your PIN.`)).toBeVisible();

  // Back in signal, Dana signs in beside Morgan's data; Morgan cannot get a second copy.
  await context.setOffline(false);
  await others.signInAsSomeoneElse.click();
  await signIn.fill(DEMO.mentor.email, DEMO_PASSWORD);
  await expect(signIn.error).toContainText(`${DEMO.mentor.displayName}, your data is already on this device.`);
  await expect(others.member(DEMO.mentor.displayName)).toBeVisible();
  await signIn.fill(DEMO.teacher.email, DEMO_PASSWORD);
  await new ChoosePinPage(page).choose(DANA_PIN);
  await expect(shell.heading('Today')).toBeVisible();
  await expect(shell.connectionStatus).toHaveText('All saved and synced');

  // Dana's data is her own: Morgan's change has not left Morgan's locked data.
  await shell.goTo('Students');
  const danasJamie = await students.open(JAMIE);
  await expect(danasJamie.list('What helps me')).toBeVisible();
  await expect(danasJamie.list('What helps me')).not.toContainText(NEW_HELP);
  expect(await shell.databases()).toHaveLength(2);

  // Reopening the app opens the last one used, locked.
  await page.reload();
  await expect(page.getByText(`Locked. ${DEMO.teacher.displayName}, enter your PIN.`)).toBeVisible();
  await expect(page.getByText(JAMIE.name)).toHaveCount(0);

  // Switching to Morgan asks Morgan's PIN; Dana's does not open it.
  await others.member(DEMO.mentor.displayName).click();
  await expect(page.getByText(`Locked. ${DEMO.mentor.displayName}, enter your PIN.`)).toBeVisible();
  await unlock.unlock(DANA_PIN);
  await expect(unlock.error).toContainText('That PIN is not right.');
  await unlock.unlock(DEMO_PIN);
  await expect(shell.heading('Today')).toBeVisible();
  await expect(shell.connectionStatus).toHaveText('All saved and synced');

  // Nothing of either member of staff's data is readable in the device's storage.
  const stored = await shell.storedText();
  expect(stored.length).toBeGreaterThan(50);
  for (const secret of ['Jamie', 'Ingleby', NEW_HELP, DEMO.mentor.email, DEMO.teacher.email]) {
    expect(stored.filter((text) => text.includes(secret)), secret).toEqual([]);
  }

  // Dana, back on the tablet, receives Morgan's synced change.
  await controls.lock.click();
  await others.member(DEMO.teacher.displayName).click();
  await unlock.unlock(DANA_PIN);
  await expect(shell.heading('Today')).toBeVisible();
  await expect(shell.connectionStatus).toHaveText('All saved and synced');
  await shell.goTo('Students');
  await expect((await students.open(JAMIE)).list('What helps me')).toContainText(NEW_HELP);

  // Dana signs out: her data goes; Morgan's stays, offered on the sign-in page.
  await shell.open('/device');
  await unlock.unlock(DANA_PIN);
  await new DevicePage(page).signOut.click();
  await expect(signIn.heading).toBeVisible();
  await others.member(DEMO.mentor.displayName).click();
  await expect(page.getByText(`Locked. ${DEMO.mentor.displayName}, enter your PIN.`)).toBeVisible();
  await expect.poll(() => shell.databases()).toHaveLength(1);
  await expect(others.section.getByRole('listitem')).toHaveCount(0);
  await unlock.unlock(DEMO_PIN);
  await shell.goTo('Students');
  await expect((await students.open(JAMIE)).list('What helps me')).toContainText(NEW_HELP);
});
