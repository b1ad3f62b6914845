import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export type VisualStatus = 'unchanged' | 'changed' | 'new' | 'removed' | 'error';
export interface StoryResult { id: string; title: string; name: string; mode: string; status: VisualStatus; diffRatio: number; reason?: string; files?: { baseline?: string; current?: string; diff?: string } }

const percent = (ratio: number) => `${(ratio * 100).toFixed(2)}%`;
const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

export function countByStatus(results: StoryResult[]): Record<VisualStatus, number> {
  const counts: Record<VisualStatus, number> = { unchanged: 0, changed: 0, new: 0, removed: 0, error: 0 };
  for (const result of results) counts[result.status] += 1;
  return counts;
}

export function summaryMarkdown(results: StoryResult[]): string {
  const counts = countByStatus(results);
  const notable = results.filter((result) => result.status !== 'unchanged');
  const lines = [
    '## Visual changes',
    '',
    `${counts.changed} changed · ${counts.new} new · ${counts.removed} removed · ${counts.error} errors · ${counts.unchanged} unchanged`,
    '',
  ];
  if (notable.length === 0) lines.push('No visual changes.');
  else {
    lines.push('| story | mode | status | diff | note |', '| --- | --- | --- | --- | --- |');
    for (const result of notable) lines.push(`| ${result.title} / ${result.name} (\`${result.id}\`) | ${result.mode} | ${result.status} | ${percent(result.diffRatio)} | ${result.reason ?? ''} |`);
  }
  return `${lines.join('\n')}\n`;
}

function card(result: StoryResult): string {
  const img = (label: string, file?: string) => (file ? `<figure><figcaption>${label}</figcaption><img src="${escapeHtml(file)}" alt="${label} of ${escapeHtml(result.id)} (${result.mode})"></figure>` : '');
  const slider = result.files?.baseline && result.files.current
    ? `<div class="slider"><img src="${escapeHtml(result.files.current)}" alt=""><div class="over"><img src="${escapeHtml(result.files.baseline)}" alt=""></div><input type="range" min="0" max="100" value="50" aria-label="Baseline / current slider for ${escapeHtml(result.id)}" oninput="this.previousElementSibling.style.width=this.value+'%'"></div>`
    : '';
  return `<section class="${result.status}"><h2>${escapeHtml(result.title)} / ${escapeHtml(result.name)} <small>${result.mode} · ${result.status} · ${percent(result.diffRatio)}</small></h2>${result.reason ? `<p>${escapeHtml(result.reason)}</p>` : ''}<div class="row">${img('Baseline', result.files?.baseline)}${img('Current', result.files?.current)}${img('Diff', result.files?.diff)}</div>${slider}</section>`;
}

export function writeReport(dir: string, results: StoryResult[]): void {
  mkdirSync(dir, { recursive: true });
  const summary = { counts: countByStatus(results), stories: results.map(({ files: _files, ...rest }) => rest) };
  writeFileSync(join(dir, 'summary.json'), `${JSON.stringify(summary, null, 2)}\n`);
  writeFileSync(join(dir, 'summary.md'), summaryMarkdown(results));
  const notable = results.filter((result) => result.status !== 'unchanged');
  const unchanged = results.filter((result) => result.status === 'unchanged');
  writeFileSync(join(dir, 'index.html'), `<!doctype html><html lang="en"><meta charset="utf-8"><title>Visual report</title>
<style>body{font:14px system-ui;margin:2rem}section{border:1px solid #ccc;border-radius:8px;padding:1rem;margin:1rem 0}.changed,.error{border-color:#b3261e}.new{border-color:#1f5fd1}.row{display:flex;gap:1rem;flex-wrap:wrap}figure{margin:0}img{max-width:420px;border:1px solid #ddd}.slider{position:relative;display:inline-block;margin-top:1rem;width:640px}.slider img{width:640px;max-width:none;display:block}.slider .over{position:absolute;top:0;left:0;width:50%;overflow:hidden}.slider input{display:block;width:100%}</style>
<h1>Visual report</h1><p>${escapeHtml(summaryMarkdown(results).split('\n')[2] ?? '')}</p>
${notable.map(card).join('\n')}
<h2>Unchanged (${unchanged.length})</h2><ul>${unchanged.map((result) => `<li>${escapeHtml(result.id)} (${result.mode})</li>`).join('')}</ul></html>\n`);
}
