import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { hashInputs } from '../scripts/build-app.mjs';

const INPUTS = ['.storybook', 'stories', 'src', 'fixtures', 'public', 'package-lock.json'];

/** Builds a Storybook (ours by default) into `outDir` unless a build of the same inputs is already there. */
export function ensureStorybookBuild(root: string, outDir: string, options: { configDir?: string; inputs?: string[]; quiet?: boolean } = {}): void {
  const stamp = join(outDir, '.build-stamp');
  const configDir = options.configDir ?? '.storybook';
  const wanted = hashInputs(root, options.inputs ?? INPUTS, `config=${configDir}\n`);
  if (existsSync(stamp) && readFileSync(stamp, 'utf8').trim() === wanted) return;
  if (!options.quiet) console.log(`Building Storybook from ${configDir} (its inputs changed since the last build)…`);
  const result = spawnSync(process.execPath, [join(root, 'node_modules/storybook/dist/bin/dispatcher.js'), 'build', '-c', configDir, '-o', outDir, '--quiet'], {
    cwd: root,
    stdio: options.quiet ? 'pipe' : 'inherit',
  });
  if (result.status !== 0) throw new Error('storybook build failed; see the output above.');
  writeFileSync(stamp, `${wanted}\n`);
}

export interface IndexEntry {
  id: string;
  title: string;
  name: string;
  type: string;
  importPath: string;
}

/** Reads index.json of any Storybook 8+ (static build or running server) and keeps the stories. */
export async function readStoryIndex(baseUrl: string): Promise<IndexEntry[]> {
  const response = await fetch(new URL('index.json', baseUrl));
  if (!response.ok) throw new Error(`No Storybook index at ${baseUrl}index.json (HTTP ${response.status}).`);
  const index = (await response.json()) as { entries?: Record<string, IndexEntry> };
  if (!index.entries) throw new Error(`${baseUrl}index.json is not a Storybook 8+ index (no "entries").`);
  return Object.values(index.entries).filter((entry) => entry.type === 'story');
}
