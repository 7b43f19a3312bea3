/** One student's page at `/students/{id}`. */
import { expect, type Locator, type Page } from '@playwright/test';

export interface StudentChanges {
  preferredName?: string;
  formGroup?: string;
}

export class StudentPage {
  readonly form: Locator;
  readonly preferredName: Locator;
  readonly givenName: Locator;
  readonly familyName: Locator;
  readonly yearGroup: Locator;
  readonly formGroup: Locator;
  readonly upn: Locator;
  readonly save: Locator;
  readonly saved: Locator;
  readonly error: Locator;
  readonly back: Locator;

  constructor(readonly page: Page) {
    this.form = page.getByRole('form', { name: 'Student details' });
    this.preferredName = this.form.getByLabel('Preferred name', { exact: true });
    this.givenName = this.form.getByLabel('Given name', { exact: true });
    this.familyName = this.form.getByLabel('Family name', { exact: true });
    this.yearGroup = this.form.getByLabel('Year group', { exact: true });
    this.formGroup = this.form.getByLabel('Form group', { exact: true });
    this.upn = this.form.getByLabel('UPN', { exact: true });
    this.save = this.form.getByRole('button', { name: 'Save changes', exact: true });
    this.saved = this.form.getByRole('status').filter({ hasText: 'Saved on this device' });
    this.error = this.form.getByRole('alert');
    this.back = page.getByRole('link', { name: 'Back to students', exact: true });
  }

  heading(name: string): Locator {
    return this.page.getByRole('heading', { level: 1, name, exact: true });
  }

  /** Changes fields, saves, and waits for the save to be committed on the device. */
  async edit(changes: StudentChanges): Promise<void> {
    await expect(this.form).toBeVisible();
    if (changes.preferredName !== undefined) await this.preferredName.fill(changes.preferredName);
    if (changes.formGroup !== undefined) await this.formGroup.fill(changes.formGroup);
    await this.save.click();
    await expect(this.saved).toBeVisible();
  }
}
