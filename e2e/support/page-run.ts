import { rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { PAGE_RUN_DIR, writePageReport } from '../../visual/page-snapshot';

/**
 * Playwright's global setup: the page run folder holds this run's page snapshots only. The
 * function it returns is the global teardown, which writes their report.
 */
export default function pageRun(): () => void {
  const dir = resolve(PAGE_RUN_DIR);
  rmSync(dir, { recursive: true, force: true });
  return () => {
    const { results } = writePageReport(dir, resolve('visual/baselines'));
    if (results.length > 0) console.log(`Page snapshots: ${results.length} capture(s), report ${PAGE_RUN_DIR}/index.html`);
  };
}
