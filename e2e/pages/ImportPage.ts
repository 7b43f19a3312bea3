/** The MIS import at `/school/import` (administrators, online). */
import { fileURLToPath } from 'node:url';

import { expect, type Locator, type Page } from '@playwright/test';

/** A CSV in `e2e/fixtures/`, by file name. */
export function fixtureCsv(name: string): string {
  return fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url));
}

export class ImportPage {
  readonly heading: Locator;
  readonly file: Locator;
  readonly columns: Locator;
  readonly counts: Locator;
  readonly badRows: Locator;
  readonly importButton: Locator;
  /** "Import the 8 good rows and list the 2 others", offered when some rows are bad. */
  readonly goodRowsButton: Locator;
  readonly blockedReason: Locator;
  readonly imported: Locator;
  /** After importing the good rows: the rows left out, with their lines and reasons. */
  readonly skippedRows: Locator;
  /** "Not imported: Date of Birth, Gender." */
  readonly notImported: Locator;
  /** The rows that will be created or updated, with the names a whole-name column gives. */
  readonly changingRows: Locator;
  /** "Forename Surname" names whose split the admin should check. */
  readonly namesToCheck: Locator;
  readonly offlineNotice: Locator;
  /** "Imported 500 of 1,200 rows…" while the import runs. */
  readonly progress: Locator;

  constructor(readonly page: Page) {
    const main = page.getByRole('main');
    this.heading = page.getByRole('heading', { level: 1, name: 'Import students', exact: true });
    this.file = main.getByLabel('CSV file from the MIS', { exact: true });
    this.columns = main.getByRole('list', { name: 'Columns', exact: true });
    this.counts = main.getByText(/^\d[\d,]* to create, \d[\d,]* to update, \d[\d,]* unchanged$/);
    this.badRows = main.getByRole('list', { name: /rows? cannot be imported$/ });
    this.importButton = main.getByRole('button', { name: 'Import', exact: true });
    this.goodRowsButton = main.getByRole('button', { name: /^Import the [\d,]+ good rows? and list the [\d,]+ others?$/ });
    this.blockedReason = main.locator('#import-blocked');
    this.imported = main.getByRole('status').filter({ hasText: /^Imported:/ });
    this.skippedRows = main.getByRole('list', { name: /rows? not imported$/ });
    this.notImported = main.getByText(/^Not imported: /);
    this.changingRows = main.getByRole('list', { name: 'Students that change', exact: true });
    this.namesToCheck = main.getByRole('list', { name: /names? to check$/ });
    this.offlineNotice = main.getByText('Importing needs a connection', { exact: false });
    this.progress = main.getByRole('status').filter({ hasText: /^Imported [\d,]+ of [\d,]+ rows/ });
  }

  async choose(name: string): Promise<void> {
    await expect(this.heading).toBeVisible();
    await this.file.setInputFiles(fixtureCsv(name));
  }

  /** Chooses a file made in the test, as if picked from the device. */
  async chooseGenerated(name: string, text: string): Promise<void> {
    await expect(this.heading).toBeVisible();
    await this.file.setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(text) });
  }

  /** The select saying what the column with this header imports as. */
  column(header: string): Locator {
    return this.columns.getByLabel(header, { exact: true });
  }

  async expectCounts(create: number, update: number, unchanged: number): Promise<void> {
    await expect(this.counts).toHaveText(`${create} to create, ${update} to update, ${unchanged} unchanged`);
  }
}
