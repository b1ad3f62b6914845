// `npm run report [-- BLOB_DIR]`: opens the latest Playwright HTML report (playwright-report/).
// Given a folder of blob reports (the E2E shards' artifacts from CI), merges them into that report
// first, with its JUnit and JSON files, then opens it.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const root = process.cwd();
const cli = join(root, 'node_modules', '@playwright', 'test', 'cli.js');
const [blobs] = process.argv.slice(2);

if (blobs) {
  const zips = existsSync(blobs) ? readdirSync(blobs).filter((name) => name.endsWith('.zip')) : [];
  if (zips.length === 0) {
    console.error(`${blobs} holds no blob reports (*.zip). Download the CI run's blob-report-* artifacts into one folder and pass it.`);
    process.exit(1);
  }
  console.log(`Merging ${zips.length} blob report(s) from ${blobs}…`);
  const merged = spawnSync(process.execPath, [cli, 'merge-reports', '--config', 'e2e/merge.config.ts', blobs], { cwd: root, stdio: 'inherit' });
  if (merged.status !== 0) process.exit(merged.status ?? 1);
}
if (!existsSync(join(root, 'playwright-report', 'index.html'))) {
  console.error('No Playwright report yet: run `npm test` (or `npm run test:e2e`), or pass a folder of blob reports from CI.');
  process.exit(1);
}
// Serves the report (traces open in its own viewer) and opens a browser where there is a display.
const shown = spawnSync(process.execPath, [cli, 'show-report', 'playwright-report'], { cwd: root, stdio: 'inherit' });
process.exit(shown.status ?? 0);
