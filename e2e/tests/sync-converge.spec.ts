/**
 * Two devices editing the same student offline converge once both sync: different fields
 * both survive; on the same field the later edit wins and the earlier value is kept in the
 * server's history.
 */
import type { Page } from '@playwright/test';

import { DEMO, STUDENTS, apiToken, type DemoAccount, type DemoStudent } from '../fixtures/demo';
import { expect, test } from '../fixtures/test';
import { AppShell } from '../pages/AppShell';
import { SignInPage } from '../pages/SignInPage';
import { StudentPage } from '../pages/StudentPage';
import { StudentsPage } from '../pages/StudentsPage';

const SYNCED = 'All saved and synced';

interface Device {
  page: Page;
  shell: AppShell;
  student: StudentPage;
}

/** A new device signed in as `account`, synced, on `student`'s page. */
async function deviceOnStudent(page: Page, url: string, account: DemoAccount, student: DemoStudent): Promise<Device> {
  const shell = new AppShell(page, url);
  await shell.open('/sign-in');
  await new SignInPage(page).signInAs(account);
  await expect(shell.connectionStatus).toHaveText(SYNCED);
  await shell.goTo('Students');
  const opened = await new StudentsPage(page).open(student);
  return { page, shell, student: opened };
}

/** Back online one device after the other, then a fresh start (and sync) of each. */
async function syncBoth(first: Device, second: Device): Promise<void> {
  for (const device of [first, second]) {
    await device.page.context().setOffline(false);
    await expect(device.shell.connectionStatus).toHaveText(SYNCED);
  }
  // The first device synced before the second had pushed: a reload pulls again.
  for (const device of [first, second]) {
    await device.page.reload();
    await expect(device.shell.connectionStatus).toHaveText(SYNCED);
  }
}

test('different fields edited offline on two devices both survive', async ({ newDevice, freshServer }) => {
  const senco = await deviceOnStudent(await newDevice(), freshServer.url, DEMO.senco, STUDENTS.esmeIngleby7);
  const admin = await deviceOnStudent(await newDevice(), freshServer.url, DEMO.admin, STUDENTS.esmeIngleby7);

  await senco.page.context().setOffline(true);
  await admin.page.context().setOffline(true);
  await senco.student.edit({ preferredName: 'Em' });
  await admin.student.edit({ formGroup: '7E' });
  await syncBoth(senco, admin);

  for (const device of [senco, admin]) {
    await expect(device.student.heading('Em Ingleby')).toBeVisible();
    await expect(device.student.preferredName).toHaveValue('Em');
    await expect(device.student.formGroup).toHaveValue('7E');
  }
});

test('the same field edited offline on two devices converges to the later edit, the earlier kept in history', async ({
  newDevice,
  freshServer,
  request,
}) => {
  const senco = await deviceOnStudent(await newDevice(), freshServer.url, DEMO.senco, STUDENTS.finnAshdown7);
  const admin = await deviceOnStudent(await newDevice(), freshServer.url, DEMO.admin, STUDENTS.finnAshdown7);

  await senco.page.context().setOffline(true);
  await admin.page.context().setOffline(true);
  await senco.student.edit({ formGroup: '7F' });
  // Stamps carry milliseconds: make sure the admin's edit is plainly the later one.
  await admin.page.waitForTimeout(50);
  await admin.student.edit({ formGroup: '7G' });
  // The earlier edit is sent last, so "later wins" cannot pass as "last to arrive wins".
  await syncBoth(admin, senco);

  for (const device of [senco, admin]) {
    await expect(device.student.formGroup).toHaveValue('7G');
  }

  const studentId = new URL(admin.page.url()).pathname.split('/').pop()!;
  const token = await apiToken(request, freshServer.url, DEMO.admin);
  const response = await request.get(new URL(`/api/v1/history/student/${studentId}`, freshServer.url).href, {
    headers: { Authorization: `Bearer ${token}` },
  });
  expect(response.status(), await response.text()).toBe(200);
  const { entries } = (await response.json()) as { entries: { field: string; value: unknown }[] };
  expect(entries).toContainEqual(expect.objectContaining({ field: 'form_group', value: '7F' }));
  expect(entries).not.toContainEqual(expect.objectContaining({ field: 'form_group', value: '7G' }));

});
