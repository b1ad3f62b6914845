// @vitest-environment node
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { expect, it } from 'vitest';

const world = (files: string[]) => JSON.stringify({ compilerOptions: { noEmit: true, strict: true, skipLibCheck: true, types: [] }, files });

it('checks every world tsconfig.json references, and names the one that fails', { timeout: 60_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'typecheck-'));
  writeFileSync(join(dir, 'good.ts'), 'export const n: number = 1;\n');
  writeFileSync(join(dir, 'bad.ts'), 'export const n: number = "one";\n');
  writeFileSync(join(dir, 'tsconfig.good.json'), world(['good.ts']));
  writeFileSync(join(dir, 'tsconfig.bad.json'), world(['bad.ts']));
  const typecheck = () => spawnSync(process.execPath, ['scripts/typecheck.mjs', '--root', dir, '--cache', join(dir, 'cache')], { encoding: 'utf8' });

  writeFileSync(join(dir, 'tsconfig.json'), '// the worlds\n{ "files": [], "references": [{ "path": "./tsconfig.good.json" }] }\n');
  const passing = typecheck();
  expect(passing.status, passing.stdout).toBe(0);

  writeFileSync(join(dir, 'tsconfig.json'), '{ "files": [], "references": [{ "path": "./tsconfig.good.json" }, { "path": "./tsconfig.bad.json" }] }\n');
  const failing = typecheck();
  expect(failing.status).toBe(1);
  const output = stripVTControlCharacters(failing.stdout);
  expect(output).toContain('typecheck: tsconfig.bad failed');
  expect(output).toMatch(/bad\.ts[(:]1[,:]14\)?[^\n]*error TS2322/);
  expect(output).not.toContain('tsconfig.good failed');
});
