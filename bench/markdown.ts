import type { BenchResults } from './stats';

const BEGIN = '<!-- bench:begin (written by npm run bench) -->';
const END = '<!-- bench:end -->';

const number = (value: number, unit: string) => (unit === 'ms' || unit === 's' || unit === 'MB' ? value.toFixed(1) : String(Math.round(value * 100) / 100));

const when = (stamp: { measuredAt: string; commit: string }) => `${stamp.measuredAt.slice(0, 16).replace('T', ' ')} UTC at commit ${stamp.commit}`;

/** docs/performance.md with its measured tables replaced by these results; the prose around them is kept. */
export function performanceMarkdown(doc: string, results: BenchResults): string {
  const { machine } = results;
  const sections = [...new Set(results.figures.map((item) => item.section))];
  const table = [
    BEGIN,
    `Last run ${when(results)}, on ${machine.cpus} × ${machine.cpu}, ${machine.memoryGb} GB, ${machine.os}, Node ${machine.node}, Chromium ${machine.chromium}. A partial run (\`--only\`, \`--skip\`) keeps the other sections; each says when it was measured.`,
    '',
    ...sections.flatMap((section) => [
      `#### ${section}`,
      '',
      `Measured ${when(results.sections?.[section] ?? results)}, ${(results.sections?.[section] ?? results).rounds} round(s) per figure unless its runs say otherwise.`,
      '',
      '| figure | median | min | max | runs | goal | note |',
      '| --- | --- | --- | --- | --- | --- | --- |',
      ...results.figures
        .filter((item) => item.section === section)
        .map(
          (item) =>
            `| ${item.name} | ${number(item.median, item.unit)} ${item.unit} | ${number(item.min, item.unit)} | ${number(item.max, item.unit)} | ${item.runs} | ${item.goal ?? ''} | ${(item.note ?? '').replace(/\|/g, '\\|')} |`,
        ),
      '',
    ]),
    END,
  ].join('\n');
  const start = doc.indexOf(BEGIN);
  const end = doc.indexOf(END);
  if (start < 0 || end < 0) return `${doc.trimEnd()}\n\n${table}\n`;
  return `${doc.slice(0, start)}${table}${doc.slice(end + END.length)}`;
}
