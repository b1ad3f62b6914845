// `npm run test:visual -- [--storybook-dir DIR | --url URL] [--baselines DIR] [--update] [--only-changed REF]`
// Captures every story of a Storybook in each mode, compares with PNG baselines, writes visual-report/.
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { createServer } from 'node:http';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import sirv from 'sirv';
import { captureStories, type Shot } from './capture';
import { comparePngs, DEFAULT_THRESHOLD } from './compare';
import { countByStatus, writeReport, type StoryResult } from './report';
import { changedFilesSince, selectChangedStories } from './only-changed';
import { ensureStorybookBuild, readStoryIndex } from './storybook';

const root = process.cwd();
const { values } = parseArgs({
  options: {
    'storybook-dir': { type: 'string' },
    url: { type: 'string' },
    baselines: { type: 'string', default: 'visual/baselines' },
    report: { type: 'string', default: 'visual-report' },
    update: { type: 'boolean', default: false },
    'only-changed': { type: 'string' },
  },
});

const baselineDir = resolve(values.baselines);
const reportDir = resolve(values.report);
const fileFor = (shot: { storyId: string; mode: string }) => `${shot.storyId}--${shot.mode}.png`;

async function serveStatic(dir: string): Promise<{ url: string; server: Server }> {
  if (!existsSync(join(dir, 'index.json'))) throw new Error(`${dir} is not a Storybook static build (no index.json). Run npm run build-storybook or pass --url.`);
  const server = createServer(sirv(dir, { dev: true }));
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('could not start the static server');
  return { url: `http://127.0.0.1:${address.port}/`, server };
}

function judge(shot: Shot): StoryResult {
  const base = { id: shot.storyId, title: shot.title, name: shot.name, mode: shot.mode };
  if (shot.error || !shot.png) return { ...base, status: 'error', diffRatio: 1, reason: shot.error ?? 'no screenshot' };
  const name = fileFor(shot);
  const currentFile = join('current', name);
  writeFileSync(join(reportDir, currentFile), shot.png);
  const baselinePath = join(baselineDir, name);
  if (!existsSync(baselinePath)) return { ...base, status: 'new', diffRatio: 1, reason: 'no baseline yet', files: { current: currentFile } };
  const baseline = readFileSync(baselinePath);
  const result = comparePngs(baseline, shot.png, shot.threshold ?? DEFAULT_THRESHOLD);
  if (result.status === 'unchanged') return { ...base, status: 'unchanged', diffRatio: result.diffRatio };
  const baselineFile = join('baseline', name);
  writeFileSync(join(reportDir, baselineFile), baseline);
  if (result.status === 'error') return { ...base, status: 'error', diffRatio: 1, reason: result.reason, files: { baseline: baselineFile, current: currentFile } };
  const diffFile = join('diff', name);
  writeFileSync(join(reportDir, diffFile), result.diffPng);
  return { ...base, status: 'changed', diffRatio: result.diffRatio, ...(result.reason ? { reason: result.reason } : {}), files: { baseline: baselineFile, current: currentFile, diff: diffFile } };
}

function removedBaselines(results: StoryResult[]): StoryResult[] {
  if (!existsSync(baselineDir)) return [];
  const seen = new Set(results.map((result) => `${result.id}--${result.mode}.png`));
  const erroredStories = new Set(results.filter((result) => result.status === 'error').map((result) => result.id));
  return readdirSync(baselineDir)
    .filter((file) => file.endsWith('.png') && !seen.has(file))
    .map((file) => {
      const [id = file, mode = ''] = file.replace(/\.png$/, '').split('--');
      return { id, mode, title: id, name: '', file };
    })
    .filter((entry) => !erroredStories.has(entry.id))
    .map(({ id, mode, title, name }) => ({ id, title, name, mode, status: 'removed' as const, diffRatio: 1, reason: 'the baseline has no story any more' }));
}

function applyUpdate(results: StoryResult[]): void {
  mkdirSync(baselineDir, { recursive: true });
  for (const result of results) {
    const name = `${result.id}--${result.mode}.png`;
    if (result.status === 'changed' || result.status === 'new') writeFileSync(join(baselineDir, name), readFileSync(join(reportDir, 'current', name)));
    if (result.status === 'removed') rmSync(join(baselineDir, name));
  }
}

async function main(): Promise<number> {
  rmSync(reportDir, { recursive: true, force: true });
  for (const sub of ['current', 'baseline', 'diff']) mkdirSync(join(reportDir, sub), { recursive: true });
  let server: Server | undefined;
  let url = values.url;
  if (!url) {
    const dir = resolve(values['storybook-dir'] ?? 'storybook-static');
    if (!values['storybook-dir']) ensureStorybookBuild(root, dir);
    ({ url, server } = await serveStatic(dir));
  }
  try {
    const baseUrl = url.endsWith('/') ? url : `${url}/`;
    let stories = await readStoryIndex(baseUrl);
    let onlySome = false;
    if (values['only-changed']) {
      const selection = await selectChangedStories(stories, changedFilesSince(values['only-changed'], root), root);
      console.log(selection.all ? `--only-changed: ${selection.reasons.values().next().value ?? 'a global file changed'}; capturing all ${stories.length} stories.` : `--only-changed ${values['only-changed']}: ${selection.stories.length} of ${stories.length} stories selected.`);
      if (!selection.all) for (const story of selection.stories) console.log(`  ${story.id}: ${selection.reasons.get(story.id)}`);
      onlySome = !selection.all;
      stories = selection.stories;
    }
    const started = performance.now();
    const shots = await captureStories(baseUrl, stories);
    const elapsed = performance.now() - started;
    const results = shots.map(judge);
    // With a partial selection, a missing story is not a removed one.
    if (!onlySome) results.push(...removedBaselines(results));
    results.sort((a, b) => `${a.id}--${a.mode}`.localeCompare(`${b.id}--${b.mode}`));
    writeReport(reportDir, results);
    if (values.update) applyUpdate(results);
    const counts = countByStatus(results);
    console.log(`Visual: ${shots.length} snapshots of ${stories.length} stories in ${(elapsed / 1000).toFixed(1)} s (${(elapsed / Math.max(1, shots.length)).toFixed(0)} ms each).`);
    for (const result of results.filter((r) => r.status !== 'unchanged')) console.log(`  ${result.status.padEnd(8)} ${result.id} (${result.mode})${result.reason ? `: ${result.reason}` : ` ${(result.diffRatio * 100).toFixed(2)}%`}`);
    console.log(`Report: ${join(values.report, 'index.html')}${values.update ? ' (baselines updated)' : ''}`);
    const failures = values.update ? counts.error : counts.changed + counts.new + counts.removed + counts.error;
    console.log(`${counts.unchanged + (values.update ? counts.changed + counts.new + counts.removed : 0)} passed, ${failures} failed`);
    return failures === 0 ? 0 : 1;
  } finally {
    server?.close();
  }
}

main().then((code) => process.exit(code), (error: Error) => {
  console.error(`Visual run failed: ${error.message}`);
  process.exit(2);
});
