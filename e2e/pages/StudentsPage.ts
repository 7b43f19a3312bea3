/** The students list at `/students`. */
import { expect, type Locator, type Page } from '@playwright/test';

import type { DemoStudent } from '../fixtures/demo';
import { StudentPage } from './StudentPage';

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export class StudentsPage {
  readonly heading: Locator;
  readonly list: Locator;
  readonly signInPrompt: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'Students', exact: true });
    this.list = page.getByRole('list', { name: 'Students', exact: true });
    this.signInPrompt = page.getByText('Sign in to see your students.');
  }

  /** The link to a student, by shown name and "Year N · form" (names repeat across years). */
  student(student: DemoStudent): Locator {
    const name = new RegExp(`^${escapeRegExp(student.name)}\\s+${escapeRegExp(student.yearAndForm)}$`);
    return this.list.getByRole('link', { name });
  }

  async open(student: DemoStudent): Promise<StudentPage> {
    await this.student(student).click();
    const page = new StudentPage(this.page);
    await expect(page.heading(student.name)).toBeVisible();
    return page;
  }
}
