// @vitest-environment node
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { A11yViolation } from './a11y';
import type { Shot } from './capture';
import { applyUpdate, formatStructure, judge, removedBaselines, type Folders } from './judge';
import type { Structure } from './structure';

/** A 10 × 10 image of one colour, with `odd` pixels of another from the top left. */
function png(color: [number, number, number], odd = 0): Buffer {
  const image = new PNG({ width: 10, height: 10 });
  for (let pixel = 0; pixel < 100; pixel += 1) image.data.set([...(pixel < odd ? [255 - color[0], 255 - color[1], 255 - color[2]] : color), 255], pixel * 4);
  return PNG.sync.write(image);
}
const node = (key: string, color: string) => ({ key, label: key, text: '', styles: { color } });
const structureOf = (...nodes: ReturnType<typeof node>[]): Structure => ({ nodes }) as Structure;
const ID = 'widgets-card--plain';
const violation = (rule: string): A11yViolation => ({ rule, impact: 'serious', target: `#${rule}`, box: [0, 0, 1, 1] });

let dir: string;
let folders: Folders;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'judge-'));
  folders = { baselines: join(dir, 'baselines'), report: join(dir, 'report') };
  mkdirSync(folders.baselines, { recursive: true });
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const shot = (overrides: Partial<Shot>): Shot => ({ storyId: ID, title: 'Widgets/Card', name: 'Plain', mode: 'light', notes: [], ...overrides });
const baseline = (file: string, data: Buffer | string) => writeFileSync(join(folders.baselines, file), data);
const reportFiles = (sub: string) => (existsSync(join(folders.report, sub)) ? readdirSync(join(folders.report, sub)).sort() : []);

describe('what a judgement says and writes', () => {
  it('a story that failed says why, and whether it ever had a baseline, in any of its modes', () => {
    expect(judge(shot({ error: 'the play function threw', notes: ['a font did not load'] }), folders)).toEqual({
      id: ID,
      title: 'Widgets/Card',
      name: 'Plain',
      mode: 'light',
      notes: ['a font did not load'],
      status: 'error',
      diffRatio: 1,
      reason: 'the play function threw (error, no baseline yet)',
    });
    expect(judge(shot({}), folders).reason).toBe('no screenshot (error, no baseline yet)');
    baseline(`${ID}@dark.png`, png([0, 0, 0]));
    expect(judge(shot({ mode: '*', error: 'boom' }), folders).reason).toBe('boom');
    expect(judge(shot({ mode: '*', error: 'boom', storyId: 'other--story' }), folders).reason).toBe('boom (error, no baseline yet)');
    expect(judge(shot({ mode: 'light', error: 'boom' }), folders).reason).toBe('boom (error, no baseline yet)');
    expect(judge(shot({ mode: 'dark', error: 'boom', png: png([0, 0, 0]) }), folders).reason).toBe('boom');
    rmSync(folders.baselines, { recursive: true });
    expect(judge(shot({ mode: '*', error: 'boom' }), folders).reason).toBe('boom (error, no baseline yet)');
  });

  it('a new capture is written with its structure, and nothing is compared', () => {
    const result = judge(shot({ png: png([1, 2, 3]), structure: structureOf(node('root/p[0]', '#000')) }), folders);
    expect(result).toStrictEqual({
      id: ID,
      title: 'Widgets/Card',
      name: 'Plain',
      mode: 'light',
      status: 'new',
      diffRatio: 1,
      reason: 'no baseline yet',
      files: { current: `current/${ID}@light.png` },
    });
    expect(reportFiles('current')).toEqual([`${ID}@light.json`, `${ID}@light.png`]);
    expect(reportFiles('baseline')).toEqual([]);
  });

  it('an identical capture is unchanged, with no copies of its baseline in the report', () => {
    baseline(`${ID}@light.png`, png([1, 2, 3]));
    baseline(`${ID}@light.json`, formatStructure(structureOf(node('root/p[0]', '#000'))));
    const result = judge(shot({ png: png([1, 2, 3]), structure: structureOf(node('root/p[0]', '#000')) }), folders);
    expect(result).toStrictEqual({ id: ID, title: 'Widgets/Card', name: 'Plain', mode: 'light', status: 'unchanged', diffRatio: 0 });
    expect(reportFiles('baseline')).toEqual([]);
  });

  it('a difference the story tolerates is unchanged but reported with its images and why', () => {
    baseline(`${ID}@light.png`, png([200, 200, 200]));
    const result = judge(shot({ png: png([200, 200, 200], 1), threshold: 0.01 }), folders);
    expect(result).toStrictEqual({
      id: ID,
      title: 'Widgets/Card',
      name: 'Plain',
      mode: 'light',
      status: 'unchanged',
      diffRatio: 0.01,
      reason: "1 pixel(s) differ, within this story's tolerance",
      files: { baseline: `baseline/${ID}@light.png`, current: `current/${ID}@light.png`, diff: `diff/${ID}@light.png` },
    });
    expect(reportFiles('diff')).toEqual([`${ID}@light.png`]);
    expect(readFileSync(join(folders.report, 'baseline', `${ID}@light.png`))).toEqual(png([200, 200, 200]));
  });

  it('a change names its causes, then at most 12 consequences; its baseline structure is copied for undoing', () => {
    const before = structureOf(node('root/div[0]', '#000'), ...Array.from({ length: 20 }, (_, index) => node(`root/div[0]/p[${index}]`, '#000')));
    const after = structureOf(node('root/div[0]', '#f00'), ...Array.from({ length: 20 }, (_, index) => node(`root/div[0]/p[${index}]`, '#f00')));
    baseline(`${ID}@light.png`, png([0, 0, 0]));
    baseline(`${ID}@light.json`, formatStructure(before));
    const result = judge(shot({ png: png([0, 0, 0], 50), structure: after }), folders);
    expect(result).toMatchObject({ status: 'changed', diffRatio: 0.5, reason: '50 pixel(s) differ' });
    expect(result.causes?.length).toBeGreaterThan(0);
    expect(result.why?.length).toBeLessThanOrEqual((result.causes?.length ?? 0) + 12);
    expect(result.why?.length).toBeGreaterThan(result.causes?.length ?? 0);
    expect(readFileSync(join(folders.report, 'baseline', `${ID}@light.json`), 'utf8')).toBe(formatStructure(before));
  });

  it('a change with the same structure says only pixels changed; one without a structure to compare says nothing of why', () => {
    baseline(`${ID}@light.png`, png([0, 0, 0]));
    baseline(`${ID}@light.json`, formatStructure(structureOf(node('root/p[0]', '#000'))));
    const same = judge(shot({ png: png([0, 0, 0], 3), structure: structureOf(node('root/p[0]', '#000')) }), folders);
    expect(same.why).toEqual(["only pixels changed: the structure and painted styles are the same (an image, a canvas, a font's rendering)"]);
    expect(same).not.toHaveProperty('causes');
    expect(judge(shot({ png: png([0, 0, 0], 3) }), folders)).not.toHaveProperty('why');
    baseline(`${ID}@light.json`, '{torn');
    expect(judge(shot({ png: png([0, 0, 0], 3), structure: structureOf(node('root/p[0]', '#000')) }), folders)).not.toHaveProperty('why');
  });

  it('a baseline that is not a PNG is an error with both files to look at', () => {
    baseline(`${ID}@light.png`, 'not a png');
    expect(judge(shot({ png: png([0, 0, 0]) }), folders)).toStrictEqual({
      id: ID,
      title: 'Widgets/Card',
      name: 'Plain',
      mode: 'light',
      status: 'error',
      diffRatio: 1,
      reason: expect.stringMatching(/^baseline PNG is unreadable/) as string,
      files: { baseline: `baseline/${ID}@light.png`, current: `current/${ID}@light.png` },
    });
  });
});

describe('accessibility in a judgement', () => {
  it('a capture without a check, or one that failed, says nothing of accessibility', () => {
    expect(judge(shot({ png: png([0, 0, 0]) }), folders)).not.toHaveProperty('a11y');
    expect(judge(shot({ error: 'boom', a11y: [violation('label')] }), folders)).not.toHaveProperty('a11y');
    expect(reportFiles('current').filter((file) => file.endsWith('.a11y.json'))).toEqual([]);
  });

  it("with no accessibility baseline, this run's violations are the debt recorded, new or not", () => {
    expect(judge(shot({ png: png([0, 0, 0]), a11y: [violation('label')] }), folders).a11y).toEqual({
      added: [],
      known: ['label (serious) on #label'],
      resolved: [],
      unrecorded: true,
    });
    baseline(`${ID}@light.png`, png([0, 0, 0]));
    expect(judge(shot({ png: png([0, 0, 0]), a11y: [violation('label')] }), folders)).toMatchObject({ status: 'unchanged', a11y: { unrecorded: true } });
  });

  it('known and resolved violations are listed and pass; a new one fails an unchanged capture, with both images', () => {
    baseline(`${ID}@light.png`, png([0, 0, 0]));
    baseline(`${ID}@light.a11y.json`, `{"violations":[${JSON.stringify(violation('label'))},${JSON.stringify(violation('region'))}]}`);
    expect(judge(shot({ png: png([0, 0, 0]), a11y: [violation('label')] }), folders)).toStrictEqual({
      id: ID,
      title: 'Widgets/Card',
      name: 'Plain',
      mode: 'light',
      status: 'unchanged',
      diffRatio: 0,
      a11y: { added: [], known: ['label (serious) on #label'], resolved: ['region (serious) on #region'] },
    });
    const failed = judge(shot({ png: png([0, 0, 0]), a11y: [violation('label'), violation('color-contrast')] }), folders);
    expect(failed).toMatchObject({
      status: 'changed',
      reason: '1 new accessibility violation(s)',
      why: ['new accessibility violation: color-contrast (serious) on #color-contrast'],
      files: { baseline: `baseline/${ID}@light.png`, current: `current/${ID}@light.png` },
    });
    expect(readFileSync(join(folders.report, 'baseline', `${ID}@light.a11y.json`), 'utf8')).toContain('region');
  });

  it('an unreadable accessibility baseline counts every violation as new, and says so', () => {
    baseline(`${ID}@light.png`, png([0, 0, 0]));
    baseline(`${ID}@light.a11y.json`, '{torn');
    const result = judge(shot({ png: png([0, 0, 0]), a11y: [violation('label')], notes: ['slow font'] }), folders);
    expect(result.notes).toEqual(['slow font', `${ID}@light.a11y.json in the baselines could not be read; every violation counts as new`]);
    expect(result.a11y?.added).toEqual(['label (serious) on #label']);
  });
});

describe('removed baselines and --update', () => {
  it('a removed capture is a PNG baseline no result, error or left-out story accounts for', () => {
    for (const file of [
      `${ID}@light.png`,
      `${ID}@dark.png`,
      `${ID}@dark.json`,
      'gone--story@light.png',
      'left--out@light.png',
      'errored--story@light.png',
      'notes.txt',
    ])
      baseline(file, 'x');
    const results = [
      { id: ID, title: '', name: '', mode: 'light', status: 'unchanged' as const, diffRatio: 0 },
      { id: 'errored--story', title: '', name: '', mode: '*', status: 'error' as const, diffRatio: 1 },
    ];
    expect(removedBaselines(results, folders.baselines, new Set(['left--out']))).toEqual([
      {
        id: 'gone--story',
        title: 'gone--story',
        name: '',
        mode: 'light',
        status: 'removed',
        diffRatio: 1,
        reason: 'the baseline has no story (or mode) any more',
      },
      { id: ID, title: ID, name: '', mode: 'dark', status: 'removed', diffRatio: 1, reason: 'the baseline has no story (or mode) any more' },
    ]);
    expect(removedBaselines(results, join(dir, 'nowhere'))).toEqual([]);
  });

  it("writes the image only of what changed or is new, every capture's structure and accessibility, and never an error's", () => {
    const current = join(folders.report, 'current');
    mkdirSync(current, { recursive: true });
    for (const id of ['same--story', 'changed--story', 'new--story', 'errored--story'])
      for (const ext of ['png', 'json', 'a11y.json']) writeFileSync(join(current, `${id}@light.${ext}`), `${id} ${ext} now`);
    baseline('same--story@light.png', 'same png before');
    const entry = (id: string, status: 'unchanged' | 'changed' | 'new' | 'error') => ({ id, title: '', name: '', mode: 'light', status, diffRatio: 0 });
    applyUpdate([entry('same--story', 'unchanged'), entry('changed--story', 'changed'), entry('new--story', 'new'), entry('errored--story', 'error')], folders);
    const read = (file: string) => (existsSync(join(folders.baselines, file)) ? readFileSync(join(folders.baselines, file), 'utf8') : undefined);
    expect(read('same--story@light.png')).toBe('same png before');
    expect(read('same--story@light.json')).toBe('same--story json now');
    expect(read('same--story@light.a11y.json')).toBe('same--story a11y.json now');
    expect(read('changed--story@light.png')).toBe('changed--story png now');
    expect(read('new--story@light.png')).toBe('new--story png now');
    expect(read('errored--story@light.png')).toBeUndefined();
    expect(read('errored--story@light.json')).toBeUndefined();
  });
});

describe('a structure as a baseline file', () => {
  it('one element a line, rules after, and the truncation mark first', () => {
    expect(formatStructure(structureOf(node('a', '#000'), node('b', '#fff')))).toBe(
      '{"nodes":[\n  {"key":"a","label":"a","text":"","styles":{"color":"#000"}},\n  {"key":"b","label":"b","text":"","styles":{"color":"#fff"}}\n]}\n',
    );
    expect(formatStructure({ ...structureOf(node('a', '#000')), truncated: true, rules: [{ selector: '.a' }] } as unknown as Structure)).toBe(
      '{"truncated":true,"nodes":[\n  {"key":"a","label":"a","text":"","styles":{"color":"#000"}}\n],"rules":[\n  {"selector":".a"}\n]}\n',
    );
  });
});
