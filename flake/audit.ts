import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { daysLeft, parseQuarantine } from '../scripts/quarantine.mjs';
import { readLedger, type Attempt } from './ledger';
import { listSuite } from './list-suite';
import type { ListedTest } from './report-attempts';

/** The limits a quarantine is held to (flake/config.json). */
export const auditConfigSchema = z.object({
  quarantine: z
    .object({
      /** More quarantined tests than this and the audit fails: quarantine is not a place to keep tests. */
      limit: z.number().int().nonnegative().default(5),
      /** An expiry further away than this is not a plan to fix the test. */
      maxExpiryDays: z.number().int().positive().default(30),
      /** A quarantined test with no attempt in this many days is not being run, so nothing proves it is still needed. */
      staleAfterDays: z.number().int().positive().default(7),
      /** A quarantined test whose last this-many attempts all passed is proposed for release. */
      releaseAfterPasses: z.number().int().positive().default(20),
    })
    .default({ limit: 5, maxExpiryDays: 30, staleAfterDays: 7, releaseAfterPasses: 20 }),
});
export type AuditConfig = z.infer<typeof auditConfigSchema>['quarantine'];

export interface AuditResult {
  /** Each fails the audit. */
  problems: string[];
  /** Quarantined tests that look fixed: release them (remove quarantine(…)). */
  releases: string[];
  quarantined: number;
}

const DAY = 24 * 60 * 60 * 1000;
const failed = (attempt: Attempt) => attempt.outcome === 'failed' || attempt.outcome === 'timedOut';

/** Holds every quarantined test of the suite to the config's limits, against the ledger's attempts. */
export function auditQuarantines(listed: readonly ListedTest[], attempts: readonly Attempt[], config: AuditConfig, now = new Date()): AuditResult {
  const problems: string[] = [];
  const releases: string[] = [];
  const quarantined = listed.filter((test) => test.quarantine !== undefined);
  // A test runs in each project that matches it; the limit counts tests, not project runs.
  const distinct = new Set(quarantined.map((test) => `${test.file}\u0000${test.title}`));
  if (distinct.size > config.limit)
    problems.push(`${distinct.size} tests are quarantined, more than the limit of ${config.limit} (flake/config.json): fix some before quarantining more.`);
  for (const test of quarantined) {
    const parsed = parseQuarantine(test.quarantine);
    if ('problem' in parsed) problems.push(`${test.testId}: the quarantine is unreadable: ${parsed.problem}.`);
    else {
      const left = daysLeft(parsed.expires, now);
      if (left < 0) problems.push(`${test.testId}: the quarantine expired on ${parsed.expires} (owner ${parsed.owner}).`);
      else if (left > config.maxExpiryDays)
        problems.push(
          `${test.testId}: expires ${parsed.expires}, ${left} days away, more than ${config.maxExpiryDays} (owner ${parsed.owner}): set a nearer date.`,
        );
    }
    const mine = attempts
      .filter((attempt) => attempt.testId === test.testId && attempt.outcome !== 'skipped' && attempt.outcome !== 'interrupted')
      .sort((a, b) => a.at.localeCompare(b.at));
    const last = mine.at(-1);
    if (!last || now.getTime() - Date.parse(last.at) > config.staleAfterDays * DAY)
      problems.push(
        `${test.testId}: no attempt in the last ${config.staleAfterDays} days of the ledger (${last ? `last ${last.at.slice(0, 10)}` : 'never run'}): a quarantine must still run.`,
      );
    const recent = mine.slice(-config.releaseAfterPasses);
    if (recent.length === config.releaseAfterPasses && !recent.some(failed))
      releases.push(`${test.testId}: its last ${config.releaseAfterPasses} attempts passed (since ${recent[0]?.at.slice(0, 10)}); release it from quarantine.`);
  }
  return { problems, releases, quarantined: distinct.size };
}

export function auditMarkdown(result: AuditResult): string {
  const lines = [
    `### Quarantine audit: ${result.problems.length ? `${result.problems.length} problem(s)` : 'passed'} (${result.quarantined} quarantined test(s))`,
    '',
  ];
  if (result.problems.length) lines.push('**Problems (each fails the audit)**', '', ...result.problems.map((problem) => `- ${problem}`), '');
  if (result.releases.length) lines.push('**Proposed releases**', '', ...result.releases.map((release) => `- ${release}`), '');
  return lines.join('\n');
}

/**
 * `npm run flake -- --audit [--ledger flake-history/history.jsonl] [--playwright-config playwright.config.ts]
 * [--config flake/config.json] [--as-of YYYY-MM-DD]`: 1 when a quarantine breaks a rule. `--as-of`
 * audits as on another day (what will fail next week).
 */
export async function auditCli(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      ledger: { type: 'string', default: 'flake-history/history.jsonl' },
      'playwright-config': { type: 'string', default: 'playwright.config.ts' },
      config: { type: 'string', default: 'flake/config.json' },
      'as-of': { type: 'string' },
    },
  });
  const now = values['as-of'] ? new Date(`${values['as-of']}T12:00:00Z`) : new Date();
  if (Number.isNaN(now.getTime())) {
    console.error(`--as-of ${values['as-of']} is not a date (YYYY-MM-DD).`);
    return 2;
  }
  const config = auditConfigSchema.parse(JSON.parse(readFileSync(values.config, 'utf8'))).quarantine;
  const result = auditQuarantines(listSuite(values['playwright-config']).tests, readLedger(values.ledger).attempts, config, now);
  console.log(auditMarkdown(result));
  return result.problems.length ? 1 : 0;
}
