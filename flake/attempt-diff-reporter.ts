import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { FullConfig, Reporter, TestCase, TestResult, TestStep } from '@playwright/test/reporter';
import { ATTEMPT_RECORD, ATTEMPT_SCREENSHOT, type AttemptRecord } from '../e2e/fixtures/attempt-record';
import { attemptDiffHtml, attemptDiffMarkdown, diffAttempts, firstDivergenceText, type AttemptView } from './attempt-diff';
import { ledgerTestId } from './ledger';

// Terminal colour codes (ESC [ … m) in Playwright's messages.
const withoutColour = (text: string) => text.replace(new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g'), '');
const failed = (result: TestResult) => result.status === 'failed' || result.status === 'timedOut';
const STEP_CATEGORIES = new Set(['test.step', 'expect', 'pw:api']);

function flatten(steps: readonly TestStep[], origin: number): AttemptView['steps'] {
  return steps.flatMap((step) => [
    ...(STEP_CATEGORIES.has(step.category)
      ? [
          {
            title: step.title,
            at: step.startTime.getTime() - origin,
            durationMs: step.duration,
            ...(step.error ? { error: withoutColour(step.error.message ?? '').split('\n')[0] as string } : {}),
          },
        ]
      : []),
    ...flatten(step.steps, origin),
  ]);
}

function attachmentBody(result: TestResult, name: string): Buffer | undefined {
  const attachment = result.attachments.find((candidate) => candidate.name === name);
  if (attachment?.body) return attachment.body;
  if (attachment?.path && existsSync(attachment.path)) return readFileSync(attachment.path);
  return undefined;
}

function viewOf(result: TestResult, label: string): AttemptView {
  const record = attachmentBody(result, ATTEMPT_RECORD);
  const screenshot = attachmentBody(result, ATTEMPT_SCREENSHOT);
  let parsed: AttemptRecord | undefined;
  try {
    parsed = record ? (JSON.parse(record.toString('utf8')) as AttemptRecord) : undefined;
  } catch {
    parsed = undefined;
  }
  return {
    label,
    steps: flatten(result.steps, result.startTime.getTime()),
    ...(parsed ? { record: parsed } : {}),
    ...(screenshot ? { screenshot: `data:image/png;base64,${screenshot.toString('base64')}` } : {}),
  };
}

const slug = (text: string) =>
  text
    .replace(/[^\w.-]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 120);

/**
 * For every test that both failed and passed (a retry, or across the repeats of a flake run), what
 * differed between the two attempts: attached to the passing attempt in the HTML report (`attempt
 * diff`, a page of its own, and its first divergence as text) and written to FLAKE_DIFF_DIR (or
 * <outputDir>/attempt-diffs) with an index.json for the flake report. List it before `html` and
 * `blob` among the reporters: they read the attachments it adds.
 */
export default class AttemptDiffReporter implements Reporter {
  private dir = resolve(process.env.FLAKE_DIFF_DIR ?? 'test-results/attempt-diffs');
  private readonly seen = new Map<string, { failing?: AttemptView; passing?: { view: AttemptView; result: TestResult } }>();
  private readonly written = new Map<string, { page: string; first: string }>();

  onBegin(config: FullConfig): void {
    if (!process.env.FLAKE_DIFF_DIR) this.dir = join(config.projects[0]?.outputDir ?? resolve('test-results'), 'attempt-diffs');
  }

  onTestEnd(test: TestCase, result: TestResult): void {
    const [, project = '', file = ''] = test.titlePath();
    const id = ledgerTestId(project, file, test.title);
    const label = `${test.repeatEachIndex ? `repeat ${test.repeatEachIndex + 1}, ` : ''}${result.retry ? `retry ${result.retry}` : 'attempt 1'} (${result.status})`;
    const entry = this.seen.get(id) ?? {};
    if (failed(result) && !entry.failing) entry.failing = viewOf(result, label);
    if (result.status === 'passed' && !entry.passing) entry.passing = { view: viewOf(result, label), result };
    this.seen.set(id, entry);
    if (entry.failing && entry.passing?.result === result) this.write(id, entry.failing, entry.passing.view, result);
  }

  onEnd(): void {
    // A test whose repeats passed before one failed: compared once the run is over.
    for (const [id, entry] of this.seen)
      if (entry.failing && entry.passing && !this.written.has(id)) this.write(id, entry.failing, entry.passing.view, entry.passing.result);
    if (this.written.size) writeFileSync(join(this.dir, 'index.json'), `${JSON.stringify(Object.fromEntries(this.written), null, 2)}\n`);
  }

  private write(id: string, failing: AttemptView, passing: AttemptView, result: TestResult): void {
    const diff = diffAttempts(id, failing, passing);
    mkdirSync(this.dir, { recursive: true });
    const path = join(this.dir, `${slug(id)}.html`);
    writeFileSync(path, attemptDiffHtml(diff));
    this.written.set(id, { page: path, first: firstDivergenceText(diff) });
    result.attachments.push(
      { name: 'attempt diff', contentType: 'text/html', path },
      { name: 'attempt diff (first divergence)', contentType: 'text/markdown', body: Buffer.from(attemptDiffMarkdown(diff)) },
    );
  }

  printsToStdio(): boolean {
    return false;
  }
}
