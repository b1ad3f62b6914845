// `node scripts/coverage-ratchet.mjs [--raise]`: where the merged coverage of src/ (Vitest's and the
// E2E suite's, istanbul; coverage/coverage-summary.json, written by scripts/coverage/merge.ts) stands
// against the floors in coverage-floor.json and the goals, as Markdown for the job summary. The merge
// fails the gate below a floor; `--raise` moves each floor up to a point under the whole percent
// reached, never down, so coverage only ratchets upwards.
import { readFileSync, writeFileSync } from 'node:fs';

export const METRICS = ['lines', 'statements', 'functions', 'branches'];
/** The goal for each metric: 90% of lines (and statements and functions), 85% of branches. */
const GOALS = { lines: 90, statements: 90, functions: 90, branches: 85 };
const SUMMARY = 'coverage/coverage-summary.json';
const FLOOR_FILE = 'coverage-floor.json';

/** Each metric's percentage, floor and whether it holds. */
export function standing(summary, floors) {
  return METRICS.map((metric) => {
    const pct = summary.total[metric]?.pct ?? 0;
    return {
      metric,
      pct,
      floor: floors[metric] ?? 0,
      ok: pct >= (floors[metric] ?? 0),
      covered: summary.total[metric]?.covered ?? 0,
      total: summary.total[metric]?.total ?? 0,
    };
  });
}

/**
 * Below the whole percent reached, a raised floor keeps this many points of headroom for the E2E share,
 * which rests on the paths each test happens to take (docs/testing.md, "Coverage").
 */
const HEADROOM = 1;

/** The floors after a raise: each metric's whole percent reached less the headroom, when that is above its floor. */
export function raised(rows, floors) {
  return Object.fromEntries(
    METRICS.map((metric) => {
      const row = rows.find((candidate) => candidate.metric === metric);
      return [metric, Math.max(floors[metric] ?? 0, Math.floor(row?.pct ?? 0) - HEADROOM)];
    }),
  );
}

export function markdown(rows) {
  return [
    `## Coverage of src/ (Vitest and E2E merged, istanbul): ${rows.every((row) => row.ok) ? 'at or above the floor' : 'BELOW THE FLOOR'}`,
    '',
    `| metric | covered | floor (${FLOOR_FILE}) | goal |`,
    '| --- | --- | --- | --- |',
    ...rows.map(
      (row) => `| ${row.metric} | ${row.pct.toFixed(2)}% (${row.covered}/${row.total}) | ${row.floor}%${row.ok ? '' : ' ✗'} | ${GOALS[row.metric]}% |`,
    ),
    '',
    'HTML report: `coverage/index.html`.',
    '',
  ].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const floors = JSON.parse(readFileSync(FLOOR_FILE, 'utf8'));
  const rows = standing(JSON.parse(readFileSync(SUMMARY, 'utf8')), floors);
  console.log(markdown(rows));
  if (process.argv.includes('--raise') && rows.every((row) => row.ok)) {
    const next = raised(rows, floors);
    if (JSON.stringify(next) !== JSON.stringify(floors)) {
      writeFileSync(FLOOR_FILE, `${JSON.stringify(next, null, 2)}\n`);
      console.log(`Floors raised: ${METRICS.map((metric) => `${metric} ${next[metric]}%`).join(', ')}.`);
    }
  }
  process.exit(rows.every((row) => row.ok) ? 0 : 1);
}
