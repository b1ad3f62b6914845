// `npm run typecheck`: the two TypeScript programs, each incremental with its own cache in .cache.
// tsconfig.json holds the app, its tests, stories, mocks and tooling code (DOM and jest-dom types);
// tsconfig.tools.json the root config files (vite, vitest, playwright), which bring in Vitest's browser-mode
// types. In one program those browser-mode DOM matchers and jest-dom's declare the same `expect` methods
// differently, and which one wins depended on the order files joined the program; an incremental
// check did not notice such an order change and passed a file a fresh check failed (docs/performance.md).
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const root = process.cwd();
const PROGRAMS = [
  { project: 'tsconfig.json', cache: '.cache/typecheck.tsbuildinfo' },
  { project: 'tsconfig.tools.json', cache: '.cache/typecheck-tools.tsbuildinfo' },
];
let failed = 0;
for (const { project, cache } of PROGRAMS) {
  const result = spawnSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', project, '--incremental', '--tsBuildInfoFile', cache], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    failed += 1;
    console.error(`typecheck: ${project} has errors (above).`);
  }
}
process.exit(failed ? 1 : 0);
