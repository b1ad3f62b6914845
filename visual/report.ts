import { mkdirSync, writeFileSync } from 'node:fs';
import { markdownCell } from '../scripts/report-text.mjs';
import { join } from 'node:path';
import { captureId, groupByCause, type CauseGroup } from './groups';
import { reportHtml } from './report-html';
import { acceptCommand, countByStatus, percent, type StoryResult } from './results';

/** Lines of "why" each story shows in the PR comment; the HTML report shows them all. */
const WHY_IN_COMMENT = 3;

/** Example captures each group names in the PR comment; the report lists them all. */
const EXAMPLES_IN_COMMENT = 3;

function groupRows(groups: CauseGroup[], results: StoryResult[]): string[] {
  if (groups.length === 0) return [];
  const byCapture = new Map(results.map((result) => [captureId(result), result]));
  const rows = ['### By cause', '', '| captures | cause | for example | accept |', '| ---: | --- | --- | --- |'];
  for (const group of groups) {
    const examples = group.captures.slice(0, EXAMPLES_IN_COMMENT).map((id) => {
      const result = byCapture.get(id);
      return result ? `${result.title} / ${result.name} (${result.mode})` : id;
    });
    const more = group.captures.length > EXAMPLES_IN_COMMENT ? [`and ${group.captures.length - EXAMPLES_IN_COMMENT} more`] : [];
    const rejected = group.captures.map((id) => byCapture.get(id)).filter((result) => result?.rejected);
    if (rejected[0]?.rejected) more.push(`${rejected.length} ${rejected[0].rejected}`);
    rows.push(
      `| ${group.captures.length} | \`${markdownCell(group.cause).replace(/`/g, "'")}\` | ${[...examples, ...more].map(markdownCell).join('<br>')} | \`${acceptCommand(group.id)}\` |`,
    );
  }
  return [...rows, ''];
}

/** `notice`: what holds for the whole run (the baselines drawn by another browser), above the table. */
export function summaryMarkdown(results: StoryResult[], modesSource = '', notice?: string): string {
  const counts = countByStatus(results);
  const { groups, ungrouped } = groupByCause(results);
  const lines = [
    '## Visual changes',
    '',
    `${counts.changed} changed · ${counts.new} new · ${counts.removed} removed · ${counts.error} errors · ${counts.unchanged} unchanged`,
    '',
  ];
  if (notice) lines.push(`> ${markdownCell(notice)}`, '');
  if (modesSource) lines.push(`Modes: ${markdownCell(modesSource)}.`, '');
  if (groups.length === 0 && ungrouped.length === 0) lines.push('No visual changes.');
  lines.push(...groupRows(groups, results));
  if (ungrouped.length > 0) {
    if (groups.length > 0) lines.push('### Each on its own', '');
    lines.push('| story | mode | status | diff | why / note |', '| --- | --- | --- | --- | --- |');
    for (const result of ungrouped) {
      const why = result.why?.slice(0, WHY_IN_COMMENT) ?? [];
      const more = (result.why?.length ?? 0) > WHY_IN_COMMENT ? [`and ${(result.why?.length ?? 0) - WHY_IN_COMMENT} more in the report`] : [];
      const note = [result.rejected, result.reason, ...why, ...more, ...(result.notes ?? [])]
        .filter((line): line is string => Boolean(line))
        .map(markdownCell)
        .join('<br>');
      lines.push(
        `| ${markdownCell(`${result.title} / ${result.name}`)} (\`${result.id}\`) | ${markdownCell(result.mode)} | ${result.status} | ${percent(result.diffRatio)} | ${note} |`,
      );
    }
  }
  if (groups.length > 0 || ungrouped.some((result) => result.status === 'changed' || result.status === 'new' || result.status === 'removed'))
    lines.push(
      '',
      'To accept from this pull request, comment `/visual accept <group | capture | story | glob | all>` (or `/visual reject <…> -- reason`); it needs write access and a branch of this repository. Locally: the commands above, or `npm run visual:review`.',
    );
  return `${lines.join('\n')}\n`;
}

export function writeReport(dir: string, results: StoryResult[], modesSource = '', notice?: string): void {
  mkdirSync(dir, { recursive: true });
  const { groups } = groupByCause(results);
  const summary = {
    counts: countByStatus(results),
    modes: modesSource,
    ...(notice ? { notice } : {}),
    groups,
    stories: results.map(({ files: _files, ...rest }) => rest),
  };
  writeFileSync(join(dir, 'summary.json'), `${JSON.stringify(summary, null, 2)}\n`);
  const markdown = summaryMarkdown(results, modesSource, notice);
  writeFileSync(join(dir, 'summary.md'), markdown);
  const html = reportHtml(results, groups, [markdown.split('\n')[2] ?? '', notice, modesSource ? `Modes: ${modesSource}.` : undefined]);
  writeFileSync(join(dir, 'index.html'), html);
}
