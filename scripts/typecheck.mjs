// `npm run typecheck [-- --project DIR --cache FILE]`: tsc over the one program (tsconfig.json),
// incremental, its cache in .cache.
//
// An incremental check trusts its cache for files a change cannot reach, and it does not count a new
// order of the program's files as such a change. But the order decides which of two declarations of
// the same global wins: the root config files bring in Vitest's browser-mode DOM matchers, which
// declare `expect`'s methods unlike jest-dom's that the unit tests use. When a new import put those
// types earlier, a fresh check failed src/observability/panels.test.tsx while the incremental one, on
// the same files, passed. So when the order of the program's files differs from the last check's, the
// cache is dropped and every file is checked again (docs/performance.md). The order is read from the
// cache tsc writes; tsc leaves it as it was when no file changed, so an edit of tsconfig.json that only
// reorders its own list goes unseen until a file changes (test/typecheck.test.ts).
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

const root = process.cwd();
const { values } = parseArgs({ options: { project: { type: 'string', default: '.' }, cache: { type: 'string', default: join('.cache', 'typecheck.tsbuildinfo') } } });
const CACHE = resolve(values.cache);

/** The program's files in the order the last check saw them (tsc keeps it in its cache), if readable. */
function programOrder() {
  try {
    const fileNames = JSON.parse(readFileSync(CACHE, 'utf8')).fileNames;
    return Array.isArray(fileNames) ? fileNames.join('\n') : undefined;
  } catch {
    return undefined;
  }
}

/** One tsc run; its output is returned, not printed, so a run whose cache was stale can be set aside (in colour for a terminal). */
function check() {
  const run = spawnSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', values.project, '--incremental', '--tsBuildInfoFile', CACHE, ...(process.stdout.isTTY ? ['--pretty'] : [])], { cwd: root, encoding: 'utf8' });
  const failedToRun = run.error ? `typecheck: tsc did not run (${run.error.message}).\n` : '';
  return { status: run.status, output: `${run.stdout ?? ''}${run.stderr ?? ''}${failedToRun}` };
}

const before = programOrder();
let result = check();
const after = programOrder();
if (before !== undefined && after !== undefined && before !== after) {
  console.log('typecheck: the program\'s files are in another order than at the last check, which can change which declaration wins; every file checked again.');
  rmSync(CACHE, { force: true });
  result = check();
}
process.stdout.write(result.output);
process.exit(result.status === 0 ? 0 : 1);
