import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { parseShard, splitLongestFirst } from '../scripts/shard-split';
import { expectedDurations, medianDurations, type ExpectedDuration } from './durations';
import { readLedger } from './ledger';
import { listSuite } from './list-suite';
import type { ListedTest } from './report-attempts';

/** A shard: its tests and the time they are expected to take, one after another. */
export interface Shard {
  tests: ListedTest[];
  expectedMs: number;
}

/** Splits the tests into `count` shards of near-equal expected time (longest first, to the lightest shard). */
export function balanceShards(listed: readonly ListedTest[], durations: Map<ListedTest, ExpectedDuration>, count: number): Shard[] {
  return splitLongestFirst(listed, (test) => durations.get(test)?.ms ?? 0, testListLine, count).map((shard) => ({
    tests: shard.items,
    expectedMs: shard.expectedMs,
  }));
}

/** The test as a line of Playwright's `--test-list` file: `[project] › file › describe › title`. */
export function testListLine(test: ListedTest): string {
  return [...(test.project ? [`[${test.project}]`] : []), test.file, ...test.titlePath].join(' › ');
}

/** Writes shard `shard` (I/N) of the suite, split by the ledger's durations, as a --test-list file; returns its path and says what it holds. */
export function writeShardList(shard: string, config: string, ledger: string, out = `.cache/shard-${shard.replace('/', '-of-')}.txt`): string {
  const { index, count } = parseShard(shard);
  const { tests } = listSuite(config);
  const medians = medianDurations(readLedger(ledger).attempts);
  const shards = balanceShards(tests, expectedDurations(tests, medians), count);
  const mine = shards[index - 1] as Shard;
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, `${mine.tests.map(testListLine).join('\n')}\n`);
  const known = tests.filter((test) => medians.has(test.testId)).length;
  console.log(
    `Shard ${shard}: ${mine.tests.length} of ${tests.length} tests, expected ${(mine.expectedMs / 1000).toFixed(1)} s of test time (shards: ${shards.map((one) => `${(one.expectedMs / 1000).toFixed(1)} s`).join(', ')}; ${known} of ${tests.length} tests timed from ${ledger}, the rest by their file's or the suite's mean) → ${out}`,
  );
  return out;
}

/**
 * `npm run flake -- --shard-list I/N [--out FILE] [--config playwright.config.ts] [--ledger flake-history/history.jsonl]`:
 * writes shard I of N as a `--test-list` file for Playwright.
 */
export async function shardListCli(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      out: { type: 'string' },
      config: { type: 'string', default: 'playwright.config.ts' },
      ledger: { type: 'string', default: 'flake-history/history.jsonl' },
    },
  });
  writeShardList(positionals[0] ?? '', values.config, values.ledger, values.out);
  return 0;
}
