// Builds dist/ (or another folder) only when its inputs changed since the last build, so `npm start`
// starts in seconds on a warm clone, and the E2E web server and the production-build test share one build.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const INPUTS = ['src', 'fixtures', 'public', 'index.html', 'vite.config.ts', 'package-lock.json', 'scripts/build-app.mjs', 'scripts/coverage/instrument.ts'];

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

/**
 * Builds the console into `outDir` (dist/ by default) unless a build of the same inputs is there;
 * `mocks` builds the mock backend in (npm start, E2E), otherwise none ships. Throws when vite fails.
 */
export function buildApp(root, { mocks = false, coverage = false, outDir = 'dist' } = {}) {
  const out = join(root, outDir);
  const stamp = join(out, '.build-stamp');
  // A build for serving is a production build whoever asks (a test runner sets NODE_ENV=test).
  const env = { ...process.env, NODE_ENV: 'production', VITE_MOCKS: mocks ? '1' : '0', VITE_COVERAGE: coverage ? '1' : '0' };
  const wanted = hashInputs(
    root,
    INPUTS,
    `VITE_API_BASE_URL=${process.env.VITE_API_BASE_URL ?? ''}\nVITE_MOCKS=${env.VITE_MOCKS}\nVITE_COVERAGE=${env.VITE_COVERAGE}\n`,
  );
  if (existsSync(stamp) && readFileSync(stamp, 'utf8').trim() === wanted) return false;
  console.log(`Building the Agent Console (vite build) into ${outDir}/…`);
  console.log(mocks ? 'with the mock backend built in (not for deployment).' : 'without mocks.');
  if (coverage) console.log('with src/ instrumented for coverage (istanbul).');
  const result = spawnSync(join(root, 'node_modules', '.bin', 'vite'), ['build', '--outDir', out, '--emptyOutDir', '--logLevel', 'warn'], {
    cwd: root,
    stdio: 'inherit',
    env,
  });
  if (result.status !== 0) throw new Error(`vite build failed (exit code ${result.status ?? result.signal}); see its output above.`);
  writeFileSync(stamp, `${wanted}\n`);
  return true;
}

/** The build the E2E suite serves: the mock backend built in, src/ instrumented for the merged coverage. */
export const E2E_BUILD = { mocks: true, coverage: true, outDir: 'dist-e2e' };

// `node scripts/build-app.mjs [--mocks | --e2e]`
if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    buildApp(process.cwd(), process.argv.includes('--e2e') ? E2E_BUILD : { mocks: process.argv.includes('--mocks') });
  } catch (error) {
    console.error(error.message);
    process.exit(1);
  }
}
