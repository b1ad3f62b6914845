// @vitest-environment node
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { attemptDiffMarkdown, diffAttempts, type AttemptView } from './attempt-diff';

const CONFIG = 'flake/test-data/attempt-diff/playwright.config.ts';

interface JsonAttachment {
  name: string;
  body?: string;
  path?: string;
}

describe('what differed between a failing and a passing attempt', () => {
  it(
    'a test that failed and passed on retry carries, in the report, where its attempts first parted: the two requests answered the other way round',
    { timeout: 120_000 },
    () => {
      const dir = mkdtempSync(join(tmpdir(), 'attempt-diff-'));
      const run = spawnSync(process.execPath, ['node_modules/@playwright/test/cli.js', 'test', '-c', CONFIG], {
        encoding: 'utf8',
        env: { ...process.env, ATTEMPT_DIFF_REPORT: join(dir, 'report.json'), ATTEMPT_DIFF_OUTPUT: join(dir, 'results') },
      });
      // Flaky: failed, then passed on its retry.
      expect(run.status, run.stdout.slice(-1000)).toBe(0);
      const report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as {
        suites: { specs: { tests: { status: string; results: { status: string; attachments: JsonAttachment[] }[] }[] }[] }[];
      };
      const [test] = report.suites[0]?.specs[0]?.tests ?? [];
      expect(test?.status).toBe('flaky');
      const passing = test?.results[1];
      expect(passing?.status).toBe('passed');
      const text = Buffer.from(passing?.attachments.find((attachment) => attachment.name === 'attempt diff (first divergence)')?.body ?? '', 'base64').toString(
        'utf8',
      );
      expect(text).toMatch(
        /^\*\*What differed\*\* between attempt 1 \(failed\) and retry 1 \(passed\) of order\.spec\.ts › lists the answers in the order asked:\n\nFirst divergence: request 2 \(at \d+ ms\): failing attempt `GET \/b → 200`, passing attempt `GET \/a → 200`\.\n/,
      );
      // Then the failing step, and the list each attempt ended on.
      expect(text).toMatch(
        /- then step \d+ \(at \d+ ms\): failing attempt `Expect "toHaveText" ✗ Error: expect\(locator\)\.toHaveText\(expected\) failed`, passing attempt `Expect "toHaveText"`/,
      );
      expect(text).toContain('- then accessibility tree 4: failing attempt `- listitem: answer b`, passing attempt `- listitem: answer a`');
      const page = readFileSync(passing?.attachments.find((attachment) => attachment.name === 'attempt diff')?.path ?? '', 'utf8');
      // Both sides, the diverging request marked, both screenshots kept in the page itself.
      expect(page).toMatch(/<tr class="diverges"><td>2<\/td><td>\d+<\/td><td>GET \/b<\/td><td>200<\/td>/);
      expect(page).toMatch(/<tr class="diverges"><td>2<\/td><td>\d+<\/td><td>GET \/a<\/td><td>200<\/td>/);
      expect(page.match(/<img alt="[^"]+" src="data:image\/png;base64,/g)).toHaveLength(2);
      // The passing attempt's tree is the one right after the assertion the failing attempt stopped at.
      expect(page).toContain(
        '<h3>Accessibility tree where it stopped, at assertion 1</h3><pre>- main:\n  - heading &#34;Answers&#34; [level=1]\n  - list:\n    - listitem: answer b\n    - listitem: answer a</pre>',
      );
      expect(page).toContain(
        '<h3>Accessibility tree after assertion 1, the one the failing attempt stopped at</h3><pre>- main:\n  - heading &#34;Answers&#34; [level=1]\n  - list:\n    - listitem: answer a\n    - listitem: answer b</pre>',
      );
    },
  );

  it('across the repeats of a flake run, the flake report links the diff and says where the attempts parted', { timeout: 120_000 }, () => {
    const dir = mkdtempSync(join(tmpdir(), 'attempt-diff-flake-'));
    const run = spawnSync(
      process.execPath,
      [
        'node_modules/tsx/dist/cli.mjs',
        'flake/run.ts',
        '--config',
        CONFIG,
        '--repeat',
        '2',
        '--history',
        join(dir, 'history.jsonl'),
        '--report',
        join(dir, 'report'),
      ],
      { encoding: 'utf8', env: { ...process.env, ATTEMPT_DIFF_OUTPUT: join(dir, 'results') } },
    );
    expect(run.stdout).toContain('Flake run: 2 repeats');
    const html = readFileSync(join(dir, 'report', 'index.html'), 'utf8');
    expect(html).toMatch(
      /<p class="differed"><a href="diffs\/order\.spec\.ts-lists-the-answers-in-the-order-asked\.html">What differed between a failing and a passing attempt<\/a>: first divergence: request 2 at \d+ ms: failing &#34;GET \/b → 200&#34;, passing &#34;GET \/a → 200&#34;<\/p>/,
    );
    expect(readFileSync(join(dir, 'report', 'summary.md'), 'utf8')).toMatch(
      /### What differed between a failing and a passing attempt\n\n- order\.spec\.ts › lists the answers in the order asked: first divergence: request 2 at \d+ ms: failing "GET \/b → 200", passing "GET \/a → 200"\n/,
    );
    expect(readFileSync(join(dir, 'report', 'diffs', 'order.spec.ts-lists-the-answers-in-the-order-asked.html'), 'utf8')).toContain(
      '<h2>attempt 1 (failed)</h2>',
    );
  });

  const view = (label: string, record: Partial<NonNullable<AttemptView['record']>>, steps: AttemptView['steps'] = []): AttemptView => ({
    label,
    steps,
    record: { requests: [], console: [], aria: '', ariaAfterAssertion: {}, ...record },
  });

  it('names the earliest divergence in time, and says so when nothing recorded differs', () => {
    const request = { method: 'GET', url: '/api/tasks', status: 200, durationMs: 5 };
    const failing = view('attempt 1 (failed)', {
      requests: [{ ...request, at: 400 }],
      console: [{ at: 120, type: 'error', text: 'Failed to load resource: 503' }],
    });
    const passing = view('retry 1 (passed)', { requests: [{ ...request, at: 380, status: 503 }], console: [] });
    const diff = diffAttempts('chromium › t.spec.ts › t', failing, passing);
    expect(diff.first).toEqual({ kind: 'console', index: 1, at: 120, failing: 'error: Failed to load resource: 503', passing: '(nothing)' });
    expect(diff.divergences.map((divergence) => divergence.kind)).toEqual(['request', 'console']);
    const same = diffAttempts('t', view('a', { aria: '- heading "x"' }), view('b', { aria: '- heading "x"' }));
    expect(same.first).toBeUndefined();
    expect(attemptDiffMarkdown(same)).toContain('Nothing recorded differs: same requests, console, steps and accessibility tree.');
  });
});
