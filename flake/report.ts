import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { daysLeft, parseQuarantine } from '../scripts/quarantine.mjs';
import type { Attempt } from './ledger';
import { escapeHtml, markdownCell, reportPage } from '../scripts/report-text.mjs';
import type { RunPoint, Scores, TestScore } from './score';

const percent = (value: number) => `${(value * 100).toFixed(1)}%`;

export interface ReportInput {
  scores: Scores;
  skippedLines: number;
  runs: string[];
  newlyUnstable: TestScore[];
  /** Every run oldest first, for the trend chart. */
  trend?: RunPoint[];
  /** The ledger's failed attempts, for links to their traces. */
  failures?: Attempt[];
  /** What differed between a failing and a passing attempt of a test in this run: test id → page (flake/attempt-diff-reporter.ts). */
  diffs?: Record<string, { page: string; first: string }>;
  now?: Date;
}

export interface QuarantineRow {
  id: string;
  owner: string;
  reason: string;
  expires: string;
  daysLeft: number;
  klass: string;
  problem?: string;
}

/** Every quarantined test in the scores, with its owner and the days its quarantine has left. */
export function quarantines({ scores, now = new Date() }: ReportInput): QuarantineRow[] {
  return scores.tests
    .filter((test) => test.quarantine !== undefined)
    .map((test) => {
      const parsed = parseQuarantine(test.quarantine);
      if ('problem' in parsed) return { id: test.id, owner: '?', reason: '?', expires: '?', daysLeft: Number.NaN, klass: test.class, problem: parsed.problem };
      return { id: test.id, ...parsed, daysLeft: daysLeft(parsed.expires, now), klass: test.class };
    });
}

const quarantineState = (row: QuarantineRow) => row.problem ?? (row.daysLeft < 0 ? `expired ${-row.daysLeft} day(s) ago` : `${row.daysLeft} day(s) left`);

export function summaryJson({ scores }: ReportInput): string {
  const tests = scores.tests.map(({ id, title, runs, failures, rate, bound, class: klass }) => ({ id, title, runs, failures, rate, bound, class: klass }));
  return `${JSON.stringify({ tests }, null, 2)}\n`;
}

export function summaryMarkdown(input: ReportInput): string {
  const { scores, skippedLines, runs, newlyUnstable } = input;
  const count = (klass: string) => scores.tests.filter((test) => test.class === klass).length;
  const quarantined = quarantines(input);
  const lines = [
    '## Flake report',
    '',
    `${scores.tests.length} tests over ${runs.length} runs: ${count('stable')} stable · ${count('flaky')} flaky · ${count('broken')} broken · ${count('new')} new.`,
    ...(scores.infraRuns.length ? [`Left out as infrastructure failures (most tests failed): ${scores.infraRuns.map(markdownCell).join(', ')}.`] : []),
    ...(skippedLines ? [`${skippedLines} unreadable ledger line(s) skipped.`] : []),
    ...(newlyUnstable.length ? ['', `**Newly unstable:** ${newlyUnstable.map((test) => `${markdownCell(test.id)} (${test.class})`).join(', ')}`] : []),
    '',
    '| test | class | runs | failures | rate | lower bound |',
    '| --- | --- | --- | --- | --- | --- |',
    ...scores.tests.map(
      (test) =>
        `| ${markdownCell(test.id)} | ${test.class}${test.quarantine ? ' (quarantined)' : ''} | ${test.runs} | ${test.failures} | ${percent(test.rate)} | ${percent(test.bound)} |`,
    ),
  ];
  if (quarantined.length) {
    lines.push('', '### Quarantined (still run, not gating)', '', '| test | owner | reason | expires | class |', '| --- | --- | --- | --- | --- |');
    for (const row of quarantined)
      lines.push(
        `| ${markdownCell(row.id)} | ${markdownCell(row.owner)} | ${markdownCell(row.reason)} | ${row.expires} (${quarantineState(row)}) | ${row.klass} |`,
      );
  }
  const diffs = Object.entries(input.diffs ?? {});
  if (diffs.length) {
    lines.push('', '### What differed between a failing and a passing attempt', '');
    for (const [id, diff] of diffs) lines.push(`- ${markdownCell(id)}: ${markdownCell(diff.first)}`);
  }
  if (scores.clusters.length) {
    lines.push('', '### Failures by cause', '');
    for (const cluster of scores.clusters)
      lines.push(`- ${cluster.failures}× \`${markdownCell(cluster.signature)}\`: ${cluster.tests.map(markdownCell).join(', ')}`);
  }
  return `${lines.join('\n')}\n`;
}

function strip(test: TestScore): string {
  return test.strip.map((passed) => `<span class="${passed ? 'pass' : 'fail'}" title="${passed ? 'passed' : 'failed'}"></span>`).join('');
}

/** The failure share of each run as a line chart (SVG, no script): the suite's health over time. */
export function trendChart(trend: readonly RunPoint[]): string {
  if (trend.length === 0) return '<p>No runs recorded yet.</p>';
  const width = 640;
  const height = 160;
  const pad = 32;
  const x = (index: number) => pad + (trend.length === 1 ? (width - 2 * pad) / 2 : (index * (width - 2 * pad)) / (trend.length - 1));
  const y = (share: number) => height - pad - share * (height - 2 * pad);
  const share = (point: RunPoint) => (point.attempts ? point.failures / point.attempts : 0);
  const line = trend.map((point, index) => `${x(index).toFixed(1)},${y(share(point)).toFixed(1)}`).join(' ');
  const dots = trend.map((point, index) => {
    const kind = point.infra ? 'infra' : point.failures ? 'fail' : 'pass';
    const title = `${point.at}: ${point.failures} of ${point.attempts} attempts failed (${percent(share(point))})${point.infra ? ', infrastructure failure, left out of the scores' : ''}`;
    return `<circle cx="${x(index).toFixed(1)}" cy="${y(share(point)).toFixed(1)}" r="3.5" class="${kind}"><title>${escapeHtml(title)}</title></circle>`;
  });
  const latest = trend.at(-1) as RunPoint;
  const label = `Share of failed attempts per run, ${trend.length} runs; the latest ${percent(share(latest))}`;
  return `
<svg role="img" aria-label="${escapeHtml(label)}" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}">
  <line x1="${pad}" y1="${y(0)}" x2="${width - pad}" y2="${y(0)}" class="axis"/>
  <line x1="${pad}" y1="${y(1)}" x2="${width - pad}" y2="${y(1)}" class="grid"/>
  <text x="2" y="${y(0) + 4}">0%</text>
  <text x="2" y="${y(1) + 4}">100%</text>
  <text x="${pad}" y="${height - 8}">${escapeHtml(trend[0]?.at.slice(0, 16) ?? '')}</text>
  <text x="${width - pad}" y="${height - 8}" text-anchor="end">${escapeHtml(latest.at.slice(0, 16))}</text>
  <polyline points="${line}" class="trend"/>
  ${dots.join('\n  ')}
</svg>`;
}

/** The latest failed attempts of each test with a link to their trace, while the trace is kept. */
function failureLinks(dir: string, failures: readonly Attempt[], id: string): string {
  const mine = failures.filter((attempt) => attempt.testId === id).slice(-3);
  if (!mine.length) return '';
  const items = mine.map((attempt) => {
    const kept = attempt.trace && existsSync(resolve(attempt.trace));
    const trace = kept
      ? `<a href="${escapeHtml(relative(dir, resolve(attempt.trace as string)))}">trace</a> (<code>npx playwright show-trace ${escapeHtml(attempt.trace as string)}</code>)`
      : 'trace no longer kept';
    return `<li>${escapeHtml(attempt.at)} · <code>${escapeHtml(attempt.signature || '(no error message)')}</code> · ${trace}</li>`;
  });
  return `<ul class="failures">${items.join('')}</ul>`;
}

const STYLE = `
  body { font: 14px system-ui; margin: 2rem }
  table { border-collapse: collapse }
  td, th { border-bottom: 1px solid #ddd; padding: .3rem .6rem; text-align: left; vertical-align: top }
  .flaky td:nth-child(2) { color: #8a5a00; font-weight: 600 }
  .broken td:nth-child(2) { color: #b3261e; font-weight: 600 }
  .strip span { display: inline-block; width: 6px; height: 14px; margin-right: 1px }
  .pass { background: #1d7a3e }
  .fail { background: #b3261e }
  .tag { font-size: 12px; border: 1px solid #8a5a00; color: #8a5a00; border-radius: 8px; padding: 0 .4rem }
  .failures { margin: .3rem 0 0; font-size: 12px }
  .expired { color: #b3261e; font-weight: 600 }
  svg text { font-size: 11px; fill: #555 }
  svg .axis { stroke: #999 }
  svg .grid { stroke: #ddd; stroke-dasharray: 4 }
  svg .trend { fill: none; stroke: #555; stroke-width: 1.5 }
  svg circle.pass { fill: #1d7a3e }
  svg circle.fail { fill: #b3261e }
  svg circle.infra { fill: #999 }
`;

/** One table row: each cell is HTML already, or HTML with the cell's class. */
type Cell = string | { html: string; className: string };
const td = (cell: Cell) => (typeof cell === 'string' ? `<td>${cell}</td>` : `<td${cell.className ? ` class="${cell.className}"` : ''}>${cell.html}</td>`);
const row = (cells: Cell[], className = '') => `<tr${className ? ` class="${className}"` : ''}>${cells.map(td).join('')}</tr>`;
const head = (names: string[]) => `<thead><tr>${names.map((name) => `<th scope="col">${name}</th>`).join('')}</tr></thead>`;

export function writeFlakeReport(dir: string, input: ReportInput): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'summary.json'), summaryJson(input));
  const markdown = summaryMarkdown(input);
  writeFileSync(join(dir, 'summary.md'), markdown);
  const failures = input.failures ?? [];
  const tests = input.scores.tests.map((test) => {
    const diff = input.diffs?.[test.id];
    const differed = diff
      ? `<p class="differed"><a href="${escapeHtml(relative(dir, resolve(diff.page)))}">What differed between a failing and a passing attempt</a>: ${escapeHtml(diff.first)}</p>`
      : '';
    const name = `${escapeHtml(test.id)}${test.quarantine ? ' <span class="tag">quarantined</span>' : ''}${differed}${failureLinks(dir, failures, test.id)}`;
    return row(
      [name, test.class, String(test.runs), String(test.failures), percent(test.rate), percent(test.bound), { html: strip(test), className: 'strip' }],
      test.class,
    );
  });
  const clusters = input.scores.clusters.map(
    (cluster) => `<li><code>${escapeHtml(cluster.signature)}</code> · ${cluster.failures}× · ${cluster.tests.map(escapeHtml).join(', ')}</li>`,
  );
  const quarantined = quarantines(input).map((entry) => {
    const state = { html: escapeHtml(quarantineState(entry)), className: entry.problem || entry.daysLeft < 0 ? 'expired' : '' };
    return row([escapeHtml(entry.id), escapeHtml(entry.owner), escapeHtml(entry.reason), escapeHtml(entry.expires), state, entry.klass]);
  });
  const quarantineTable = quarantined.length
    ? `<table>
  ${head(['Test', 'Owner', 'Reason', 'Expires', 'State', 'Class'])}
  <tbody>
  ${quarantined.join('\n  ')}
  </tbody>
</table>`
    : '<p>No test is quarantined.</p>';
  const html = reportPage(
    'Flake report',
    STYLE,
    `<p>${escapeHtml(markdown.split('\n')[2] ?? '')}</p>
<h2>Failed attempts per run</h2>
${trendChart(input.trend ?? [])}
<h2>Tests, by impact</h2>
<table>
  ${head(['Test', 'Class', 'Runs', 'Failures', 'Rate', 'Lower bound (95%)', 'Attempts, oldest first'])}
  <tbody>
  ${tests.join('\n  ')}
  </tbody>
</table>
<h2>Quarantined</h2>
${quarantineTable}
<h2>Failures by cause</h2>
<ul>${clusters.join('') || '<li>No failures.</li>'}</ul>
`,
  );
  writeFileSync(join(dir, 'index.html'), html);
}
