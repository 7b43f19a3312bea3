/** The School section (administrators and SENCOs): `/school`, its caseloads and groups. */
import { expect, type Locator, type Page } from '@playwright/test';

import type { DemoStudent } from '../fixtures/demo';

export class SchoolPage {
  readonly heading: Locator;
  readonly navLink: Locator;
  readonly importLink: Locator;
  readonly caseloadsLink: Locator;
  readonly groupsLink: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'School', exact: true });
    this.navLink = page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'School', exact: true });
    const links = page.getByRole('main').getByRole('list', { name: 'School', exact: true });
    this.importLink = links.getByRole('link', { name: /^Import students/ });
    this.caseloadsLink = links.getByRole('link', { name: /^Caseloads/ });
    this.groupsLink = links.getByRole('link', { name: /^Groups/ });
  }
}

/** `/school/caseloads`: a mentor's caseload, with removing and adding students. */
export class CaseloadsPage {
  readonly heading: Locator;
  readonly mentor: Locator;
  readonly caseload: Locator;
  readonly find: Locator;
  readonly toAdd: Locator;
  readonly saved: Locator;
  readonly syncNote: Locator;

  constructor(readonly page: Page) {
    const main = page.getByRole('main');
    this.heading = page.getByRole('heading', { level: 1, name: 'Caseloads', exact: true });
    this.mentor = main.getByLabel('Mentor', { exact: true });
    this.caseload = main.getByRole('list', { name: 'Caseload', exact: true });
    this.find = main.getByLabel('Find a student to add', { exact: true });
    this.toAdd = main.getByRole('list', { name: 'Students to add', exact: true });
    this.saved = main.getByRole('status').filter({ hasText: 'Saved on this device' });
    this.syncNote = main.getByText(/reach mentors' and teachers' devices at their next sync/);
  }

  async chooseMentor(name: string): Promise<void> {
    await expect(this.heading).toBeVisible();
    await this.mentor.selectOption({ label: name });
    await expect(this.page.getByRole('heading', { level: 2, name: `${name}'s caseload`, exact: true })).toBeVisible();
  }

  /** A student's row on the caseload. */
  onCaseload(student: DemoStudent): Locator {
    return this.caseload.getByRole('listitem').filter({ hasText: student.name }).filter({ hasText: student.yearAndForm });
  }

  async add(student: DemoStudent): Promise<void> {
    await this.find.fill(student.name);
    await this.toAdd.getByRole('button', { name: `Add ${student.name}`, exact: true }).click();
    await expect(this.onCaseload(student)).toBeVisible();
    await expect(this.saved).toHaveText(new RegExp(`^Added ${student.name} to `));
  }

  async remove(student: DemoStudent): Promise<void> {
    await this.caseload.getByRole('button', { name: `Remove ${student.name}`, exact: true }).click();
    await expect(this.onCaseload(student)).toHaveCount(0);
    await expect(this.saved).toHaveText(new RegExp(`^Removed ${student.name} from `));
  }
}
