/** What any unknown app path shows. */
import type { Locator, Page } from '@playwright/test';

export class NotFoundPage {
  readonly heading: Locator;
  readonly backToToday: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'Page not found', exact: true });
    // Outside the main navigation: the page itself must offer the way back.
    this.backToToday = page.getByRole('main').getByRole('link', { name: /Today/ });
  }
}
