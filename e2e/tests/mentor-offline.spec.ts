/**
 * The mentor's day without signal: find a student by a few letters, read their Learning
 * Passport, open the medical details with one tap, change a strategy; the change survives a
 * reload and waits on the device. Meanwhile the SENCO changes another part of the same
 * passport on another device; once the mentor is back online both changes are on both devices.
 */
import { DEMO, type DemoStudent } from '../fixtures/demo';
import { expect, test } from '../fixtures/test';
import { signInAndSync } from '../pages/SignInPage';
import { StudentPage } from '../pages/StudentPage';
import { StudentsPage } from '../pages/StudentsPage';

const SYNCED = 'All saved and synced';
const JAMIE: DemoStudent = { name: 'Jamie Ingleby', yearAndForm: 'Year 7 · 7B' };
const MATCHING_JA: DemoStudent[] = [
  { name: 'Brodie Jarrow', yearAndForm: 'Year 7 · 7B' },
  { name: 'Grace Jarrow', yearAndForm: 'Year 7 · 7A' },
  { name: 'Lottie Jarrow', yearAndForm: 'Year 7 · 7B' },
  JAMIE,
];

const STRATEGY = 'Use clear, literal language and explain idioms and jokes';
const STRATEGY_NOW = 'Use clear, literal language; explain idioms, jokes and sarcasm';
const NEED = 'Sensitive to noise; busy corridors are overwhelming';
const NEED_NOW = 'Sensitive to noise; busy corridors and the canteen are overwhelming';
const ASTHMA = 'Asthma — blue reliever inhaler kept in blazer pocket; may need it during or after PE';


test('a mentor offline finds a student, edits their passport, and merges with the SENCO', async ({
  newDevice,
  freshServer,
}) => {
  const url = freshServer.url;
  const page = await newDevice();
  const shell = await signInAndSync(page, url, DEMO.mentor);
  // Reloading with no network needs the service worker to hold the app.
  await shell.waitForServiceWorkerControl();
  await shell.goTo('Students');
  const students = new StudentsPage(page);
  await expect(students.heading).toBeVisible();

  await page.context().setOffline(true);
  await expect(shell.connectionStatus).toHaveText('Offline — working from this device');

  await page.getByLabel('Search students').fill('ja');
  for (const student of MATCHING_JA) await expect(students.student(student)).toBeVisible();
  await expect(students.list.getByRole('link')).toHaveCount(MATCHING_JA.length);

  const jamie = await students.open(JAMIE);
  await expect(jamie.passport).toBeVisible();
  await expect(jamie.list('What helps me')).toContainText(STRATEGY);
  await expect(page.getByText(ASTHMA)).toBeHidden();
  await jamie.showMedical();
  await expect(jamie.medicalNotes).toContainText(ASTHMA);

  await jamie.editItem('What helps me', STRATEGY, STRATEGY_NOW);
  await expect(shell.connectionStatus).toHaveText('Offline — 1 saved on this device');

  // A reload with no network: the app, the edit and the count all come from the device.
  await shell.reloadOffline();
  await expect(jamie.heading(JAMIE.name)).toBeVisible();
  await expect(jamie.list('What helps me')).toContainText(STRATEGY_NOW);
  await expect(jamie.list('What helps me')).not.toContainText(STRATEGY);
  await expect(shell.connectionStatus).toHaveText('Offline — 1 saved on this device');
  // Medical details are closed again after the reload.
  await expect(jamie.medicalToggle).toHaveAttribute('aria-expanded', 'false');

  // Meanwhile the SENCO, on another device, changes a need of the same student.
  const sencoPage = await newDevice();
  const sencoShell = await signInAndSync(sencoPage, url, DEMO.senco);
  await sencoShell.goTo('Students');
  const senco = await new StudentsPage(sencoPage).open(JAMIE);
  await senco.editItem('Needs', NEED, NEED_NOW);
  await expect(sencoShell.connectionStatus).toHaveText(SYNCED);

  // Back online: the mentor's edit goes up and the SENCO's comes down.
  await shell.goOnline();
  await expect(shell.connectionStatus).toHaveText(SYNCED);
  await expect(jamie.list('Needs')).toContainText(NEED_NOW);
  await expect(jamie.list('What helps me')).toContainText(STRATEGY_NOW);

  // The SENCO's device pulls the mentor's edit at its next sync (a reload starts one).
  await sencoPage.reload();
  await expect(sencoShell.connectionStatus).toHaveText(SYNCED);
  const sencoAgain = new StudentPage(sencoPage);
  await expect(sencoAgain.list('What helps me')).toContainText(STRATEGY_NOW);
  await expect(sencoAgain.list('Needs')).toContainText(NEED_NOW);
});
