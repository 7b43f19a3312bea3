/**
 * Lessons: the list and start form at `/lessons`, lesson mode (tiles and the tag sheet) and
 * the summary at `/lessons/:id`. Located by role and accessible name only.
 */
import { expect, type Locator, type Page } from '@playwright/test';

export class LessonsPage {
  readonly heading: Locator;
  readonly group: Locator;
  readonly start: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'Lessons', exact: true });
    this.group = page.getByLabel('Group', { exact: true });
    this.start = page.getByRole('button', { name: 'Start lesson', exact: true });
  }

  async open(): Promise<void> {
    await this.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Lessons', exact: true }).click();
    await expect(this.heading).toBeVisible();
  }

  /** Starts a lesson for `group` and waits for lesson mode. */
  async startLesson(group: string, { room = '', period = '' } = {}): Promise<LessonMode> {
    await this.group.selectOption({ label: group });
    if (room) await this.page.getByLabel('Room (optional)').fill(room);
    if (period) await this.page.getByLabel('Period (optional)').fill(period);
    await this.start.click();
    const lesson = new LessonMode(this.page);
    await expect(lesson.tiles.first()).toBeVisible();
    return lesson;
  }

  /** The link to a lesson of `group` in the list. */
  lesson(group: string): Locator {
    return this.page.getByRole('link').filter({ hasText: group });
  }
}

export class LessonMode {
  readonly tileList: Locator;
  readonly tiles: Locator;
  readonly sheet: Locator;
  readonly savedLine: Locator;
  readonly undo: Locator;

  constructor(readonly page: Page) {
    this.tileList = page.getByRole('list', { name: 'Students in this lesson' });
    this.tiles = this.tileList.getByRole('button');
    this.sheet = page.getByRole('dialog');
    this.savedLine = page.getByRole('status').filter({ hasText: 'Saved' });
    this.undo = page.getByRole('button', { name: 'Undo', exact: true });
  }

  /** The tile of the student whose accessible name starts with `name`. */
  tile(name: string): Locator {
    return this.tileList.getByRole('button', { name: new RegExp(`^${name}\\b`) });
  }

  /** The two taps: the tile, then the tag. */
  async note(tile: Locator, tag: string): Promise<void> {
    await tile.click();
    await this.sheet.getByRole('button', { name: tag, exact: true }).click();
    await expect(this.sheet).toBeHidden();
  }

  async selectSeveral(): Promise<void> {
    await this.page.getByRole('button', { name: 'Select several', exact: true }).click();
  }

  async end(): Promise<LessonSummary> {
    await this.page.getByRole('button', { name: 'End lesson', exact: true }).click();
    const summary = new LessonSummary(this.page);
    await expect(summary.heading).toBeVisible();
    return summary;
  }
}

export class LessonSummary {
  readonly heading: Locator;
  readonly section: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { name: 'Lesson summary', exact: true });
    this.section = page.getByRole('region', { name: 'Lesson summary' });
  }

  /** One student's part of the summary. */
  student(name: string): Locator {
    return this.section.getByRole('article').filter({ has: this.page.getByRole('heading', { name, exact: true }) });
  }
}
