/** Installable as an app: Chromium's own installability check, and the manifest behind it. */
import { expect, test } from '../fixtures/test';
import { AppShell } from '../pages/AppShell';

interface ManifestIcon {
  src: string;
  sizes?: string;
  type?: string;
  purpose?: string;
}

/** Width and height from a PNG's IHDR chunk, which always follows the 8-byte signature. */
function pngSize(bytes: Buffer): { width: number; height: number } | null {
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  if (bytes.length < 24 || !bytes.subarray(0, 8).equals(signature)) return null;
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

test.describe('installation', () => {
  test('Chromium reports no installability errors once the worker is active', async ({ persistentContext, serverUrl }) => {
    const page = persistentContext.pages()[0] ?? (await persistentContext.newPage());
    const shell = new AppShell(page, serverUrl);
    await shell.open('/');
    await shell.waitForServiceWorkerControl();
    await expect.poll(async () => (await shell.serviceWorkerState()).activeState).toBe('activated');

    const cdp = await persistentContext.newCDPSession(page);
    const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
    expect(installabilityErrors, `installability errors: ${JSON.stringify(installabilityErrors, null, 2)}`).toEqual([]);
  });

  test('the manifest names the app and its icons, and every icon is a PNG of its stated size', async ({ request, serverUrl }) => {
    const manifestUrl = new URL('/manifest.webmanifest', serverUrl).href;
    const response = await request.get(manifestUrl);
    expect(response.status()).toBe(200);
    const manifest = await response.json();

    expect(manifest.name).toBe('Progress Mentor');
    expect(typeof manifest.short_name, 'short_name').toBe('string');
    expect(manifest.short_name.length, 'short_name fits under a home-screen icon').toBeGreaterThan(0);
    expect(manifest.short_name.length, 'short_name fits under a home-screen icon').toBeLessThanOrEqual(12);
    expect(new URL(manifest.start_url, manifestUrl).href, 'start_url').toBe(new URL('/', serverUrl).href);
    expect(manifest.display).toBe('standalone');

    const icons: ManifestIcon[] = manifest.icons ?? [];
    const sizes = icons.flatMap((icon) => (icon.sizes ?? '').split(/\s+/));
    expect(sizes).toContain('192x192');
    expect(sizes).toContain('512x512');
    expect(
      icons.some((icon) => (icon.purpose ?? '').split(/\s+/).includes('maskable')),
      `one icon must have purpose "maskable": ${JSON.stringify(icons)}`,
    ).toBe(true);

    for (const icon of icons) {
      const iconUrl = new URL(icon.src, manifestUrl).href;
      const iconResponse = await request.get(iconUrl);
      expect.soft(iconResponse.status(), iconUrl).toBe(200);
      expect.soft(iconResponse.headers()['content-type'], iconUrl).toBe('image/png');
      const size = pngSize(await iconResponse.body());
      expect.soft(size, `${iconUrl} is not a PNG`).not.toBeNull();
      if (size && icon.sizes && icon.sizes !== 'any') {
        // Chromium rejects icons whose pixels do not match the declared size.
        expect.soft(icon.sizes.split(/\s+/), iconUrl).toContain(`${size.width}x${size.height}`);
      }
    }
  });
});
