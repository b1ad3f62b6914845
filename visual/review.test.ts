import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { sha256 } from './compare';
import type { Folders } from './judge';
import type { StoryResult } from './results';
import { decide, markRejections, readDecisions, selectCaptures, undo, type RunSummary } from './review';

const story = (id: string, mode: string, status: StoryResult['status'], cause?: string): StoryResult => ({
  id,
  title: id,
  name: '',
  mode,
  status,
  diffRatio: status === 'unchanged' ? 0 : 0.1,
  ...(cause ? { causes: [{ id: 'c-badge', text: cause }] } : {}),
  ...(status === 'unchanged' ? {} : { files: { current: `current/${id}@${mode}.png` } }),
});

const summary: RunSummary = {
  groups: [{ id: 'c-badge', cause: 'rule .badge: padding 8px → 7px', captures: ['hitl-card--pending@light', 'hitl-card--pending@dark'] }],
  stories: [
    story('hitl-card--pending', 'light', 'changed', 'rule .badge: padding 8px → 7px'),
    story('hitl-card--pending', 'dark', 'changed', 'rule .badge: padding 8px → 7px'),
    story('widgets-chart--empty', 'light', 'changed'),
    story('widgets-chart--new-one', 'light', 'new'),
    story('widgets-gone--old', 'light', 'removed'),
    story('widgets-chart--loaded', 'light', 'unchanged'),
  ],
};

let folders: Folders;
const png = (capture: string) => join(folders.baselines, `${capture}.png`);
const write = (file: string, text: string) => writeFileSync(file, text);

beforeEach(() => {
  const dir = mkdtempSync(join(tmpdir(), 'visual-review-'));
  folders = { baselines: join(dir, 'visual', 'baselines'), report: join(dir, 'report') };
  for (const sub of [folders.baselines, join(folders.report, 'current'), join(folders.report, 'baseline')]) mkdirSync(sub, { recursive: true });
  for (const capture of ['hitl-card--pending@light', 'hitl-card--pending@dark', 'widgets-chart--empty@light', 'widgets-gone--old@light']) {
    write(png(capture), `old ${capture}`);
    write(join(folders.baselines, `${capture}.json`), `{"old":"${capture}"}`);
    write(join(folders.report, 'baseline', `${capture}.png`), `old ${capture}`);
  }
  for (const capture of ['hitl-card--pending@light', 'hitl-card--pending@dark', 'widgets-chart--empty@light', 'widgets-chart--new-one@light']) {
    write(join(folders.report, 'current', `${capture}.png`), `new ${capture}`);
    write(join(folders.report, 'current', `${capture}.json`), `{"new":"${capture}"}`);
  }
});

describe('choosing what a decision applies to', () => {
  it('takes a group, a capture, a story (all its modes), a glob, or all; never an unchanged capture', () => {
    expect(selectCaptures(summary, ['c-badge']).captures).toEqual(['hitl-card--pending@light', 'hitl-card--pending@dark']);
    expect(selectCaptures(summary, ['widgets-chart--empty@light']).captures).toEqual(['widgets-chart--empty@light']);
    expect(selectCaptures(summary, ['hitl-card--pending']).captures).toEqual(['hitl-card--pending@light', 'hitl-card--pending@dark']);
    expect(selectCaptures(summary, ['widgets-*']).captures).toEqual(['widgets-chart--empty@light', 'widgets-chart--new-one@light', 'widgets-gone--old@light']);
    expect(selectCaptures(summary, ['all']).captures).toHaveLength(5);
    expect(selectCaptures(summary, ['widgets-chart--loaded@light', 'c-nothing']).unknown).toEqual(['widgets-chart--loaded@light', 'c-nothing']);
  });
});

describe('accepting, rejecting and undoing', () => {
  it('accepting a group writes exactly its captures as baselines and records who, why and the hashes', () => {
    const made = decide(summary, ['hitl-card--pending@light', 'hitl-card--pending@dark'], 'accepted', folders, {
      reviewer: 'Riley',
      reason: 'tighter badges',
      now: new Date('2026-12-04T10:00:00Z'),
    });
    expect(readFileSync(png('hitl-card--pending@light'), 'utf8')).toBe('new hitl-card--pending@light');
    expect(readFileSync(join(folders.baselines, 'hitl-card--pending@dark.json'), 'utf8')).toBe('{"new":"hitl-card--pending@dark"}');
    expect(readFileSync(png('widgets-chart--empty@light'), 'utf8')).toBe('old widgets-chart--empty@light');
    expect(made[0]).toEqual({
      capture: 'hitl-card--pending@light',
      decision: 'accepted',
      causes: ['rule .badge: padding 8px → 7px'],
      before: sha256(Buffer.from('old hitl-card--pending@light')),
      after: sha256(Buffer.from('new hitl-card--pending@light')),
      time: '2026-12-04T10:00:00.000Z',
      reviewer: 'Riley',
      reason: 'tighter badges',
    });
    expect(readDecisions(folders.baselines).map((entry) => entry.capture)).toEqual(['hitl-card--pending@dark', 'hitl-card--pending@light']);
  });

  it('accepting a removed story deletes its baseline; accepting a new one creates it', () => {
    decide(summary, ['widgets-gone--old@light', 'widgets-chart--new-one@light'], 'accepted', folders, { reviewer: 'Riley' });
    expect(existsSync(png('widgets-gone--old@light'))).toBe(false);
    expect(existsSync(join(folders.baselines, 'widgets-gone--old@light.json'))).toBe(false);
    expect(readFileSync(png('widgets-chart--new-one@light'), 'utf8')).toBe('new widgets-chart--new-one@light');
  });

  it('undo restores the baseline an accept replaced, removes one it created, and forgets the decision', () => {
    decide(summary, ['hitl-card--pending@light', 'widgets-chart--new-one@light', 'widgets-gone--old@light'], 'accepted', folders, { reviewer: 'Riley' });
    expect(undo(['hitl-card--pending@light', 'widgets-chart--new-one@light', 'widgets-gone--old@light'], folders)).toHaveLength(3);
    expect(readFileSync(png('hitl-card--pending@light'), 'utf8')).toBe('old hitl-card--pending@light');
    expect(readFileSync(join(folders.baselines, 'hitl-card--pending@light.json'), 'utf8')).toBe('{"old":"hitl-card--pending@light"}');
    expect(existsSync(png('widgets-chart--new-one@light'))).toBe(false);
    expect(readFileSync(png('widgets-gone--old@light'), 'utf8')).toBe('old widgets-gone--old@light');
    expect(readDecisions(folders.baselines)).toEqual([]);
  });

  it('rejecting changes no baseline, and the next run of the same pixels stays failed and names the rejection', () => {
    decide(summary, ['widgets-chart--empty@light'], 'rejected', folders, { reviewer: 'Riley', reason: 'axis clipped', now: new Date('2026-12-04T10:00:00Z') });
    expect(readFileSync(png('widgets-chart--empty@light'), 'utf8')).toBe('old widgets-chart--empty@light');
    const [same] = markRejections([story('widgets-chart--empty', 'light', 'changed')], readDecisions(folders.baselines), folders);
    expect(same).toMatchObject({ status: 'changed', rejected: 'rejected by Riley on 2026-12-04: axis clipped' });
    write(join(folders.report, 'current', 'widgets-chart--empty@light.png'), 'fixed pixels');
    const [fixed] = markRejections([story('widgets-chart--empty', 'light', 'changed')], readDecisions(folders.baselines), folders);
    expect(fixed?.rejected).toBeUndefined();
  });

  it('refuses to decide on a capture that has nothing to decide', () => {
    expect(() => decide(summary, ['widgets-chart--loaded@light'], 'accepted', folders, { reviewer: 'Riley' })).toThrow(/nothing to decide/);
  });
});

describe('deciding on a page snapshot', () => {
  it('accepting writes its baseline into the pages folder and undo takes it back, the folders made as needed', () => {
    const capture = 'pages/sign-in@light-390';
    mkdirSync(join(folders.report, 'current', 'pages'), { recursive: true });
    write(join(folders.report, 'current', `${capture}.png`), 'new page');
    const pages: RunSummary = { groups: [], stories: [story('pages/sign-in', 'light-390', 'new')] };
    expect(selectCaptures(pages, ['pages/*']).captures).toEqual([capture]);
    decide(pages, [capture], 'accepted', folders, { reviewer: 'QA' });
    expect(readFileSync(join(folders.baselines, 'pages', 'sign-in@light-390.png'), 'utf8')).toBe('new page');
    undo([capture], folders);
    expect(existsSync(join(folders.baselines, 'pages', 'sign-in@light-390.png'))).toBe(false);
  });
});
