import { useRunTempDir } from '../../scripts/run-temp-dir.mjs';

/** Playwright's global setup: the run's temporary files live in one folder; the teardown it returns removes it. */
export default function runTempDir(): () => void {
  return useRunTempDir('agent-console-e2e-');
}
