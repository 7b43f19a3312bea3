/**
 * A large MIS import counts rows as the server writes them: the file goes in parts of 500
 * rows, and the page says how many are imported so far. The test holds the second part back
 * so the count can be read before it moves on.
 */
import { DEMO } from '../fixtures/demo';
import { expect, test } from '../fixtures/test';
import { ImportPage } from '../pages/ImportPage';
import { signInAndSync } from '../pages/SignInPage';

const UPN_LETTERS = 'ABCDEFGHJKLMNPQRTUVWXYZ';

/** A UPN with the right check letter, from a made-up LA and school. */
function upn(n: number): string {
  const rest = `8239017${String(60000 + n).padStart(5, '0')}`;
  const sum = [...rest].reduce((total, digit, index) => total + Number(digit) * (index + 2), 0);
  return `${UPN_LETTERS[sum % 23]}${rest}`;
}

/** `rows` invented students in Years 7 to 11. */
function yearGroupsExport(rows: number): string {
  const given = ['Ivy', 'Kai', 'Lola', 'Remy', 'Suki', 'Tobin'];
  const family = ['Ashdale', 'Brindle', 'Corran', 'Dunmere', 'Elsford'];
  const lines = ['UPN,Surname,Forename,Year,Form'];
  for (let n = 0; n < rows; n++) {
    const year = 7 + (n % 5);
    lines.push(`${upn(n)},${family[n % 5]},${given[n % 6]},${year},${year}C`);
  }
  return `${lines.join('\r\n')}\r\n`;
}

test('a file of 1,200 rows is imported in parts, counting the rows', async ({ page, freshServer }) => {
  const shell = await signInAndSync(page, freshServer.url, DEMO.admin);
  await shell.open('/school/import');
  const importPage = new ImportPage(page);

  let release = (): void => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  let commits = 0;
  await page.route('**/api/v1/import/students/commit', async (route) => {
    commits += 1;
    if (commits === 2) await held;
    await route.continue();
  });

  await importPage.chooseGenerated('year-groups.csv', yearGroupsExport(1200));
  await expect(importPage.counts).toHaveText('1,200 to create, 0 to update, 0 unchanged');
  await importPage.importButton.click();
  await expect(importPage.progress).toHaveText('Imported 500 of 1,200 rows…');
  await expect(importPage.progress.getByRole('progressbar')).toHaveAttribute('value', '500');
  release();
  await expect(importPage.imported).toContainText('Imported: 1,200 created, 0 updated, 0 unchanged.');
  expect(commits).toBe(3);
});
