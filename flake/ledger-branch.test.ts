// @vitest-environment node
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { appendToLedgerBranch, readLedgerBranch } from './ledger-branch';
import { parseLedgerText, readLedger, type Attempt } from './ledger';

/** A bare repository standing in for the project's remote. */
function remote(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ledger-remote-'));
  execFileSync('git', ['init', '--bare', '--quiet', dir]);
  return dir;
}

function attempts(run: string, count: number, at = '2026-12-03T02:17:00.000Z'): Attempt[] {
  return Array.from({ length: count }, (_, index) => ({
    run,
    commit: 'abc1234',
    at,
    testId: `chromium › tests/t.spec.ts › test ${index}`,
    title: `test ${index}`,
    file: 'e2e/tests/t.spec.ts',
    project: 'chromium',
    outcome: index % 7 === 0 ? 'failed' : 'passed',
    duration: 1000 + index,
    retry: 0,
    signature: '',
  }));
}

const runsOf = (text: string) => {
  const counts = new Map<string, number>();
  for (const attempt of parseLedgerText(text).attempts) counts.set(attempt.run, (counts.get(attempt.run) ?? 0) + 1);
  return Object.fromEntries(counts);
};

// Each append runs a dozen git commands in a scratch repository.
describe('the flake ledger branch', { timeout: 60_000 }, () => {
  it('is created by the first append, one file per month, and an attempt already on it is not written again', async () => {
    const origin = remote();
    const first = await appendToLedgerBranch(origin, [...attempts('nightly-1', 3, '2026-11-30T23:59:00.000Z'), ...attempts('nightly-2', 2)]);
    expect(first).toEqual({ appended: 5, tries: 1, files: ['2026-11.jsonl', '2026-12.jsonl'] });
    const again = await appendToLedgerBranch(origin, attempts('nightly-2', 4));
    expect(again).toMatchObject({ appended: 2, files: ['2026-12.jsonl'] });

    const all = await readLedgerBranch(origin);
    expect(all.files).toEqual(['2026-11.jsonl', '2026-12.jsonl']);
    expect(runsOf(all.text)).toEqual({ 'nightly-1': 3, 'nightly-2': 4 });
    expect(parseLedgerText(all.text)).toMatchObject({ skipped: 0, duplicates: 0 });
    const lastMonth = await readLedgerBranch(origin, { months: 1 });
    expect(runsOf(lastMonth.text)).toEqual({ 'nightly-2': 4 });
  });

  it('reads as empty while the branch does not exist', async () => {
    expect(await readLedgerBranch(remote())).toEqual({ text: '', files: [] });
  });

  it('loses no line when another job appends between its fetch and its push: the refused push is made again on top', async () => {
    const origin = remote();
    await appendToLedgerBranch(origin, attempts('main-push', 2));
    let theirs: Promise<unknown> | undefined;
    const ours = await appendToLedgerBranch(origin, attempts('nightly', 30), {
      // Our commit is made; before it is pushed the other job appends and pushes its own.
      beforePush: async (tryNumber) => {
        if (tryNumber === 1) await (theirs = appendToLedgerBranch(origin, attempts('shard-2', 20)));
      },
    });
    await theirs;
    expect(ours.tries).toBe(2);
    const { text } = await readLedgerBranch(origin);
    expect(runsOf(text)).toEqual({ 'main-push': 2, nightly: 30, 'shard-2': 20 });
    expect(parseLedgerText(text)).toMatchObject({ skipped: 0, duplicates: 0 });
  });

  it('keeps every line when four jobs append at once', async () => {
    const origin = remote();
    const results = await Promise.all(['a', 'b', 'c', 'd'].map((job) => appendToLedgerBranch(origin, attempts(job, 25))));
    expect(results.map((result) => result.appended)).toEqual([25, 25, 25, 25]);
    expect(runsOf((await readLedgerBranch(origin)).text)).toEqual({ a: 25, b: 25, c: 25, d: 25 });
  });

  it('from the command line: main’s ledger pushed twice is written once, and pulled back whole', () => {
    const origin = remote();
    const out = join(mkdtempSync(join(tmpdir(), 'ledger-pull-')), 'history.jsonl');
    const cli = (args: string[]) =>
      execFileSync(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'flake/run.ts', '--ledger', ...args, '--remote', origin], { encoding: 'utf8' });
    expect(cli(['pull', '--out', out])).toContain(`Flake ledger: ${origin} has no flake-ledger branch yet`);
    expect(readFileSync(out, 'utf8')).toBe('');
    const push = ['push', '--file', 'flake/test-data/main-ledger.jsonl'];
    expect(cli(push)).toContain(
      `Flake ledger: 55 of 55 attempt(s) appended to ${origin} flake-ledger (2026-11.jsonl), 1 push(es); 1 unreadable record(s) skipped.`,
    );
    expect(cli(push)).toContain('Flake ledger: 0 of 55 attempt(s) appended');
    expect(cli(['pull', '--out', out])).toContain(`Flake ledger: 55 attempt(s) from ${origin} flake-ledger (2026-11.jsonl) → ${out}`);
    expect(parseLedgerText(readFileSync(out, 'utf8')).attempts).toEqual(readLedger('flake/test-data/main-ledger.jsonl').attempts);
  });

  it('names the remote and git’s refusal when it cannot append', async () => {
    const missing = join(tmpdir(), 'no-such-ledger-remote');
    await expect(appendToLedgerBranch(missing, attempts('x', 1))).rejects.toThrow(/git ls-remote: .*no-such-ledger-remote/);
  });
});
