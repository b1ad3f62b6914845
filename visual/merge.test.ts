import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mergeRuns } from './merge';
import { writeReport } from './report';
import type { StoryResult } from './results';

const result = (id: string, mode: string, status: StoryResult['status']): StoryResult => ({
  id,
  title: id,
  name: id,
  mode,
  status,
  diffRatio: status === 'unchanged' ? 0 : 1,
});

function run(dir: string, results: StoryResult[], images: string[], modes: string): void {
  for (const image of images) {
    mkdirSync(dirname(join(dir, image)), { recursive: true });
    writeFileSync(join(dir, image), image);
  }
  writeReport(dir, results, modes);
}

describe('merging visual runs into one report', () => {
  it('lists the stories and the pages once, with their images copied under the same names', () => {
    const root = mkdtempSync(join(tmpdir(), 'visual-merge-'));
    const stories = join(root, 'stories');
    const pages = join(root, 'pages-run');
    run(stories, [result('widgets-metric--up', 'light', 'unchanged')], ['current/widgets-metric--up@light.png'], 'theme: light');
    run(
      pages,
      [result('pages/dashboard-loaded', 'dark-390', 'changed')],
      ['current/pages/dashboard-loaded@dark-390.png', 'baseline/pages/dashboard-loaded@dark-390.png', 'diff/pages/dashboard-loaded@dark-390.png'],
      'pages in dark at 390 × 844',
    );
    const { results, problems } = mergeRuns(stories, [stories, pages]);
    expect(problems).toEqual([]);
    expect(results.map((r) => `${r.id}@${r.mode}`)).toEqual(['pages/dashboard-loaded@dark-390', 'widgets-metric--up@light']);
    expect(results[0]?.files).toEqual({
      current: 'current/pages/dashboard-loaded@dark-390.png',
      baseline: 'baseline/pages/dashboard-loaded@dark-390.png',
      diff: 'diff/pages/dashboard-loaded@dark-390.png',
    });
    expect(readFileSync(join(stories, 'diff/pages/dashboard-loaded@dark-390.png'), 'utf8')).toBe('diff/pages/dashboard-loaded@dark-390.png');
    const summary = JSON.parse(readFileSync(join(stories, 'summary.json'), 'utf8')) as { counts: Record<string, number>; modes: string };
    expect(summary.counts).toMatchObject({ changed: 1, unchanged: 1 });
    expect(summary.modes).toBe('theme: light; pages in dark at 390 × 844');
    expect(readFileSync(join(stories, 'summary.md'), 'utf8')).toContain('pages/dashboard-loaded');
  });

  it('a run that is missing or unreadable is named, and the others are still merged', () => {
    const root = mkdtempSync(join(tmpdir(), 'visual-merge-'));
    const stories = join(root, 'stories');
    const broken = join(root, 'broken');
    run(stories, [result('widgets-metric--up', 'light', 'unchanged')], [], 'theme');
    mkdirSync(broken);
    writeFileSync(join(broken, 'summary.json'), '{"stories": nope');
    const { results, problems } = mergeRuns(join(root, 'merged'), [stories, broken, join(root, 'absent')]);
    expect(results).toHaveLength(1);
    expect(problems).toEqual([expect.stringContaining('could not be read'), expect.stringContaining('is missing')]);
    expect(existsSync(join(root, 'merged', 'index.html'))).toBe(true);
  });

  it('a capture in two runs is kept once, from the first, and the other is named', () => {
    const root = mkdtempSync(join(tmpdir(), 'visual-merge-'));
    const [a, b] = [join(root, 'a'), join(root, 'b')];
    run(a, [result('pages/sign-in', 'light-1400', 'unchanged')], [], 'a');
    run(b, [result('pages/sign-in', 'light-1400', 'changed')], [], 'b');
    const { results, problems } = mergeRuns(join(root, 'merged'), [a, b]);
    expect(results.map((r) => r.status)).toEqual(['unchanged']);
    expect(problems).toEqual([expect.stringContaining('pages/sign-in@light-1400 is in more than one run')]);
  });
});
