/**
 * A change the server refuses is never dropped silently: the header says so, the Device page
 * gives the server's reason, and the mentor can dismiss it once read. Here a mentor adds a
 * strategy offline for a student on their caseload while an administrator takes the student
 * off it; the server refuses the strategy because the mentor no longer supports the student.
 */
import { randomUUID } from 'node:crypto';

import type { APIRequestContext } from '@playwright/test';

import { DEMO, DEMO_PASSWORD, pullAll, type DemoStudent } from '../fixtures/demo';
import { expect, test } from '../fixtures/test';
import { AppShell } from '../pages/AppShell';
import { SignInPage } from '../pages/SignInPage';
import { StudentsPage } from '../pages/StudentsPage';

/** On the mentor's caseload only (in none of their groups): see crates/server/src/demo.rs. */
const ISLA: DemoStudent = { name: 'Isla Holbeck', yearAndForm: 'Year 8 · 8A' };

interface ApiDevice {
  token: string;
  deviceId: string;
}

async function apiSignIn(request: APIRequestContext, url: string): Promise<ApiDevice> {
  const deviceId = randomUUID();
  const response = await request.post(new URL('/api/v1/auth/sign-in', url).href, {
    data: { email: DEMO.admin.email, password: DEMO_PASSWORD, device_id: deviceId, device_label: 'End-to-end test' },
  });
  expect(response.status(), await response.text()).toBe(200);
  const { token } = (await response.json()) as { token: string };
  return { token, deviceId };
}

/** Takes `studentId` off every caseload, as an administrator's device would. */
async function removeFromCaseloads(request: APIRequestContext, url: string, studentId: string): Promise<void> {
  const admin = await apiSignIn(request, url);
  const assignments = (await pullAll(request, url, admin.token)).filter(
    (record) => record.entity === 'caseload_assignment' && record.fields.student_id?.value === studentId,
  );
  expect(assignments).toHaveLength(1);
  const ms = Date.now().toString(16).padStart(12, '0');
  const ops = assignments.map((assignment, index) => ({
    op_id: randomUUID(),
    device_id: admin.deviceId,
    device_seq: index + 1,
    hlc: `${ms}-${index.toString(16).padStart(4, '0')}-${admin.deviceId.replaceAll('-', '')}`,
    schema_version: 1,
    entity: 'caseload_assignment',
    entity_id: assignment.id,
    kind: 'delete',
  }));
  const response = await request.post(new URL('/api/v1/sync/push', url).href, {
    headers: { Authorization: `Bearer ${admin.token}` },
    data: { device_id: admin.deviceId, schema_version: 1, ops },
  });
  const body = await response.text();
  expect(response.status(), body).toBe(200);
  expect(body).toContain('"applied"');
}

test('a refused change is reported with its reason and can be dismissed', async ({ newDevice, freshServer, request }) => {
  const page = await newDevice();
  const shell = new AppShell(page, freshServer.url);
  await shell.open('/sign-in');
  await new SignInPage(page).signInAs(DEMO.mentor);
  await expect(shell.connectionStatus).toHaveText('All saved and synced');

  await shell.goTo('Students');
  const student = await new StudentsPage(page).open(ISLA);
  const studentId = new URL(page.url()).pathname.split('/').pop()!;

  await page.context().setOffline(true);
  await student.addItem('What helps me', 'Sit near the door so leaving quietly is easy');
  await expect(shell.connectionStatus).toHaveText('Offline — 1 saved on this device');

  // Meanwhile an administrator takes the student off the mentor's caseload.
  await removeFromCaseloads(request, freshServer.url, studentId);

  // The push is answered "rejected"; the header keeps saying so until the mentor has read it.
  await page.context().setOffline(false);
  await expect(shell.connectionStatus).toHaveText('All saved and synced · 1 change refused, see Device');
  // The student has left this device with the caseload.
  await expect(page.getByText('This student is not on this device.')).toBeVisible();

  await shell.goTo('Device');
  const refused = page.getByRole('region', { name: 'Changes the server refused' });
  await expect(refused.getByRole('listitem')).toHaveCount(1);
  await expect(refused.getByRole('listitem')).toContainText('A change to a Learning Passport strategy:');
  await expect(refused.getByRole('listitem')).toContainText('not one of them');
  // The words typed are kept, to copy elsewhere.
  await expect(refused.getByRole('listitem')).toContainText('Text: Sit near the door so leaving quietly is easy');
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: freshServer.url });
  await refused.getByRole('button', { name: 'Copy what was written' }).click();
  await expect(refused.getByRole('status')).toHaveText('Copied.');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(
    'Text: Sit near the door so leaving quietly is easy',
  );

  await refused.getByRole('button', { name: 'I have read these' }).click();
  await expect(refused).toHaveCount(0);
  await expect(shell.connectionStatus).toHaveText('All saved and synced');
});
