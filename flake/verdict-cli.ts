import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { readLedger } from './ledger';
import { attemptsFromReport } from './report-attempts';
import { prVerdicts, verdictMarkdown } from './verdict';

/**
 * `npm run flake -- --verdicts [--report test-results/results.json] [--ledger flake-history/history.jsonl]
 * [--out flake-verdicts] [--traces-at URL]`: a verdict for every test of the run that failed an
 * attempt, judged against main's history, printed as Markdown (the job summary) and written to
 * <out>/comment.md (the PR comment). It judges, it does not gate: the gate already failed the run.
 */
export async function verdictCli(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      report: { type: 'string', default: 'test-results/results.json' },
      ledger: { type: 'string', default: 'flake-history/history.jsonl' },
      out: { type: 'string', default: 'flake-verdicts' },
      'traces-at': { type: 'string' },
    },
  });
  let report: unknown;
  try {
    report = JSON.parse(readFileSync(values.report, 'utf8'));
  } catch (error) {
    console.error(`No E2E report to judge: ${values.report} could not be read (${error instanceof Error ? error.message : String(error)}).`);
    return 1;
  }
  const run = attemptsFromReport(report, { run: 'this run', commit: 'this change' });
  const history = readLedger(values.ledger);
  const verdicts = prVerdicts(run.attempts, history.attempts);
  const markdown = verdictMarkdown(verdicts, {
    historyAttempts: history.attempts.length,
    historyFrom: history.attempts.length
      ? `${values.ledger}, ${history.attempts.reduce((first, attempt) => (attempt.at < first ? attempt.at : first), history.attempts[0]?.at ?? '').slice(0, 10)} onward`
      : `${values.ledger} is empty or missing: no history to judge by`,
    ...(values['traces-at'] ? { tracesAt: values['traces-at'] } : {}),
  });
  const unread = [run.skipped ? `${run.skipped} unreadable result(s) in the report` : '', history.skipped ? `${history.skipped} unreadable ledger line(s)` : '']
    .filter(Boolean)
    .join('; ');
  const text = unread ? `${markdown}\nSkipped: ${unread}.\n` : markdown;
  mkdirSync(values.out, { recursive: true });
  writeFileSync(join(values.out, 'comment.md'), text);
  console.log(text);
  return 0;
}
