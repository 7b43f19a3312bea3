/** The sign-in page at `/sign-in`: email and password, and the server's words on failure. */
import { expect, type Locator, type Page } from '@playwright/test';

import { DEMO_PASSWORD, type DemoAccount } from '../fixtures/demo';
import { AppShell } from './AppShell';
import { ChoosePinPage, unlockWhenLocked } from './LockPages';

/** Signs `account` in on `page` (a device) and waits for its first sync to finish. */
export async function signInAndSync(page: Page, serverUrl: string, account: DemoAccount): Promise<AppShell> {
  const shell = new AppShell(page, serverUrl);
  await shell.open('/sign-in');
  await new SignInPage(page).signInAs(account);
  await expect(shell.connectionStatus).toHaveText('All saved and synced');
  return shell;
}

export class SignInPage {
  readonly heading: Locator;
  readonly email: Locator;
  readonly password: Locator;
  readonly submit: Locator;
  readonly error: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'Sign in', exact: true });
    this.email = page.getByLabel('Email', { exact: true });
    this.password = page.getByLabel('Password', { exact: true });
    this.submit = page.getByRole('main').getByRole('button', { name: 'Sign in', exact: true });
    this.error = page.getByRole('main').getByRole('alert');
  }

  async fill(email: string, password: string): Promise<void> {
    await expect(this.heading).toBeVisible();
    await this.email.fill(email);
    await this.password.fill(password);
    await this.submit.click();
  }

  /**
   * Signs in as a demo account, chooses the demo PIN and waits for Today, where a successful
   * sign-in lands. Unless `autoUnlock` is false, the PIN is then entered whenever the lock
   * screen appears (a reload opens the app locked).
   */
  async signInAs(account: DemoAccount, { autoUnlock = true } = {}): Promise<void> {
    await this.fill(account.email, DEMO_PASSWORD);
    await new ChoosePinPage(this.page).choose();
    await expect(this.page.getByRole('heading', { level: 1, name: 'Today', exact: true })).toBeVisible();
    if (autoUnlock) await unlockWhenLocked(this.page);
  }
}
