/** The Today page at `/`: the date and whether this device is ready to work offline. */
import type { Locator, Page } from '@playwright/test';

export class TodayPage {
  readonly heading: Locator;
  readonly deviceHeading: Locator;
  readonly readyOffline: Locator;
  readonly preparingOffline: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'Today', exact: true });
    this.deviceHeading = page.getByRole('heading', { level: 2, name: 'This device', exact: true });
    this.readyOffline = page.getByText('Ready to work offline', { exact: true });
    this.preparingOffline = page.getByText('Preparing offline use…', { exact: true });
  }

  /** Where the page shows a given date, e.g. "Monday 23 November 2026". */
  date(text: string): Locator {
    return this.page.getByText(text, { exact: true });
  }

  /**
   * Today's date as the app must write it, computed in the browser so the time zone is the
   * one the app sees. Built from parts because CLDR versions differ on a comma after the weekday
   * and the app's format ("Monday 23 November 2026") has none.
   */
  async expectedDate(): Promise<string> {
    return this.page.evaluate(() => {
      const parts = new Intl.DateTimeFormat('en-GB', {
        weekday: 'long',
        day: 'numeric',
        month: 'long',
        year: 'numeric',
      }).formatToParts(new Date());
      const part = (type: Intl.DateTimeFormatPartTypes) =>
        parts.find((p) => p.type === type)?.value ?? `<no ${type}>`;
      return `${part('weekday')} ${part('day')} ${part('month')} ${part('year')}`;
    });
  }
}
