/** Accessibility: axe finds nothing serious or critical on the app's pages. */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';

import { expect, test } from '../fixtures/test';
import { AppShell } from '../pages/AppShell';
import { DEMO } from '../fixtures/demo';
import { DevicePage } from '../pages/DevicePage';
import { RegistersPage } from '../pages/RegisterPages';
import { ChoosePinPage, UnlockPage } from '../pages/LockPages';
import { SignInPage, signInAndSync } from '../pages/SignInPage';
import { TodayPage } from '../pages/TodayPage';

/** The violations that block someone from using the page, listed for a readable failure. */
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

test.describe('accessibility', () => {
  test('Today has no serious or critical violations', async ({ page, serverUrl }) => {
    const shell = new AppShell(page, serverUrl);
    const today = new TodayPage(page);
    await signInAndSync(page, serverUrl, DEMO.mentor);
    await expect(today.heading).toBeVisible();
    // Checked once the page has settled, so axe sees what a mentor sees.
    await expect(today.readyOffline).toBeVisible();

    expect(await seriousViolations(page)).toEqual([]);
  });

  test('Device has no serious or critical violations', async ({ page, serverUrl }) => {
    const shell = new AppShell(page, serverUrl);
    const device = new DevicePage(page);
    await signInAndSync(page, serverUrl, DEMO.mentor);
    await shell.open('/device');
    await expect(device.heading).toBeVisible();
    await expect(device.serverReachable).toBeVisible();

    expect(await seriousViolations(page)).toEqual([]);
  });

  test('a register and its mark sheet have no serious or critical violations', async ({ page, serverUrl }) => {
    await signInAndSync(page, serverUrl, DEMO.learningMentor);
    const registers = new RegistersPage(page);
    await registers.open();
    expect(await seriousViolations(page)).toEqual([]);
    // A session of its own: the worker's server is shared with the other project's run.
    const register = await registers.openRegister('Study Support Base', '2026-09-08', `Axe ${Date.now()}`);
    await register.markAllPresent.click();
    await register.expectCounts(30, 0, 0, 0);
    expect(await seriousViolations(page)).toEqual([]);
    await register.rowList.getByRole('button').first().click();
    await register.sheet.getByRole('button', { name: 'Late', exact: true }).click();
    await expect(register.sheet.getByLabel('Arrived at', { exact: true })).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
  });

  test('choosing a PIN and the lock screen have no serious or critical violations', async ({ page, serverUrl }) => {
    const shell = new AppShell(page, serverUrl);
    await shell.open('/sign-in');
    await new SignInPage(page).fill(DEMO.mentor.email, 'demo-password-1');
    const choose = new ChoosePinPage(page);
    await expect(choose.heading).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
    await choose.choose();
    await expect(shell.heading('Today')).toBeVisible();
    await page.reload();
    await expect(new UnlockPage(page).heading).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
  });
});
