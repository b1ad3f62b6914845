// @vitest-environment node
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { appendAttempt, attemptKey, ledgerTestId, parseLedgerText, readLedger, type Attempt } from './ledger';

const attempt = (overrides: Partial<Attempt> = {}): Attempt => ({
  run: 'r1',
  commit: 'abc',
  at: '2026-12-01T00:00:00.000Z',
  testId: 'chromium › a.spec.ts › works',
  title: 'works',
  file: 'a.spec.ts',
  project: 'chromium',
  outcome: 'passed',
  duration: 12,
  retry: 0,
  signature: '',
  ...overrides,
});

let folders: string[] = [];
afterEach(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
  folders = [];
});
function ledgerPath(): string {
  const folder = mkdtempSync(join(tmpdir(), 'ledger-'));
  folders.push(folder);
  return join(folder, 'nested', 'flake', 'ledger.jsonl');
}

describe('the flake ledger', () => {
  it('names a test by project, file and title; without a project by file and title', () => {
    expect(ledgerTestId('chromium', 'a.spec.ts', 'works')).toBe('chromium › a.spec.ts › works');
    expect(ledgerTestId('', 'a.spec.ts', 'works')).toBe('a.spec.ts › works');
  });

  it('an attempt is itself by run, test, repeat, retry and time', () => {
    const base = attempt();
    const keys = [
      base,
      attempt({ run: 'r2' }),
      attempt({ testId: 'other' }),
      attempt({ repeat: 1 }),
      attempt({ retry: 1 }),
      attempt({ at: '2026-12-01T00:00:01.000Z' }),
    ].map(attemptKey);
    expect(new Set(keys).size).toBe(6);
    expect(attemptKey(attempt({ outcome: 'failed', duration: 99 }))).toBe(attemptKey(base));
    // A line written before repeats were recorded is the first repeat's.
    expect(attemptKey(attempt({ repeat: 0 }))).toBe(attemptKey(base));
  });

  it('keeps two repeats of one test that started in the same millisecond on two workers', () => {
    const text = [attempt({ repeat: 0 }), attempt({ repeat: 1 }), attempt({ repeat: 1 })].map((line) => JSON.stringify(line)).join('\n');
    expect(parseLedgerText(text)).toEqual({ attempts: [attempt({ repeat: 0 }), attempt({ repeat: 1 })], skipped: 0, duplicates: 1 });
  });

  it('appends one line an attempt, making its folder, and reads them back', () => {
    const ledger = ledgerPath();
    expect(readLedger(ledger)).toEqual({ attempts: [], skipped: 0, duplicates: 0 });
    appendAttempt(ledger, attempt());
    appendAttempt(ledger, attempt({ run: 'r2', outcome: 'failed', signature: 'boom', trace: 'trace.zip', quarantine: 'owner: @a' }));
    expect(readFileSync(ledger, 'utf8').split('\n')).toHaveLength(3);
    expect(readLedger(ledger)).toEqual({
      attempts: [attempt(), attempt({ run: 'r2', outcome: 'failed', signature: 'boom', trace: 'trace.zip', quarantine: 'owner: @a' })],
      skipped: 0,
      duplicates: 0,
    });
  });

  it('skips and counts a torn line, a line off the schema and an attempt written twice; blank lines are nothing', () => {
    const good = JSON.stringify(attempt());
    const text = [
      good,
      '',
      '   ',
      '{"run":"r1","commit":',
      JSON.stringify({ ...attempt({ run: 'r3' }), retry: -1 }),
      JSON.stringify({ ...attempt({ run: 'r4' }), outcome: 'flaky' }),
      good,
      JSON.stringify(attempt({ run: 'r5' })),
    ].join('\n');
    expect(parseLedgerText(text)).toEqual({ attempts: [attempt(), attempt({ run: 'r5' })], skipped: 3, duplicates: 1 });
  });
});
