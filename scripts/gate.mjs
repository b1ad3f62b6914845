// `npm test [-- STAGE… ] [-- --shard=I/N] [-- --changed [REF]]`: the whole gate, or the named stages of it
// (lint, typecheck, monitoring, vitest, playwright, visual; CI runs them as parallel jobs). With
// --changed, each stage runs only what the change since the merge base with REF (default origin/main,
// else main) can affect, as scripts/changed/ decides and prints; a global file changed runs it all. Each stage runs even when
// an earlier one failed, so one run shows everything that is wrong; the last line is
// `N passed, N failed` (plus skipped) over all of them, and the whole gate's wall time. Under
// GitHub Actions the summary table also goes to the job summary ($GITHUB_STEP_SUMMARY).
import { spawn, spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { ensureChromium } from './browser.mjs';
import { ensureMonitoring } from './monitoring.mjs';
import { standing as coverageStanding } from './coverage-ratchet.mjs';
import { playwrightVerdict } from './playwright-verdict.mjs';
import { markdownCell } from './report-text.mjs';

const root = process.cwd();
const gateStarted = Date.now();
const bin = (name) => join(root, 'node_modules', '.bin', name);
const results = join(root, 'test-results');
const totals = { passed: 0, failed: 0, skipped: 0 };
const rows = [];
const notes = [];

const STAGES = ['lint', 'typecheck', 'monitoring', 'vitest', 'playwright', 'visual'];
const args = process.argv.slice(2);
const shard = args.find((arg) => arg.startsWith('--shard='));
// `--changed`, `--changed REF` or `--changed=REF`.
const changedAt = args.findIndex((arg) => arg === '--changed' || arg.startsWith('--changed='));
const changedArgs =
  changedAt < 0
    ? []
    : args[changedAt].includes('=') || !args[changedAt + 1] || args[changedAt + 1].startsWith('-') || STAGES.includes(args[changedAt + 1])
      ? [args[changedAt]]
      : args.slice(changedAt, changedAt + 2);
const changedRef = changedArgs.length ? (changedArgs[0].split('=')[1] ?? changedArgs[1]) : undefined;
const unknown = args.filter((arg) => arg !== shard && !changedArgs.includes(arg) && !STAGES.includes(arg));
if (unknown.length) {
  console.error(
    `Unknown gate stage(s): ${unknown.join(', ')}. Stages: ${STAGES.join(', ')}; --shard=I/N splits playwright; --changed [REF] runs what a change can affect.`,
  );
  process.exit(2);
}
const selected = args.filter((arg) => STAGES.includes(arg));

/** What the change can affect (scripts/changed/cli.ts), or undefined for the whole gate. */
function changedPlan() {
  if (changedAt < 0) return undefined;
  const out = join(root, '.cache', 'changed-plan.json');
  rmSync(out, { force: true });
  console.log('━━ changed');
  const made = spawnSync(
    process.execPath,
    ['node_modules/tsx/dist/cli.mjs', 'scripts/changed/cli.ts', ...(changedRef ? ['--base', changedRef] : []), '--out', out],
    { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] },
  );
  const plan = made.status === 0 ? readJson(out) : undefined;
  if (!plan) console.log('What the change can affect could not be worked out (above); the whole gate runs.');
  return plan && !plan.full ? plan : undefined;
}
const plan = changedPlan();
/** A stage the change cannot affect is not run, and the summary says so. */
const NOT_NEEDED = {
  monitoring: () => !plan.monitoring,
  vitest: () => plan.vitest.length === 0,
  playwright: () => plan.playwright.length === 0,
  visual: () => plan.visual.stories === 0,
};
const runs = (stage) => (selected.length === 0 || selected.includes(stage)) && !(plan && NOT_NEEDED[stage]?.());

/** Runs a step with its output held back; `print()` writes it whole, when the caller chooses. */
function runHeld(label, command, commandArgs) {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(command, commandArgs, { cwd: root, env: { ...process.env, FORCE_COLOR: '0' } });
    const output = [];
    child.stdout.on('data', (chunk) => output.push(chunk));
    child.stderr.on('data', (chunk) => output.push(chunk));
    child.on('close', (status) => {
      const print = () => console.log(`\n━━ ${label}\n${Buffer.concat(output).toString().trimEnd()}`);
      resolve({ ok: status === 0, seconds: ((Date.now() - started) / 1000).toFixed(1), print, output: Buffer.concat(output).toString() });
    });
  });
}

/** Runs a step with its output shown as it comes (Vitest's and Playwright's progress), without blocking the steps beside it. */
function runLive(label, command, commandArgs) {
  console.log(`\n━━ ${label}`);
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(command, commandArgs, { cwd: root, stdio: 'inherit', env: { ...process.env, FORCE_COLOR: '0' } });
    child.on('close', (status) => resolve({ ok: status === 0, seconds: ((Date.now() - started) / 1000).toFixed(1) }));
  });
}

function record(label, counts, seconds) {
  totals.passed += counts.passed;
  totals.failed += counts.failed;
  totals.skipped += counts.skipped;
  rows.push({ label, ...counts, seconds });
}

/**
 * The machine's busy processor time so far, every core summed (s; Linux's /proc/stat, undefined
 * elsewhere). Child accounting (cutime) misses what a child leaves running for its parent to end,
 * such as browsers, so the gate reads the whole machine instead.
 */
function machineBusySeconds() {
  try {
    // The first line sums every core: user nice system idle iowait irq softirq steal, in 1/100 s (USER_HZ).
    const [user, nice, system, , , irq, softirq, steal = 0] = (readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '')
      .trim()
      .split(/\s+/)
      .slice(1)
      .map(Number);
    const busy = (user + nice + system + irq + softirq + steal) / 100;
    return Number.isFinite(busy) ? busy : undefined;
  } catch {
    return undefined;
  }
}
const busyAtStart = machineBusySeconds();

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

if (runs('vitest') || runs('playwright') || runs('visual')) ensureChromium();
// The monitoring checks and the Playwright project `monitoring` run the real Prometheus and Alertmanager.
if (runs('monitoring') || runs('playwright')) {
  const { problem } = ensureMonitoring();
  if (problem) notes.push(problem);
}
if (runs('vitest') || runs('playwright')) {
  rmSync(results, { recursive: true, force: true });
  mkdirSync(results, { recursive: true });
}

// Lint and typecheck each keep one core busy and share nothing with each other or with Vitest: they
// run beside it, their output held back and printed after Vitest's (docs/performance.md).
// Incremental: tsc keeps what it learned in .cache and checks again only what a change can reach
// (scripts/typecheck.mjs: from scratch when the order of the program's files changed).
// The monitoring stage is promtool's and amtool's checks of monitoring/ (well under a second).
const CHECK_SCRIPTS = { lint: 'scripts/lint.mjs', typecheck: 'scripts/typecheck.mjs', monitoring: 'scripts/monitoring.mjs' };
const checks = ['lint', 'typecheck', 'monitoring'].filter(runs);
const checking = Promise.all(
  checks.map((label) =>
    runHeld(label, process.execPath, [
      CHECK_SCRIPTS[label],
      ...(label === 'monitoring' ? ['check'] : []),
      ...(label === 'lint' && plan ? ['--changed-plan', join(root, '.cache', 'changed-plan.json')] : []),
    ]),
  ),
);
async function recordChecks() {
  const checked = await checking;
  checked.forEach(({ print }) => print());
  checks.forEach((label, index) => {
    const { ok, output, seconds } = checked[index];
    // Each of the monitoring checks is counted on its own (a line `ok   <name>` or `FAIL <name>`).
    const lines = label === 'monitoring' ? output.split('\n') : [];
    const counted = {
      passed: lines.filter((line) => line.startsWith('ok ')).length,
      failed: lines.filter((line) => line.startsWith('FAIL ')).length,
      skipped: 0,
    };
    record(label, countsOr(ok, counted), seconds);
  });
}

if (!runs('vitest')) await recordChecks();
else {
  const out = join(results, 'vitest.json');
  // With coverage of src/ (istanbul), its share of the merged coverage judged after Playwright.
  // For a change, the tests related to its files by Vitest's module graph, without coverage (the floors are the whole run's).
  const { ok, seconds } = await runLive('vitest', process.execPath, [
    'node_modules/vitest/vitest.mjs',
    ...(plan ? ['related', '--run', '--passWithNoTests', ...plan.vitest] : ['run', '--coverage']),
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${out}`,
  ]);
  const report = readJson(out);
  const counts = report && { passed: report.numPassedTests, failed: report.numFailedTests, skipped: report.numPendingTests + report.numTodoTests };
  await recordChecks();
  record('vitest', countsOr(ok, counts), seconds);
}

// The visual stage runs beside Playwright: alone, each leaves part of the two cores idle, they share
// no files or ports, and the visual output is held back and printed after Playwright's (docs/performance.md).
const visualStage = runs('visual') ? runHeld('visual', bin('tsx'), ['visual/run.ts', ...(plan ? ['--only-changed', plan.base] : [])]) : undefined;

/**
 * Playwright's arguments for a shard: the tests of shard I/N split by their durations in the flake
 * ledger (flake/shards.ts), as a --test-list; Playwright's own --shard when that list cannot be made.
 */
function shardArguments() {
  if (!shard) return [];
  const list = join(root, '.cache', `shard-${shard.slice('--shard='.length).replace('/', '-of-')}.txt`);
  const made = spawnSync(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'flake/run.ts', '--shard-list', shard.slice('--shard='.length), '--out', list], {
    cwd: root,
    encoding: 'utf8',
  });
  if (made.status === 0) {
    console.log(made.stdout.trim());
    return ['--test-list', list];
  }
  console.log(`The balanced shard list could not be made (${(made.stderr || made.stdout).trim().split('\n')[0]}); Playwright's own ${shard} splits instead.`);
  return [shard];
}

if (runs('playwright')) {
  const chosen = plan ? [...new Set(plan.playwright.map((test) => test.location))] : [];
  const projects = plan ? [...new Set(plan.playwright.map((test) => test.project))] : [];
  const { ok, seconds } = await runLive('playwright', process.execPath, [
    'node_modules/@playwright/test/cli.js',
    'test',
    ...shardArguments(),
    ...chosen,
    ...projects.flatMap((project) => ['--project', project]),
  ]);
  const report = readJson(join(results, 'results.json'));
  const verdict = report && playwrightVerdict(report);
  if (verdict) {
    // A test that passed only on retry is a flake, and a flake is a bug: it fails the gate, by name.
    if (verdict.flaky.length)
      console.log(
        `Playwright: ${verdict.flaky.length} test(s) passed only on retry; each is a flake to fix (or to quarantine), so the gate fails:\n${verdict.flaky.map((title) => `  flaky: ${title}`).join('\n')}`,
      );
    if (verdict.quarantined.length)
      console.log(
        `Quarantined (ran, not gating):\n${verdict.quarantined.map((q) => `  ${q.status.padEnd(10)} ${q.title}${q.owner ? ` (owner ${q.owner}, ${q.reason}, ${q.daysLeft} day(s) left)` : ''}`).join('\n')}`,
      );
    for (const problem of verdict.problems) console.log(problem);
    notes.push(
      ...verdict.flaky.map((title) => `flaky (passed only on retry): ${title}`),
      ...verdict.failedTitles.map((title) => `failed: ${title}`),
      ...verdict.problems,
    );
    notes.push(
      ...verdict.quarantined.map((q) => `quarantined, not gating (${q.status}): ${q.title}${q.owner ? `, owner ${q.owner}, ${q.daysLeft} day(s) left` : ''}`),
    );
  }
  // Playwright exits 1 when a quarantined test fails; that alone does not fail the gate.
  const quarantineFailed = verdict?.quarantined.some((q) => q.status === 'unexpected' || q.status === 'flaky');
  const passed = Boolean(verdict) && (ok || quarantineFailed) && verdict.counts.failed === 0 && verdict.problems.length === 0;
  const counts = verdict && { ...verdict.counts, failed: verdict.counts.failed + verdict.problems.length };
  record(shard ? `playwright ${shard.slice('--shard='.length)}` : 'playwright', countsOr(passed, counts), seconds);
}

if (visualStage) {
  const { ok, seconds, print } = await visualStage;
  print();
  const summary = readJson(join(root, 'visual-report', 'summary.json'))?.counts;
  const counts = summary && { passed: summary.unchanged, failed: summary.changed + summary.new + summary.removed + summary.error, skipped: 0 };
  record('visual', countsOr(ok, counts), seconds);
  if (!existsSync(join(root, 'visual-report', 'index.html'))) notes.push('no visual report was written');
}

// One visual report for stories and pages: the page snapshots' run (written by the E2E stage, which
// already failed for any that differ) joins the stories' report. Its counts stay in the Playwright row.
if (visualStage && runs('playwright') && existsSync(join(root, 'visual-pages', 'summary.json'))) {
  const merge = spawnSync(process.execPath, [join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs'), 'visual/merge.ts', 'visual-report', 'visual-pages'], {
    encoding: 'utf8',
  });
  // Its exit code judges the merged captures, which the stages above have counted already; only a merge that did not happen is news here.
  if (/^\d+ passed, \d+ failed$/m.test(merge.stdout)) console.log(merge.stdout.trim());
  else notes.push(`the page snapshots could not be merged into visual-report: ${(merge.stderr || merge.stdout).trim().split('\n')[0]}`);
}

// The merged coverage of src/: what Vitest ran and what the E2E suite ran in its instrumented build
// (scripts/coverage/merge.ts), judged against the floors in coverage-floor.json. Only a whole run has
// the whole figure: a change, a shard or a stage run alone judges none (CI merges its jobs' shares).
const tsxArgs = (...rest) => [join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs'), ...rest];
if (!plan && !shard && runs('vitest') && runs('playwright')) {
  const started = Date.now();
  const mapped = spawnSync(process.execPath, tsxArgs('scripts/coverage/merge.ts', 'map-e2e'), { cwd: root, encoding: 'utf8' });
  const merged = mapped.status === 0 ? spawnSync(process.execPath, tsxArgs('scripts/coverage/merge.ts', 'report'), { cwd: root, encoding: 'utf8' }) : mapped;
  console.log(
    `\n━━ coverage\n${[mapped.stdout, mapped.stderr, mapped === merged ? '' : merged.stdout, mapped === merged ? '' : merged.stderr].join('').trim()}`,
  );
  const summary = merged.status === 0 || merged.status === 1 ? readJson(join(root, 'coverage', 'coverage-summary.json')) : undefined;
  const floors = readJson(join(root, 'coverage-floor.json'));
  if (summary && floors)
    notes.push(
      `coverage of src/, Vitest and E2E merged: ${coverageStanding(summary, floors)
        .map((row) => `${row.metric} ${row.pct.toFixed(1)}% (floor ${row.floor}%)`)
        .join(', ')}; goal 90% of lines, 85% of branches (coverage/index.html)`,
    );
  else notes.push(`the merged coverage could not be made: ${(merged.stderr || merged.stdout).trim().split('\n')[0]}`);
  record('coverage', { passed: merged.status === 0 ? 1 : 0, failed: merged.status === 0 ? 0 : 1, skipped: 0 }, ((Date.now() - started) / 1000).toFixed(1));
} else if (runs('vitest') || runs('playwright'))
  notes.push('coverage not judged: its floors are for the merged coverage of a whole run (the vitest and playwright stages, unsharded, unchanged-only)');

if (plan)
  notes.push(
    `for the change since ${plan.base}; not needed: ${
      Object.keys(NOT_NEEDED)
        .filter((stage) => NOT_NEEDED[stage]())
        .join(', ') || 'none'
    } (the plan is above, under "changed")`,
  );
const total = `${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ''}`;
console.log(
  `\n━━ summary\n${rows.map((row) => `${row.label.padEnd(14)} ${row.passed} passed, ${row.failed} failed${row.skipped ? `, ${row.skipped} skipped` : ''} (${row.seconds} s)`).join('\n')}`,
);
for (const note of notes.filter((line) => !line.startsWith('quarantined'))) console.log(`  ${note}`);
// Stages overlap (lint and typecheck with Vitest, visual with Playwright): the whole is not their sum.
console.log(`${total} in ${((Date.now() - gateStarted) / 1000).toFixed(1)} s`);
const busyAtEnd = machineBusySeconds();
const busy = busyAtStart === undefined || busyAtEnd === undefined ? undefined : busyAtEnd - busyAtStart;
const cores = availableParallelism();
if (busy !== undefined)
  console.log(
    `processors busy ${busy.toFixed(0)} s of ${(((Date.now() - gateStarted) / 1000) * cores).toFixed(0)} s (${cores} cores) while the gate ran, counting everything on the machine; were it all the gate's, no schedule of it on ${cores} cores ends in under ${(busy / cores).toFixed(0)} s`,
  );
// Each stage's time, for npm run bench.
mkdirSync(join(root, '.cache'), { recursive: true });
writeFileSync(join(root, '.cache', 'gate.json'), `${JSON.stringify(rows, null, 2)}\n`);
writeFileSync(join(root, '.cache', 'gate-cpu.json'), `${JSON.stringify({ busySeconds: busy ?? null, cores })}\n`);
if (process.env.GITHUB_STEP_SUMMARY) {
  appendFileSync(
    process.env.GITHUB_STEP_SUMMARY,
    [
      `### Gate: ${totals.failed === 0 ? 'passed' : 'failed'} (${markdownCell(total)})`,
      '',
      '| stage | passed | failed | skipped | seconds |',
      '| --- | --- | --- | --- | --- |',
      ...rows.map((row) => `| ${markdownCell(row.label)} | ${row.passed} | ${row.failed} | ${row.skipped} | ${row.seconds} |`),
      ...(notes.length ? ['', ...notes.map((note) => `- ${markdownCell(note)}`)] : []),
      '',
      '',
    ].join('\n'),
  );
}
process.exit(totals.failed === 0 ? 0 : 1);
