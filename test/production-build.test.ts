// @vitest-environment node
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';

/** Only the mock backend says this: its presence in a bundle means the mocks shipped. */
const MOCK_MARKER = 'Wrong username or password.';
const dirs: string[] = [];
afterAll(() => { for (const dir of dirs) rmSync(dir, { recursive: true, force: true }); });

function build(env: Record<string, string>): { files: string[]; javascript: string } {
  const outDir = mkdtempSync(join(tmpdir(), 'console-build-'));
  dirs.push(outDir);
  const result = spawnSync(join('node_modules', '.bin', 'vite'), ['build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'error'], { env: { ...process.env, ...env }, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`vite build failed: ${result.stderr}`);
  const assets = readdirSync(join(outDir, 'assets')).filter((file) => file.endsWith('.js'));
  return { files: readdirSync(outDir), javascript: assets.map((file) => readFileSync(join(outDir, 'assets', file), 'utf8')).join('\n') };
}

it('a build made without asking for mocks ships neither the mock backend nor its worker', { timeout: 120_000 }, () => {
  const plain = build({ VITE_MOCKS: '0' });
  expect(plain.files).not.toContain('mockServiceWorker.js');
  expect(plain.javascript).not.toContain(MOCK_MARKER);
  // The same check on a mock build finds both, so the check above can fail.
  const mocked = build({ VITE_MOCKS: '1' });
  expect(mocked.files).toContain('mockServiceWorker.js');
  expect(mocked.javascript).toContain(MOCK_MARKER);
  expect(existsSync('public/mockServiceWorker.js')).toBe(true);
});
