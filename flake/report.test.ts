import { describe, expect, it } from 'vitest';
import { quarantines, summaryMarkdown, trendChart, type ReportInput } from './report';
import type { TestScore } from './score';

const score = (id: string, quarantine?: string): TestScore => ({
  id,
  title: id,
  file: 'a.spec.ts',
  project: 'chromium',
  runs: 10,
  failures: 10,
  rate: 1,
  bound: 0.72,
  class: 'broken',
  impact: 10,
  strip: [],
  ...(quarantine ? { quarantine } : {}),
});
const input = (tests: TestScore[]): ReportInput => ({
  scores: { tests, clusters: [], infraRuns: [], window: 200 },
  skippedLines: 0,
  runs: ['r1'],
  newlyUnstable: [],
  now: new Date('2026-11-23T08:00:00Z'),
});

describe('the flake report', () => {
  it('lists each quarantine with its owner, reason and the days it has left, or says it expired', () => {
    const rows = quarantines(
      input([
        score('ok'),
        score('held', 'owner: @alex; reason: #42; expires: 2026-11-30'),
        score('late', 'owner: @sam; reason: #7; expires: 2026-11-20'),
        score('bad', 'owner: @kim'),
      ]),
    );
    expect(rows.map(({ id, owner, daysLeft, problem }) => ({ id, owner, daysLeft, problem }))).toEqual([
      { id: 'held', owner: '@alex', daysLeft: 7, problem: undefined },
      { id: 'late', owner: '@sam', daysLeft: -3, problem: undefined },
      { id: 'bad', owner: '?', daysLeft: Number.NaN, problem: 'its annotation names no reason, no expires (write quarantine({ owner, reason, expires }))' },
    ]);
    const markdown = summaryMarkdown(
      input([score('held', 'owner: @alex; reason: #42; expires: 2026-11-30'), score('late', 'owner: @sam; reason: #7; expires: 2026-11-20')]),
    );
    expect(markdown).toContain('| held | @\u200balex | #42 | 2026-11-30 (7 day(s) left) | broken |');
    expect(markdown).toContain('| late | @\u200bsam | #7 | 2026-11-20 (expired 3 day(s) ago) | broken |');
    expect(summaryMarkdown(input([score('ok')]))).not.toContain('Quarantined');
  });

  it('draws the trend as an accessible chart, one point per run, infrastructure runs apart', () => {
    const svg = trendChart([
      { run: 'a', at: '2026-11-01T02:17:00Z', attempts: 100, failures: 0, infra: false },
      { run: 'b', at: '2026-11-02T02:17:00Z', attempts: 100, failures: 90, infra: true },
      { run: 'c', at: '2026-11-03T02:17:00Z', attempts: 100, failures: 2, infra: false },
    ]);
    expect(svg).toContain('aria-label="Share of failed attempts per run, 3 runs; the latest 2.0%"');
    expect(svg.match(/<circle /g)).toHaveLength(3);
    expect(svg).toContain(
      'class="infra"><title>2026-11-02T02:17:00Z: 90 of 100 attempts failed (90.0%), infrastructure failure, left out of the scores</title>',
    );
    expect(trendChart([])).toBe('<p>No runs recorded yet.</p>');
  });
});
