import type { AttemptRecord } from '../e2e/fixtures/attempt-record';
import { escapeHtml, markdownCell } from '../scripts/report-text.mjs';

/** One attempt of a test as the diff reads it: its steps (from the reporter) and what its page did (e2e/fixtures/attempt-record.ts). */
export interface AttemptView {
  /** "attempt 1 (failed)", "retry 1 (passed)". */
  label: string;
  steps: { title: string; at: number; durationMs: number; error?: string }[];
  record?: AttemptRecord;
  /** The screenshot at the attempt's end, as a data: URL or a path. */
  screenshot?: string;
}

export type DivergenceKind = 'request' | 'console' | 'step' | 'accessibility tree';

/** Where the two attempts first part: the n-th item of one kind, as each attempt has it. */
export interface Divergence {
  kind: DivergenceKind;
  /** 1-based position in its sequence. */
  index: number;
  /** When it happened in the failing attempt (ms since the test began), where known. */
  at?: number;
  failing: string;
  passing: string;
}

export interface AttemptDiff {
  testId: string;
  failing: AttemptView;
  passing: AttemptView;
  /** The earliest divergence in time (requests, console and steps carry times; the tree is compared last). */
  first?: Divergence;
  /** The first divergence of each kind. */
  divergences: Divergence[];
}

const NONE = '(nothing)';

/**
 * The passing attempt's tree to hold against the failing one's (taken where it stopped): the one
 * right after the same assertion passed, when the failing attempt stopped at an assertion and the
 * passing one kept it; else the one at its end.
 */
export function treeToCompare(failing: AttemptView, passing: AttemptView): { tree: string; where: string } {
  const assertion = failing.record?.failedAssertion;
  const same = assertion === undefined ? undefined : passing.record?.ariaAfterAssertion?.[assertion];
  if (assertion !== undefined && same !== undefined) return { tree: same, where: `after assertion ${assertion}, the one the failing attempt stopped at` };
  return { tree: passing.record?.aria ?? '', where: 'at its end' };
}

function firstDifference<T>(
  kind: DivergenceKind,
  failing: readonly T[],
  passing: readonly T[],
  text: (item: T) => string,
  at: (item: T) => number | undefined,
): Divergence | undefined {
  const length = Math.max(failing.length, passing.length);
  for (let index = 0; index < length; index += 1) {
    const ours = failing[index];
    const theirs = passing[index];
    const left = ours === undefined ? NONE : text(ours);
    const right = theirs === undefined ? NONE : text(theirs);
    if (left !== right) {
      const when = ours === undefined ? (theirs === undefined ? undefined : at(theirs)) : at(ours);
      return { kind, index: index + 1, ...(when === undefined ? {} : { at: when }), failing: left, passing: right };
    }
  }
  return undefined;
}

/**
 * Where a failing attempt and a passing attempt of one test first part: the requests the page made
 * (method, URL and status, in the order they finished), its console, the test's steps (a step that
 * failed in one differs), and the accessibility tree each ended on. Timing alone is no divergence;
 * it is shown beside each one.
 */
export function diffAttempts(testId: string, failing: AttemptView, passing: AttemptView): AttemptDiff {
  const divergences = [
    firstDifference(
      'request',
      failing.record?.requests ?? [],
      passing.record?.requests ?? [],
      (request) => `${request.method} ${request.url} → ${request.status}`,
      (request) => request.at,
    ),
    firstDifference(
      'console',
      failing.record?.console ?? [],
      passing.record?.console ?? [],
      (message) => `${message.type}: ${message.text}`,
      (message) => message.at,
    ),
    firstDifference(
      'step',
      failing.steps,
      passing.steps,
      (step) => `${step.title}${step.error ? ` ✗ ${step.error}` : ''}`,
      (step) => step.at,
    ),
    firstDifference(
      'accessibility tree',
      (failing.record?.aria ?? '').split('\n'),
      treeToCompare(failing, passing).tree.split('\n'),
      (line) => line.trim(),
      () => undefined,
    ),
  ].filter((divergence): divergence is Divergence => divergence !== undefined);
  const timed = divergences.filter((divergence) => divergence.at !== undefined).sort((a, b) => (a.at as number) - (b.at as number));
  const first = timed[0] ?? divergences[0];
  return { testId, failing, passing, ...(first ? { first } : {}), divergences };
}

const describe = (divergence: Divergence) =>
  `${divergence.kind} ${divergence.index}${divergence.at === undefined ? '' : ` (at ${divergence.at} ms)`}: failing attempt \`${markdownCell(divergence.failing)}\`, passing attempt \`${markdownCell(divergence.passing)}\``;

/** The first divergence as one plain sentence (the flake report's line for the test). */
export function firstDivergenceText(diff: AttemptDiff): string {
  const first = diff.first;
  if (!first) return 'nothing recorded differs';
  return `first divergence: ${first.kind} ${first.index}${first.at === undefined ? '' : ` at ${first.at} ms`}: failing "${first.failing}", passing "${first.passing}"`;
}

/** The diff in a few lines of Markdown: the first divergence, then the first of each other kind. */
export function attemptDiffMarkdown(diff: AttemptDiff): string {
  const lines = [`**What differed** between ${diff.failing.label} and ${diff.passing.label} of ${markdownCell(diff.testId)}:`, ''];
  if (!diff.first) lines.push('Nothing recorded differs: same requests, console, steps and accessibility tree.');
  else {
    lines.push(`First divergence: ${describe(diff.first)}.`);
    for (const divergence of diff.divergences.filter((one) => one !== diff.first)) lines.push(`- then ${describe(divergence)}`);
  }
  return `${lines.join('\n')}\n`;
}

const table = (head: string[], rows: string[][], mark?: number) =>
  `<table><tr>${head.map((cell) => `<th>${escapeHtml(cell)}</th>`).join('')}</tr>${rows
    .map((row, index) => `<tr${index + 1 === mark ? ' class="diverges"' : ''}>${row.map((cell) => `<td>${escapeHtml(cell)}</td>`).join('')}</tr>`)
    .join('')}</table>`;

function side(view: AttemptView, diff: AttemptDiff): string {
  const failed = view === diff.failing;
  const tree = failed
    ? {
        tree: view.record?.aria ?? '',
        where: view.record?.failedAssertion === undefined ? 'at its end' : `where it stopped, at assertion ${view.record.failedAssertion}`,
      }
    : treeToCompare(diff.failing, view);
  const mark = (kind: DivergenceKind) => diff.divergences.find((divergence) => divergence.kind === kind)?.index;
  const requests = view.record?.requests ?? [];
  const messages = view.record?.console ?? [];
  return `<section><h2>${escapeHtml(view.label)}</h2>
<h3>Requests</h3>${
    requests.length
      ? table(
          ['#', 'at ms', 'request', 'status', 'ms'],
          requests.map((request, index) => [
            String(index + 1),
            String(request.at),
            `${request.method} ${request.url}`,
            String(request.status),
            String(request.durationMs),
          ]),
          mark('request'),
        )
      : '<p>None recorded.</p>'
  }
<h3>Console</h3>${
    messages.length
      ? table(
          ['#', 'at ms', 'type', 'text'],
          messages.map((message, index) => [String(index + 1), String(message.at), message.type, message.text]),
          mark('console'),
        )
      : '<p>Nothing logged.</p>'
  }
<h3>Steps</h3>${table(
    ['#', 'at ms', 'step', 'ms'],
    view.steps.map((step, index) => [String(index + 1), String(step.at), `${step.title}${step.error ? ` ✗ ${step.error}` : ''}`, String(step.durationMs)]),
    mark('step'),
  )}
<h3>${escapeHtml(tree.where === 'at its end' ? 'Accessibility tree at the end' : `Accessibility tree ${tree.where}`)}</h3><pre>${escapeHtml(tree.tree || '(not recorded)')}</pre>
<h3>Screenshot at the end</h3>${view.screenshot ? `<img alt="${escapeHtml(view.label)} at its end" src="${escapeHtml(view.screenshot)}">` : '<p>None kept.</p>'}
</section>`;
}

/** A page of its own (an attachment of the HTML report, a file of the flake report): both attempts side by side, the divergences marked. */
export function attemptDiffHtml(diff: AttemptDiff): string {
  const summary = diff.first
    ? `<p><strong>First divergence</strong>: ${escapeHtml(`${diff.first.kind} ${diff.first.index}${diff.first.at === undefined ? '' : ` at ${diff.first.at} ms`}`)}: failing <code>${escapeHtml(diff.first.failing)}</code>, passing <code>${escapeHtml(diff.first.passing)}</code>.</p>`
    : '<p>Nothing recorded differs.</p>';
  return `<!doctype html><html lang="en"><meta charset="utf-8"><title>What differed: ${escapeHtml(diff.testId)}</title>
<style>body{font:14px system-ui,sans-serif;margin:1rem}main{display:grid;grid-template-columns:1fr 1fr;gap:1rem}table{border-collapse:collapse;width:100%;font-size:12px}td,th{border:1px solid #ccc;padding:2px 4px;text-align:left;vertical-align:top}tr.diverges{background:#ffe08a;outline:2px solid #b45309}pre{font-size:11px;white-space:pre-wrap;background:#f6f6f6;padding:.5rem}img{max-width:100%;border:1px solid #ccc}</style>
<h1>What differed: ${escapeHtml(diff.testId)}</h1>${summary}
<main>${side(diff.failing, diff)}${side(diff.passing, diff)}</main></html>
`;
}
