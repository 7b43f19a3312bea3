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
  readonly blockedReason: Locator;
  readonly imported: Locator;
  readonly offlineNotice: Locator;

  constructor(readonly page: Page) {
    const main = page.getByRole('main');
    this.heading = page.getByRole('heading', { level: 1, name: 'Import students', exact: true });
    this.file = main.getByLabel('CSV file from the MIS', { exact: true });
    this.columns = main.getByRole('list', { name: 'Columns', exact: true });
    this.counts = main.getByText(/^\d[\d,]* to create, \d[\d,]* to update, \d[\d,]* unchanged$/);
    this.badRows = main.getByRole('list', { name: /rows? cannot be imported$/ });
    this.importButton = main.getByRole('button', { name: 'Import', exact: true });
    this.blockedReason = main.locator('#import-blocked');
    this.imported = main.getByRole('status').filter({ hasText: /^Imported:/ });
    this.offlineNotice = main.getByText('Importing needs a connection', { exact: false });
  }

  async choose(name: string): Promise<void> {
    await expect(this.heading).toBeVisible();
    await this.file.setInputFiles(fixtureCsv(name));
  }

  /** The select saying what the column with this header imports as. */
  column(header: string): Locator {
    return this.columns.getByLabel(header, { exact: true });
  }

  async expectCounts(create: number, update: number, unchanged: number): Promise<void> {
    await expect(this.counts).toHaveText(`${create} to create, ${update} to update, ${unchanged} unchanged`);
  }
}
