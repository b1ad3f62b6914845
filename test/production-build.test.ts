// @vitest-environment node
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { E2E_BUILD, buildApp } from '../scripts/build-app.mjs';

/** Only the mock backend says this: its presence in a bundle means the mocks shipped. */
const MOCK_MARKER = 'Wrong username or password.';

/**
 * The builds come from scripts/build-app.mjs, the one that `npm start` and the E2E suite use: each
 * is made again whenever any of its inputs changed, and otherwise reused (the mock build is the
 * one the E2E stage then serves, so the gate builds it once).
 */
function built(options: { outDir: string; mocks: boolean; coverage?: boolean }): { files: string[]; javascript: string } {
  const { outDir } = options;
  buildApp(process.cwd(), options);
  const assets = readdirSync(join(outDir, 'assets')).filter((file) => file.endsWith('.js'));
  return { files: readdirSync(outDir), javascript: assets.map((file) => readFileSync(join(outDir, 'assets', file), 'utf8')).join('\n') };
}

it('a build made without asking for mocks ships neither the mock backend nor its worker', { timeout: 120_000 }, () => {
  const plain = built({ outDir: '.cache/build-without-mocks', mocks: false });
  expect(plain.files).not.toContain('mockServiceWorker.js');
  expect(plain.javascript).not.toContain(MOCK_MARKER);
  // The same check on a mock build finds both, so the check above can fail.
  const mocked = built(E2E_BUILD);
  expect(mocked.files).toContain('mockServiceWorker.js');
  expect(mocked.javascript).toContain(MOCK_MARKER);
  expect(existsSync('public/mockServiceWorker.js')).toBe(true);
  // Only the build the E2E suite serves counts what the app runs (scripts/coverage/instrument.ts).
  expect(plain.javascript).not.toContain('__coverage__');
  expect(mocked.javascript).toContain('__coverage__');
});
