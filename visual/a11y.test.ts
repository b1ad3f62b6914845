// @vitest-environment node
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { beforeEach, describe, expect, it } from 'vitest';
import { compareA11y, formatA11y, parseA11yFile, readA11ySettings, type A11yViolation } from './a11y';
import type { Shot } from './capture';
import { applyUpdate, judge, type Folders } from './judge';
import { summaryMarkdown } from './report';
import { decide, undo } from './review';
import { isDecidable } from './results';

const contrast: A11yViolation = { rule: 'color-contrast', impact: 'serious', target: 'button.ghost', box: [0, 0, 80, 24] };
const alt: A11yViolation = { rule: 'image-alt', impact: 'critical', target: 'img.logo', box: [0, 30, 40, 40] };

function png(): Buffer {
  const image = new PNG({ width: 2, height: 2 });
  image.data.fill(255);
  return PNG.sync.write(image);
}

let folders: Folders;
beforeEach(() => {
  const dir = mkdtempSync(join(tmpdir(), 'a11y-'));
  folders = { baselines: join(dir, 'baselines'), report: join(dir, 'report') };
  mkdirSync(folders.baselines, { recursive: true });
  writeFileSync(join(folders.baselines, 'widgets-card--plain@light.png'), png());
});
const shot = (a11y: A11yViolation[] | undefined): Shot => ({
  storyId: 'widgets-card--plain',
  title: 'Widgets/Card',
  name: 'Plain',
  mode: 'light',
  notes: [],
  png: png(),
  ...(a11y ? { a11y } : {}),
});
const baseline = (violations: A11yViolation[]) => writeFileSync(join(folders.baselines, 'widgets-card--plain@light.a11y.json'), formatA11y(violations));

describe('accessibility against its baseline', () => {
  it('matches violations by rule and element: new, known and resolved', () => {
    expect(compareA11y([contrast], [contrast, alt])).toEqual({ added: [alt], known: [contrast], resolved: [] });
    expect(compareA11y([contrast, alt], [{ ...contrast, box: [5, 5, 80, 24] }])).toEqual({
      added: [],
      known: [{ ...contrast, box: [5, 5, 80, 24] }],
      resolved: [alt],
    });
  });

  it('a new violation fails a capture whose pixels did not change, named by rule and element', () => {
    baseline([contrast]);
    const result = judge(shot([contrast, alt]), folders);
    expect(result).toMatchObject({ status: 'changed', reason: '1 new accessibility violation(s)' });
    expect(result.why?.[0]).toBe('new accessibility violation: image-alt (critical) on img.logo');
    expect(result.a11y).toEqual({ added: ['image-alt (critical) on img.logo'], known: ['color-contrast (serious) on button.ghost'], resolved: [] });
    expect(summaryMarkdown([result])).toContain('1 new · 1 known · 0 resolved');
    expect(summaryMarkdown([result])).toContain('Known debt: color-contrast ×1.');
  });

  it('known debt passes and is listed; a resolved one passes, and accepting drops it from the baseline (undo brings it back)', () => {
    baseline([contrast, alt]);
    const result = judge(shot([contrast]), folders);
    expect(result.status).toBe('unchanged');
    expect(result.a11y).toEqual({ added: [], known: ['color-contrast (serious) on button.ghost'], resolved: ['image-alt (critical) on img.logo'] });
    expect(isDecidable(result)).toBe(true);
    decide({ groups: [], stories: [result] }, ['widgets-card--plain@light'], 'accepted', folders, { reviewer: 'QA' });
    const file = join(folders.baselines, 'widgets-card--plain@light.a11y.json');
    expect(parseA11yFile(readFileSync(file, 'utf8'))).toEqual([contrast]);
    undo(['widgets-card--plain@light'], folders);
    expect(parseA11yFile(readFileSync(file, 'utf8'))).toEqual([contrast, alt]);
  });

  it('with no accessibility baseline yet, the violations are recorded as debt on accept or update, without failing', () => {
    const result = judge(shot([contrast]), folders);
    expect(result).toMatchObject({ status: 'unchanged', a11y: { added: [], known: ['color-contrast (serious) on button.ghost'], unrecorded: true } });
    expect(summaryMarkdown([result])).toContain('1 capture(s) have violations and no accessibility baseline yet');
    applyUpdate([result], folders);
    expect(parseA11yFile(readFileSync(join(folders.baselines, 'widgets-card--plain@light.a11y.json'), 'utf8'))).toEqual([contrast]);
    expect(judge(shot([contrast]), folders).a11y).toEqual({ added: [], known: ['color-contrast (serious) on button.ghost'], resolved: [] });
  });

  it('reads a baseline record by record and the a11y addon parameters value by value', () => {
    expect(parseA11yFile(JSON.stringify({ violations: [contrast, { rule: 3 }, null] }))).toEqual([contrast]);
    expect(readA11ySettings({ test: 'off' }).disabled).toBe(true);
    const settings = readA11ySettings({ config: { rules: [{ id: 'color-contrast', enabled: false }, { id: 7 }] } });
    expect(settings.rules['color-contrast']).toEqual({ enabled: false });
    // A story is a component, not a page: the whole-page rules are off unless it turns one on.
    expect(settings.rules.region).toEqual({ enabled: false });
    expect(readA11ySettings({ config: { rules: [{ id: 'region', enabled: true }] } }).rules.region).toEqual({ enabled: true });
  });
});
