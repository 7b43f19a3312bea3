/** Signing in: the server's words when it refuses, the same for a wrong password and an unknown email. */
import AxeBuilder from '@axe-core/playwright';

import { DEMO } from '../fixtures/demo';
import { expect, test } from '../fixtures/test';
import { AppShell } from '../pages/AppShell';
import { SignInPage } from '../pages/SignInPage';

const NOT_RECOGNISED = 'Email or password not recognised.';

test.describe('sign-in', () => {
  test('a wrong password and an unknown email get the same words, and nobody is signed in', async ({ page, serverUrl }) => {
    const shell = new AppShell(page, serverUrl);
    const signIn = new SignInPage(page);
    await shell.open('/sign-in');

    await signIn.fill(DEMO.senco.email, 'not-the-password-1');
    await expect(signIn.error).toHaveText(NOT_RECOGNISED);
    await expect(signIn.heading).toBeVisible();

    await signIn.fill('nobody.here@northfield.example', 'demo-password-1');
    await expect(signIn.error).toHaveText(NOT_RECOGNISED);
    await expect(signIn.heading).toBeVisible();
    await expect(shell.connectionStatus).toContainText('Sign in to sync');
  });

  test('has no serious or critical accessibility violations', async ({ page, serverUrl }) => {
    const shell = new AppShell(page, serverUrl);
    const signIn = new SignInPage(page);
    await shell.open('/sign-in');
    await expect(signIn.email).toBeVisible();

    const results = await new AxeBuilder({ page }).analyze();
    const serious = results.violations
      .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
      .map((violation) => `${violation.id}: ${violation.help} — ${violation.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    expect(serious).toEqual([]);
  });
});
