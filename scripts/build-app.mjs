// Builds dist/ only when its inputs changed since the last build, so `npm start` and the
// E2E web server start in seconds on a warm clone.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const INPUTS = ['src', 'fixtures', 'public', 'index.html', 'vite.config.ts', 'package-lock.json', 'scripts/build-app.mjs'];

function* files(path) {
  if (statSync(path).isDirectory()) for (const entry of readdirSync(path).sort()) yield* files(join(path, entry));
  else yield path;
}

/** A hash of every file under `inputs` (and of `extra`): equal hashes mean a build can be reused. */
export function hashInputs(root, inputs, extra = '') {
  const hash = createHash('sha256');
  hash.update(extra);
  for (const input of inputs) {
    const path = join(root, input);
    if (!existsSync(path)) continue;
    for (const file of files(path)) hash.update(relative(root, file)).update(readFileSync(file));
  }
  return hash.digest('hex');
}

/** Builds dist/; `mocks` builds the mock backend in (npm start, E2E), otherwise none ships. */
export function buildApp(root, { mocks = false } = {}) {
  const stamp = join(root, 'dist', '.build-stamp');
  const env = { ...process.env, VITE_MOCKS: mocks ? '1' : '0' };
  const wanted = hashInputs(root, INPUTS, `VITE_API_BASE_URL=${process.env.VITE_API_BASE_URL ?? ''}\nVITE_MOCKS=${env.VITE_MOCKS}\n`);
  if (existsSync(stamp) && readFileSync(stamp, 'utf8').trim() === wanted) return false;
  console.log('Building the Agent Console (vite build)…');
  console.log(mocks ? 'with the mock backend built in (not for deployment).' : 'without mocks.');
  const result = spawnSync(join(root, 'node_modules', '.bin', 'vite'), ['build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit', env });
  if (result.status !== 0) process.exit(result.status ?? 1);
  writeFileSync(stamp, `${wanted}\n`);
  return true;
}

if (import.meta.url === `file://${process.argv[1]}`) buildApp(process.cwd(), { mocks: process.argv.includes('--mocks') });
