// @vitest-environment node
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { buildApp } from '../scripts/build-app.mjs';

/** Only the mock backend says this: its presence in a bundle means the mocks shipped. */
const MOCK_MARKER = 'Wrong username or password.';

/**
 * The builds come from scripts/build-app.mjs, the one that `npm start` and the E2E suite use: each
 * is made again whenever any of its inputs changed, and otherwise reused (the mock build is the
 * dist/ the E2E stage then serves, so the gate builds it once).
 */
function built(outDir: string, mocks: boolean): { files: string[]; javascript: string } {
  buildApp(process.cwd(), { mocks, outDir });
  const assets = readdirSync(join(outDir, 'assets')).filter((file) => file.endsWith('.js'));
  return { files: readdirSync(outDir), javascript: assets.map((file) => readFileSync(join(outDir, 'assets', file), 'utf8')).join('\n') };
}

it('a build made without asking for mocks ships neither the mock backend nor its worker', { timeout: 120_000 }, () => {
  const plain = built('.cache/build-without-mocks', false);
  expect(plain.files).not.toContain('mockServiceWorker.js');
  expect(plain.javascript).not.toContain(MOCK_MARKER);
  // The same check on a mock build finds both, so the check above can fail.
  const mocked = built('dist', true);
  expect(mocked.files).toContain('mockServiceWorker.js');
  expect(mocked.javascript).toContain(MOCK_MARKER);
  expect(existsSync('public/mockServiceWorker.js')).toBe(true);
});
