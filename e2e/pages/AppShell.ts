/**
 * The frame every page shares: banner, connection status, main navigation, update notice,
 * and the service worker behind offline use. Locators are by role and accessible name only,
 * so a test fails when what assistive technology sees changes, not when a class does.
 */
import { expect, type CDPSession, type Locator, type Page } from '@playwright/test';

export type NavTarget = 'Today' | 'Students' | 'Lessons' | 'Visits' | 'Device';

const OFFLINE = { offline: true, latency: 0, downloadThroughput: -1, uploadThroughput: -1 };

export class AppShell {
  readonly banner: Locator;
  /** The header's sync line ("All saved and synced", "Offline — 2 saved on this device"…). */
  readonly connectionStatus: Locator;
  /** The header's "Sync now" button, shown when something waits or the last attempt failed. */
  readonly syncNow: Locator;
  readonly nav: Locator;
  readonly updateNotice: Locator;
  readonly reloadToUpdate: Locator;
  /** DevTools sessions holding a reloaded document offline, until {@link goOnline}. */
  private readonly offlineSessions: CDPSession[] = [];

  constructor(
    readonly page: Page,
    private readonly serverUrl: string,
  ) {
    this.banner = page.getByRole('banner');
    this.connectionStatus = this.banner.getByRole('status');
    this.syncNow = this.banner.getByRole('button', { name: 'Sync now', exact: true });
    this.nav = page.getByRole('navigation', { name: 'Main' });
    this.updateNotice = page.getByRole('region', { name: 'Update available' });
    this.reloadToUpdate = this.updateNotice.getByRole('button', { name: 'Reload to update' });
  }

  /** Opens an app path (`/`, `/device`, …) on the server under test. */
  async open(path = '/'): Promise<void> {
    await this.page.goto(new URL(path, this.serverUrl).href);
  }

  navLink(name: NavTarget): Locator {
    return this.nav.getByRole('link', { name, exact: true });
  }

  /** The page's one level-1 heading with this name. */
  heading(name: string): Locator {
    return this.page.getByRole('heading', { level: 1, name, exact: true });
  }

  async goTo(target: NavTarget): Promise<void> {
    await this.navLink(target).click();
  }

  /** The app's IndexedDB databases: one per member of staff with data on the device. */
  async databases(): Promise<string[]> {
    return this.page.evaluate(async () =>
      (await indexedDB.databases())
        .map((db) => db.name ?? '')
        .filter((name) => name === 'progress-mentor' || name.startsWith('progress-mentor-'))
        .sort(),
    );
  }

  /** Records and queued changes left in all the app's IndexedDB databases, read in the page. */
  async storedCounts(): Promise<{ records: number; outbox: number }> {
    const names = await this.databases();
    return this.page.evaluate(async (names) => {
      const counts = { records: 0, outbox: 0 };
      for (const name of names) {
        const db = await new Promise<IDBDatabase>((resolve, reject) => {
          const open = indexedDB.open(name);
          open.onerror = () => reject(open.error);
          open.onsuccess = () => resolve(open.result);
        });
        await new Promise<void>((resolve, reject) => {
          const tx = db.transaction(['records', 'outbox'], 'readonly');
          const records = tx.objectStore('records').count();
          const outbox = tx.objectStore('outbox').count();
          tx.oncomplete = () => {
            counts.records += records.result;
            counts.outbox += outbox.result;
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        });
        db.close();
      }
      return counts;
    }, names);
  }

  /**
   * Every value in all the app's IndexedDB databases as text, read raw in the page as any
   * script could: strings as they are, bytes (sealed values) as Latin-1, anything else as JSON.
   */
  async storedText(): Promise<string[]> {
    const names = await this.databases();
    return this.page.evaluate(async (names) => {
      const texts: string[] = [];
      for (const name of names) {
        const db = await new Promise<IDBDatabase>((resolve, reject) => {
          const open = indexedDB.open(name);
          open.onerror = () => reject(open.error);
          open.onsuccess = () => resolve(open.result);
        });
        const stores = Array.from(db.objectStoreNames);
        const tx = db.transaction(stores, 'readonly');
        const all = await Promise.all(
          stores.map(
            (store) =>
              new Promise<unknown[]>((resolve, reject) => {
                const request = tx.objectStore(store).getAll();
                request.onsuccess = () => resolve(request.result);
                request.onerror = () => reject(request.error);
              }),
          ),
        );
        db.close();
        for (const value of all.flat()) {
          if (typeof value === 'string') texts.push(value);
          else if (value instanceof Uint8Array) texts.push(Array.from(value, (byte) => String.fromCharCode(byte)).join(''));
          else texts.push(JSON.stringify(value));
        }
      }
      return texts;
    }, names);
  }

  /**
   * Reloads with the network cut (`context.setOffline(true)` already called).
   *
   * Chromium's network emulation does not reach a document loaded while offline: it says
   * `navigator.onLine` is true and fires no `online` event when the network returns, unlike a
   * real device, whose own network state the new document would read. Applying the emulation
   * to the page's target again brings the document in line, with no moment of network between.
   */
  async reloadOffline(): Promise<void> {
    await this.page.reload();
    await this.applyOfflineToDocument();
  }

  /**
   * Like {@link reloadOffline}, for a document opened by `goto` with the network cut. The
   * session stays attached until {@link goOnline} (Chromium drops a session's emulation when it
   * detaches).
   */
  async applyOfflineToDocument(): Promise<void> {
    const session = await this.page.context().newCDPSession(this.page);
    this.offlineSessions.push(session);
    await session.send('Network.emulateNetworkConditions', OFFLINE);
    await expect.poll(() => this.page.evaluate(() => navigator.onLine)).toBe(false);
  }

  /**
   * Brings the network back, as a device coming back into signal: Playwright's switch for the
   * whole context, and the offline emulation this shell applied to reloaded documents lifted
   * and let go, so no session is left holding the page offline.
   */
  async goOnline(): Promise<void> {
    await this.page.context().setOffline(false);
    for (const session of this.offlineSessions.splice(0)) {
      await session.send('Network.emulateNetworkConditions', { ...OFFLINE, offline: false });
      await session.detach();
    }
    await expect.poll(() => this.page.evaluate(() => navigator.onLine)).toBe(true);
  }

  /**
   * Waits until a service worker controls this page. The worker claims clients on activation,
   * so this happens on the first load without a reload.
   */
  async waitForServiceWorkerControl(): Promise<void> {
    await this.page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
    await expect
      .poll(() => this.page.evaluate(() => navigator.serviceWorker.controller?.scriptURL ?? null), {
        message: 'a service worker should control the page after its first load (clients.claim())',
      })
      .toBe(new URL('/sw.js', this.serverUrl).href);
  }

  /** What the browser knows of this page's service worker registration. */
  async serviceWorkerState(): Promise<{
    controller: string | null;
    active: string | null;
    activeState: string | null;
    waiting: string | null;
    scope: string | null;
  }> {
    return this.page.evaluate(async () => {
      const registration = await navigator.serviceWorker.getRegistration();
      return {
        controller: navigator.serviceWorker.controller?.scriptURL ?? null,
        active: registration?.active?.scriptURL ?? null,
        activeState: registration?.active?.state ?? null,
        waiting: registration?.waiting?.scriptURL ?? null,
        scope: registration?.scope ?? null,
      };
    });
  }
}
