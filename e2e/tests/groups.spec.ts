/**
 * Teaching groups: the SENCO creates a group, puts a teacher and students in it and takes
 * one student out; after a reload the group is as they left it, and the teacher's own
 * device, at its next sync, shows the group's students and not the one taken out.
 */
import { DEMO, type DemoStudent } from '../fixtures/demo';
import { expect, test } from '../fixtures/test';
import { GroupsPage, SchoolPage } from '../pages/SchoolPage';
import { signInAndSync } from '../pages/SignInPage';
import { StudentsPage } from '../pages/StudentsPage';

/** Year 11 students of the demo school: in no group of Dana Whitcombe's, so not on her device. */
const ISLA: DemoStudent = { name: 'Isla Ashdown', yearAndForm: 'Year 11 · 11A' };
const KIRAN: DemoStudent = { name: 'Kiran Elsworth', yearAndForm: 'Year 11 · 11A' };
const GRACE: DemoStudent = { name: 'Grace Greyling', yearAndForm: 'Year 11 · 11A' };

const GROUP = { name: '11 Study Skills', subject: 'Study skills', yearGroup: 'Year 11' };

test('a group the SENCO creates reaches its teacher with its students, less the one removed', async ({ newDevice, freshServer }) => {
  const url = freshServer.url;

  // Before: the teacher does not see these Year 11 students.
  const teacherPage = await newDevice();
  const teacherShell = await signInAndSync(teacherPage, url, DEMO.teacher);
  await teacherShell.goTo('Students');
  const teacherStudents = new StudentsPage(teacherPage);
  await expect(teacherStudents.heading).toBeVisible();
  await expect(teacherStudents.student(ISLA)).toHaveCount(0);

  const sencoPage = await newDevice();
  const sencoShell = await signInAndSync(sencoPage, url, DEMO.senco);
  const school = new SchoolPage(sencoPage);
  await school.navLink.click();
  await school.groupsLink.click();
  const groups = new GroupsPage(sencoPage);
  await groups.create(GROUP);
  await groups.addStaff(`${DEMO.teacher.displayName} (Teacher)`, DEMO.teacher.displayName);
  for (const student of [ISLA, KIRAN, GRACE]) await groups.addStudent(student);
  await groups.removeStudent(GRACE);
  await expect(sencoShell.connectionStatus).toHaveText('All saved and synced');

  // A reload reads the group back from the device as it was left.
  await sencoPage.reload();
  await groups.choose(GROUP.name);
  await expect(groups.staffMember(DEMO.teacher.displayName)).toContainText('Teacher');
  await expect(groups.students.getByRole('listitem')).toHaveCount(2);
  await expect(groups.inGroup(ISLA)).toBeVisible();
  await expect(groups.inGroup(KIRAN)).toBeVisible();
  await expect(groups.inGroup(GRACE)).toHaveCount(0);

  // The teacher's device syncs (a reload syncs at start-up) and now has the group's students.
  await teacherPage.reload();
  await expect(teacherShell.connectionStatus).toHaveText('All saved and synced');
  await expect(teacherStudents.student(ISLA)).toBeVisible();
  await expect(teacherStudents.student(KIRAN)).toBeVisible();
  await expect(teacherStudents.student(GRACE)).toHaveCount(0);
});
