// @vitest-environment node
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { expect, it } from 'vitest';

// Two declarations of one global interface whose `has` differ, as jest-dom's and Vitest's browser-mode
// matchers declare `expect`'s: which one a call sees depends on the order of the program's files.
const FILES = {
  'loose.d.ts': 'interface LooseMatchers { has(expected: string | RegExp): void }\ninterface Target extends LooseMatchers {}\n',
  'strict.d.ts': 'interface StrictMatchers { has(expected: string): void }\ninterface Target extends StrictMatchers {}\n',
  'use.ts': 'declare const target: Target;\ntarget.has(/x/);\nexport {};\n',
  // A new file whose reference brings the strict declaration in first, as a new import did here.
  'first.ts': '/// <reference path="./strict.d.ts" />\nexport {};\n',
};

// tsc's error line, plain (`use.ts(2,12): error TS2345`) or pretty (`…/use.ts:2:12 - error TS2345`, its
// colours taken off), whichever the environment it runs in asks for.
const STRICT_CALL_FAILS = /use\.ts(?:\(2,12\)|:2:12)[^\n]*error TS2345/;

function project(files: string[]) {
  return JSON.stringify({ compilerOptions: { noEmit: true, strict: true, skipLibCheck: true, types: [] }, files });
}

it('checks every file again when a new file changes the order of the program\'s files, which an incremental tsc alone does not', { timeout: 60_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'typecheck-'));
  for (const [name, text] of Object.entries(FILES)) writeFileSync(join(dir, name), text);
  const cache = join(dir, 'cache.tsbuildinfo');
  const typecheck = () => spawnSync(process.execPath, ['scripts/typecheck.mjs', '--project', dir, '--cache', cache], { encoding: 'utf8' });
  const plainTsc = (buildInfo: string) => spawnSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', dir, '--incremental', '--tsBuildInfoFile', buildInfo], { encoding: 'utf8' });

  writeFileSync(join(dir, 'tsconfig.json'), project(['loose.d.ts', 'strict.d.ts', 'use.ts']));
  const first = typecheck();
  expect(first.status, first.stdout).toBe(0);

  writeFileSync(join(dir, 'tsconfig.json'), project(['first.ts', 'loose.d.ts', 'strict.d.ts', 'use.ts']));
  // The premise: tsc with the same cache, on the new order, passes what a fresh check fails.
  copyFileSync(cache, join(dir, 'copy.tsbuildinfo'));
  expect(plainTsc(join(dir, 'copy.tsbuildinfo')).status).toBe(0);
  expect(stripVTControlCharacters(plainTsc(join(dir, 'fresh.tsbuildinfo')).stdout)).toMatch(STRICT_CALL_FAILS);

  const reordered = typecheck();
  expect(reordered.status).toBe(1);
  expect(reordered.stdout).toContain('typecheck: the program\'s files are in another order than at the last check');
  expect(stripVTControlCharacters(reordered.stdout)).toMatch(STRICT_CALL_FAILS);
});
