// `npm run test:visual -- [--storybook-dir DIR | --url URL] [--baselines DIR] [--update] [--only-changed REF] [--shard I/N]`
// Captures every story of a Storybook in each mode, compares with PNG baselines, writes visual-report/.
// `--shard I/N` captures a share of the stories balanced by their last capture times (visual/shards.ts);
// `npm run visual:merge` makes the shards' reports one.
// `npm run test:visual -- --accept|--reject|--undo <capture | story | group | glob | all> [--reason TEXT]`
// decides on the last run's captures without capturing again (see review.ts).
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { createServer } from 'node:http';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import sirv from 'sirv';
import { captureStories } from './capture';
import { applyUpdate, judge, removedBaselines, type Folders } from './judge';
import { changedFiles } from '../scripts/changed-files.mjs';
import { selectChangedStories } from './only-changed';
import { readBaselineRenderer, rendererNotice, writeBaselineRenderer } from './renderer';
import { writeReport } from './report';
import { countByStatus } from './results';
import { decide, gitReviewer, markRejections, readDecisions, readSummary, REVIEW_FILE, selectCaptures, undo } from './review';
import { ensureStorybookBuild, readStoryIndex } from './storybook';
import { readRuleSources } from './rule-sources';
import { readTimings, storiesOfShard, writeTimings, type ShardStamp } from './shards';

const root = process.cwd();
const { values } = parseArgs({
  options: {
    'storybook-dir': { type: 'string' },
    url: { type: 'string' },
    baselines: { type: 'string', default: 'visual/baselines' },
    report: { type: 'string', default: 'visual-report' },
    update: { type: 'boolean', default: false },
    'only-changed': { type: 'string' },
    shard: { type: 'string' },
    accept: { type: 'string', multiple: true },
    reject: { type: 'string', multiple: true },
    undo: { type: 'string', multiple: true },
    reason: { type: 'string' },
  },
});

const folders: Folders = { baselines: resolve(values.baselines), report: resolve(values.report) };

async function serveStatic(dir: string): Promise<{ url: string; server: Server }> {
  if (!existsSync(join(dir, 'index.json')))
    throw new Error(`${dir} is not a Storybook static build (no index.json). Run npm run build-storybook or pass --url.`);
  const server = createServer(sirv(dir, { dev: true }));
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('could not start the static server');
  return { url: `http://127.0.0.1:${address.port}/`, server };
}

/** `--accept`, `--reject`, `--undo`: decisions on the last run, written at once. */
function review(): number {
  const summary = readSummary(folders.report);
  const options = { reviewer: gitReviewer(), ...(values.reason ? { reason: values.reason } : {}) };
  let code = 0;
  for (const [flag, targets] of [
    ['accept', values.accept],
    ['reject', values.reject],
    ['undo', values.undo],
  ] as const) {
    if (!targets?.length) continue;
    const { captures, unknown } = selectCaptures(summary, targets);
    for (const target of unknown) {
      console.error(`--${flag} ${target}: no changed, new or removed capture of the last run has that id, group or pattern.`);
      code = 1;
    }
    if (flag === 'undo') {
      for (const capture of undo(captures, folders)) console.log(`undone    ${capture}`);
      continue;
    }
    for (const entry of decide(summary, captures, flag === 'accept' ? 'accepted' : 'rejected', folders, options))
      console.log(`${entry.decision.padEnd(9)} ${entry.capture}${entry.causes.length ? `: ${entry.causes[0]}` : ''}`);
  }
  console.log(`Decisions: ${join(values.baselines, '..', REVIEW_FILE)}`);
  return code;
}

async function main(): Promise<number> {
  if (values.accept || values.reject || values.undo) return review();
  rmSync(folders.report, { recursive: true, force: true });
  for (const sub of ['current', 'baseline', 'diff']) mkdirSync(join(folders.report, sub), { recursive: true });
  let server: Server | undefined;
  let url = values.url;
  if (!url) {
    const dir = resolve(values['storybook-dir'] ?? 'storybook-static');
    if (!values['storybook-dir']) ensureStorybookBuild(root, dir);
    ({ url, server } = await serveStatic(dir));
  }
  try {
    const baseUrl = url.endsWith('/') ? url : `${url}/`;
    // Built here from this checkout: a changed rule is named with the file and line that declare it.
    if (!values.url && !values['storybook-dir']) folders.locateRule = readRuleSources(root);
    let stories = await readStoryIndex(baseUrl);
    let onlySome = false;
    if (values['only-changed']) {
      const selection = await selectChangedStories(stories, changedFiles(values['only-changed'], root), root);
      console.log(
        selection.all
          ? `--only-changed: ${selection.reasons.values().next().value ?? 'a global file changed'}; capturing all ${stories.length} stories.`
          : `--only-changed ${values['only-changed']}: ${selection.stories.length} of ${stories.length} stories selected.`,
      );
      if (!selection.all) for (const story of selection.stories) console.log(`  ${story.id}: ${selection.reasons.get(story.id)}`);
      onlySome = !selection.all;
      stories = selection.stories;
    }
    let shard: ShardStamp | undefined;
    if (values.shard) {
      const share = storiesOfShard(stories, readTimings(), values.shard);
      console.log(
        `Shard ${values.shard}: ${share.stories.length} of ${stories.length} stories, expected ${((share.expectedMs[share.stamp.index - 1] ?? 0) / 1000).toFixed(1)} s (shards: ${share.expectedMs.map((ms) => `${(ms / 1000).toFixed(1)} s`).join(', ')}; ${share.timed} of ${stories.length} stories timed by their last capture, the rest by the mean).`,
      );
      shard = share.stamp;
      onlySome = true;
      stories = share.stories;
    }
    const started = performance.now();
    const { shots, skipped, modesSource, renderer, timings } = await captureStories(baseUrl, stories);
    // Beside the report (CI's shards start without a cache and pass them on), and locally for a whole run.
    if (!shard) writeTimings(timings);
    writeTimings(timings, join(folders.report, 'timings.json'));
    const elapsed = performance.now() - started;
    const results = markRejections(
      shots.map((shot) => judge(shot, folders)),
      readDecisions(folders.baselines),
      folders,
    );
    // With a partial selection (changed stories, a shard), a missing story is not a removed one.
    if (!onlySome) results.push(...removedBaselines(results, folders.baselines, new Set(skipped.map((story) => story.storyId))));
    results.sort((a, b) => `${a.id}@${a.mode}`.localeCompare(`${b.id}@${b.mode}`));
    const notice = values.update ? undefined : rendererNotice(readBaselineRenderer(folders.baselines), renderer);
    writeReport(folders.report, results, modesSource, notice, skipped, shard);
    if (values.update) {
      applyUpdate(results, folders);
      // Only a full update redraws every baseline; after a partial one most are still the old browser's.
      if (!onlySome && renderer) writeBaselineRenderer(folders.baselines, renderer);
    }
    const counts = countByStatus(results);
    const captured = shots.filter((shot) => shot.png).length;
    if (notice) console.log(notice);
    console.log(
      `Visual: ${captured} snapshots of ${stories.length} stories in ${(elapsed / 1000).toFixed(1)} s (${(elapsed / Math.max(1, captured)).toFixed(0)} ms each). Modes: ${modesSource}.`,
    );
    for (const result of results.filter((r) => r.status !== 'unchanged' || r.reason || r.notes)) {
      console.log(`  ${result.status.padEnd(9)} ${result.id} (${result.mode})${result.reason ? `: ${result.reason}` : ''}`);
      for (const line of [...(result.why ?? []).slice(0, 5), ...(result.notes ?? [])]) console.log(`            ${line}`);
    }
    console.log(`Report: ${join(values.report, 'index.html')}${values.update ? ' (baselines updated)' : ''}`);
    const failures = values.update ? counts.error : counts.changed + counts.new + counts.removed + counts.error;
    console.log(`${counts.unchanged + (values.update ? counts.changed + counts.new + counts.removed : 0)} passed, ${failures} failed`);
    return failures === 0 ? 0 : 1;
  } finally {
    server?.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(`Visual run failed: ${error.message}`);
    process.exit(2);
  },
);
