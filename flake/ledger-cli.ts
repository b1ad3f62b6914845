import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { parseLedgerText, readLedger, type Attempt } from './ledger';
import { appendToLedgerBranch, LEDGER_BRANCH, readLedgerBranch } from './ledger-branch';
import { attemptsFromReport } from './report-attempts';

const HELP = `npm run flake -- --ledger pull [--remote origin] [--branch ${LEDGER_BRANCH}] [--months 3] [--out flake-history/history.jsonl]
npm run flake -- --ledger push [--remote origin] [--branch ${LEDGER_BRANCH}] (--file FILE | --report results.json [--run ID] [--commit SHA])`;

function headCommit(): string {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
}

/**
 * A remote named in this repository (`origin`) as its URL, with the credentials the checkout keeps
 * for it (actions/checkout's `http.<url>.extraheader`): the ledger is appended from a scratch
 * repository, which has neither. A URL or path is used as it is.
 */
function resolveRemote(remote: string): { url: string; gitConfig: string[] } {
  let url = remote;
  try {
    url = execFileSync('git', ['remote', 'get-url', remote], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return { url, gitConfig: [] };
  }
  let headers = '';
  try {
    headers = execFileSync('git', ['config', '--get-regexp', '^http\\..*extraheader$'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  } catch {
    // No stored credentials: a public remote, or a local one.
  }
  const gitConfig = headers
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const space = line.indexOf(' ');
      return `${line.slice(0, space)}=${line.slice(space + 1)}`;
    });
  return { url, gitConfig };
}

/**
 * `--ledger pull` writes the branch's recent months to a local ledger file (what PR jobs and the
 * nightly run score against); `--ledger push` appends a ledger file's attempts, or a Playwright
 * JSON report's, to the branch (the nightly run, pushes to main). Pull-request jobs never push.
 */
export async function ledgerCli(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      remote: { type: 'string', default: 'origin' },
      branch: { type: 'string', default: LEDGER_BRANCH },
      months: { type: 'string', default: '3' },
      out: { type: 'string', default: 'flake-history/history.jsonl' },
      file: { type: 'string' },
      report: { type: 'string' },
      run: { type: 'string' },
      commit: { type: 'string' },
    },
  });
  const [action] = positionals;
  const { url, gitConfig } = resolveRemote(values.remote);
  if (action === 'pull') {
    const { text, files } = await readLedgerBranch(url, { branch: values.branch, months: Number(values.months), gitConfig });
    const { attempts, skipped, duplicates } = parseLedgerText(text);
    mkdirSync(dirname(values.out), { recursive: true });
    writeFileSync(values.out, text);
    console.log(
      files.length
        ? `Flake ledger: ${attempts.length} attempt(s) from ${values.remote} ${values.branch} (${files.join(', ')}) → ${values.out}${skipped ? `; ${skipped} unreadable line(s) skipped` : ''}${duplicates ? `; ${duplicates} duplicate(s) skipped` : ''}`
        : `Flake ledger: ${values.remote} has no ${values.branch} branch yet; ${values.out} is empty, so every test reads as having no history.`,
    );
    return 0;
  }
  if (action === 'push' && (values.file || values.report)) {
    let attempts: Attempt[];
    let skipped: number;
    if (values.report) {
      const report: unknown = JSON.parse(readFileSync(values.report, 'utf8'));
      ({ attempts, skipped } = attemptsFromReport(report, {
        run: values.run ?? `${new Date().toISOString()}#${process.pid}`,
        commit: values.commit ?? headCommit(),
      }));
    } else ({ attempts, skipped } = readLedger(values.file as string));
    const { appended, tries, files } = await appendToLedgerBranch(url, attempts, { branch: values.branch, gitConfig });
    console.log(
      `Flake ledger: ${appended} of ${attempts.length} attempt(s) appended to ${values.remote} ${values.branch}${files.length ? ` (${files.join(', ')})` : ''}, ${tries} push(es)${skipped ? `; ${skipped} unreadable record(s) skipped` : ''}.`,
    );
    return 0;
  }
  console.error(HELP);
  return 2;
}
