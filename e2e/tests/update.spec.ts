/**
 * Updates: a new build reaches an open app as a notice, and takes over only when the mentor
 * chooses, so nothing being typed is lost to a surprise reload.
 */
import { readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { expect, test } from '../fixtures/test';
import { DEMO } from '../fixtures/demo';
import { AppShell } from '../pages/AppShell';
import { signInAndSync } from '../pages/SignInPage';
import { TodayPage } from '../pages/TodayPage';

/** The worker's build id, which also names the cache of that build's shell. */
const BUILD_ID = /const BUILD_ID = "([^"]+)";/;

/**
 * Deploys a "new build" into `distDir` the way a release does: the service worker's bytes and
 * its build id change. Returns both ids.
 */
function publishNewServiceWorker(distDir: string): { oldId: string; newId: string } {
  const worker = join(distDir, 'sw.js');
  const source = readFileSync(worker, 'utf8');
  const oldId = BUILD_ID.exec(source)?.[1];
  if (!oldId) throw new Error(`${worker} has no \`const BUILD_ID = "…";\` line to change`);
  const newId = `${oldId}-next`;
  const previous = statSync(worker).mtimeMs;
  writeFileSync(worker, `${source.replace(BUILD_ID, `const BUILD_ID = "${newId}";`)}\n// next build\n`);
  // The browser checks for an update with If-Modified-Since, and HTTP dates have whole seconds:
  // a file rewritten within the second it was copied would be answered "304 Not Modified" and
  // the new version never seen. A real release lands long after the last; make this one too.
  const later = new Date(Math.max(previous, Date.now()) + 5_000);
  utimesSync(worker, later, later);
  // The server prefers precompressed siblings; left in place they would serve the old worker.
  rmSync(`${worker}.br`, { force: true });
  rmSync(`${worker}.gz`, { force: true });
  return { oldId, newId };
}

test.describe('updates', () => {
  // Runs on the phone project only (see testIgnore in playwright.config.ts).

  test('a new version is offered and applied on "Reload to update"', async ({ page, serverOnDistCopy }) => {
    const shell = new AppShell(page, serverOnDistCopy.url);
    const today = new TodayPage(page);
    const workerUrl = new URL('/sw.js', serverOnDistCopy.url).href;

    await signInAndSync(page, serverOnDistCopy.url, DEMO.mentor);
    await expect(today.heading).toBeVisible();
    await shell.waitForServiceWorkerControl();
    await expect(today.readyOffline).toBeVisible();
    await expect(shell.updateNotice).toHaveCount(0);

    const { oldId, newId } = publishNewServiceWorker(serverOnDistCopy.distDir);
    await page.evaluate(async () => {
      const registration = await navigator.serviceWorker.getRegistration();
      await registration?.update();
    });

    // The new worker installs and waits; the notice follows from that.
    await expect.poll(() => shell.serviceWorkerState(), { timeout: 20_000 }).toMatchObject({ waiting: workerUrl });
    await expect(shell.updateNotice).toBeVisible();
    await expect(shell.updateNotice).toContainText('A new version of Progress Mentor is ready.');
    await expect(shell.reloadToUpdate).toBeVisible();
    // Offered, not forced: the new worker waits while the old one still controls the page.
    expect(await shell.serviceWorkerState()).toMatchObject({ controller: workerUrl, waiting: workerUrl });

    // A mark on this document: gone after the reload, proving the page really reloaded.
    await page.evaluate(() => Object.assign(window, { beforeUpdate: true }));
    const reloaded = page.waitForEvent('load');
    await shell.reloadToUpdate.click();
    await reloaded;

    expect(await page.evaluate(() => 'beforeUpdate' in window)).toBe(false);
    await expect(today.heading).toBeVisible();
    await expect(shell.updateNotice).toHaveCount(0);
    // Nothing waits any more, so the worker that was waiting is the one in control.
    await expect
      .poll(() => shell.serviceWorkerState())
      .toMatchObject({ controller: workerUrl, active: workerUrl, activeState: 'activated', waiting: null });
    // Activation deletes every other build's cache, so only the new worker can leave this state.
    await expect
      .poll(async () => {
        const keys = await page.evaluate(() => caches.keys());
        return { keys, hasNew: keys.some((key) => key.endsWith(newId)), hasOld: keys.some((key) => key.endsWith(oldId)) };
      })
      .toMatchObject({ hasNew: true, hasOld: false });
  });
});
