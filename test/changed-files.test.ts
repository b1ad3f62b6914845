// @vitest-environment node
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { changedFiles, defaultBase } from '../scripts/changed-files.mjs';

it('reads the change from git: committed since the merge base, uncommitted, untracked and deleted files', () => {
  const repo = mkdtempSync(join(tmpdir(), 'changed-files-'));
  const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', ...args], { cwd: repo });
  for (const name of ['kept.ts', 'edited.ts', 'deleted.ts']) writeFileSync(join(repo, name), '1');
  git('init', '--quiet', '--initial-branch=main');
  git('add', '.');
  git('commit', '--quiet', '-m', 'base');
  git('checkout', '--quiet', '-b', 'change');
  writeFileSync(join(repo, 'committed.spec.ts'), '1');
  git('add', '.');
  git('commit', '--quiet', '-m', 'change');
  // main moves on after the branch: its new file is not this change's.
  git('checkout', '--quiet', 'main');
  writeFileSync(join(repo, 'on-main-later.ts'), '1');
  git('add', '.');
  git('commit', '--quiet', '-m', 'later');
  git('checkout', '--quiet', 'change');
  writeFileSync(join(repo, 'edited.ts'), '2');
  writeFileSync(join(repo, 'untracked.ts'), '1');
  // deleted.ts and committed.spec.ts hold the same text: git's rename detection would hide the deletion.
  rmSync(join(repo, 'deleted.ts'));
  expect(changedFiles('main', repo)).toEqual(['committed.spec.ts', 'deleted.ts', 'edited.ts', 'untracked.ts']);
  // No remote here: the change is measured against the local main.
  expect(defaultBase(repo)).toBe('main');
});
