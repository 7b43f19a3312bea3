/**
 * A lesson note's capture, timed in the page with the notes `cargo xtask bench capture` put
 * on the server already synced onto the device: the study-support group's learning mentor
 * starts a lesson and records 200 one-tag notes. Each is timed from the tag's tap to the
 * tile showing the note, which lesson mode does only once the note is committed in IndexedDB.
 * Also times 200 raw IndexedDB puts (one small value each, one transaction each) as the floor.
 * Writes the durations to PM_BENCH_OUT.
 */
import { writeFileSync } from 'node:fs';

import { expect, test } from '@playwright/test';

import { DEMO } from '../fixtures/demo';
import { AppShell } from '../pages/AppShell';
import { LessonsPage } from '../pages/LessonPages';
import { SignInPage } from '../pages/SignInPage';

const NOTES = 200;

function requiredEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run this with \`cargo xtask bench capture\``);
  return value;
}

test('capture', async ({ page }) => {
  test.setTimeout(1_800_000);
  const url = requiredEnv('PM_SERVER_URL');
  const out = requiredEnv('PM_BENCH_OUT');
  const shell = new AppShell(page, url);
  await shell.open('/sign-in');
  await new SignInPage(page).signInAs(DEMO.learningMentor);
  await expect(shell.connectionStatus).toHaveText('All saved and synced', { timeout: 1_500_000 });
  const records = (await shell.storedCounts()).records;

  const lessons = new LessonsPage(page);
  await lessons.open();
  const lesson = await lessons.startLesson('Study Support Base');
  const tiles = await lesson.tiles.count();
  const durations: number[] = [];
  for (let n = 0; n < NOTES; n++) {
    const tile = lesson.tiles.nth(n % tiles);
    await tile.click();
    await expect(lesson.sheet).toBeVisible();
    const ms = await page.evaluate(async (index) => {
      const sheet = document.querySelector('[role="dialog"]');
      const tag = Array.from(sheet?.querySelectorAll('button') ?? []).find(
        (button) => button.textContent?.trim() === 'On task',
      );
      const list = document.querySelector('ul[aria-label="Students in this lesson"]');
      if (!tag || !list) throw new Error('no tag or no tiles');
      const before = list.querySelectorAll('li')[index]?.querySelector('.tile-count')?.textContent;
      return new Promise<number>((resolve) => {
        let start = 0;
        const observer = new MutationObserver(() => {
          const count = list.querySelectorAll('li')[index]?.querySelector('.tile-count')?.textContent;
          if (count !== before) {
            observer.disconnect();
            resolve(performance.now() - start);
          }
        });
        observer.observe(list, { subtree: true, childList: true, characterData: true });
        tag.addEventListener('pointerdown', () => (start = performance.now()), { once: true });
        tag.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true }));
        tag.click();
      });
    }, n % tiles);
    durations.push(ms);
  }

  const floor = await page.evaluate(async (count) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open('capture-floor', 1);
      open.onupgradeneeded = () => open.result.createObjectStore('values');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const times: number[] = [];
    const value = { tags: ['On task'], text: 'Settled quickly and started the task', at: Date.now() };
    for (let n = 0; n < count; n++) {
      const start = performance.now();
      await new Promise<void>((resolve, reject) => {
        const tx = db.transaction('values', 'readwrite');
        tx.objectStore('values').put(value, n);
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error);
      });
      times.push(performance.now() - start);
    }
    db.close();
    return times;
  }, NOTES);
  writeFileSync(out, JSON.stringify({ records, durations, floor }));
});
