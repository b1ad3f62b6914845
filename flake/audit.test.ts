// @vitest-environment node
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { auditMarkdown, auditQuarantines, type AuditConfig } from './audit';
import type { Attempt } from './ledger';
import type { ListedTest } from './report-attempts';

const NOW = new Date('2026-12-03T12:00:00Z');
const CONFIG: AuditConfig = { limit: 2, maxExpiryDays: 30, staleAfterDays: 7, releaseAfterPasses: 20 };

const listed = (title: string, expires: string, project = 'quarantine'): ListedTest => ({
  testId: `${project} › tests/q.spec.ts › ${title}`,
  project,
  file: 'e2e/tests/q.spec.ts',
  line: 1,
  title,
  titlePath: [title],
  quarantine: `owner: @alex; reason: #42 ${title}; expires: ${expires}`,
});

const attempts = (test: ListedTest, outcomes: Attempt['outcome'][], lastDay = '2026-12-02'): Attempt[] =>
  outcomes.map((outcome, index) => ({
    run: `r${index}`,
    commit: 'c',
    // Oldest first, one per hour, the last on `lastDay`.
    at: new Date(Date.parse(`${lastDay}T12:00:00Z`) - (outcomes.length - 1 - index) * 3_600_000).toISOString(),
    testId: test.testId,
    title: test.title,
    file: test.file,
    project: test.project,
    outcome,
    duration: 1,
    retry: 0,
    signature: '',
    quarantine: test.quarantine,
  }));

describe('the quarantine audit', () => {
  it('passes a quarantine that runs, fails, and ends within 30 days', () => {
    const test = listed('drops under load', '2026-12-20');
    expect(auditQuarantines([test], attempts(test, ['failed', 'passed', 'failed']), CONFIG, NOW)).toEqual({ problems: [], releases: [], quarantined: 1 });
  });

  it('fails a quarantine with no attempt in 7 days, one never run, one expiring too far off or expired, and too many quarantines', () => {
    const stale = listed('stale', '2026-12-20');
    const never = listed('never run', '2026-12-20');
    const far = listed('far', '2027-03-01');
    const expired = listed('expired', '2026-12-01');
    const ledger = [...attempts(stale, ['failed'], '2026-11-25'), ...attempts(far, ['failed']), ...attempts(expired, ['failed'])];
    const result = auditQuarantines([stale, never, far, expired], ledger, CONFIG, NOW);
    expect(result.problems).toEqual([
      '4 tests are quarantined, more than the limit of 2 (flake/config.json): fix some before quarantining more.',
      'quarantine › tests/q.spec.ts › stale: no attempt in the last 7 days of the ledger (last 2026-11-25): a quarantine must still run.',
      'quarantine › tests/q.spec.ts › never run: no attempt in the last 7 days of the ledger (never run): a quarantine must still run.',
      'quarantine › tests/q.spec.ts › far: expires 2027-03-01, 88 days away, more than 30 (owner @alex): set a nearer date.',
      'quarantine › tests/q.spec.ts › expired: the quarantine expired on 2026-12-01 (owner @alex).',
    ]);
    expect(auditMarkdown(result)).toMatch(
      /^### Quarantine audit: 5 problem\(s\) \(4 quarantined test\(s\)\)\n\n\*\*Problems \(each fails the audit\)\*\*\n\n- 4 tests/,
    );
  });

  it('counts a test run in two projects once, and proposes releasing one whose last 20 attempts passed', () => {
    const inPage = listed('fixed', '2026-12-20');
    const overNetwork = listed('fixed', '2026-12-20', 'quarantine-network');
    const ledger = [
      ...attempts(inPage, ['failed', ...Array<Attempt['outcome']>(20).fill('passed')]),
      ...attempts(overNetwork, ['passed', 'failed', ...Array<Attempt['outcome']>(19).fill('passed')]),
    ];
    const result = auditQuarantines([inPage, overNetwork], ledger, { ...CONFIG, limit: 1 }, NOW);
    expect(result).toMatchObject({ problems: [], quarantined: 1 });
    expect(result.releases).toEqual(['quarantine › tests/q.spec.ts › fixed: its last 20 attempts passed (since 2026-12-01); release it from quarantine.']);
    expect(auditMarkdown(result)).toContain('**Proposed releases**\n\n- quarantine › tests/q.spec.ts › fixed: its last 20 attempts passed');
  });

  it('lists the real quarantines of a suite with Playwright and holds them to flake/config.json', { timeout: 120_000 }, () => {
    const audit = spawnSync(
      process.execPath,
      [
        'node_modules/tsx/dist/cli.mjs',
        'flake/run.ts',
        '--audit',
        '--playwright-config',
        'flake/test-data/pr-run.config.ts',
        '--ledger',
        'flake/test-data/main-ledger.jsonl',
        '--as-of',
        '2026-12-08',
      ],
      { encoding: 'utf8' },
    );
    expect(audit.status, audit.stderr).toBe(1);
    // The fixture's quarantine ends in 2099, and main's ledger stops in November 2026.
    expect(audit.stdout).toContain('### Quarantine audit: 2 problem(s) (1 quarantined test(s))');
    expect(audit.stdout).toMatch(
      /- pr-run\.spec\.ts › quarantined and failing: expires 2099-12-31, 26686 days away, more than 30 \(owner @qa-fixtures\): set a nearer date\./,
    );
    expect(audit.stdout).toContain(
      '- pr-run.spec.ts › quarantined and failing: no attempt in the last 7 days of the ledger (last 2026-11-29): a quarantine must still run.',
    );
  });
});
