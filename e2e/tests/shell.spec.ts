/** The app shell: what every mentor sees first, on a phone and on a tablet. */
import type { Route } from '@playwright/test';

import { expect, test } from '../fixtures/test';
import { AppShell } from '../pages/AppShell';
import { DevicePage } from '../pages/DevicePage';
import { NotFoundPage } from '../pages/NotFoundPage';
import { RegistersPage } from '../pages/RegisterPages';
import { signInAndSync } from '../pages/SignInPage';
import { TodayPage } from '../pages/TodayPage';
import { DEMO } from '../fixtures/demo';

/** WCAG 2.5.5 and both platforms' guidelines: targets a finger can hit. */
const MIN_TOUCH_TARGET_PX = 44;

test.describe('app shell', () => {
  test('signed out, every address shows the sign-in page in the app frame', async ({ page, serverUrl, pageErrors }) => {
    const shell = new AppShell(page, serverUrl);
    for (const path of ['/', '/students', '/device', '/no/such/page']) {
      await shell.open(path);
      await expect(shell.heading('Sign in')).toBeVisible();
      await expect(shell.banner).toContainText('Progress Mentor');
      await expect(shell.nav).toHaveCount(0);
      // Online with nobody signed in: the header says what sync needs.
      await expect(shell.connectionStatus).toHaveText(/^Sign in to sync\b/);
    }
    expect(pageErrors).toEqual([]);
  });

  test('opens on Today with the date, the banner and the main navigation', async ({ page, serverUrl, pageErrors }) => {
    const shell = new AppShell(page, serverUrl);
    const today = new TodayPage(page);

    await signInAndSync(page, serverUrl, DEMO.mentor);
    await shell.open('/');
    // Computed in the browser, whose clock and time zone the app reads; before and after the
    // page renders, so a run that crosses midnight accepts either day.
    const dayBefore = await today.expectedDate();
    await expect(today.heading).toBeVisible();
    const dayAfter = await today.expectedDate();
    await expect(today.date(dayBefore).or(today.date(dayAfter))).toBeVisible();
    await expect(shell.banner).toContainText('Progress Mentor');
    await expect(shell.connectionStatus).toHaveText('All saved and synced');
    await expect(shell.navLink('Today')).toBeVisible();
    await expect(shell.navLink('Students')).toBeVisible();
    await expect(shell.navLink('Device')).toBeVisible();
    await expect(shell.navLink('Today')).toHaveAttribute('aria-current', 'page');
    await expect(today.deviceHeading).toBeVisible();
    expect(pageErrors).toEqual([]);
  });

  test('main navigation is a bottom bar on a phone and a left rail on a tablet', async ({ page, serverUrl }, testInfo) => {
    const shell = await signInAndSync(page, serverUrl, DEMO.mentor);
    await expect(shell.nav).toBeVisible();

    const viewport = page.viewportSize()!;
    const nav = (await shell.nav.boundingBox())!;
    const where = `nav box ${JSON.stringify(nav)} in viewport ${viewport.width}×${viewport.height}`;

    if (testInfo.project.name === 'phone') {
      // Within reach of a thumb: across the whole width, against the bottom edge.
      expect(nav.y, where).toBeGreaterThan(viewport.height / 2);
      expect(nav.y + nav.height, where).toBeGreaterThanOrEqual(viewport.height - 2);
      expect(nav.x, where).toBeLessThanOrEqual(1);
      expect(nav.width, where).toBeGreaterThanOrEqual(viewport.width - 2);
    } else {
      // A rail: at the left edge, most of the height, a small share of the width.
      expect(nav.x, where).toBeLessThanOrEqual(1);
      expect(nav.height, where).toBeGreaterThanOrEqual(viewport.height * 0.6);
      expect(nav.width, where).toBeLessThanOrEqual(viewport.width * 0.25);
    }
  });

  test('every navigation target is at least 44×44 px', async ({ page, serverUrl }) => {
    const shell = await signInAndSync(page, serverUrl, DEMO.mentor);
    await expect(shell.navLink('Device')).toBeVisible();

    const targets = [...(await shell.nav.getByRole('link').all()), ...(await shell.nav.getByRole('button').all())];
    expect(targets.length).toBeGreaterThanOrEqual(2);
    for (const target of targets) {
      const name = (await target.textContent())?.trim();
      const box = await target.boundingBox();
      expect(box, `${name} has no box`).not.toBeNull();
      expect.soft(box!.width, `width of "${name}"`).toBeGreaterThanOrEqual(MIN_TOUCH_TARGET_PX);
      expect.soft(box!.height, `height of "${name}"`).toBeGreaterThanOrEqual(MIN_TOUCH_TARGET_PX);
    }
  });

  test('the header keeps its height while a change waits to sync, so a tap lands where it was aimed', async ({ page, serverUrl }) => {
    const shell = await signInAndSync(page, serverUrl, DEMO.mentor);
    const height = () => shell.banner.evaluate((header) => header.getBoundingClientRect().height);
    const synced = await height();
    await expect(shell.syncNow).toBeHidden();

    // The server holds every sync request: the register just opened waits, and "Sync now"
    // is offered.
    const held: Route[] = [];
    await page.context().route('**/api/v1/sync/**', (route) => {
      held.push(route);
    });
    const registers = new RegistersPage(page);
    await registers.open();
    await registers.session.fill('AM');
    await registers.openButton.click();
    await expect(shell.syncNow).toBeVisible();
    await expect(shell.connectionStatus).toHaveText(/waiting to sync|Syncing/);
    expect(await height()).toBe(synced);

    await page.context().setOffline(true);
    await expect(shell.connectionStatus).toHaveText('Offline — 1 saved on this device');
    expect(await height()).toBe(synced);
    await page.context().setOffline(false);
    for (const route of held) await route.abort().catch(() => undefined);
  });

  test('the Device link opens the Device page and becomes the current page', async ({ page, serverUrl, request, pageErrors }) => {
    const shell = new AppShell(page, serverUrl);
    const device = new DevicePage(page);
    const health = await (await request.get(new URL('/api/health', serverUrl).href)).json();

    await signInAndSync(page, serverUrl, DEMO.mentor);
    await expect(shell.heading('Today')).toBeVisible();
    await shell.goTo('Device');

    await expect(page).toHaveURL(new URL('/device', serverUrl).href);
    await expect(device.heading).toBeVisible();
    await expect(device.appVersionLabel).toBeVisible();
    // The app and the server are one release, so the app must show the server's version.
    await expect(device.version(health.app_version)).toBeVisible();
    await expect(device.serverReachable).toBeVisible();
    await expect(shell.navLink('Device')).toHaveAttribute('aria-current', 'page');
    await expect(shell.navLink('Today')).not.toHaveAttribute('aria-current');
    expect(pageErrors).toEqual([]);
  });

  test('an unknown address shows Page not found with a way back to Today', async ({ page, serverUrl, pageErrors }) => {
    const shell = new AppShell(page, serverUrl);
    const notFound = new NotFoundPage(page);

    await signInAndSync(page, serverUrl, DEMO.mentor);
    // Nested on purpose: the shell's assets must load from any depth.
    await shell.open('/no/such/page');
    await expect(notFound.heading).toBeVisible();
    await expect(shell.banner).toContainText('Progress Mentor');
    await notFound.backToToday.click();
    await expect(shell.heading('Today')).toBeVisible();
    expect(pageErrors).toEqual([]);
  });
});
