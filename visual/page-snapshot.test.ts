import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { failsSnapshot, invalidPageName, writePageReport } from './page-snapshot';

describe('the page run report', () => {
  it('reads each recorded capture on its own: a bad record is named and the rest are reported', () => {
    const root = mkdtempSync(join(tmpdir(), 'page-run-'));
    const run = join(root, 'visual-pages');
    const baselines = join(root, 'baselines');
    mkdirSync(join(run, 'results'), { recursive: true });
    mkdirSync(join(baselines, 'pages'), { recursive: true });
    const good = { id: 'pages/sign-in', title: 'Pages', name: 'sign-in', mode: 'light-1400', status: 'changed', diffRatio: 0.1 };
    writeFileSync(join(run, 'results', 'pages--sign-in@light-1400.json'), JSON.stringify(good));
    writeFileSync(join(run, 'results', 'pages--broken@light-1400.json'), '{"id": 3');
    writeFileSync(join(run, 'results', 'pages--no-mode@light-1400.json'), JSON.stringify({ ...good, mode: '../x' }));
    for (const file of ['sign-in@light-1400.png', 'dashboard-loaded@dark-390.png', 'dashboard-loaded@dark-390.json'])
      writeFileSync(join(baselines, 'pages', file), '');

    const { results } = writePageReport(run, baselines);

    expect(results.map((result) => `${result.id}@${result.mode}`)).toEqual(['pages/sign-in@light-1400']);
    const summary = JSON.parse(readFileSync(join(run, 'summary.json'), 'utf8')) as { counts: { changed: number }; notice: string };
    expect(summary.counts.changed).toBe(1);
    expect(summary.notice).toContain('2 recorded result(s) could not be read and are not shown: pages--broken@light-1400.json, pages--no-mode@light-1400.json');
    // Not captured is not removed: a filtered run captures fewer pages without any having gone.
    expect(summary.notice).toContain('1 page baseline(s) were not captured by this run');
    expect(summary.notice).toContain('pages/dashboard-loaded@dark-390');
    expect(readFileSync(join(run, 'summary.md'), 'utf8')).toContain('0 removed');
  });

  it('refuses a snapshot name that is not a file name', () => {
    expect(invalidPageName('observability-loaded')).toBeUndefined();
    for (const bad of ['Observability', '../x', 'a/b', '', 'x'.repeat(81)]) expect(invalidPageName(bad)).toMatch(/must be lowercase/);
  });
});

describe('when a page capture fails its test', () => {
  const result = (status: 'unchanged' | 'changed' | 'new' | 'error', baselineWritten: boolean) => ({
    id: 'pages/sign-in',
    title: 'Pages',
    name: 'sign-in',
    mode: 'light-1400',
    status,
    diffRatio: 0,
    baselineWritten,
  });

  it('as Playwright screenshots do: a difference fails unless written on purpose; a missing baseline written by default fails once', () => {
    expect(failsSnapshot(result('unchanged', false), 'missing')).toBe(false);
    expect(failsSnapshot(result('changed', false), 'missing')).toBe(true);
    expect(failsSnapshot(result('changed', true), 'changed')).toBe(false);
    expect(failsSnapshot(result('new', true), 'missing')).toBe(true);
    expect(failsSnapshot(result('new', true), 'all')).toBe(false);
    expect(failsSnapshot(result('new', false), 'none')).toBe(true);
    expect(failsSnapshot(result('error', true), 'all')).toBe(true);
  });
});
