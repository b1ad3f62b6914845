// `npm test`: the whole gate. Each step runs even when an earlier one failed, so one run shows
// everything that is wrong; the last line is `N passed, N failed` (plus skipped) over all of them.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ensureChromium } from './browser.mjs';
import { playwrightVerdict } from './playwright-verdict.mjs';

const root = process.cwd();
const bin = (name) => join(root, 'node_modules', '.bin', name);
const results = join(root, 'test-results');
const totals = { passed: 0, failed: 0, skipped: 0 };
const lines = [];

function run(label, command, args, env = {}) {
  console.log(`\n━━ ${label}`);
  const started = Date.now();
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, FORCE_COLOR: '0', ...env } });
  return { ok: result.status === 0, seconds: ((Date.now() - started) / 1000).toFixed(1) };
}

function record(label, counts, seconds) {
  totals.passed += counts.passed;
  totals.failed += counts.failed;
  totals.skipped += counts.skipped;
  lines.push(`${label.padEnd(12)} ${counts.passed} passed, ${counts.failed} failed${counts.skipped ? `, ${counts.skipped} skipped` : ''} (${seconds} s)`);
}

function readJson(path) {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return undefined;
  }
}

/** A step that produced no counts but failed still counts as one failure, never as nothing. */
function countsOr(ok, counts) {
  if (counts && counts.passed + counts.failed + counts.skipped > 0) return !ok && counts.failed === 0 ? { ...counts, failed: 1 } : counts;
  return { passed: ok ? 1 : 0, failed: ok ? 0 : 1, skipped: 0 };
}

ensureChromium();
rmSync(results, { recursive: true, force: true });
mkdirSync(results, { recursive: true });

for (const [label, script] of [['lint', 'scripts/lint.mjs'], ['typecheck', 'node_modules/typescript/bin/tsc']]) {
  const { ok, seconds } = run(label, process.execPath, label === 'typecheck' ? [script, '-p', '.'] : [script]);
  record(label, countsOr(ok), seconds);
}

{
  const out = join(results, 'vitest.json');
  const { ok, seconds } = run('vitest', process.execPath, ['node_modules/vitest/vitest.mjs', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${out}`]);
  const report = readJson(out);
  const counts = report && { passed: report.numPassedTests, failed: report.numFailedTests, skipped: report.numPendingTests + report.numTodoTests };
  record('vitest', countsOr(ok, counts), seconds);
}

{
  const { ok, seconds } = run('playwright', process.execPath, ['node_modules/@playwright/test/cli.js', 'test']);
  const report = readJson(join(results, 'results.json'));
  const verdict = report && playwrightVerdict(report);
  if (verdict) {
    // A test that passed only on retry is a flake, and a flake is a bug: it fails the gate, by name.
    if (verdict.flaky.length) console.log(`Playwright: ${verdict.flaky.length} test(s) passed only on retry; each is a flake to fix (or to quarantine), so the gate fails:\n${verdict.flaky.map((title) => `  flaky: ${title}`).join('\n')}`);
    if (verdict.quarantined.length) console.log(`Quarantined (ran, not gating):\n${verdict.quarantined.map((q) => `  ${q.status.padEnd(10)} ${q.title}${q.owner ? ` (owner ${q.owner}, ${q.reason}, ${q.daysLeft} day(s) left)` : ''}`).join('\n')}`);
    for (const problem of verdict.problems) console.log(problem);
  }
  // Playwright exits 1 when a quarantined test fails; that alone does not fail the gate.
  const quarantineFailed = verdict?.quarantined.some((q) => q.status === 'unexpected' || q.status === 'flaky');
  const passed = Boolean(verdict) && (ok || quarantineFailed) && verdict.counts.failed === 0 && verdict.problems.length === 0;
  const counts = verdict && { ...verdict.counts, failed: verdict.counts.failed + verdict.problems.length };
  record('playwright', countsOr(passed, counts), seconds);
}

{
  const { ok, seconds } = run('visual', bin('tsx'), ['visual/run.ts']);
  const summary = readJson(join(root, 'visual-report', 'summary.json'))?.counts;
  const counts = summary && { passed: summary.unchanged, failed: summary.changed + summary.new + summary.removed + summary.error, skipped: 0 };
  record('visual', countsOr(ok, counts), seconds);
}

console.log(`\n━━ summary\n${lines.join('\n')}`);
if (!existsSync(join(root, 'visual-report', 'index.html'))) console.log('(no visual report was written)');
console.log(`${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ''}`);
process.exit(totals.failed === 0 ? 0 : 1);
