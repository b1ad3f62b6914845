// `node scripts/playwright-summary.mjs test-results/results.json`: the merged E2E report read the way
// the gate reads it (a flake fails, a quarantine is listed and does not gate, an expired one fails),
// as Markdown for the job summary. Exits 1 when the gate would fail.
import { readFileSync } from 'node:fs';
import { playwrightVerdict } from './playwright-verdict.mjs';

const [path = 'test-results/results.json'] = process.argv.slice(2);
let report;
try {
  report = JSON.parse(readFileSync(path, 'utf8'));
} catch (error) {
  console.log(
    `### E2E: no report to read\n\n${path} could not be read (${error instanceof Error ? error.message : String(error)}); did every shard fail before testing?`,
  );
  process.exit(1);
}
const { counts, flaky, failedTitles, quarantined, problems } = playwrightVerdict(report);
const ok = counts.failed === 0 && problems.length === 0;
const lines = [`### E2E: ${ok ? 'passed' : 'failed'} (${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped)`, ''];
const list = (title, items) => {
  if (items.length) lines.push(`**${title}**`, '', ...items.map((item) => `- ${item}`), '');
};
list('Failed', failedTitles);
list('Flaky: passed only on retry, which fails the gate', flaky);
list('Problems', problems);
list(
  'Quarantined: ran, not gating',
  quarantined.map((q) => `${q.title}: ${q.status}${q.owner ? `, owner ${q.owner}, ${q.reason}, expires ${q.expires} (${q.daysLeft} day(s) left)` : ''}`),
);
console.log(lines.join('\n'));
process.exit(ok ? 0 : 1);
