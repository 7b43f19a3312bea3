/**
 * MIS import: an administrator previews a CSV export, maps a column the app does not
 * recognise, sees every bad row, and imports only a clean file; the new students then reach
 * the Students list, and importing the same file again changes nothing. Exports as the MIS
 * send them: a SIMS list with one "Surname, Forename" column, an Arbor file in Windows-1252
 * with preferred names, forms and columns that are not imported, and a file with two bad
 * rows whose eight good ones can be imported on their own.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';

import { DEMO } from '../fixtures/demo';
import { expect, test } from '../fixtures/test';
import { ImportPage } from '../pages/ImportPage';
import { SchoolPage } from '../pages/SchoolPage';
import { signInAndSync } from '../pages/SignInPage';
import { StudentsPage } from '../pages/StudentsPage';


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
  await signInAndSync(page, freshServer.url, DEMO.admin);
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
  const shell = await signInAndSync(page, freshServer.url, DEMO.admin);
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

test('a SIMS list with one Name column shows how each name is split, and imports it', async ({ page, freshServer }) => {
  const shell = await signInAndSync(page, freshServer.url, DEMO.admin);
  const importPage = await openImport(page);

  await importPage.choose('import-sims-names.csv');
  // The cells have commas, so the column is read as "Surname, Forename".
  await expect(importPage.column('Name')).toHaveValue('name_surname_first');
  await importPage.expectCounts(5, 0, 0);
  await expect(importPage.changingRows.getByRole('listitem')).toHaveText([
    "New: Aoife O'Neill-Barnes · C823901760001 (family name O'Neill-Barnes, given name Aoife)",
    'New: Anna Van der Berg · R823901760002 (family name Van der Berg, given name Anna)',
    'New: Kai Smith-Jones · F823901760003 (family name Smith-Jones, given name Kai)',
    "New: Niamh O'Rourke · V823901760004 (family name O'Rourke, given name Niamh)",
    'New: Mateo de la Cruz · J823901760005 (family name de la Cruz, given name Mateo)',
  ]);
  await expect(importPage.notImported).toHaveText('Not imported: Adno, Gender, DOB.');

  // Read the other way round, every name's comma is a problem, and nothing can be imported.
  await importPage.column('Name').selectOption({ label: 'Name as Forename Surname' });
  await expect(importPage.badRows.getByRole('listitem')).toHaveCount(5);
  await expect(importPage.badRows.getByRole('listitem').first()).toContainText('choose "Surname, Forename"');
  await expect(importPage.importButton).toBeDisabled();
  await expect(importPage.goodRowsButton).toHaveCount(0);
  await importPage.column('Name').selectOption({ label: 'Name as Surname, Forename' });
  await expect(importPage.badRows).toHaveCount(0);

  await importPage.importButton.click();
  await expect(importPage.imported).toHaveText(/^Imported: 5 created, 0 updated, 0 unchanged\./);
  await expect(shell.connectionStatus).toHaveText('All saved and synced');
  await shell.goTo('Students');
  const students = new StudentsPage(page);
  await expect(students.student({ name: "Aoife O'Neill-Barnes", yearAndForm: 'Year 8 · 8ON' })).toBeVisible();
  await expect(students.student({ name: 'Anna Van der Berg', yearAndForm: 'Year 7 · 7VB' })).toBeVisible();
});

test('an Arbor export in Windows-1252 brings preferred names and forms, and lists the columns it leaves out', async ({ page, freshServer }) => {
  const shell = await signInAndSync(page, freshServer.url, DEMO.admin);
  const importPage = await openImport(page);

  await importPage.choose('import-arbor.csv');
  await expect(importPage.column('Preferred First Name')).toHaveValue('preferred_name');
  await expect(importPage.column('Registration Form')).toHaveValue('form_group');
  await expect(importPage.column('Date of Birth')).toHaveValue('');
  await expect(importPage.column('Gender')).toHaveValue('');
  await expect(importPage.notImported).toHaveText('Not imported: Date of Birth, Gender.');
  await importPage.expectCounts(5, 0, 0);
  await expect(importPage.changingRows.getByRole('listitem').first()).toHaveText('New: Zoë Ashworth-Pryce · M823901770001');

  // Leaving out one more column lists it too.
  await importPage.column('SEN Status').selectOption({ label: "Don't import" });
  await expect(importPage.notImported).toHaveText('Not imported: Date of Birth, Gender, SEN Status.');

  await importPage.importButton.click();
  await expect(importPage.imported).toHaveText(/^Imported: 5 created, 0 updated, 0 unchanged\./);
  await expect(shell.connectionStatus).toHaveText('All saved and synced');
  await shell.goTo('Students');
  const students = new StudentsPage(page);
  // Shown by their preferred names, in their registration forms.
  await expect(students.student({ name: 'Zo Ashworth-Pryce', yearAndForm: 'Year 9 · 9AP' })).toBeVisible();
  await expect(students.student({ name: 'Pepe Nuñez Ortega', yearAndForm: 'Year 7 · 7NO' })).toBeVisible();
  await expect(students.student({ name: 'Renée Ó Dálaigh', yearAndForm: 'Year 11 · 11OD' })).toBeVisible();
});

test('a file with two bad rows imports its eight good rows on request and lists the two others', async ({ page, freshServer }) => {
  await signInAndSync(page, freshServer.url, DEMO.admin);
  const importPage = await openImport(page);

  await importPage.choose('import-ten-rows.csv');
  await expect(importPage.badRows.getByRole('listitem')).toHaveText([
    /^Line 5: .*wrong check letter/,
    /^Line 9: .*must be 7 to 13, got 15/,
  ]);
  await importPage.expectCounts(8, 0, 0);
  // The whole file is still refused; importing only the good rows is a choice of its own.
  await expect(importPage.importButton).toBeDisabled();
  await expect(importPage.goodRowsButton).toHaveText('Import the 8 good rows and list the 2 others');
  expect(await seriousViolations(page)).toEqual([]);

  await importPage.goodRowsButton.click();
  await expect(importPage.imported).toHaveText(/^Imported: 8 created, 0 updated, 0 unchanged\. 2 rows were not imported/);
  await expect(importPage.skippedRows.getByRole('listitem')).toHaveText([
    /^Line 5: .*wrong check letter/,
    /^Line 9: .*must be 7 to 13, got 15/,
  ]);
  await expect(importPage.goodRowsButton).toHaveCount(0);
  expect(await seriousViolations(page)).toEqual([]);
});
