import { daysLeft, parseQuarantine } from '../scripts/quarantine.mjs';
import { markdownCell } from '../scripts/report-text.mjs';
import type { Attempt } from './ledger';
import { scoreLedger } from './score';

/** What a red test in a pull request most likely means, judged from main's history in the ledger. */
export type VerdictKind = 'new-failure' | 'known-flaky' | 'broken-on-main' | 'quarantined' | 'no-history';

export interface Verdict {
  testId: string;
  /** failed: no attempt passed; flaky: failed, then passed on retry (which fails the gate too). */
  result: 'failed' | 'flaky';
  kind: VerdictKind;
  /** The verdict as one sentence, for the PR comment and the job summary. */
  text: string;
  /** The failed attempt's error signature. */
  signature: string;
  /** The failed attempt's trace, relative to the project (inside the run's artifacts). */
  trace?: string;
}

const failed = (attempt: Attempt) => attempt.outcome === 'failed' || attempt.outcome === 'timedOut';
const counted = (attempt: Attempt) => attempt.outcome !== 'skipped' && attempt.outcome !== 'interrupted';
const day = (iso: string) => iso.slice(0, 10);
const percent = (share: number) => `${(share * 100).toFixed(1)}%`;

function verdictFor(testId: string, mine: Attempt[], history: Attempt[], now: Date): Omit<Verdict, 'testId' | 'result' | 'signature' | 'trace'> {
  const quarantine = mine.find((attempt) => attempt.quarantine)?.quarantine;
  if (quarantine) {
    const parsed = parseQuarantine(quarantine);
    if ('problem' in parsed) return { kind: 'quarantined', text: `quarantined, but ${parsed.problem}` };
    const left = daysLeft(parsed.expires, now);
    return {
      kind: 'quarantined',
      text: `quarantined: owner ${parsed.owner}, ${left < 0 ? `expired ${-left} day(s) ago` : `${left} day(s) left`} (${parsed.reason})`,
    };
  }
  const theirs = history.filter((attempt) => attempt.testId === testId).sort((a, b) => a.at.localeCompare(b.at));
  if (!theirs.length) return { kind: 'no-history', text: 'no history on main: a new or renamed test, run there 0 times' };

  const last = theirs.at(-1) as Attempt;
  const lastRun = theirs.filter((attempt) => attempt.run === last.run);
  if (lastRun.every(failed))
    return {
      kind: 'broken-on-main',
      text: `also broken on main: failed ${lastRun.length === 1 ? 'its attempt' : `all ${lastRun.length} attempts`} in main's last run (${day(last.at)}, ${last.commit})`,
    };

  const failures = theirs.filter(failed);
  if (!failures.length)
    return { kind: 'new-failure', text: `new failure, stable on main for ${theirs.length} attempts since ${day(theirs[0]?.at ?? '')}: likely this change` };

  const signature = mine.find(failed)?.signature ?? '';
  const others = [
    ...new Set(history.filter((attempt) => failed(attempt) && attempt.signature === signature && attempt.testId !== testId).map((attempt) => attempt.testId)),
  ];
  const cluster = !signature
    ? ''
    : others.length
      ? `, same error cluster as ${others.slice(0, 2).join(' and ')}${others.length > 2 ? ` and ${others.length - 2} more` : ''}`
      : failures.some((attempt) => attempt.signature === signature)
        ? ', the same error as its earlier failures'
        : ', an error not seen on main before';
  return {
    kind: 'known-flaky',
    text: `known flaky: ${percent(failures.length / theirs.length)} over ${theirs.length} attempts since ${day(theirs[0]?.at ?? '')}, last failed ${day((failures.at(-1) as Attempt).at)}${cluster}`,
  };
}

/**
 * One verdict for each test of this run that failed an attempt (failed outright, or flaky: passed
 * only on retry), from main's attempts in the ledger. Infrastructure runs on main (most attempts
 * failed) are not held against a test. Ordered as the reader acts: likely this change first.
 */
export function prVerdicts(run: readonly Attempt[], ledger: readonly Attempt[], now = new Date()): Verdict[] {
  const { infraRuns } = scoreLedger([...ledger]);
  const history = ledger.filter((attempt) => counted(attempt) && !infraRuns.includes(attempt.run));
  const byTest = new Map<string, Attempt[]>();
  for (const attempt of run.filter(counted)) byTest.set(attempt.testId, [...(byTest.get(attempt.testId) ?? []), attempt]);
  const order: VerdictKind[] = ['new-failure', 'no-history', 'known-flaky', 'broken-on-main', 'quarantined'];
  return [...byTest]
    .filter(([, mine]) => mine.some(failed))
    .map(([testId, mine]) => {
      const firstFailure = mine.find(failed) as Attempt;
      const trace = mine.find((attempt) => failed(attempt) && attempt.trace)?.trace ?? mine.find((attempt) => attempt.trace)?.trace;
      return {
        testId,
        result: mine.some((attempt) => !failed(attempt)) ? ('flaky' as const) : ('failed' as const),
        signature: firstFailure.signature,
        ...(trace ? { trace } : {}),
        ...verdictFor(testId, mine, history, now),
      };
    })
    .sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind) || a.testId.localeCompare(b.testId));
}

export const VERDICT_MARKER = '<!-- agent-console-flake-verdicts -->';

export interface VerdictSource {
  /** Main's attempts read from the ledger, and from where ("flake-ledger branch, 2026-11 to 2026-12"). */
  historyAttempts: number;
  historyFrom: string;
  /** Where the run's traces can be opened: the CI run's page, or a local folder. */
  tracesAt?: string;
}

/** The verdicts as Markdown: the PR comment (behind its marker) and the job summary. */
export function verdictMarkdown(verdicts: readonly Verdict[], source: VerdictSource): string {
  const head = `### E2E verdicts: ${verdicts.length ? `${verdicts.length} red test(s)` : 'no red test'}`;
  const basis = `Judged against ${source.historyAttempts} attempt(s) on main (${source.historyFrom}).`;
  if (!verdicts.length) return `${VERDICT_MARKER}\n${head}\n\n${basis}\n`;
  const traceCell = (verdict: Verdict) =>
    verdict.trace
      ? source.tracesAt
        ? `[trace](${source.tracesAt}) \`${markdownCell(verdict.trace)}\``
        : `\`${markdownCell(verdict.trace)}\``
      : 'no trace kept';
  return [
    VERDICT_MARKER,
    head,
    '',
    basis,
    '',
    '| Test | Result | Verdict | Trace |',
    '| --- | --- | --- | --- |',
    ...verdicts.map((verdict) => `| ${markdownCell(verdict.testId)} | ${verdict.result} | ${markdownCell(verdict.text)} | ${traceCell(verdict)} |`),
    '',
  ].join('\n');
}
