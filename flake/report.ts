import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Scores, TestScore } from './score';

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ').replace(/@(?=[\w-])/g, '@\u200b');
const percent = (value: number) => `${(value * 100).toFixed(1)}%`;

export interface ReportInput { scores: Scores; skippedLines: number; runs: string[]; newlyUnstable: TestScore[] }

export function summaryJson({ scores }: ReportInput): string {
  const tests = scores.tests.map(({ id, title, runs, failures, rate, bound, class: klass }) => ({ id, title, runs, failures, rate, bound, class: klass }));
  return `${JSON.stringify({ tests }, null, 2)}\n`;
}

export function summaryMarkdown({ scores, skippedLines, runs, newlyUnstable }: ReportInput): string {
  const count = (klass: string) => scores.tests.filter((test) => test.class === klass).length;
  const lines = [
    '## Flake report',
    '',
    `${scores.tests.length} tests over ${runs.length} runs: ${count('stable')} stable · ${count('flaky')} flaky · ${count('broken')} broken · ${count('new')} new.`,
    ...(scores.infraRuns.length ? [`Left out as infrastructure failures (most tests failed): ${scores.infraRuns.map(cell).join(', ')}.`] : []),
    ...(skippedLines ? [`${skippedLines} unreadable ledger line(s) skipped.`] : []),
    ...(newlyUnstable.length ? ['', `**Newly unstable:** ${newlyUnstable.map((test) => `${cell(test.id)} (${test.class})`).join(', ')}`] : []),
    '',
    '| test | class | runs | failures | rate | lower bound |',
    '| --- | --- | --- | --- | --- | --- |',
    ...scores.tests.map((test) => `| ${cell(test.id)} | ${test.class} | ${test.runs} | ${test.failures} | ${percent(test.rate)} | ${percent(test.bound)} |`),
  ];
  if (scores.clusters.length) {
    lines.push('', '### Failures by cause', '');
    for (const cluster of scores.clusters) lines.push(`- ${cluster.failures}× \`${cell(cluster.signature)}\`: ${cluster.tests.map(cell).join(', ')}`);
  }
  return `${lines.join('\n')}\n`;
}

function strip(test: TestScore): string {
  return test.strip.map((passed) => `<span class="${passed ? 'pass' : 'fail'}" title="${passed ? 'passed' : 'failed'}"></span>`).join('');
}

export function writeFlakeReport(dir: string, input: ReportInput): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'summary.json'), summaryJson(input));
  const markdown = summaryMarkdown(input);
  writeFileSync(join(dir, 'summary.md'), markdown);
  const rows = input.scores.tests.map((test) => `<tr class="${test.class}"><td>${escapeHtml(test.id)}</td><td>${test.class}</td><td>${test.runs}</td><td>${test.failures}</td><td>${percent(test.rate)}</td><td>${percent(test.bound)}</td><td class="strip">${strip(test)}</td></tr>`).join('\n');
  const clusters = input.scores.clusters.map((cluster) => `<li><code>${escapeHtml(cluster.signature)}</code> · ${cluster.failures}× · ${cluster.tests.map(escapeHtml).join(', ')}</li>`).join('');
  writeFileSync(join(dir, 'index.html'), `<!doctype html><html lang="en"><meta charset="utf-8"><title>Flake report</title>
<style>body{font:14px system-ui;margin:2rem}table{border-collapse:collapse}td,th{border-bottom:1px solid #ddd;padding:.3rem .6rem;text-align:left}.flaky td:nth-child(2){color:#8a5a00;font-weight:600}.broken td:nth-child(2){color:#b3261e;font-weight:600}.strip span{display:inline-block;width:6px;height:14px;margin-right:1px}.pass{background:#1d7a3e}.fail{background:#b3261e}</style>
<h1>Flake report</h1><p>${escapeHtml(markdown.split('\n')[2] ?? '')}</p>
<table><thead><tr><th scope="col">Test</th><th scope="col">Class</th><th scope="col">Runs</th><th scope="col">Failures</th><th scope="col">Rate</th><th scope="col">Lower bound (95%)</th><th scope="col">Attempts, oldest first</th></tr></thead><tbody>
${rows}
</tbody></table>
<h2>Failures by cause</h2><ul>${clusters || '<li>No failures.</li>'}</ul></html>\n`);
}
