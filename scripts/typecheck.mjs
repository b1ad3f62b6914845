// `npm run typecheck`: tsc over each world that tsconfig.json references (the app, the Node tools,
// the E2E suites), each one incremental with its own cache in .cache, all at once. Each world has
// only the types it uses, so no two declarations of one global (jest-dom's matchers and Vitest
// browser mode's) meet in one program.
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { root: { type: 'string', default: '.' }, cache: { type: 'string', default: '.cache' } } });
const root = resolve(values.root);
const tsc = join(process.cwd(), 'node_modules/typescript/bin/tsc');

/** The configs tsconfig.json references (it may hold comments, as tsc allows). */
function worlds() {
  const text = readFileSync(join(root, 'tsconfig.json'), 'utf8').replace(/^\s*\/\/.*$/gm, '');
  return JSON.parse(text).references.map((reference) => reference.path);
}

function check(config) {
  const name = basename(config, '.json');
  const cache = resolve(values.cache, `${name}.tsbuildinfo`);
  const args = [tsc, '-p', config, '--incremental', '--tsBuildInfoFile', cache, ...(process.stdout.isTTY ? ['--pretty'] : [])];
  return new Promise((done) => {
    const child = spawn(process.execPath, args, { cwd: root });
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
    });
    child.stderr.on('data', (chunk) => {
      output += chunk;
    });
    child.on('error', (error) => done({ name, ok: false, output: `tsc did not run (${error.message}).\n` }));
    child.on('close', (code) => done({ name, ok: code === 0, output }));
  });
}

mkdirSync(resolve(values.cache), { recursive: true });
const results = await Promise.all(worlds().map(check));
for (const { name, ok, output } of results) {
  if (!ok) process.stdout.write(`typecheck: ${name} failed\n${output}`);
}
process.exit(results.every((result) => result.ok) ? 0 : 1);
