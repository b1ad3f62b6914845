import { execFileSync } from 'node:child_process';
import { relative } from 'node:path';
import type { Reporter, TestCase, TestResult } from '@playwright/test/reporter';
import { appendAttempt, ledgerTestId } from './ledger';
import { errorSignature } from './signature';

function currentCommit(): string {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
}

/**
 * A Playwright reporter that appends every attempt of every test to the history ledger
 * (FLAKE_LEDGER), tagged with the run (FLAKE_RUN) and the commit.
 */
export default class FlakeRecorder implements Reporter {
  private readonly ledger = process.env.FLAKE_LEDGER ?? 'flake-history/history.jsonl';
  private readonly run = process.env.FLAKE_RUN ?? new Date().toISOString();
  private readonly commit = process.env.FLAKE_COMMIT ?? currentCommit();

  onTestEnd(test: TestCase, result: TestResult): void {
    const [, project = '', file = ''] = test.titlePath();
    const quarantine = test.annotations.find((annotation) => annotation.type === 'quarantine')?.description;
    // Relative to the project, so a report read from a CI artifact still finds it.
    const tracePath = result.attachments.find((attachment) => attachment.name === 'trace')?.path;
    const trace = tracePath ? relative(process.cwd(), tracePath) : undefined;
    appendAttempt(this.ledger, {
      run: this.run,
      commit: this.commit,
      at: result.startTime.toISOString(),
      testId: ledgerTestId(project, file, test.title),
      title: test.title,
      file: test.location.file.replace(`${process.cwd()}/`, ''),
      project,
      outcome: result.status,
      duration: result.duration,
      retry: result.retry,
      repeat: test.repeatEachIndex,
      signature: result.status === 'passed' || result.status === 'skipped' ? '' : errorSignature(result.error?.message ?? result.errors[0]?.message),
      ...(trace ? { trace } : {}),
      ...(quarantine ? { quarantine } : {}),
    });
  }

  printsToStdio(): boolean {
    return false;
  }
}
