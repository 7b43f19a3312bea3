/**
 * The device's lock: choosing a PIN after signing in, the lock screen, quick-hide's neutral
 * cover, and the header's "Lock" and "Hide".
 */
import { expect, type Locator, type Page } from '@playwright/test';

import { DEMO_PIN } from '../fixtures/demo';

export class ChoosePinPage {
  readonly heading: Locator;
  readonly pin: Locator;
  readonly again: Locator;
  readonly submit: Locator;
  readonly error: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'Choose a PIN', exact: true });
    this.pin = page.getByLabel('New PIN', { exact: true });
    this.again = page.getByLabel('PIN again', { exact: true });
    this.submit = page.getByRole('button', { name: 'Set PIN', exact: true });
    this.error = page.getByRole('main').getByRole('alert');
  }

  async choose(pin = DEMO_PIN, again = pin): Promise<void> {
    await expect(this.heading).toBeVisible();
    await this.pin.fill(pin);
    await this.again.fill(again);
    await this.submit.click();
  }
}

export class UnlockPage {
  readonly heading: Locator;
  readonly pin: Locator;
  readonly submit: Locator;
  readonly error: Locator;
  readonly forgotPin: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'Unlock', exact: true });
    this.pin = page.getByLabel('PIN', { exact: true });
    this.submit = page.getByRole('button', { name: 'Unlock', exact: true });
    this.error = page.getByRole('main').getByRole('alert');
    this.forgotPin = page.getByRole('button', { name: 'Forgot your PIN?', exact: true });
  }

  async unlock(pin = DEMO_PIN): Promise<void> {
    await expect(this.heading).toBeVisible();
    await this.pin.fill(pin);
    await this.submit.click();
  }
}

/** The header's lock controls and quick-hide's cover. */
export class LockControls {
  readonly lock: Locator;
  readonly hide: Locator;
  readonly cover: Locator;
  readonly coverContinue: Locator;

  constructor(readonly page: Page) {
    const banner = page.getByRole('banner');
    this.lock = banner.getByRole('button', { name: 'Lock', exact: true });
    this.hide = banner.getByRole('button', { name: 'Hide the screen now (Escape)', exact: true });
    this.cover = page.getByRole('heading', { level: 1, name: 'Notes', exact: true });
    this.coverContinue = page.getByRole('button', { name: 'Continue', exact: true });
  }
}

/**
 * Enters the demo PIN whenever the lock screen appears (after a reload, or the idle lock), so
 * tests about something else read as before. Tests of the lock itself do not install it.
 */
export async function unlockWhenLocked(page: Page, pin = DEMO_PIN): Promise<void> {
  const lockScreen = new UnlockPage(page);
  await page.addLocatorHandler(lockScreen.heading, async () => {
    await lockScreen.pin.fill(pin);
    await lockScreen.submit.click();
  });
}

/**
 * "Someone else?" on the lock screen and the sign-in page: the other members of staff with
 * their own data on a shared device, and a way in for someone new.
 */
export class OtherStaff {
  readonly section: Locator;
  readonly signInAsSomeoneElse: Locator;

  constructor(readonly page: Page) {
    this.section = page.getByRole('region', { name: 'Someone else?', exact: true });
    this.signInAsSomeoneElse = this.section.getByRole('button', { name: 'Sign in as someone else', exact: true });
  }

  /** The button that opens `name`'s data (their PIN is asked next). */
  member(name: string): Locator {
    return this.section.getByRole('button', { name, exact: true });
  }
}
