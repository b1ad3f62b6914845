import { mkdirSync, writeFileSync } from 'node:fs';
import { markdownCell } from '../scripts/report-text.mjs';
import { join } from 'node:path';
import { captureId, groupByCause, type CauseGroup } from './groups';
import { reportHtml } from './report-html';
import { acceptCommand, countByStatus, percent, type StoryResult } from './results';
import type { ShardStamp } from './shards';

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

/** The PR comment stays within one screenful of rows; everything else is in the report. */
const COMMENT_BUDGET_CHARS = 16_000;
/** One line of a reason or note in the comment (a play function's DOM dump runs to thousands). */
const LINE_IN_COMMENT = 300;
/** Failing rows first: what blocks the merge, then what needs a decision. */
const ORDER: Record<StoryResult['status'], number> = { error: 0, changed: 1, new: 2, removed: 3, unchanged: 4 };

export interface LeftOut {
  storyId: string;
  reason: string;
}

const clip = (line: string) => (line.length > LINE_IN_COMMENT ? `${line.slice(0, LINE_IN_COMMENT - 1)}…` : line);

function captureRow(result: StoryResult): string {
  const why = result.why?.slice(0, WHY_IN_COMMENT) ?? [];
  const more = (result.why?.length ?? 0) > WHY_IN_COMMENT ? [`and ${(result.why?.length ?? 0) - WHY_IN_COMMENT} more in the report`] : [];
  const note = [result.rejected, result.reason, ...why, ...more, ...(result.notes ?? [])]
    .filter((line): line is string => Boolean(line))
    .map((line) => markdownCell(clip(line)))
    .join('<br>');
  return `| ${markdownCell(`${result.title} / ${result.name}`)} (\`${result.id}\`) | ${markdownCell(result.mode)} | ${result.status} | ${percent(result.diffRatio)} | ${note} |`;
}

/** Unchanged captures that carry notes, as one line with the commonest notes: they need no decision. */
function quietLine(quiet: StoryResult[]): string[] {
  if (quiet.length === 0) return [];
  const counts = new Map<string, number>();
  for (const result of quiet) for (const note of new Set(result.notes)) counts.set(note, (counts.get(note) ?? 0) + 1);
  const common = [...counts.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, 3)
    .map(([note, count]) => `${markdownCell(clip(note))} (${count})`);
  return ['', `${quiet.length} unchanged capture(s) carry notes, listed in the report${common.length ? `; most often: ${common.join('; ')}` : ''}.`];
}

/**
 * Accessibility in one paragraph: new violations (they fail their capture, whose row names each),
 * known debt by rule (never silent), what was resolved and what is not recorded yet.
 */
function accessibilityLines(results: StoryResult[]): string[] {
  const checked = results.flatMap((result) => (result.a11y ? [result.a11y] : []));
  if (checked.length === 0) return [];
  const total = (lists: string[][]) => lists.reduce((sum, list) => sum + list.length, 0);
  const recorded = checked.filter((a11y) => !a11y.unrecorded);
  const unrecorded = checked.filter((a11y) => a11y.unrecorded && a11y.known.length > 0);
  const byRule = new Map<string, number>();
  for (const line of recorded.flatMap((a11y) => a11y.known)) {
    const rule = line.split(' ')[0] ?? line;
    byRule.set(rule, (byRule.get(rule) ?? 0) + 1);
  }
  const debt = [...byRule].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([rule, times]) => `${rule} ×${times}`);
  const parts = [
    `Accessibility (axe, on each captured render): ${total(checked.map((a11y) => a11y.added))} new · ${total(recorded.map((a11y) => a11y.known))} known · ${total(checked.map((a11y) => a11y.resolved))} resolved, in ${checked.length} captures.`,
    debt.length ? `Known debt: ${debt.slice(0, 8).map(markdownCell).join(', ')}.` : '',
    unrecorded.length
      ? `${unrecorded.length} capture(s) have violations and no accessibility baseline yet; accepting them (or \`--update\`) records them as debt.`
      : '',
  ];
  return [parts.filter(Boolean).join(' '), ''];
}

/**
 * `notice`: what holds for the whole run (the baselines drawn by another browser), above the table;
 * `leftOut`: stories their own parameters leave out. Failing rows come first and the comment stops at
 * COMMENT_BUDGET_CHARS, saying how many rows the report has beyond it.
 */
export function summaryMarkdown(results: StoryResult[], modesSource = '', notice?: string, leftOut: LeftOut[] = []): string {
  const counts = countByStatus(results);
  const { groups, ungrouped } = groupByCause(results);
  const lines = [
    '## Visual changes',
    '',
    `${counts.changed} changed · ${counts.new} new · ${counts.removed} removed · ${counts.error} errors · ${counts.unchanged} unchanged`,
    '',
  ];
  if (notice) lines.push(`> ${markdownCell(notice)}`, '');
  lines.push(...accessibilityLines(results));
  if (modesSource) lines.push(`Modes: ${markdownCell(modesSource)}.`, '');
  if (leftOut.length > 0) {
    const byReason = new Map<string, number>();
    for (const { reason } of leftOut) byReason.set(reason, (byReason.get(reason) ?? 0) + 1);
    lines.push(`Left out by their own parameters: ${[...byReason].map(([reason, count]) => `${count} by \`${markdownCell(reason)}\``).join(', ')}.`, '');
  }
  // A tolerated difference keeps its row (pixels did differ); notes alone on an unchanged capture are summed up.
  const quietOnly = (result: StoryResult) => result.status === 'unchanged' && result.reason === undefined;
  const attention = ungrouped.filter((result) => !quietOnly(result)).sort((a, b) => ORDER[a.status] - ORDER[b.status]);
  const quiet = ungrouped.filter(quietOnly);
  if (groups.length === 0 && attention.length === 0) lines.push('No visual changes.');
  lines.push(...groupRows(groups, results));
  if (attention.length > 0) {
    if (groups.length > 0) lines.push('### Each on its own', '');
    lines.push('| story | mode | status | diff | why / note |', '| --- | --- | --- | --- | --- |');
    let used = lines.join('\n').length;
    for (const [index, result] of attention.entries()) {
      const row = captureRow(result);
      if (used + row.length > COMMENT_BUDGET_CHARS) {
        lines.push('', `… and ${attention.length - index} more row(s) in the report.`);
        break;
      }
      lines.push(row);
      used += row.length + 1;
    }
  }
  lines.push(...quietLine(quiet));
  if (groups.length > 0 || attention.some((result) => result.status === 'changed' || result.status === 'new' || result.status === 'removed'))
    lines.push(
      '',
      'To accept from this pull request, comment `/visual accept <group | capture | story | glob | all>` (or `/visual reject <…> -- reason`); it needs write access and a branch of this repository. Locally: the commands above, or `npm run visual:review`.',
    );
  return `${lines.join('\n')}\n`;
}

export function writeReport(dir: string, results: StoryResult[], modesSource = '', notice?: string, leftOut: LeftOut[] = [], shard?: ShardStamp): void {
  mkdirSync(dir, { recursive: true });
  const { groups } = groupByCause(results);
  const summary = {
    counts: countByStatus(results),
    modes: modesSource,
    ...(notice ? { notice } : {}),
    ...(shard ? { shard } : {}),
    groups,
    leftOut,
    stories: results.map(({ files: _files, ...rest }) => rest),
  };
  writeFileSync(join(dir, 'summary.json'), `${JSON.stringify(summary, null, 2)}\n`);
  const markdown = summaryMarkdown(results, modesSource, notice, leftOut);
  writeFileSync(join(dir, 'summary.md'), markdown);
  const html = reportHtml(results, groups, [markdown.split('\n')[2] ?? '', notice, modesSource ? `Modes: ${modesSource}.` : undefined]);
  writeFileSync(join(dir, 'index.html'), html);
}
