import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { testsFromReport, type ListedTest } from './report-attempts';

/**
 * The suite's tests as Playwright lists them (`--list`, annotations and locations included), without
 * running any, one entry per project a test runs in; and the root directory their files are relative to.
 */
export function listSuite(config: string): { tests: ListedTest[]; rootDir: string } {
  const dir = mkdtempSync(join(tmpdir(), 'flake-list-'));
  try {
    const out = join(dir, 'list.json');
    const listed = spawnSync(process.execPath, ['node_modules/@playwright/test/cli.js', 'test', '-c', config, '--list', '--reporter=json'], {
      encoding: 'utf8',
      env: { ...process.env, PLAYWRIGHT_JSON_OUTPUT_NAME: out },
    });
    if (listed.status !== 0) throw new Error(`Listing the suite (${config}) failed: ${listed.stderr.trim() || listed.stdout.trim()}`);
    const report = JSON.parse(readFileSync(out, 'utf8')) as { config?: { rootDir?: string } };
    return { tests: testsFromReport(report).tests, rootDir: report.config?.rootDir ?? process.cwd() };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
