/**
 * Caseloads: an administrator adds a student to a mentor's caseload on their device; the
 * mentor's own device gains the student at its next sync, and loses them when removed.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';

import { DEMO, STUDENTS } from '../fixtures/demo';
import { expect, test } from '../fixtures/test';
import { CaseloadsPage, SchoolPage } from '../pages/SchoolPage';
import { signInAndSync } from '../pages/SignInPage';
import { StudentsPage } from '../pages/StudentsPage';


async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id} (${violation.impact}): ${violation.help} — ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
}

test('a student added to a caseload reaches the mentor, leaves when removed and can be added again', async ({ newDevice, freshServer }) => {
  const url = freshServer.url;
  const cerys = STUDENTS.cerysElsworth7;
  const adminPage = await newDevice();
  const adminShell = await signInAndSync(adminPage, url, DEMO.admin);
  const school = new SchoolPage(adminPage);
  await school.navLink.click();
  await school.caseloadsLink.click();
  const caseloads = new CaseloadsPage(adminPage);
  await caseloads.chooseMentor(DEMO.secondMentor.displayName);
  await expect(caseloads.syncNote).toBeVisible();
  // Jas Penrose's demo caseload has Dev Greyling but not Cerys Elsworth.
  await expect(caseloads.onCaseload(STUDENTS.devGreyling7)).toBeVisible();
  await expect(caseloads.onCaseload(cerys)).toHaveCount(0);

  expect(await seriousViolations(adminPage)).toEqual([]);

  await caseloads.add(cerys);
  await expect(adminShell.connectionStatus).toHaveText('All saved and synced');

  // Jas signs in on a device of their own: Cerys is among their students.
  const jasPage = await newDevice();
  const jasShell = await signInAndSync(jasPage, url, DEMO.secondMentor);
  await expect(school.navLink).toHaveCount(1);
  await expect(new SchoolPage(jasPage).navLink).toHaveCount(0);
  await jasShell.goTo('Students');
  const jasStudents = new StudentsPage(jasPage);
  await expect(jasStudents.student(cerys)).toBeVisible();
  await expect(jasStudents.student(STUDENTS.devGreyling7)).toBeVisible();

  await caseloads.remove(cerys);
  await expect(adminShell.connectionStatus).toHaveText('All saved and synced');

  // A reload syncs at start-up: the scope changed, so the device starts again without Cerys.
  await jasPage.reload();
  await expect(jasStudents.student(STUDENTS.devGreyling7)).toBeVisible();
  await expect(jasStudents.student(cerys)).toHaveCount(0);

  // Adding her again revives the same assignment (its id comes from the pair).
  await caseloads.add(cerys);
  await expect(adminShell.connectionStatus).toHaveText('All saved and synced');
  await adminPage.reload();
  await caseloads.chooseMentor(DEMO.secondMentor.displayName);
  await expect(caseloads.onCaseload(cerys)).toBeVisible();
  await jasPage.reload();
  await expect(jasStudents.student(cerys)).toBeVisible();
});
