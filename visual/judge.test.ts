// @vitest-environment node
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { beforeEach, describe, expect, it } from 'vitest';
import type { A11yViolation } from './a11y';
import type { Shot } from './capture';
import { applyUpdate, judge, removedBaselines, type Folders } from './judge';

function png(color: [number, number, number]): Buffer {
  const image = new PNG({ width: 4, height: 4 });
  for (let offset = 0; offset < image.data.length; offset += 4) image.data.set([...color, 255], offset);
  return PNG.sync.write(image);
}

const structure = (color: string) => ({ nodes: [{ key: 'root/span.badge[0]', label: 'span.badge.badge--pending', text: 'Pending', styles: { color } }] });
let folders: Folders;
beforeEach(() => {
  const dir = mkdtempSync(join(tmpdir(), 'visual-'));
  folders = { baselines: join(dir, 'baselines'), report: join(dir, 'report') };
  mkdirSync(folders.baselines, { recursive: true });
  for (const sub of ['current', 'baseline', 'diff']) mkdirSync(join(folders.report, sub), { recursive: true });
});

const shot = (overrides: Partial<Shot>): Shot => ({
  storyId: 'widgets-projectstatus--critical',
  title: 'Widgets/ProjectStatus',
  name: 'Critical',
  mode: 'light',
  notes: [],
  ...overrides,
});

describe('judging a capture against its baseline', () => {
  it('a change comes with why: the element, the property, old and new value', () => {
    writeFileSync(join(folders.baselines, 'widgets-projectstatus--critical@light.png'), png([255, 255, 255]));
    writeFileSync(join(folders.baselines, 'widgets-projectstatus--critical@light.json'), JSON.stringify(structure('#8a5a00')));
    const result = judge(shot({ png: png([0, 0, 0]), structure: structure('#b06f00') }), folders);
    expect(result).toMatchObject({ status: 'changed', why: ['span.badge.badge--pending color #8a5a00 → #b06f00'] });
  });

  it("a change's cause is named before a new accessibility violation it brought, which comes next", () => {
    writeFileSync(join(folders.baselines, 'widgets-projectstatus--critical@light.png'), png([255, 255, 255]));
    writeFileSync(join(folders.baselines, 'widgets-projectstatus--critical@light.json'), JSON.stringify(structure('#8a5a00')));
    writeFileSync(join(folders.baselines, 'widgets-projectstatus--critical@light.a11y.json'), '[]');
    const contrast: A11yViolation = { rule: 'color-contrast', impact: 'serious', target: 'span.badge', box: [0, 0, 4, 4] };
    const result = judge(shot({ png: png([0, 0, 0]), structure: structure('#ff00ff'), a11y: [contrast] }), folders);
    expect(result.why).toEqual(['span.badge.badge--pending color #8a5a00 → #ff00ff', 'new accessibility violation: color-contrast (serious) on span.badge']);
  });

  it('a removed story is one entry per mode, and --update then deletes both without crashing', () => {
    for (const mode of ['light', 'dark']) {
      writeFileSync(join(folders.baselines, `widgets-projectstatus--critical@${mode}.png`), png([1, 1, 1]));
      writeFileSync(join(folders.baselines, `widgets-projectstatus--critical@${mode}.json`), '{"nodes":[]}');
    }
    const removed = removedBaselines([], folders.baselines);
    expect(removed.map((entry) => `${entry.id}@${entry.mode}`)).toEqual(['widgets-projectstatus--critical@dark', 'widgets-projectstatus--critical@light']);
    applyUpdate(removed, folders);
    expect(existsSync(join(folders.baselines, 'widgets-projectstatus--critical@light.png'))).toBe(false);
    expect(existsSync(join(folders.baselines, 'widgets-projectstatus--critical@dark.json'))).toBe(false);
  });

  it('a story that errored keeps its baselines, through --update too', () => {
    writeFileSync(join(folders.baselines, 'widgets-projectstatus--critical@light.png'), png([1, 1, 1]));
    const errored = judge(shot({ mode: '*', error: 'the play function threw' }), folders);
    expect(removedBaselines([errored], folders.baselines)).toEqual([]);
    applyUpdate([errored], folders);
    expect(readFileSync(join(folders.baselines, 'widgets-projectstatus--critical@light.png')).length).toBeGreaterThan(0);
  });

  it('a new story is written with its structure on --update', () => {
    const result = judge(shot({ png: png([9, 9, 9]), structure: structure('#000000') }), folders);
    expect(result.status).toBe('new');
    applyUpdate([result], folders);
    expect(JSON.parse(readFileSync(join(folders.baselines, 'widgets-projectstatus--critical@light.json'), 'utf8'))).toEqual(structure('#000000'));
  });
});
