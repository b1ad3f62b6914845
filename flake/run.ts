// `npm run flake -- …`: the flake tools, one per mode.
//   (no mode)           repeat the suite and score it (flake/repeat-run.ts)
//   --ledger pull|push  read or append the shared ledger branch (flake/ledger-cli.ts)
//   --verdicts          a verdict for every red test of a run, from main's history (flake/verdict-cli.ts)
//   --audit             prove every quarantine still runs and still needs to (flake/audit.ts)
//   --burn-in [ref]     run the tests a change added or touched 10 times (flake/burn-in.ts)
//   --shard-list I/N    shard I of N, balanced by the ledger's durations, as a --test-list file (flake/shards.ts)
import { repeatRun } from './repeat-run';

const [mode, ...rest] = process.argv.slice(2);
const modes: Record<string, (args: string[]) => Promise<number>> = {
  '--ledger': async (args) => (await import('./ledger-cli')).ledgerCli(args),
  '--verdicts': async (args) => (await import('./verdict-cli')).verdictCli(args),
  '--audit': async (args) => (await import('./audit')).auditCli(args),
  '--burn-in': async (args) => (await import('./burn-in')).burnInCli(args),
  '--shard-list': async (args) => (await import('./shards')).shardListCli(args),
};
const run = mode && modes[mode];
process.exitCode = run ? await run(rest) : repeatRun(process.argv.slice(2));
