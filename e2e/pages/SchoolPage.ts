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

/** What a new teaching group is given on the Groups page. */
export interface NewGroup {
  name: string;
  subject?: string;
  /** "Year 7" … "Year 13"; left out for a mixed group. */
  yearGroup?: string;
}

/** `/school/groups`: create a teaching group, or choose one; its staff and students. */
export class GroupsPage {
  readonly heading: Locator;
  readonly group: Locator;
  readonly newGroup: Locator;
  readonly staff: Locator;
  readonly staffToAdd: Locator;
  readonly students: Locator;
  readonly find: Locator;
  readonly toAdd: Locator;
  readonly saved: Locator;

  constructor(readonly page: Page) {
    const main = page.getByRole('main');
    this.heading = page.getByRole('heading', { level: 1, name: 'Groups', exact: true });
    this.group = main.getByLabel('Group', { exact: true });
    this.newGroup = main.getByRole('form', { name: 'New group', exact: true });
    this.staff = main.getByRole('list', { name: 'Staff in the group', exact: true });
    this.staffToAdd = main.getByLabel('Member of staff to add', { exact: true });
    this.students = main.getByRole('list', { name: 'Students in the group', exact: true });
    this.find = main.getByLabel('Find a student to add', { exact: true });
    this.toAdd = main.getByRole('list', { name: 'Students to add', exact: true });
    this.saved = main.getByRole('status').filter({ hasText: 'Saved on this device' });
  }

  /** Creates a group and waits until it is saved and chosen. */
  async create(group: NewGroup): Promise<void> {
    await expect(this.heading).toBeVisible();
    await this.newGroup.getByLabel('Group name', { exact: true }).fill(group.name);
    if (group.subject !== undefined) await this.newGroup.getByLabel('Subject (optional)', { exact: true }).fill(group.subject);
    if (group.yearGroup !== undefined) {
      await this.newGroup.getByLabel('Year group (optional)', { exact: true }).selectOption({ label: group.yearGroup });
    }
    await this.newGroup.getByRole('button', { name: 'Create group', exact: true }).click();
    await expect(this.saved).toHaveText(`Created ${group.name}. Saved on this device.`);
    await expect(this.chosen).toHaveText(group.name);
  }

  /** The group the select shows. */
  get chosen(): Locator {
    return this.group.locator('option:checked');
  }

  async choose(name: string): Promise<void> {
    await expect(this.heading).toBeVisible();
    await this.group.selectOption({ label: name });
    await expect(this.students).toBeAttached();
  }

  /** A member of staff's row in the group. */
  staffMember(name: string): Locator {
    return this.staff.getByRole('listitem').filter({ hasText: name });
  }

  /** A student's row in the group. */
  inGroup(student: DemoStudent): Locator {
    return this.students.getByRole('listitem').filter({ hasText: student.name }).filter({ hasText: student.yearAndForm });
  }

  /** Adds a member of staff by the name and role the menu shows ("Dana Whitcombe (Teacher)"). */
  async addStaff(label: string, name: string): Promise<void> {
    await this.staffToAdd.selectOption({ label });
    await this.page.getByRole('main').getByRole('button', { name: 'Add to group', exact: true }).click();
    await expect(this.staffMember(name)).toBeVisible();
    await expect(this.saved).toHaveText(new RegExp(`^Added ${name} to `));
  }

  async addStudent(student: DemoStudent): Promise<void> {
    await this.find.fill(student.name);
    await this.toAdd.getByRole('button', { name: `Add ${student.name}`, exact: true }).click();
    await expect(this.inGroup(student)).toBeVisible();
    await expect(this.saved).toHaveText(new RegExp(`^Added ${student.name} to `));
  }

  async removeStudent(student: DemoStudent): Promise<void> {
    await this.students.getByRole('button', { name: `Remove ${student.name}`, exact: true }).click();
    await expect(this.inGroup(student)).toHaveCount(0);
    await expect(this.saved).toHaveText(new RegExp(`^Removed ${student.name} from `));
  }
}
