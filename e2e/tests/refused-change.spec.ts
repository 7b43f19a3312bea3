/**
 * A change the server refuses (here: a mentor editing a student's details, which only the
 * SENCO and admins may do) is never dropped silently: the header says so, the Device page
 * gives the server's reason, and the mentor can dismiss it once read.
 */
import { DEMO } from '../fixtures/demo';
import { expect, test } from '../fixtures/test';
import { AppShell } from '../pages/AppShell';
import { SignInPage } from '../pages/SignInPage';
import { StudentPage } from '../pages/StudentPage';
import { StudentsPage } from '../pages/StudentsPage';

test('a refused change is reported with its reason and can be dismissed', async ({ newDevice, freshServer }) => {
  const page = await newDevice();
  const shell = new AppShell(page, freshServer.url);
  await shell.open('/sign-in');
  await new SignInPage(page).signInAs(DEMO.mentor);
  await expect(shell.connectionStatus).toHaveText('All saved and synced');

  await shell.goTo('Students');
  const students = new StudentsPage(page);
  await students.list.getByRole('link').first().click();
  const student = new StudentPage(page);
  await student.edit({ preferredName: 'Sunny' });
  await expect(student.saved).toBeVisible();

  // The push is answered "rejected"; the header keeps saying so until the mentor has read it.
  await expect(shell.connectionStatus).toHaveText('All saved and synced · 1 change refused, see Device');
  await shell.goTo('Device');
  const refused = page.getByRole('region', { name: 'Changes the server refused' });
  await expect(refused.getByRole('listitem')).toHaveCount(1);
  await expect(refused.getByRole('listitem')).toContainText('A change to a student:');
  await expect(refused.getByRole('listitem')).toContainText(/SENCO|administrator/);

  await refused.getByRole('button', { name: 'I have read these' }).click();
  await expect(refused).toHaveCount(0);
  await expect(shell.connectionStatus).toHaveText('All saved and synced');
});
