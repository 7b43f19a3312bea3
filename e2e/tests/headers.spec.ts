/** The server's security headers and its API error shape, as a browser receives them. */
import { expect, test } from '../fixtures/test';

/** The tokens of one CSP directive, e.g. `script-src` → ["'self'", "'wasm-unsafe-eval'", …]. */
function directive(policy: string, name: string): string[] | undefined {
  return policy
    .split(';')
    .map((part) => part.trim().split(/\s+/))
    .find(([directiveName]) => directiveName === name)
    ?.slice(1);
}

test.describe('server headers', () => {
  // Runs on the tablet project only (see testIgnore in playwright.config.ts).

  for (const path of ['/', '/device', '/api/health']) {
    test(`${path} carries the security headers`, async ({ request, serverUrl }) => {
      const response = await request.get(new URL(path, serverUrl).href);
      expect(response.status()).toBe(200);
      const headers = response.headers();

      const policy = headers['content-security-policy'];
      expect(policy, 'content-security-policy').toBeTruthy();
      const scriptSrc = directive(policy!, 'script-src') ?? directive(policy!, 'default-src');
      expect(scriptSrc, `script-src in ${policy}`).toBeDefined();
      expect(scriptSrc).not.toContain("'unsafe-inline'");
      // 'wasm-unsafe-eval' is needed to compile WebAssembly; plain eval is not.
      expect(scriptSrc).not.toContain("'unsafe-eval'");
      expect(headers['x-content-type-options']).toBe('nosniff');
      expect(headers['referrer-policy']).toBe('no-referrer');
    });
  }

  test('an unknown API path is a JSON 404 with an error code', async ({ request, serverUrl }) => {
    const response = await request.get(new URL('/api/nope', serverUrl).href);
    expect(response.status()).toBe(404);
    expect(response.headers()['content-type']).toMatch(/^application\/json/);
    const body = await response.json();
    expect(typeof body.error?.code, JSON.stringify(body)).toBe('string');
    expect(body.error.code.length).toBeGreaterThan(0);
  });
});
