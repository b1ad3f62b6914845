import { mkdirSync, writeFileSync } from 'node:fs';
import { escapeHtml, markdownCell, reportPage } from '../scripts/report-text.mjs';
import { join } from 'node:path';
import type { Cause } from './causes';
import { captureId, groupByCause, type CauseGroup } from './groups';

export type VisualStatus = 'unchanged' | 'changed' | 'new' | 'removed' | 'error';
export interface StoryResult {
  id: string;
  title: string;
  name: string;
  mode: string;
  status: VisualStatus;
  diffRatio: number;
  reason?: string;
  /** What changed in the structure and painted styles, when both snapshots are known. */
  why?: string[];
  /** The changes that explain it (the first lines of why), each with the id its group goes by. */
  causes?: Cause[];
  /** What could not be settled or honoured at capture. */
  notes?: string[];
  files?: { baseline?: string; current?: string; diff?: string };
}

/** Lines of "why" each story shows in the PR comment; the HTML report shows them all. */
const WHY_IN_COMMENT = 3;

const percent = (ratio: number) => `${(ratio * 100).toFixed(2)}%`;

export function countByStatus(results: StoryResult[]): Record<VisualStatus, number> {
  const counts: Record<VisualStatus, number> = { unchanged: 0, changed: 0, new: 0, removed: 0, error: 0 };
  for (const result of results) counts[result.status] += 1;
  return counts;
}

const needsAttention = (result: StoryResult) => result.status !== 'unchanged' || result.reason !== undefined || (result.notes?.length ?? 0) > 0;

/** Example captures each group names in the PR comment; the report lists them all. */
const EXAMPLES_IN_COMMENT = 3;

/** The terminal command that accepts a capture or a group (the report shows it beside each). */
export const acceptCommand = (target: string) => `npm run test:visual -- --accept ${target}`;

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
      const note = [result.reason, ...why, ...more, ...(result.notes ?? [])]
        .filter((line): line is string => Boolean(line))
        .map(markdownCell)
        .join('<br>');
      lines.push(
        `| ${markdownCell(`${result.title} / ${result.name}`)} (\`${result.id}\`) | ${markdownCell(result.mode)} | ${result.status} | ${percent(result.diffRatio)} | ${note} |`,
      );
    }
  }
  return `${lines.join('\n')}\n`;
}

function card(result: StoryResult): string {
  const { baseline, current, diff } = result.files ?? {};
  const figure = (label: string, file?: string) =>
    file
      ? `<figure><figcaption>${label}</figcaption><img src="${escapeHtml(file)}" alt="${label} of ${escapeHtml(result.id)} (${escapeHtml(result.mode)})"></figure>`
      : '';
  // Drag to uncover the baseline under the current capture.
  const slider =
    baseline && current
      ? `<div class="slider">
    <img src="${escapeHtml(current)}" alt="">
    <div class="over"><img src="${escapeHtml(baseline)}" alt=""></div>
    <input type="range" min="0" max="100" value="50" aria-label="Baseline / current slider for ${escapeHtml(result.id)}"
      oninput="this.previousElementSibling.style.width=this.value+'%'">
  </div>`
      : '';
  const list = (title: string, items?: string[]) =>
    items && items.length > 0 ? `<h3>${title}</h3>\n  <ul>${items.map((item) => `<li><code>${escapeHtml(item)}</code></li>`).join('')}</ul>` : '';
  const accept =
    result.status === 'changed' || result.status === 'new' || result.status === 'removed'
      ? `<p>Accept: <code>${escapeHtml(acceptCommand(captureId(result)))}</code></p>`
      : '';
  return `<section class="${result.status}" id="${escapeHtml(captureId(result))}">
  <h2>${escapeHtml(result.title)} / ${escapeHtml(result.name)} <small>${escapeHtml(result.mode)} · ${result.status} · ${percent(result.diffRatio)}</small></h2>
  ${result.reason ? `<p>${escapeHtml(result.reason)}</p>` : ''}
  ${accept}
  ${list('Why it changed', result.why)}
  ${list('Could not be settled at capture', result.notes)}
  <div class="row">${figure('Baseline', baseline)}${figure('Current', current)}${figure('Diff', diff)}</div>
  ${slider}
</section>`;
}

const STYLE = `
  body { font: 14px system-ui; margin: 2rem }
  section { border: 1px solid #ccc; border-radius: 8px; padding: 1rem; margin: 1rem 0 }
  .changed, .error { border-color: #b3261e }
  .new { border-color: #1f5fd1 }
  .group { border-color: #7a4fd1 }
  .row { display: flex; gap: 1rem; flex-wrap: wrap }
  figure { margin: 0 }
  img { max-width: 420px; border: 1px solid #ddd }
  .slider { position: relative; display: inline-block; margin-top: 1rem; width: 640px }
  .slider img { width: 640px; max-width: none; display: block }
  .slider .over { position: absolute; top: 0; left: 0; width: 50%; overflow: hidden }
  .slider input { display: block; width: 100% }
  h3 { font-size: 1rem; margin: .75rem 0 .25rem }
`;

function groupSection(group: CauseGroup): string {
  const links = group.captures.map((id) => `<li><a href="#${escapeHtml(id)}">${escapeHtml(id)}</a></li>`).join('');
  return `<section class="group" id="${escapeHtml(group.id)}">
  <h2>${group.captures.length} capture${group.captures.length === 1 ? '' : 's'} · <code>${escapeHtml(group.cause)}</code></h2>
  <p>Accept the group: <code>${escapeHtml(acceptCommand(group.id))}</code></p>
  <ul>${links}</ul>
</section>`;
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
  const notable = results.filter(needsAttention);
  const unchanged = results.filter((result) => !needsAttention(result));
  const html = reportPage(
    'Visual report',
    STYLE,
    `<p>${escapeHtml(markdown.split('\n')[2] ?? '')}</p>
${notice ? `<p role="note"><strong>${escapeHtml(notice)}</strong></p>` : ''}
${modesSource ? `<p>Modes: ${escapeHtml(modesSource)}.</p>` : ''}
${groups.length ? `<h2>By cause (${groups.length})</h2>\n${groups.map(groupSection).join('\n')}\n<h2>Each capture</h2>` : ''}
${notable.map(card).join('\n')}
<h2>Unchanged (${unchanged.length})</h2>
<ul>${unchanged.map((result) => `<li>${escapeHtml(result.id)} (${escapeHtml(result.mode)})</li>`).join('')}</ul>
`,
  );
  writeFileSync(join(dir, 'index.html'), html);
}
