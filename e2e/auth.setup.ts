import { test as setup } from '@playwright/test';
import { MOCK_PASSWORD } from '../fixtures/db';
import { NETWORK_PORT } from './support/ports';
import { SignInPage } from './pages/SignInPage';
import { storageStateFor } from './support/roles';

// Signs in once per role and origin; every spec starts from the saved storageState.
for (const [role, username] of [
  ['reviewer', 'riley'],
  ['viewer', 'val'],
] as const) {
  setup(`sign in as a ${role}`, async ({ page }) => {
    const signIn = new SignInPage(page);
    await signIn.goto();
    await signIn.signIn(username, MOCK_PASSWORD);
    await page.context().storageState({ path: storageStateFor(role, 'worker') });
  });
}

for (const [role, username] of [
  ['reviewer', 'riley'],
  ['viewer', 'val'],
] as const) {
  setup(`sign in as a ${role} over the network`, async ({ page }) => {
    const signIn = new SignInPage(page);
    await signIn.goto(`http://localhost:${NETWORK_PORT}`);
    await signIn.signIn(username, MOCK_PASSWORD);
    await page.context().storageState({ path: storageStateFor(role, 'network') });
  });
}
