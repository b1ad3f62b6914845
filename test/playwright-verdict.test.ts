// @vitest-environment node
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { playwrightVerdict } from '../scripts/playwright-verdict.mjs';
import { daysLeft, parseQuarantine } from '../scripts/quarantine.mjs';

const NOW = new Date('2026-11-23T12:00:00Z');
const quarantined = (expires: string, status = 'unexpected') => ({
  title: 'drops a frame under load',
  tags: ['quarantine'],
  tests: [
    { projectName: 'quarantine', status, annotations: [{ type: 'quarantine', description: `owner: @alex; reason: #42 stream drops; expires: ${expires}` }] },
  ],
});
const report = (...specs: unknown[]) => ({
  suites: [
    {
      title: 'tests/approval-queue.spec.ts',
      specs: [
        {
          title: 'a reviewer approves a proposal',
          tests: [
            { projectName: 'chromium', status: 'flaky' },
            { projectName: 'network', status: 'expected' },
          ],
        },
      ],
      suites: [
        {
          title: 'as a viewer',
          specs: [
            {
              title: 'sees the queue read-only',
              tests: [
                { projectName: 'network', status: 'unexpected' },
                { projectName: 'chromium', status: 'skipped' },
              ],
            },
            ...specs,
          ],
        },
      ],
    },
  ],
});

describe('the gate’s reading of a Playwright report', () => {
  it('names every test that passed only on retry, and counts it as failed', () => {
    const verdict = playwrightVerdict(report(), NOW);
    expect(verdict.flaky).toEqual(['[chromium] tests/approval-queue.spec.ts › a reviewer approves a proposal']);
    expect(verdict.failedTitles).toEqual(['[network] tests/approval-queue.spec.ts › as a viewer › sees the queue read-only']);
    expect(verdict.counts).toEqual({ passed: 1, failed: 2, skipped: 1 });
    expect(verdict.problems).toEqual([]);
  });

  it('runs a quarantined test without gating on it, and lists it with owner and days left', () => {
    const verdict = playwrightVerdict(report(quarantined('2026-12-01')), NOW);
    expect(verdict.counts.failed).toBe(2);
    expect(verdict.quarantined).toEqual([
      {
        title: '[quarantine] tests/approval-queue.spec.ts › as a viewer › drops a frame under load',
        status: 'unexpected',
        owner: '@alex',
        reason: '#42 stream drops',
        expires: '2026-12-01',
        daysLeft: 8,
      },
    ]);
    expect(verdict.problems).toEqual([]);
  });

  it('fails on a quarantine that has expired, and on one that names no owner or no date', () => {
    expect(playwrightVerdict(report(quarantined('2026-11-23')), NOW).problems).toEqual([]);
    expect(playwrightVerdict(report(quarantined('2026-11-22', 'expected')), NOW).problems).toEqual([
      'Quarantine of [quarantine] tests/approval-queue.spec.ts › as a viewer › drops a frame under load expired on 2026-11-22 (owner @alex, #42 stream drops): fix the test or renew the quarantine.',
    ]);
    const bare = { title: 'bare', tags: ['@quarantine'], tests: [{ projectName: 'quarantine', status: 'expected', annotations: [] }] };
    expect(playwrightVerdict(report(bare), NOW).problems[0]).toMatch(/tagged @quarantine without a quarantine annotation/);
    expect(parseQuarantine('owner: @alex; expires: soon')).toEqual({
      problem: 'its annotation names no reason (write quarantine({ owner, reason, expires }))',
    });
    expect(parseQuarantine('owner: @a; reason: r; expires: 2026-13-45')).toEqual({ problem: 'its expiry "2026-13-45" is not a date (YYYY-MM-DD)' });
  });

  it('counts days left in whole UTC days, the expiry day included', () => {
    expect(daysLeft('2026-11-23', new Date('2026-11-23T23:59:59Z'))).toBe(0);
    expect(daysLeft('2026-11-23', new Date('2026-11-24T00:00:00Z'))).toBe(-1);
    expect(daysLeft('2027-01-01', NOW)).toBe(39);
  });

  it('reports errors outside any test as problems, and an absent report as nothing', () => {
    expect(playwrightVerdict({ suites: [], errors: [{ message: 'Error: webServer exited early\n  at …' }] }).problems).toEqual([
      'Playwright: Error: webServer exited early',
    ]);
    expect(playwrightVerdict(undefined)).toMatchObject({ counts: { passed: 0, failed: 0, skipped: 0 }, problems: [] });
  });

  it('reads a real Playwright JSON report: the quarantined fixture test failed, ran, and does not gate', { timeout: 60_000 }, () => {
    // Its own output directory: Playwright empties it first, and flake/flake.test.ts, which may run
    // at the same time, keeps its traces in the fixture config's.
    const output = mkdtempSync(join(tmpdir(), 'verdict-'));
    const run = spawnSync(
      process.execPath,
      [
        'node_modules/@playwright/test/cli.js',
        'test',
        '-c',
        'flake/test-data/playwright.config.ts',
        '--output',
        output,
        '--grep',
        'quarantined|steady',
        '--reporter=json',
      ],
      { encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '0' } },
    );
    expect(run.status, run.stderr).toBe(1);
    const verdict = playwrightVerdict(JSON.parse(run.stdout), NOW);
    expect(verdict.counts).toEqual({ passed: 1, failed: 0, skipped: 0 });
    expect(verdict.quarantined).toMatchObject([
      { title: '[] classifier.spec.ts › quarantined while it is fixed', status: 'unexpected', owner: '@qa-fixtures', expires: '2099-12-31' },
    ]);
    expect(verdict.problems).toEqual([]);
  });
});
