import { useRunTempDir } from '../scripts/run-temp-dir.mjs';

/** Vitest's global setup: the run's temporary files live in one folder, removed when the run ends. */
export default function runTempDir(): () => void {
  return useRunTempDir('agent-console-vitest-');
}
