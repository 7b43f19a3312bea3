/**
 * Registers: the open form and list at `/registers`, and one register at `/registers/:id`
 * (counts, rows, the mark sheet). Located by role and accessible name only.
 */
import { expect, type Locator, type Page } from '@playwright/test';

export class RegistersPage {
  readonly heading: Locator;
  readonly group: Locator;
  readonly date: Locator;
  readonly session: Locator;
  readonly openButton: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'Registers', exact: true });
    this.group = page.getByLabel('Group', { exact: true });
    this.date = page.getByLabel('Date', { exact: true });
    this.session = page.getByLabel('Session (AM, PM, P3, a club)');
    this.openButton = page.getByRole('button', { name: 'Open register', exact: true });
  }

  async open(): Promise<void> {
    await this.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Registers', exact: true }).click();
    await expect(this.heading).toBeVisible();
  }

  /** Opens the register of `group` for `date` (YYYY-MM-DD) and `session`, and waits for it. */
  async openRegister(group: string, date: string, session: string): Promise<RegisterSheet> {
    await this.group.selectOption({ label: group });
    await this.date.fill(date);
    await this.session.fill(session);
    await this.openButton.click();
    const register = new RegisterSheet(this.page);
    await expect(register.heading(`${group} · ${session}`)).toBeVisible();
    await expect(register.rows.first()).toBeVisible();
    return register;
  }

  /** The link to a register of `group` in the list. */
  register(group: string): Locator {
    return this.page.getByRole('link').filter({ hasText: group });
  }
}

export class RegisterSheet {
  readonly counts: Locator;
  readonly rowList: Locator;
  /** One per student: a button while the register is open, a list item once complete. */
  readonly rows: Locator;
  readonly sheet: Locator;
  readonly markAllPresent: Locator;
  readonly complete: Locator;
  readonly reopen: Locator;
  readonly downloadCsv: Locator;

  constructor(readonly page: Page) {
    this.counts = page.getByRole('list', { name: 'Counts' });
    this.rowList = page.getByRole('list', { name: 'Students in this register' });
    this.rows = this.rowList.getByRole('listitem');
    this.sheet = page.getByRole('dialog');
    this.markAllPresent = page.getByRole('button', { name: 'Mark all present', exact: true });
    this.complete = page.getByRole('button', { name: 'Complete register', exact: true });
    this.reopen = page.getByRole('button', { name: 'Re-open register', exact: true });
    this.downloadCsv = page.getByRole('button', { name: 'Download CSV', exact: true });
  }

  heading(name: string): Locator {
    return this.page.getByRole('heading', { level: 1, name, exact: true });
  }

  /** The button of the student whose accessible name starts with `name`. */
  student(name: string): Locator {
    return this.rowList.getByRole('button', { name: new RegExp(`^${name}:`) });
  }

  /** The name of the student in row `index` (0 first), read from the row's text. */
  async studentName(index: number): Promise<string> {
    const text = (await this.rowList.getByRole('button').nth(index).textContent()) ?? '';
    return text.split(':')[0].trim();
  }

  /** Expects the four counts at the top. */
  async expectCounts(present: number, absent: number, late: number, unmarked: number): Promise<void> {
    await expect(this.counts.getByRole('listitem')).toHaveText(
      [`${present} present`, `${absent} absent`, `${late} late`, `${unmarked} unmarked`].map((t) => new RegExp(`^${t}$`)),
    );
  }

  /** Marks `name` with a one-tap mark (Present, Absent, Excused), with an optional note. */
  async mark(name: string, mark: 'Present' | 'Absent' | 'Excused', note = ''): Promise<void> {
    await this.student(name).click();
    if (note) await this.sheet.getByLabel('Note (optional)').fill(note);
    await this.sheet.getByRole('button', { name: mark, exact: true }).click();
    await expect(this.sheet).toBeHidden();
  }

  /** Marks `name` late (arrived at `time`, HH:MM) or left early (left at `time`). */
  async markAtTime(name: string, mark: 'Late' | 'Left early', time: string): Promise<void> {
    await this.student(name).click();
    await this.sheet.getByRole('button', { name: mark, exact: true }).click();
    await this.sheet.getByLabel(mark === 'Late' ? 'Arrived at' : 'Left at', { exact: true }).fill(time);
    await this.sheet.getByRole('button', { name: 'Save mark', exact: true }).click();
    await expect(this.sheet).toBeHidden();
  }
}
