/**
 * Back in signal, the work goes: a device that saved an edit with no network, was reloaded
 * with no network and then got its connection back syncs within seconds, round after round.
 * Run on the phone and the tablet; twenty rounds in one test so that a race between the
 * reload, the lost connection and the sync that was under way shows up.
 */
import type { Route } from '@playwright/test';

import { DEMO, STUDENTS } from '../fixtures/demo';
import { expect, test } from '../fixtures/test';
import { signInAndSync } from '../pages/SignInPage';
import { StudentsPage } from '../pages/StudentsPage';

const ROUNDS = 20;
const SYNCED = 'All saved and synced';
/** "Within a few seconds" of the connection returning; the scheduler's back-off is longer. */
const BACK_ONLINE_MS = 8_000;


test('offline edit, offline reload, back online: synced within seconds, 20 rounds', async ({
  newDevice,
  freshServer,
}) => {
  test.setTimeout(ROUNDS * 15_000 + 30_000);
  const url = freshServer.url;
  const page = await newDevice();
  const context = page.context();
  const shell = await signInAndSync(page, url, DEMO.senco);
  await shell.waitForServiceWorkerControl();
  await shell.goTo('Students');
  const students = new StudentsPage(page);
  const student = await students.open(STUDENTS.devGreyling7);

  for (let round = 1; round <= ROUNDS; round++) {
    const preferredName = `Dev ${round}`;
    await test.step(`round ${round}`, async () => {
      await context.setOffline(true);
      await expect(shell.connectionStatus).toHaveText('Offline — working from this device');
      await student.edit({ preferredName });
      await expect(shell.connectionStatus).toHaveText('Offline — 1 saved on this device');

      await shell.reloadOffline();
      await expect(student.preferredName).toHaveValue(preferredName);
      await expect(shell.connectionStatus).toHaveText('Offline — 1 saved on this device');

      await shell.goOnline();
      await expect(shell.connectionStatus).toHaveText(SYNCED, { timeout: BACK_ONLINE_MS });
    });
  }

  // The server has the last round's edit: another device signed in afresh receives it.
  const other = await newDevice();
  const otherShell = await signInAndSync(other, url, DEMO.admin);
  await otherShell.goTo('Students');
  const seen = await new StudentsPage(other).open({
    name: `Dev ${ROUNDS} Greyling`,
    yearAndForm: STUDENTS.devGreyling7.yearAndForm,
  });
  await expect(seen.preferredName).toHaveValue(`Dev ${ROUNDS}`);
});

test('"Sync now" abandons a request that hangs and sends at once', async ({ newDevice, freshServer }) => {
  const url = freshServer.url;
  const page = await newDevice();
  const context = page.context();
  const shell = await signInAndSync(page, url, DEMO.senco);
  await expect(shell.syncNow).toBeHidden();
  await shell.goTo('Students');
  const student = await new StudentsPage(page).open(STUDENTS.cerysElsworth7);

  // The connection is up but the server never answers (a captive portal, a dropped route):
  // the sync after the edit waits on a request that would otherwise hold it for its deadline.
  const held: Route[] = [];
  let answering = false;
  await context.route('**/api/v1/sync/**', (route) => {
    if (answering) return route.continue();
    held.push(route);
  });
  await student.edit({ preferredName: 'Ceri' });
  await expect(shell.connectionStatus).toHaveText('Syncing 1…');
  await expect.poll(() => held.length).toBeGreaterThan(0);
  await expect(shell.syncNow).toBeVisible();

  // The held request is never answered; only a fresh one can get through.
  answering = true;
  await shell.syncNow.click();
  await expect(shell.connectionStatus).toHaveText(SYNCED, { timeout: BACK_ONLINE_MS });
  await expect(shell.syncNow).toBeHidden();
  for (const route of held) await route.abort().catch(() => undefined);
});
