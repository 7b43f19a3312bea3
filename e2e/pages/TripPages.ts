/**
 * Trips: the trip's page at `/trips/:id`, its roll call at `/trips/:trip/roll-calls/:id`,
 * and a child's trip pack. Located by role and accessible name only.
 */
import { expect, type Locator, type Page } from '@playwright/test';

/** The demo school's trip today: 32 children, Kit Lanyon's group and Nell Thorley's. */
export const DEMO_TRIP = 'Science museum day';

export class TripPage {
  readonly rollCalls: Locator;
  readonly groups: Locator;
  readonly checklist: Locator;
  readonly incidents: Locator;

  constructor(readonly page: Page) {
    this.rollCalls = page.getByRole('region', { name: 'Roll calls' });
    this.groups = page.getByRole('region', { name: 'Children and groups' });
    this.checklist = page.getByRole('region', { name: 'Risk-assessment checklist' });
    this.incidents = page.getByRole('region', { name: 'Incidents' });
  }

  /** Opens the demo trip from Today's "Trips today". */
  async openFromToday(name = DEMO_TRIP): Promise<void> {
    await this.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Today', exact: true }).click();
    await this.page.getByRole('region', { name: 'Trips today' }).getByRole('link', { name: new RegExp(name) }).click();
    await expect(this.page.getByRole('heading', { level: 1, name })).toBeVisible();
    await expect(this.rollCalls).toBeVisible();
  }

  /** Starts (or goes back to) the roll call at `checkpoint`. */
  async rollCall(checkpoint: string): Promise<RollCallSheet> {
    await this.rollCalls.getByRole('button', { name: checkpoint, exact: true }).click();
    const sheet = new RollCallSheet(this.page);
    await expect(this.page.getByRole('heading', { level: 1, name: `${checkpoint} roll call` })).toBeVisible();
    await expect(sheet.tiles.first()).toBeVisible();
    return sheet;
  }
}

export class RollCallSheet {
  readonly count: Locator;
  readonly tiles: Locator;
  readonly missing: Locator;
  readonly complete: Locator;
  readonly everyone: Locator;
  readonly myGroup: Locator;
  readonly problem: Locator;

  constructor(readonly page: Page) {
    this.count = page.getByRole('status', { name: 'Found' });
    this.tiles = page.getByRole('list', { name: 'Children' }).getByRole('button');
    this.missing = page.getByRole('region', { name: 'Missing' });
    this.complete = page.getByRole('button', { name: 'Complete roll call' });
    this.everyone = page.getByRole('button', { name: 'Everyone', exact: true });
    this.myGroup = page.getByRole('button', { name: 'My group', exact: true });
    this.problem = page.getByRole('alert');
  }

  /** The count reads "`found` of `total`". */
  async expectCount(found: number, total: number): Promise<void> {
    await expect(this.count).toContainText(`${found} of ${total} found or accounted for`);
  }

  /** Taps every tile not yet found, but for the children named in `except`, one at a time. */
  async findAll(except: string[] = []): Promise<void> {
    for (const name of await this.names()) {
      if (except.includes(name)) continue;
      const tile = this.tile(name);
      if ((await tile.getAttribute('aria-pressed')) === 'true') continue;
      await tile.click();
      await expect(tile).toHaveAttribute('aria-pressed', 'true');
    }
  }

  /** A child's tile, named "Grace Jarrow: Found" (Chromium reads a space before the colon). */
  tile(name: string): Locator {
    return this.page.getByRole('list', { name: 'Children' }).getByRole('button', { name: new RegExp(`^${name} ?: `) });
  }

  /** The children shown, in order. */
  async names(): Promise<string[]> {
    return (await this.tiles.allTextContents()).map((text) => text.split(':')[0].trim());
  }
}
