/** Offline-first: once opened online, the shell opens and navigates with no network at all. */
import { expect, test } from '../fixtures/test';
import { AppShell } from '../pages/AppShell';
import { DevicePage } from '../pages/DevicePage';
import { signInAndSync } from '../pages/SignInPage';
import { TodayPage } from '../pages/TodayPage';
import { DEMO } from '../fixtures/demo';

/** Browser-logged failed requests are expected offline; uncaught exceptions never are. */
const uncaught = (errors: string[]) => errors.filter((error) => error.startsWith('uncaught:'));

test.describe('offline use', () => {
  test.beforeEach(async ({ page, serverUrl }) => {
    const shell = await signInAndSync(page, serverUrl, DEMO.mentor);
    await expect(new TodayPage(page).heading).toBeVisible();
    await shell.waitForServiceWorkerControl();
    await expect(new TodayPage(page).readyOffline).toBeVisible();
  });

  test('reloading with no network still opens the app, and it navigates', async ({ page, context, serverUrl, pageErrors }) => {
    const shell = new AppShell(page, serverUrl);
    const today = new TodayPage(page);
    const device = new DevicePage(page);

    await context.setOffline(true);
    await shell.reloadOffline();

    await expect(today.heading).toBeVisible();
    await expect(shell.banner).toContainText('Progress Mentor');
    await expect(shell.connectionStatus).toHaveText(/^Offline/);

    await shell.goTo('Device');
    await expect(device.heading).toBeVisible();
    await expect(device.serverNotReachable).toBeVisible();
    await expect(device.serverReachable).toHaveCount(0);

    await shell.goTo('Today');
    await expect(today.heading).toBeVisible();
    await expect(today.readyOffline).toBeVisible();
    expect(uncaught(pageErrors)).toEqual([]);
  });

  test('a deep link opened with no network is served from the device', async ({ page, context, serverUrl, pageErrors }) => {
    const shell = new AppShell(page, serverUrl);
    const device = new DevicePage(page);

    await context.setOffline(true);
    // A full navigation, not a client-side one: only the service worker can answer it.
    await shell.open('/device');
    await shell.applyOfflineToDocument();

    await expect(device.heading).toBeVisible();
    await expect(shell.connectionStatus).toHaveText(/^Offline/);
    await expect(device.serverNotReachable).toBeVisible();
    expect(uncaught(pageErrors)).toEqual([]);
  });

  test('the status follows the network while the app is open', async ({ page, context, serverUrl }) => {
    const shell = new AppShell(page, serverUrl);

    await context.setOffline(true);
    await expect(shell.connectionStatus).toHaveText(/^Offline/);
    await context.setOffline(false);
    await expect(shell.connectionStatus).toHaveText('All saved and synced');
  });
});
