// Single changes applied alone to our built Storybook, each with the first "why" line a reviewer
// should read for every capture it changes. The edits are made to the build (storybook-static) so
// that each costs a capture, not a Storybook build; each `find` must occur exactly once in its file.
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sirv from 'sirv';
import { captureStories } from '../visual/capture';
import { judge } from '../visual/judge';
import { readStoryIndex } from '../visual/storybook';

export interface CorpusChange {
  name: string;
  kind: 'css property' | 'token' | 'text' | 'element';
  /** The built asset, by the start of its name (`iframe-` for the stylesheet). */
  file: string;
  ext: 'css' | 'js';
  find: string;
  replace: string;
  /** What the first why line must say to name this change. */
  expect: RegExp;
  /** Captures of the stories whose baseline structure holds this text are taken (the others cannot show it). */
  shownBy: string;
}

const css = (name: string, find: string, replace: string, expect: RegExp, shownBy: string): CorpusChange => ({
  name,
  kind: 'css property',
  file: 'iframe-',
  ext: 'css',
  find,
  replace,
  expect,
  shownBy,
});
const token = (name: string, find: string, replace: string, expect: RegExp): CorpusChange => ({
  name,
  kind: 'token',
  file: 'iframe-',
  ext: 'css',
  find,
  replace,
  expect,
  shownBy: `var(${/--[\w-]+/.exec(find)?.[0] ?? ''}`,
});
const js = (kind: 'text' | 'element', name: string, file: string, find: string, replace: string, expect: RegExp, shownBy: string): CorpusChange => ({
  name,
  kind,
  file,
  ext: 'js',
  find,
  replace,
  expect,
  shownBy,
});

export const CORPUS: CorpusChange[] = [
  css('.badge padding', 'border-radius:999px;padding:.05rem .5rem', 'border-radius:999px;padding:.05rem .45rem', /^rule \.badge: padding /, '".badge"'),
  css(
    '.badge border-radius',
    'border:1px solid;border-radius:999px;padding:.05rem',
    'border:1px solid;border-radius:3px;padding:.05rem',
    /^rule \.badge: border-radius /,
    '".badge"',
  ),
  css('.badge font-size', 'padding:.05rem .5rem;font-size:.8rem', 'padding:.05rem .5rem;font-size:.7rem', /^rule \.badge: font-size /, '".badge"'),
  css('.card padding', 'border-radius:10px;padding:1rem', 'border-radius:10px;padding:1.5rem', /^rule \.card: padding /, '".card"'),
  css(
    '.card border-radius',
    'overflow-wrap:anywhere;border-radius:10px',
    'overflow-wrap:anywhere;border-radius:2px',
    /^rule \.card: border-radius /,
    '".card"',
  ),
  css(
    '.card__title font-size',
    '.card__title{margin:0;font-size:1.05rem}',
    '.card__title{margin:0;font-size:1.3rem}',
    /^rule \.card__title: font-size /,
    '".card__title"',
  ),
  css(
    '.card__header align-items',
    '.card__header{justify-content:space-between;align-items:baseline',
    '.card__header{justify-content:space-between;align-items:end',
    /^rule \.card__header: align-items /,
    '".card__header"',
  ),
  css('.muted color', '.muted{color:var(--muted)}', '.muted{color:#c03000}', /^rule \.muted: color /, '".muted"'),
  css(
    '.progress__track height',
    'border-radius:999px;flex:1;height:.5rem',
    'border-radius:999px;flex:1;height:.9rem',
    /^rule \.progress__track: height /,
    '".progress__track"',
  ),
  css(
    '.progress__bar background',
    '.progress__bar{background:var(--accent)',
    '.progress__bar{background:#c03000',
    /^rule \.progress__bar: background/,
    '".progress__bar"',
  ),
  css(
    '.alert border-left',
    '.alert{border-left:4px solid var(--muted)',
    '.alert{border-left:10px solid var(--muted)',
    /^rule \.alert: border-left/,
    '".alert"',
  ),
  css(
    '.alert__severity text-transform',
    '.alert__severity{text-transform:uppercase',
    '.alert__severity{text-transform:none',
    /^rule \.alert__severity: text-transform /,
    '".alert__severity"',
  ),
  css(
    '.approval-card__label font-size',
    'margin:.75rem 0 .2rem;font-size:.85rem',
    'margin:.75rem 0 .2rem;font-size:1rem',
    /^rule \.approval-card__label: font-size /,
    '".approval-card__label"',
  ),
  css(
    '.approval-card__payload padding',
    'border-radius:6px;margin:0;padding:.5rem}',
    'border-radius:6px;margin:0;padding:1.25rem}',
    /^rule \.approval-card__payload: padding /,
    '".approval-card__payload"',
  ),
  css(
    '.approval-card__reason font-style',
    '.approval-card__reason{font-style:italic}',
    '.approval-card__reason{font-style:normal}',
    /^rule \.approval-card__reason: font-style /,
    '".approval-card__reason"',
  ),
  css(
    '.metric__value font-size',
    '.metric__value{margin:.2rem 0;font-size:1.6rem',
    '.metric__value{margin:.2rem 0;font-size:2.2rem',
    /^rule \.metric__value: font-size /,
    '".metric__value"',
  ),
  css(
    '.health-card__facts dd font-weight',
    '.health-card__facts dd{margin:0;font-weight:600}',
    '.health-card__facts dd{margin:0;font-weight:400}',
    /^rule \.health-card__facts dd: font-weight /,
    '".health-card__facts dd"',
  ),
  css(
    '.alert-rule padding',
    '.alert-rule{border-left:4px solid var(--border);padding:.25rem .75rem}',
    '.alert-rule{border-left:4px solid var(--border);padding:.75rem 1.5rem}',
    /^rule \.alert-rule: padding /,
    '".alert-rule"',
  ),
  css(
    '.chart__legend font-size',
    'margin:.25rem 0 0;padding:0;font-size:.8rem;list-style:none',
    'margin:.25rem 0 0;padding:0;font-size:1rem;list-style:none',
    /^rule \.chart__legend: font-size /,
    '".chart__legend"',
  ),
  css(
    '.waterfall__row font-size',
    'align-items:center;gap:.5rem;font-size:.85rem;display:grid',
    'align-items:center;gap:.5rem;font-size:1rem;display:grid',
    /^rule \.waterfall__row: font-size /,
    '".waterfall__row"',
  ),
  css(
    'button border-radius',
    'cursor:pointer;border-radius:6px;padding:.4rem .9rem',
    'cursor:pointer;border-radius:0;padding:.4rem .9rem',
    /^rule button: border-radius /,
    '"button"',
  ),
  css(
    '.link-button text-decoration',
    'border:none;padding:.2rem;text-decoration:underline',
    'border:none;padding:.2rem;text-decoration:none',
    /^rule \.link-button: text-decoration/,
    '".link-button"',
  ),
  css(
    'th, td padding',
    'border-bottom:1px solid var(--border);padding:.3rem .5rem',
    'border-bottom:1px solid var(--border);padding:.6rem .5rem',
    /^rule th, td: padding /,
    '"th, td"',
  ),
  css(
    '.unreadable__item border',
    '.unreadable__item{border:1px dashed var(--bad)',
    '.unreadable__item{border:1px solid var(--bad)',
    /^rule \.unreadable__item: border/,
    '".unreadable__item"',
  ),
  css('.skeleton__line height', 'border-radius:4px;height:.9rem', 'border-radius:4px;height:1.4rem', /^rule \.skeleton__line: height /, '".skeleton__line"'),
  css(
    '.notice padding',
    '.notice{background:var(--notice-bg);color:var(--text);border-radius:6px;padding:.5rem .75rem',
    '.notice{background:var(--notice-bg);color:var(--text);border-radius:6px;padding:1rem 1.5rem',
    /^rule \.notice: padding /,
    '".notice"',
  ),
  token('light --accent', '--accent:#1f5fd1;', '--accent:#a0208f;', /^token --accent #1f5fd1 → #a0208f/),
  token('light --ok', '--ok:#1d7a3e;', '--ok:#0d5a8e;', /^token --ok #1d7a3e → #0d5a8e/),
  token('light --border', '--border:#d5d9e0;', '--border:#909090;', /^token --border #d5d9e0 → #909090/),
  token('dark --bad', '--bad:#ff8a80;', '--bad:#ff40ff;', /^token --bad #ff8a80 → #ff40ff/),
  token('dark --surface', '--surface:#1b1e25;', '--surface:#4a2a6a;', /^token --surface #1b1e25 → #4a2a6a/),
  token('dark --muted', '--muted:#a3aab8;', '--muted:#c0c8d8;', /^token --muted #a3aab8 → #c0c8d8/),
  js(
    'text',
    'proposal title',
    'ApprovalCard.stories',
    'title:`Refund order #4471`',
    'title:`Refund order #4472`',
    /text "Refund order #4471" → "Refund order #4472"/,
    'Refund order #4471',
  ),
  js(
    'text',
    'project state label',
    'ProjectStatus-',
    'warning:`Needs attention`',
    'warning:`Needs a look`',
    /text "Needs attention" → "Needs a look"/,
    'Needs attention',
  ),
  js('text', 'open tasks label', 'ProjectStatus-', '` open tasks`', '` tasks open`', /text ".* open tasks" → ".* tasks open"/, 'open tasks'),
  js('text', 'refresh button label', 'WidgetFrame-', 'children:`Refresh`}', 'children:`Reload`}', /text "Refresh" → "Reload"/, '"Refresh"'),
  js('text', 'refreshing notice', 'WidgetFrame-', 'children:`Refreshing…`', 'children:`Updating…`', /text "Refreshing…" → "Updating…"/, 'Refreshing…'),
  js('text', 'retry button label', 'WidgetFrame-', 'children:[`Retry `,e]', 'children:[`Try again: `,e]', /text "Retry .*" → "Try again: .*"/, 'Retry '),
  js(
    'element',
    'project state badge removed',
    'ProjectStatus-',
    '(0,s.jsx)(`p`,{children:(0,s.jsx)(`span`,{className:`badge badge--${e.state}`,children:c[e.state]})}),',
    '',
    /^removed p "(Healthy|Needs attention|Critical)"/,
    'project-status',
  ),
  js(
    'element',
    'rule added under the project name',
    'ProjectStatus-',
    'children:n(e.name,200)}),',
    'children:n(e.name,200)}),(0,s.jsx)(`hr`,{}),',
    /^added hr/,
    'project-status',
  ),
  js(
    'element',
    'refresh button removed',
    'WidgetFrame-',
    't===`loaded`&&i&&(0,c.jsx)(`button`,{type:`button`,className:`link-button`,onClick:i,"aria-label":`Refresh ${e}`,children:`Refresh`}),',
    '',
    /^removed button\.link-button "Refresh"/,
    '"Refresh"',
  ),
  js(
    'element',
    'beta label added to widget headers',
    'WidgetFrame-',
    '(0,c.jsx)(`h2`,{id:f,className:`card__title`,children:e}),',
    '(0,c.jsx)(`h2`,{id:f,className:`card__title`,children:e}),(0,c.jsx)(`span`,{className:`muted`,children:`beta`}),',
    /^added span\.muted "beta"/,
    'card__header',
  ),
];

export interface CorpusOutcome {
  change: string;
  kind: CorpusChange['kind'];
  /** Changed captures and those whose first why line named the change. */
  changed: number;
  named: number;
  /** Each changed capture whose first line did not name it, with what it said. */
  misses: string[];
  /** Why the change could not be applied (its text not found once in the build). */
  problem?: string;
}

/** Applies each change alone to a copy of the build, captures the stories that can show it, and judges them against the baselines. */
export async function runCauseCorpus(storybookDir: string, baselines: string, changes = CORPUS): Promise<CorpusOutcome[]> {
  const work = mkdtempSync(join(tmpdir(), 'cause-corpus-'));
  const build = join(work, 'storybook');
  cpSync(storybookDir, build, { recursive: true });
  const server = createServer(sirv(build, { dev: true }));
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/`;
  const outcomes: CorpusOutcome[] = [];
  try {
    const stories = await readStoryIndex(url);
    const baselineText = new Map<string, string>();
    for (const file of readdirSync(baselines).filter((name) => name.endsWith('.json'))) {
      const storyId = file.slice(0, file.lastIndexOf('@'));
      baselineText.set(storyId, `${baselineText.get(storyId) ?? ''}${readFileSync(join(baselines, file), 'utf8')}`);
    }
    for (const change of changes) {
      const asset = readdirSync(join(build, 'assets')).find(
        (name) => name.startsWith(change.file) && name.endsWith(`.${change.ext}`) && readFileSync(join(build, 'assets', name), 'utf8').includes(change.find),
      );
      const path = asset ? join(build, 'assets', asset) : '';
      const original = asset ? readFileSync(path, 'utf8') : '';
      const count = original.split(change.find).length - 1;
      if (count !== 1) {
        outcomes.push({
          change: change.name,
          kind: change.kind,
          changed: 0,
          named: 0,
          misses: [],
          problem: `found ${count} times in ${change.file}*.${change.ext}`,
        });
        continue;
      }
      writeFileSync(path, original.replace(change.find, change.replace));
      const report = join(work, 'report');
      rmSync(report, { recursive: true, force: true });
      for (const sub of ['current', 'baseline', 'diff']) mkdirSync(join(report, sub), { recursive: true });
      try {
        const selected = stories.filter((story) => baselineText.get(story.id)?.includes(change.shownBy));
        const { shots } = await captureStories(url, selected);
        const changed = shots.map((shot) => judge(shot, { baselines, report })).filter((result) => result.status === 'changed');
        const misses = changed
          .filter((result) => !change.expect.test(result.why?.[0] ?? ''))
          .map((result) => `${result.id}@${result.mode}: ${result.why?.[0] ?? '(no why)'}`);
        outcomes.push({ change: change.name, kind: change.kind, changed: changed.length, named: changed.length - misses.length, misses });
      } finally {
        writeFileSync(path, original);
      }
    }
  } finally {
    server.close();
    rmSync(work, { recursive: true, force: true });
  }
  return outcomes;
}
