/**
 * The Device page at `/device`: the app's version, whether the server answers, who is signed
 * in, and for an administrator the school's devices.
 */
import { expect, type Locator, type Page } from '@playwright/test';

export const REVOKE_WARNING =
  'Revoking erases all Progress Mentor data on this device the next time it connects, including anything not yet synced.';

export class DevicePage {
  readonly heading: Locator;
  readonly appVersionLabel: Locator;
  readonly serverReachable: Locator;
  readonly serverNotReachable: Locator;
  readonly signOut: Locator;
  readonly schoolDevices: Locator;
  readonly deviceList: Locator;
  readonly devicesNeedConnection: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'This device', exact: true });
    this.appVersionLabel = page.getByText('App version', { exact: true });
    this.serverReachable = page.getByText(/^Server reachable/);
    this.serverNotReachable = page.getByText(/^Server not reachable/);
    this.signOut = page.getByRole('button', { name: 'Sign out', exact: true });
    this.schoolDevices = page.getByRole('region', { name: 'School devices', exact: true });
    this.deviceList = this.schoolDevices.getByRole('list');
    this.devicesNeedConnection = this.schoolDevices.getByText('Connect to the internet to manage devices.', {
      exact: true,
    });
  }

  /** Where the page shows this exact version string. */
  version(text: string): Locator {
    return this.page.getByText(text, { exact: true });
  }

  /** "Signed in as NAME (role)". */
  signedInAs(name: string, role: string): Locator {
    return this.page.getByText(`Signed in as ${name} (${role})`, { exact: true });
  }

  /** The devices of one member of staff in the school's list. */
  devicesOf(staffName: string): Locator {
    return this.deviceList.getByRole('listitem').filter({ hasText: staffName });
  }

  /** The devices of `staffName` that are not revoked (they offer "Revoke"). */
  liveDevicesOf(staffName: string): Locator {
    return this.devicesOf(staffName).filter({
      has: this.page.getByRole('button', { name: 'Revoke', exact: true }),
    });
  }

  /**
   * Revokes the one device of `staffName` that is not yet revoked: "Revoke", the warning in
   * the list item (never a browser dialog), then "Revoke and erase".
   */
  async revokeDeviceOf(staffName: string): Promise<void> {
    const live = this.liveDevicesOf(staffName);
    await expect(live).toHaveCount(1);
    await live.getByRole('button', { name: 'Revoke', exact: true }).click();
    // The item no longer offers "Revoke" while it asks; find it by its confirm button.
    const asking = this.devicesOf(staffName).filter({
      has: this.page.getByRole('button', { name: 'Revoke and erase', exact: true }),
    });
    await expect(asking.getByText(REVOKE_WARNING, { exact: true })).toBeVisible();
    await asking.getByRole('button', { name: 'Revoke and erase', exact: true }).click();
  }
}
