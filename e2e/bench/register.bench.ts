/**
 * A 200-student register on a phone, timed in the page after `cargo xtask bench register`
 * added the students and their group to the demo school: the study-support group's learning
 * mentor opens the group's register (tap to all 200 rows on screen), re-opens it from the
 * list ten times, marks 200 students one tap each (the mark's tap to its row showing it,
 * which the page does once IndexedDB has committed), then taps 64 children found or back on
 * the demo trip's Departure roll call. Writes the durations to PM_BENCH_OUT.
 */
import { writeFileSync } from 'node:fs';

import { expect, test } from '@playwright/test';

import { DEMO } from '../fixtures/demo';
import { AppShell } from '../pages/AppShell';
import { RegistersPage } from '../pages/RegisterPages';
import { SignInPage } from '../pages/SignInPage';
import { TripPage } from '../pages/TripPages';

const GROUP = 'Year group assembly';
const STUDENTS = 200;
const ROWS = 'ul[aria-label="Students in this register"]';

test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });

function requiredEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run this with \`cargo xtask bench register\``);
  return value;
}

/** Clicks the element `selector` finds (the first with `text`, if given) and times until
 * the register shows all its rows. */
async function timeToRows(page: import('@playwright/test').Page, selector: string, text: string | null): Promise<number> {
  return page.evaluate(
    ({ selector, text, rows, count }) =>
      new Promise<number>((resolve, reject) => {
        const target = Array.from(document.querySelectorAll<HTMLElement>(selector)).find(
          (element) => text === null || element.textContent?.includes(text),
        );
        if (!target) return reject(new Error(`nothing matches ${selector}`));
        const start = performance.now();
        const done = () => document.querySelectorAll(`${rows} > li`).length === count;
        const observer = new MutationObserver(() => {
          if (done()) {
            observer.disconnect();
            resolve(performance.now() - start);
          }
        });
        observer.observe(document.body, { subtree: true, childList: true });
        target.click();
      }),
    { selector, text, rows: ROWS, count: STUDENTS },
  );
}

test('register', async ({ page }) => {
  test.setTimeout(1_800_000);
  const url = requiredEnv('PM_SERVER_URL');
  const out = requiredEnv('PM_BENCH_OUT');
  const shell = new AppShell(page, url);
  await shell.open('/sign-in');
  await new SignInPage(page).signInAs(DEMO.learningMentor);
  await expect(shell.connectionStatus).toHaveText('All saved and synced', { timeout: 1_500_000 });

  const registers = new RegistersPage(page);
  await registers.open();
  await registers.group.selectOption({ label: GROUP });
  await registers.date.fill('2026-09-07');
  await registers.session.fill('Assembly');
  const openNew = [await timeToRows(page, 'form button[type="submit"]', 'Open register')];

  const reopen: number[] = [];
  for (let n = 0; n < 10; n++) {
    await page.getByRole('link', { name: 'Back to registers' }).click();
    await expect(registers.register(GROUP)).toBeVisible();
    reopen.push(await timeToRows(page, 'a.register-link', GROUP));
  }

  const marks: number[] = [];
  const rows = page.getByRole('list', { name: 'Students in this register' }).getByRole('button');
  for (let n = 0; n < STUDENTS; n++) {
    await rows.nth(n).click();
    const sheet = page.getByRole('dialog');
    await expect(sheet).toBeVisible();
    const mark = n % 2 === 0 ? 'Present' : 'Absent';
    marks.push(
      await page.evaluate(
        ({ index, mark, rows }) =>
          new Promise<number>((resolve, reject) => {
            const button = Array.from(document.querySelectorAll<HTMLElement>('[role="dialog"] button')).find(
              (element) => element.textContent?.trim() === mark,
            );
            const row = () => document.querySelectorAll(`${rows} > li`)[index];
            if (!button || !row()) return reject(new Error('no mark button or no row'));
            const start = performance.now();
            const observer = new MutationObserver(() => {
              if (row()?.textContent?.includes(`: ${mark}`)) {
                observer.disconnect();
                resolve(performance.now() - start);
              }
            });
            observer.observe(document.querySelector(rows) ?? document.body, {
              subtree: true,
              childList: true,
              characterData: true,
            });
            button.click();
          }),
        { index: n, mark, rows: ROWS },
      ),
    );
    await expect(sheet).toBeHidden();
  }

  const trip = new TripPage(page);
  await trip.openFromToday();
  const rollCall = await trip.rollCall('Departure');
  await rollCall.everyone.click();
  const tiles = await rollCall.tiles.count();
  const taps: number[] = [];
  for (let n = 0; n < 64; n++) {
    taps.push(
      await page.evaluate((index) => {
        const tile = () => document.querySelectorAll<HTMLElement>('ul[aria-label="Children"] button')[index];
        const before = tile()?.getAttribute('aria-pressed');
        return new Promise<number>((resolve, reject) => {
          if (!tile()) return reject(new Error('no tile'));
          const start = performance.now();
          const observer = new MutationObserver(() => {
            if (tile()?.getAttribute('aria-pressed') !== before) {
              observer.disconnect();
              resolve(performance.now() - start);
            }
          });
          observer.observe(document.body, { subtree: true, childList: true, attributes: true });
          tile()?.click();
        });
      }, n % tiles),
    );
  }
  writeFileSync(out, JSON.stringify({ open_new: openNew, reopen, marks, roll_call: taps }));
});
