import { rmSync } from 'node:fs';
import { resolve } from 'node:path';

/** Where each Playwright worker leaves the counts of the app's source it ran (e2e/fixtures/app-coverage.ts). */
export const E2E_COVERAGE_DIR = '.cache/coverage-e2e';

/** Playwright's global setup: the folder holds this run's counts only. */
export default function coverageRun(): void {
  rmSync(resolve(E2E_COVERAGE_DIR), { recursive: true, force: true });
}
