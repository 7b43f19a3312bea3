/**
 * Unlocking with 2,000 students on the device, timed in the page: from pressing "Unlock"
 * (the PIN already typed) to the first student of the list on screen, which takes the PIN's
 * key derivation (PBKDF2, 600,000 iterations), unwrapping the data key and opening the
 * sealed records the Students page reads. Repeated after reloads; writes every duration to
 * PM_BENCH_OUT for `cargo xtask bench unlock`.
 */
import { writeFileSync } from 'node:fs';

import { expect, test } from '@playwright/test';

import { DEMO, DEMO_PIN } from '../fixtures/demo';
import { AppShell } from '../pages/AppShell';
import { UnlockPage } from '../pages/LockPages';
import { SignInPage } from '../pages/SignInPage';
import { StudentsPage } from '../pages/StudentsPage';

const RUNS = 7;

function requiredEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run this with \`cargo xtask bench unlock\``);
  return value;
}

test('unlock', async ({ page }) => {
  const url = requiredEnv('PM_SERVER_URL');
  const out = requiredEnv('PM_BENCH_OUT');
  const shell = new AppShell(page, url);
  await shell.open('/sign-in');
  await new SignInPage(page).signInAs(DEMO.admin, { autoUnlock: false });
  await expect(shell.connectionStatus).toHaveText('All saved and synced');
  await shell.goTo('Students');
  const students = new StudentsPage(page);
  await expect(students.links.first()).toBeVisible();
  const records = (await shell.storedCounts()).records;

  const unlock = new UnlockPage(page);
  const durations: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    await page.reload();
    await expect(unlock.heading).toBeVisible();
    await unlock.pin.fill(DEMO_PIN);
    const ms = await page.evaluate(async () => {
      const button = Array.from(document.querySelectorAll('button')).find((b) => b.textContent?.trim() === 'Unlock');
      if (!button) throw new Error('no Unlock button');
      const start = performance.now();
      button.click();
      await new Promise<void>((resolve) => {
        const look = () =>
          document.querySelector('ul[aria-label="Students"] a') ? resolve() : requestAnimationFrame(look);
        look();
      });
      return performance.now() - start;
    });
    durations.push(ms);
  }
  writeFileSync(out, JSON.stringify({ records, durations }));
});
