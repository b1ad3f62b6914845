import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Points TMPDIR at a folder of this run's own, for the processes and workers the run starts after it,
 * and returns the teardown that removes the folder and restores TMPDIR: whatever a test leaves in the
 * temporary folder goes with its run instead of piling up on the machine.
 * @param {string} prefix the folder's name before its random part
 * @returns {() => void}
 */
export function useRunTempDir(prefix) {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const previous = process.env.TMPDIR;
  process.env.TMPDIR = dir;
  return () => {
    if (previous === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previous;
    rmSync(dir, { recursive: true, force: true });
  };
}
