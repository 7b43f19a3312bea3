/**
 * A student's profile: the Learning Passport comes first, medical and emergency details wait
 * behind one tap, and what can be changed follows the signed-in role (mentors the passport's
 * strategies and the student's words; the SENCO everything; the DSL nothing).
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';

import { DEMO, type DemoAccount, type DemoStudent } from '../fixtures/demo';
import { expect, test } from '../fixtures/test';
import { AppShell } from '../pages/AppShell';
import { DevicePage } from '../pages/DevicePage';
import { SignInPage, signInAndSync } from '../pages/SignInPage';
import { StudentPage } from '../pages/StudentPage';
import { StudentsPage } from '../pages/StudentsPage';

/** Demo students with a Learning Passport and medical notes (crates/server/src/demo.rs). */
const JAMIE: DemoStudent = { name: 'Jamie Ingleby', yearAndForm: 'Year 7 · 7B' };
const GRACE: DemoStudent = { name: 'Grace Jarrow', yearAndForm: 'Year 7 · 7A' };

const ASTHMA = 'Asthma — blue reliever inhaler kept in blazer pocket; may need it during or after PE';
const NOISE = 'Sensitive to noise; busy corridors are overwhelming';
const LITERAL = 'Use clear, literal language and explain idioms and jokes';

/** Signs `account` in, waits for the first sync and opens `student`'s profile. */
async function openProfile(page: Page, url: string, account: DemoAccount, student: DemoStudent): Promise<StudentPage> {
  const shell = new AppShell(page, url);
  await shell.open('/sign-in');
  await new SignInPage(page).signInAs(account);
  await expect(shell.connectionStatus).toHaveText('All saved and synced');
  await shell.goTo('Students');
  return new StudentsPage(page).open(student);
}

async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map(
      (violation) =>
        `${violation.id} (${violation.impact}): ${violation.help} — ` +
        violation.nodes.map((node) => node.target.join(' ')).join(', '),
    );
}

test('the Learning Passport comes first and medical details need one tap', async ({ page, serverUrl }) => {
  const student = await openProfile(page, serverUrl, DEMO.mentor, JAMIE);

  await expect(student.header).toContainText('Year 7 · 7B');
  await expect(student.facts).toContainText('EHCP');
  await expect(student.passport).toBeVisible();
  await expect(student.list('Needs')).toContainText(NOISE);
  await expect(student.list('What helps me')).toContainText(LITERAL);
  await expect(student.list("What doesn't help")).toContainText('Being touched on the shoulder');
  await expect(student.voice).toContainText('I like to know what is happening next.');
  const passportBox = await student.passport.boundingBox();
  const medicalBox = await student.medical.boundingBox();
  expect(passportBox!.y).toBeLessThan(medicalBox!.y);

  // Nothing medical is on screen until asked for.
  await expect(student.medicalToggle).toHaveAttribute('aria-expanded', 'false');
  await expect(page.getByText(ASTHMA)).toBeHidden();
  await expect(page.getByText('Joanne Ingleby')).toBeHidden();

  await student.showMedical();
  await expect(student.medicalNotes).toContainText(ASTHMA);
  await expect(student.medicalNotes).toContainText('Moderate');
  // Contacts in the order to call them, numbers ready to dial.
  const contacts = student.contacts.getByRole('listitem');
  await expect(contacts).toHaveCount(2);
  await expect(contacts.nth(0)).toContainText('Joanne Ingleby · Mother');
  await expect(contacts.nth(1)).toContainText('Owen Ingleby · Grandfather');
  await expect(contacts.nth(0).getByRole('link', { name: '07700 900018' })).toHaveAttribute('href', 'tel:07700900018');

  // Opening the page again hides them again.
  await page.reload();
  await expect(student.heading(JAMIE.name)).toBeVisible();
  await expect(student.medicalToggle).toHaveAttribute('aria-expanded', 'false');
  await expect(page.getByText(ASTHMA)).toBeHidden();
});

test('a life-threatening note stands out', async ({ page, serverUrl }) => {
  const student = await openProfile(page, serverUrl, DEMO.mentor, GRACE);
  await student.showMedical();
  const first = student.medicalNotes.getByRole('listitem').first();
  await expect(first).toContainText('Life-threatening');
  await expect(first).toContainText('Nut allergy');
  await expect(first).toHaveClass(/life-threatening/);
});

test('a mentor may change strategies and the student\'s words, not needs, SEND status or details', async ({
  page,
  serverUrl,
}) => {
  const student = await openProfile(page, serverUrl, DEMO.mentor, JAMIE);

  await expect(student.list('What helps me').getByRole('button', { name: `Edit strategy: ${LITERAL}` })).toBeVisible();
  await expect(student.list('What helps me').getByRole('button', { name: 'Add strategy' })).toBeVisible();
  await expect(student.list("What doesn't help").getByRole('button', { name: /^Add / })).toBeVisible();
  await expect(student.voice.getByRole('button', { name: 'Edit In my words' })).toBeVisible();

  await expect(student.list('Needs').getByRole('button')).toHaveCount(0);
  await expect(student.list('Needs').getByRole('textbox')).toHaveCount(0);
  await expect(student.form).toHaveCount(0);
  await expect(page.getByLabel('SEND status')).toHaveCount(0);
  await student.showMedical();
  await expect(student.medicalNotes).toContainText(ASTHMA);
  await expect(student.medical.getByRole('button', { name: /Edit|Add|Remove/ })).toHaveCount(0);
  await expect(student.medical.getByRole('textbox')).toHaveCount(0);
});

test('the DSL reads the profile and changes nothing', async ({ page, serverUrl }) => {
  const student = await openProfile(page, serverUrl, DEMO.dsl, JAMIE);
  await expect(student.list('What helps me')).toContainText(LITERAL);
  await expect(student.passport.getByRole('button')).toHaveCount(0);
  await expect(student.form).toHaveCount(0);
  await student.showMedical();
  await expect(student.medical.getByRole('button', { name: /Edit|Add|Remove/ })).toHaveCount(0);
});

test('the SENCO changes a need, the SEND status and a medical note', async ({ page, freshServer }) => {
  const student = await openProfile(page, freshServer.url, DEMO.senco, JAMIE);

  await student.editItem('Needs', NOISE, 'Sensitive to noise; busy corridors and the canteen are overwhelming');

  await expect(student.facts).toContainText('EHCP');
  await student.sendStatus.selectOption({ label: 'SEN support' });
  await student.save.click();
  await expect(student.saved).toBeVisible();
  await expect(student.facts).toContainText('SEN support');

  await student.showMedical();
  await student.medicalNotes.getByRole('button', { name: `Edit medical note: ${ASTHMA}` }).click();
  await student.medicalNotes.getByLabel('Severity', { exact: true }).first().selectOption({ label: 'Severe' });
  await student.medicalNotes.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(student.savedIn(student.medicalNotes)).toBeVisible();
  await expect(student.medicalNotes.getByRole('listitem').filter({ hasText: ASTHMA })).toContainText('Severe');

  await student.contacts.getByLabel('Name', { exact: true }).fill('Priya Ingleby');
  await student.contacts.getByLabel('Relationship', { exact: true }).fill('Aunt');
  await student.contacts.getByLabel('Phone', { exact: true }).fill('07700 900999');
  await student.contacts.getByLabel('Order to call', { exact: true }).selectOption('3');
  await student.contacts.getByRole('button', { name: 'Add contact' }).click();
  await expect(student.savedIn(student.contacts)).toBeVisible();
  await expect(student.contacts.getByRole('listitem').nth(2)).toContainText('Priya Ingleby · Aunt');

  // All of it is on the device: a reload shows the same.
  const shell = new AppShell(page, freshServer.url);
  await expect(shell.connectionStatus).toHaveText('All saved and synced');
  await page.reload();
  await expect(student.list('Needs')).toContainText('busy corridors and the canteen');
  await expect(student.facts).toContainText('SEN support');
});

test('the SENCO changes a contact\'s phone in place; it stays after a reload and reaches the server', async ({
  page,
  newDevice,
  freshServer,
}) => {
  const student = await openProfile(page, freshServer.url, DEMO.senco, JAMIE);
  await student.showMedical();
  const joanne = student.contact('Joanne Ingleby');
  await expect(joanne.getByRole('link', { name: '07700 900018' })).toBeVisible();

  // A number in the wrong form is refused with the same words as when adding.
  await student.contacts.getByRole('button', { name: 'Edit contact: Joanne Ingleby', exact: true }).click();
  const form = student.contacts.getByRole('form', { name: 'Edit contact: Joanne Ingleby', exact: true });
  await expect(form.getByLabel('Order to call', { exact: true })).toHaveValue('1');
  await form.getByLabel('Phone', { exact: true }).fill('');
  await form.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(student.contacts.getByRole('status')).toHaveText('A contact needs a name, a relationship and a phone number.');
  await form.getByRole('button', { name: 'Cancel', exact: true }).click();

  await student.editContact('Joanne Ingleby', { phone: '07700 900456' });
  await expect(joanne.getByRole('link', { name: '07700 900456' })).toHaveAttribute('href', 'tel:07700900456');
  await expect(joanne).toContainText('Joanne Ingleby · Mother');
  await expect(student.contacts.getByRole('listitem')).toHaveCount(2);

  // Saved on the device: a reload shows the new number.
  const shell = new AppShell(page, freshServer.url);
  await page.reload();
  await expect(student.heading(JAMIE.name)).toBeVisible();
  await student.showMedical();
  await expect(student.contact('Joanne Ingleby').getByRole('link', { name: '07700 900456' })).toBeVisible();
  await expect(shell.connectionStatus).toHaveText('All saved and synced');

  // Synced: the admin, signing in on another device, sees it from the server.
  const adminPage = await newDevice();
  const adminShell = await signInAndSync(adminPage, freshServer.url, DEMO.admin);
  await adminShell.goTo('Students');
  const adminView = await new StudentsPage(adminPage).open(JAMIE);
  await adminView.showMedical();
  await expect(adminView.contact('Joanne Ingleby').getByRole('link', { name: '07700 900456' })).toBeVisible();
  await expect(adminView.contacts).not.toContainText('07700 900018');
});

test('the profile has no serious or critical accessibility violations, medical details open', async ({
  page,
  serverUrl,
}) => {
  const student = await openProfile(page, serverUrl, DEMO.senco, GRACE);
  await student.showMedical();
  await expect(student.medicalNotes).toContainText('Nut allergy');
  await expect(student.form).toBeVisible();

  expect(await seriousViolations(page)).toEqual([]);
});

test('after signing out, a profile\'s address shows the sign-in page and the device holds no records', async ({
  page,
  serverUrl,
}) => {
  const profile = await openProfile(page, serverUrl, DEMO.senco, JAMIE);
  await profile.showMedical();
  await expect(page.getByText(ASTHMA)).toBeVisible();
  const address = page.url();

  const shell = new AppShell(page, serverUrl);
  await shell.open('/device');
  await new DevicePage(page).signOut.click();
  await expect(shell.connectionStatus).toContainText('Sign in to sync');
  await page.goto(address);

  await expect(new SignInPage(page).heading).toBeVisible();
  await expect(profile.heading(JAMIE.name)).toHaveCount(0);
  await expect(page.getByText(ASTHMA)).toHaveCount(0);
  expect(await shell.storedCounts()).toEqual({ records: 0, outbox: 0 });
});
