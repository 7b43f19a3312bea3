/**
 * Offline-first editing: changes saved with no signal are kept on the device through a
 * reload, counted in the header, and reach the school's server when the signal returns.
 */
import { DEMO, STUDENTS } from '../fixtures/demo';
import { expect, test } from '../fixtures/test';
import { AppShell } from '../pages/AppShell';
import { signInAndSync } from '../pages/SignInPage';
import { StudentsPage } from '../pages/StudentsPage';


test('edits saved offline survive a reload and sync when the device is back online', async ({ newDevice, freshServer }) => {
  const url = freshServer.url;
  const page = (await signInAndSync(await newDevice(), url, DEMO.senco)).page;
  const context = page.context();
  const shell = new AppShell(page, url);
  const students = new StudentsPage(page);
  // Reloading with no network needs the service worker to hold the app.
  await shell.waitForServiceWorkerControl();

  await shell.goTo('Students');
  await expect(students.heading).toBeVisible();
  const first = await students.open(STUDENTS.cerysElsworth7);
  await expect(shell.connectionStatus).toHaveText('All saved and synced');

  await context.setOffline(true);
  await expect(shell.connectionStatus).toHaveText('Offline — working from this device');
  await first.edit({ preferredName: 'Ceri', formGroup: '7C' });
  await expect(first.heading('Ceri Elsworth')).toBeVisible();
  await expect(shell.connectionStatus).toHaveText('Offline — 1 saved on this device');

  await first.back.click();
  const renamed = { name: 'Ceri Elsworth', yearAndForm: 'Year 7 · 7C' };
  await expect(students.student(renamed)).toBeVisible();
  const second = await students.open(STUDENTS.devGreyling7);
  await second.edit({ preferredName: 'Devon', formGroup: '7D' });
  await expect(shell.connectionStatus).toHaveText('Offline — 2 saved on this device');

  // A reload with no network: the app, the edits and the count all come from the device.
  await shell.reloadOffline();
  await expect(second.heading('Devon Greyling')).toBeVisible();
  await expect(second.preferredName).toHaveValue('Devon');
  await expect(second.formGroup).toHaveValue('7D');
  await expect(shell.connectionStatus).toHaveText('Offline — 2 saved on this device');
  await second.back.click();
  await expect(students.student({ name: 'Devon Greyling', yearAndForm: 'Year 7 · 7D' })).toBeVisible();
  const firstAgain = await students.open(renamed);
  await expect(firstAgain.preferredName).toHaveValue('Ceri');
  await expect(firstAgain.formGroup).toHaveValue('7C');

  // The `online` event starts a sync.
  await shell.goOnline();
  await expect(shell.connectionStatus).toHaveText('All saved and synced');

  // Another device, signed in as someone else, receives both edits from the server.
  const admin = (await signInAndSync(await newDevice(), url, DEMO.admin)).page;
  const adminShell = new AppShell(admin, url);
  const adminStudents = new StudentsPage(admin);
  await adminShell.goTo('Students');
  await expect(adminStudents.student({ name: 'Devon Greyling', yearAndForm: 'Year 7 · 7D' })).toBeVisible();
  const seen = await adminStudents.open(renamed);
  await expect(seen.preferredName).toHaveValue('Ceri');
  await expect(seen.formGroup).toHaveValue('7C');
});
