// The files a change touched, as the changed-only gate, the visual runner's --only-changed and the
// flake burn-in read them: committed since the merge base with `ref`, plus what is changed or new
// (untracked, not ignored) in the working tree. Deleted files are included: a deletion is a change;
// a rename is read as both of its paths (git would name only the new one, and hide the deletion).
import { execFileSync, spawnSync } from 'node:child_process';

/** Paths relative to the repository, sorted, each once. */
export function changedFiles(ref, cwd = process.cwd()) {
  const git = (args) => execFileSync('git', args, { encoding: 'utf8', cwd });
  const base = git(['merge-base', ref, 'HEAD']).trim();
  const names = [...git(['diff', '--name-only', '--no-renames', base]).split('\n'), ...git(['ls-files', '--others', '--exclude-standard']).split('\n')];
  return [...new Set(names.filter(Boolean))].sort();
}

/** The branch a change is measured against: origin/main, else main (a clone without a remote). */
export function defaultBase(cwd = process.cwd()) {
  return spawnSync('git', ['rev-parse', '--verify', '--quiet', 'origin/main'], { cwd }).status === 0 ? 'origin/main' : 'main';
}
