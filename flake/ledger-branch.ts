import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { attemptKey, parseLedgerText, type Attempt } from './ledger';

/**
 * The shared flake ledger lives on its own branch (`flake-ledger`), one JSON-lines file per month
 * of attempts (`2026-12.jsonl`), so no cache eviction or concurrent save can lose history. Writers
 * (the nightly run, pushes to main) append; pull-request jobs only read. An append is a new commit
 * on top of the branch made with git's plumbing in a scratch repository (no work tree, no checkout
 * of the caller's), pushed without force: when another job pushed first, git refuses the push and
 * the append is made again on top of theirs, so no line of either is lost. Appends are idempotent:
 * an attempt already on the branch is not written twice.
 */
export const LEDGER_BRANCH = 'flake-ledger';

export interface AppendResult {
  /** Attempts written by this append (those not on the branch already). */
  appended: number;
  /** Pushes tried: 1 unless another writer got in first. */
  tries: number;
  /** The month files the append touched. */
  files: string[];
}

interface BranchOptions {
  branch?: string;
  /** `key=value` settings for every git command (the caller's credentials for the remote, see ledger-cli.ts). */
  gitConfig?: readonly string[];
}

interface AppendOptions extends BranchOptions {
  /** Pushes to try before giving up (each after the one before was refused). */
  maxTries?: number;
  /** Called before each push; a test uses it to let another writer in first. */
  beforePush?: (tryNumber: number) => Promise<void>;
}

const IDENTITY = {
  GIT_AUTHOR_NAME: 'flake ledger',
  GIT_AUTHOR_EMAIL: 'flake-ledger@localhost',
  GIT_COMMITTER_NAME: 'flake ledger',
  GIT_COMMITTER_EMAIL: 'flake-ledger@localhost',
};

type Git = (args: string[], input?: string) => Promise<string>;

function gitIn(dir: string, gitConfig: readonly string[] = []): Git {
  return (args, input) =>
    new Promise((resolvePromise, reject) => {
      const child = execFile(
        'git',
        ['--git-dir', dir, ...gitConfig.flatMap((setting) => ['-c', setting]), ...args],
        { encoding: 'utf8', maxBuffer: 512 * 1024 * 1024, env: { ...process.env, ...IDENTITY, GIT_TERMINAL_PROMPT: '0' } },
        (error, stdout, stderr) => (error ? reject(new Error(`git ${args[0]}: ${stderr.trim() || error.message}`)) : resolvePromise(stdout)),
      );
      if (input !== undefined) child.stdin?.end(input);
    });
}

async function withScratchRepository<T>(gitConfig: readonly string[] | undefined, work: (git: Git) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'flake-ledger-'));
  try {
    const git = gitIn(dir, gitConfig);
    await git(['init', '--bare', '--quiet']);
    return await work(git);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The branch's head on the remote, fetched into the scratch repository; undefined while it does not exist. */
async function fetchHead(git: Git, remote: string, branch: string): Promise<string | undefined> {
  const listed = await git(['ls-remote', remote, `refs/heads/${branch}`]);
  const head = listed.split(/\s/)[0];
  if (!head) return undefined;
  await git(['fetch', '--quiet', '--no-tags', remote, `+refs/heads/${branch}:refs/ledger/head`]);
  return head;
}

/** The month files of a commit: name → blob. */
async function monthFiles(git: Git, commit: string | undefined): Promise<Map<string, string>> {
  if (!commit) return new Map();
  const listing = await git(['ls-tree', commit]);
  const files = new Map<string, string>();
  for (const line of listing.split('\n')) {
    const match = /^\d+ blob ([0-9a-f]+)\t(.+)$/.exec(line);
    if (match) files.set(match[2] as string, match[1] as string);
  }
  return files;
}

const monthFileOf = (attempt: Attempt) => `${attempt.at.slice(0, 7)}.jsonl`;

/** Appends the attempts to the ledger branch of `remote` (a URL or path), retrying when another writer pushed first. */
export async function appendToLedgerBranch(remote: string, attempts: readonly Attempt[], options: AppendOptions = {}): Promise<AppendResult> {
  const branch = options.branch ?? LEDGER_BRANCH;
  const maxTries = options.maxTries ?? 10;
  return withScratchRepository(options.gitConfig, async (git) => {
    let refusal = '';
    for (let tryNumber = 1; tryNumber <= maxTries; tryNumber += 1) {
      const head = await fetchHead(git, remote, branch);
      const files = await monthFiles(git, head);
      const byMonth = new Map<string, Attempt[]>();
      for (const attempt of attempts) byMonth.set(monthFileOf(attempt), [...(byMonth.get(monthFileOf(attempt)) ?? []), attempt]);
      let appended = 0;
      const touched: string[] = [];
      for (const [name, monthAttempts] of [...byMonth].sort(([a], [b]) => a.localeCompare(b))) {
        const blob = files.get(name);
        const existing = blob ? await git(['cat-file', 'blob', blob]) : '';
        const present = new Set(parseLedgerText(existing).attempts.map(attemptKey));
        const fresh = monthAttempts.filter((attempt) => !present.has(attemptKey(attempt)));
        if (!fresh.length) continue;
        const text = `${existing}${existing && !existing.endsWith('\n') ? '\n' : ''}${fresh.map((attempt) => `${JSON.stringify(attempt)}\n`).join('')}`;
        files.set(name, (await git(['hash-object', '-w', '--stdin'], text)).trim());
        appended += fresh.length;
        touched.push(name);
      }
      if (!appended) return { appended: 0, tries: tryNumber, files: [] };
      const tree = (await git(['mktree'], [...files].map(([name, blob]) => `100644 blob ${blob}\t${name}\n`).join(''))).trim();
      const message = `Append ${appended} attempt(s) to ${touched.join(', ')}`;
      const commit = (await git(['commit-tree', tree, ...(head ? ['-p', head] : []), '-m', message])).trim();
      await options.beforePush?.(tryNumber);
      try {
        // No force: git refuses the push when the branch moved since the fetch (another writer).
        await git(['push', '--quiet', remote, `${commit}:refs/heads/${branch}`]);
        return { appended, tries: tryNumber, files: touched };
      } catch (error) {
        refusal = error instanceof Error ? error.message : String(error);
      }
    }
    throw new Error(`The flake ledger could not be appended to ${remote} (${branch}) in ${maxTries} tries; the last refusal: ${refusal}`);
  });
}

/**
 * The ledger branch's attempts as one JSON-lines text, newest months last: the `months` most
 * recent month files (all of them when omitted). Empty when the branch does not exist yet.
 */
export async function readLedgerBranch(remote: string, options: BranchOptions & { months?: number } = {}): Promise<{ text: string; files: string[] }> {
  const branch = options.branch ?? LEDGER_BRANCH;
  return withScratchRepository(options.gitConfig, async (git) => {
    const head = await fetchHead(git, remote, branch);
    const months = [...(await monthFiles(git, head))].filter(([name]) => /^\d{4}-\d{2}\.jsonl$/.test(name)).sort(([a], [b]) => a.localeCompare(b));
    const chosen = options.months === undefined ? months : months.slice(-options.months);
    const texts = await Promise.all(chosen.map(([, blob]) => git(['cat-file', 'blob', blob])));
    return { text: texts.map((text) => (text.endsWith('\n') || !text ? text : `${text}\n`)).join(''), files: chosen.map(([name]) => name) };
  });
}
