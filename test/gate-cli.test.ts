// @vitest-environment node
import { spawnSync } from 'node:child_process';
import { expect, it } from 'vitest';

it('the gate names its stages when asked for one it does not have, and runs nothing', () => {
  const run = spawnSync(process.execPath, ['scripts/gate.mjs', 'lint', 'unit-tests'], { encoding: 'utf8' });
  expect(run.status).toBe(2);
  expect(run.stderr).toContain(
    'Unknown gate stage(s): unit-tests. Stages: lint, typecheck, monitoring, vitest, playwright, visual; --shard=I/N splits playwright; --changed [REF] runs what a change can affect.',
  );
  expect(run.stdout).toBe('');
});
