/** The students list at `/students`: search, filters, and a row per student. */
import { expect, type Locator, type Page } from '@playwright/test';

import type { DemoStudent } from '../fixtures/demo';
import { StudentPage } from './StudentPage';

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A student link's accessible name: shown name, then "Year N · form", and nothing else. */
function linkName(student: DemoStudent): RegExp {
  return new RegExp(`^${escapeRegExp(student.name)}\\s+${escapeRegExp(student.yearAndForm)}$`);
}

/** The list's filters, by the label of their select. */
export type StudentFilter = 'Year' | 'Group' | 'SEND' | 'Caseload';

export class StudentsPage {
  readonly heading: Locator;
  readonly list: Locator;
  readonly search: Locator;
  /** "4 of 16 students", or "16 students" with no search or filter. */
  readonly count: Locator;
  /** The "Filters" disclosure's summary, which says how many filters are set. */
  readonly filtersSummary: Locator;
  readonly noMatches: Locator;
  readonly clearAll: Locator;
  readonly clearFilters: Locator;
  readonly showMore: Locator;
  /** Every student link in the list. */
  readonly links: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'Students', exact: true });
    this.list = page.getByRole('list', { name: 'Students', exact: true });
    this.search = page.getByRole('searchbox', { name: 'Search students', exact: true });
    this.count = page.getByRole('status').filter({ hasText: /^\d+( of \d+)? students?$/ });
    this.filtersSummary = page.locator('summary', { hasText: 'Filters' });
    this.noMatches = page.getByText('No students match your search and filters.');
    this.clearAll = page.getByRole('button', { name: 'Clear search and filters', exact: true });
    this.clearFilters = page.getByRole('button', { name: 'Clear filters', exact: true });
    this.showMore = page.getByRole('button', { name: /^Show \d+ more$/ });
    this.links = this.list.getByRole('link');
  }

  /** The link to a student, by shown name and "Year N · form" (names repeat across years). */
  student(student: DemoStudent): Locator {
    return this.list.getByRole('link', { name: linkName(student) });
  }

  /** A student's whole row: the link and, beside it, the SEND badge. */
  row(student: DemoStudent): Locator {
    return this.list.getByRole('listitem').filter({ has: this.page.getByRole('link', { name: linkName(student) }) });
  }

  /** A filter's select; opens the "Filters" disclosure first if it is closed (a phone). */
  async filter(label: StudentFilter): Promise<Locator> {
    const select = this.page.getByLabel(label, { exact: true });
    if (!(await select.isVisible())) {
      await this.filtersSummary.click();
    }
    await expect(select).toBeVisible();
    return select;
  }

  /** Chooses an option, by its label, in a filter. */
  async filterBy(label: StudentFilter, option: string): Promise<void> {
    await (await this.filter(label)).selectOption({ label: option });
  }

  /** Expects the list to show exactly these students, in any order. */
  async expectExactly(students: DemoStudent[]): Promise<void> {
    await expect(this.links).toHaveCount(students.length);
    for (const student of students) {
      await expect(this.student(student)).toBeVisible();
    }
  }

  async open(student: DemoStudent): Promise<StudentPage> {
    await this.student(student).click();
    const page = new StudentPage(this.page);
    await expect(page.heading(student.name)).toBeVisible();
    return page;
  }
}
