/**
 * MIS import: an administrator previews a CSV export, maps a column the app does not
 * recognise, sees every bad row, and imports only a clean file; the new students then reach
 * the Students list, and importing the same file again changes nothing.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';

import { DEMO, type DemoAccount } from '../fixtures/demo';
import { expect, test } from '../fixtures/test';
import { AppShell } from '../pages/AppShell';
import { ImportPage } from '../pages/ImportPage';
import { SchoolPage } from '../pages/SchoolPage';
import { SignInPage } from '../pages/SignInPage';
import { StudentsPage } from '../pages/StudentsPage';

async function signIn(page: Page, serverUrl: string, account: DemoAccount): Promise<AppShell> {
  const shell = new AppShell(page, serverUrl);
  await shell.open('/sign-in');
  await new SignInPage(page).signInAs(account);
  await expect(shell.connectionStatus).toHaveText('All saved and synced');
  return shell;
}

/** Opens the import page through the School link, as an administrator would. */
async function openImport(page: Page): Promise<ImportPage> {
  const school = new SchoolPage(page);
  await school.navLink.click();
  await expect(school.heading).toBeVisible();
  await school.importLink.click();
  const importPage = new ImportPage(page);
  await expect(importPage.heading).toBeVisible();
  return importPage;
}

async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id} (${violation.impact}): ${violation.help} — ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
}

test('a file with an unknown column and bad rows is previewed line by line and cannot be imported', async ({ page, freshServer }) => {
  await signIn(page, freshServer.url, DEMO.admin);
  const importPage = await openImport(page);

  await importPage.choose('import-bad-rows.csv');
  // "Pupil Surname" is no MIS's name for the family name: nothing fills it yet.
  await expect(importPage.column('Pupil Surname')).toHaveValue('');
  await expect(importPage.column('UPN')).toHaveValue('upn');
  await expect(importPage.column('Forename')).toHaveValue('given_name');
  await expect(importPage.blockedReason).toContainText('No column gives family_name');
  await expect(importPage.importButton).toBeDisabled();

  // Mapping it previews the file again.
  await importPage.column('Pupil Surname').selectOption({ label: 'Family name' });
  await expect(importPage.column('Pupil Surname')).toHaveValue('family_name');
  await expect(importPage.badRows.getByRole('listitem')).toHaveText([
    /^Line 3: .*wrong check letter/,
    /^Line 4: .*given_name is missing/,
    /^Line 5: .*must be 7 to 13, got 15/,
  ]);
  await importPage.expectCounts(1, 0, 0);
  await expect(importPage.importButton).toBeDisabled();
  await expect(importPage.blockedReason).toHaveText(/^Import is not possible while 3 rows have problems/);

  expect(await seriousViolations(page)).toEqual([]);

  // With no connection the page says so rather than failing.
  await page.context().setOffline(true);
  await expect(importPage.offlineNotice).toBeVisible();
  await expect(importPage.file).toHaveCount(0);
  await page.context().setOffline(false);
  await expect(importPage.file).toBeVisible();
});

test('a clean file is imported, its students arrive in the list, and a second import changes nothing', async ({ page, freshServer }) => {
  const shell = await signIn(page, freshServer.url, DEMO.admin);
  let importPage = await openImport(page);

  await importPage.choose('import-good.csv');
  await importPage.expectCounts(4, 0, 0);
  await expect(importPage.badRows).toHaveCount(0);
  await expect(importPage.importButton).toBeEnabled();
  await importPage.importButton.click();
  await expect(importPage.imported).toHaveText(/^Imported: 4 created, 0 updated, 0 unchanged\./);
  await expect(importPage.importButton).toHaveCount(0);

  // The import starts a sync that brings the new students to this device.
  await expect(shell.connectionStatus).toHaveText('All saved and synced');
  await shell.goTo('Students');
  const students = new StudentsPage(page);
  await expect(students.student({ name: 'Juniper Quillfeather', yearAndForm: 'Year 7 · 7A' })).toBeVisible();
  await expect(students.student({ name: 'Toby Marchbank', yearAndForm: 'Year 8 · 8B' })).toBeVisible();
  await expect(students.student({ name: 'Wren Osterley', yearAndForm: 'Year 9 · 9A' })).toBeVisible();
  await expect(students.student({ name: 'Rosalind Pellingham', yearAndForm: 'Year 11 · 11B' })).toBeVisible();

  importPage = await openImport(page);
  await importPage.choose('import-good.csv');
  await importPage.expectCounts(0, 0, 4);
  await importPage.importButton.click();
  await expect(importPage.imported).toHaveText(/^Imported: 0 created, 0 updated, 4 unchanged\./);
});
