// @vitest-environment node
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useRunTempDir } from '../scripts/run-temp-dir.mjs';

describe('the run temporary folder', () => {
  it('is where the temporary folder points while the run lasts, and goes with everything in it at teardown', () => {
    const before = process.env.TMPDIR;
    const teardown = useRunTempDir('run-temp-dir-test-');
    const dir = tmpdir();
    expect(dir).not.toBe(before);
    expect(dir).toContain('run-temp-dir-test-');
    mkdirSync(join(dir, 'left-by-a-test'));
    writeFileSync(join(dir, 'left-by-a-test', 'file.txt'), 'left behind');
    teardown();
    expect(existsSync(dir)).toBe(false);
    expect(process.env.TMPDIR).toBe(before);
  });
});
