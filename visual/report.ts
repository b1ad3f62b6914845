import { mkdirSync, writeFileSync } from 'node:fs';
import { escapeHtml, markdownCell, reportPage } from '../scripts/report-text.mjs';
import { join } from 'node:path';

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

/** `notice`: what holds for the whole run (the baselines drawn by another browser), above the table. */
export function summaryMarkdown(results: StoryResult[], modesSource = '', notice?: string): string {
  const counts = countByStatus(results);
  const notable = results.filter(needsAttention);
  const lines = [
    '## Visual changes',
    '',
    `${counts.changed} changed · ${counts.new} new · ${counts.removed} removed · ${counts.error} errors · ${counts.unchanged} unchanged`,
    '',
  ];
  if (notice) lines.push(`> ${markdownCell(notice)}`, '');
  if (modesSource) lines.push(`Modes: ${markdownCell(modesSource)}.`, '');
  if (notable.length === 0) lines.push('No visual changes.');
  else {
    lines.push('| story | mode | status | diff | why / note |', '| --- | --- | --- | --- | --- |');
    for (const result of notable) {
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
  return `<section class="${result.status}">
  <h2>${escapeHtml(result.title)} / ${escapeHtml(result.name)} <small>${escapeHtml(result.mode)} · ${result.status} · ${percent(result.diffRatio)}</small></h2>
  ${result.reason ? `<p>${escapeHtml(result.reason)}</p>` : ''}
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
  .row { display: flex; gap: 1rem; flex-wrap: wrap }
  figure { margin: 0 }
  img { max-width: 420px; border: 1px solid #ddd }
  .slider { position: relative; display: inline-block; margin-top: 1rem; width: 640px }
  .slider img { width: 640px; max-width: none; display: block }
  .slider .over { position: absolute; top: 0; left: 0; width: 50%; overflow: hidden }
  .slider input { display: block; width: 100% }
  h3 { font-size: 1rem; margin: .75rem 0 .25rem }
`;

export function writeReport(dir: string, results: StoryResult[], modesSource = '', notice?: string): void {
  mkdirSync(dir, { recursive: true });
  const summary = {
    counts: countByStatus(results),
    modes: modesSource,
    ...(notice ? { notice } : {}),
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
${notable.map(card).join('\n')}
<h2>Unchanged (${unchanged.length})</h2>
<ul>${unchanged.map((result) => `<li>${escapeHtml(result.id)} (${escapeHtml(result.mode)})</li>`).join('')}</ul>
`,
  );
  writeFileSync(join(dir, 'index.html'), html);
}
