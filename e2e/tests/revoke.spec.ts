/**
 * A lost device: an administrator revokes it, and the next time it reaches the server it
 * erases every Progress Mentor record on it and returns to sign-in.
 */
import AxeBuilder from '@axe-core/playwright';

import { DEMO } from '../fixtures/demo';
import { expect, test } from '../fixtures/test';
import { AppShell } from '../pages/AppShell';
import { DevicePage, REVOKE_WARNING } from '../pages/DevicePage';
import { SignInPage } from '../pages/SignInPage';
import { StudentsPage } from '../pages/StudentsPage';

const WIPED = 'This device was signed out by your school and its data removed';

test('a revoked device erases its data when it next syncs', async ({ newDevice, freshServer }) => {
  const url = freshServer.url;

  // The mentor's device: signed in, synced, students on it.
  const mentor = await newDevice();
  const mentorContext = mentor.context();
  const mentorShell = new AppShell(mentor, url);
  const mentorStudents = new StudentsPage(mentor);
  await mentorShell.open('/sign-in');
  await new SignInPage(mentor).signInAs(DEMO.mentor);
  await expect(mentorShell.connectionStatus).toHaveText('All saved and synced');
  await mentorShell.goTo('Device');
  const mentorDevice = new DevicePage(mentor);
  await expect(mentorDevice.signedInAs(DEMO.mentor.displayName, 'Mentor')).toBeVisible();
  // Managing devices is for administrators (the server enforces it; the screen follows).
  await expect(mentorDevice.schoolDevices).toHaveCount(0);
  await mentorShell.goTo('Students');
  await expect(mentorStudents.list.getByRole('link').first()).toBeVisible();
  const before = await mentorShell.storedCounts();
  expect(before.records).toBeGreaterThan(0);

  // The admin's device revokes it.
  const admin = await newDevice();
  const adminContext = admin.context();
  const adminShell = new AppShell(admin, url);
  const device = new DevicePage(admin);
  await adminShell.open('/sign-in');
  await new SignInPage(admin).signInAs(DEMO.admin);
  await adminShell.goTo('Device');
  await expect(device.schoolDevices).toBeVisible();
  await expect(device.devicesOf(DEMO.mentor.displayName)).toHaveCount(1);
  await expect(device.devicesOf(DEMO.mentor.displayName)).toContainText('Signed in');

  // "Revoke" is a finger-sized target, asks first, and "Cancel" leaves the device alone.
  const revoke = device.liveDevicesOf(DEMO.mentor.displayName).getByRole('button', { name: 'Revoke', exact: true });
  const box = (await revoke.boundingBox())!;
  expect(box.height, JSON.stringify(box)).toBeGreaterThanOrEqual(44);
  expect(box.width, JSON.stringify(box)).toBeGreaterThanOrEqual(44);
  await revoke.click();
  await expect(device.schoolDevices.getByText(REVOKE_WARNING, { exact: true })).toBeVisible();
  const serious = (await new AxeBuilder({ page: admin }).analyze()).violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id}: ${violation.help}`);
  expect(serious).toEqual([]);
  await device.schoolDevices.getByRole('button', { name: 'Cancel', exact: true }).click();
  await expect(device.schoolDevices.getByText(REVOKE_WARNING, { exact: true })).toHaveCount(0);
  await expect(device.liveDevicesOf(DEMO.mentor.displayName)).toHaveCount(1);

  await device.revokeDeviceOf(DEMO.mentor.displayName);
  await expect(device.devicesOf(DEMO.mentor.displayName)).toContainText('Revoked');
  await expect(device.liveDevicesOf(DEMO.mentor.displayName)).toHaveCount(0);
  // The admin's own device is untouched.
  await expect(device.liveDevicesOf(DEMO.admin.displayName)).toHaveCount(1);
  // The list is the server's: with no signal there is nothing to manage.
  await adminContext.setOffline(true);
  await expect(device.devicesNeedConnection).toBeVisible();
  await expect(device.deviceList).toHaveCount(0);

  // The mentor's device syncs when it comes back online, is told to wipe, and does.
  await mentorContext.setOffline(true);
  await mentorContext.setOffline(false);
  await expect(mentorShell.connectionStatus).toContainText(WIPED);
  await expect(new SignInPage(mentor).heading).toBeVisible();
  await expect(mentorShell.navLink('Students')).toHaveCount(0);
  expect(await mentorShell.storedCounts()).toEqual({ records: 0, outbox: 0 });
});
