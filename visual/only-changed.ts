import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { moduleGraphs } from '../scripts/module-graphs';
import type { IndexEntry } from './storybook';

/** Files every story depends on without importing them: a change here re-captures everything. */
const GLOBAL_FILES = [/^\.storybook\//, /^src\/app\/theme\.css$/, /^package(-lock)?\.json$/, /^public\//, /^visual\/capture\.ts$/];

export interface Selection {
  stories: IndexEntry[];
  reasons: Map<string, string>;
  all: boolean;
}

/** Every story renders inside the preview, so whatever it imports (the mock layer, the theme) is global. */
const PREVIEW_FILES = ['.storybook/preview.tsx', '.storybook/preview.ts'];

/**
 * Like Chromatic's TurboSnap: keeps the stories whose module graph (resolved by esbuild from the
 * story file, node_modules left out) contains a changed file, and says why each was kept. A file
 * in the preview's own graph (decorators, loaders, the MSW handlers it installs) re-captures all.
 */
export async function selectChangedStories(stories: IndexEntry[], changed: string[], root: string): Promise<Selection> {
  const everything = (reason: string): Selection => ({ stories, reasons: new Map(stories.map((story) => [story.id, reason])), all: true });
  const global = changed.find((file) => GLOBAL_FILES.some((pattern) => pattern.test(file)));
  if (global) return everything(`global file ${global} changed`);
  const changedSet = new Set(changed);
  const preview = PREVIEW_FILES.find((file) => existsSync(resolve(root, file)));
  const files = [...new Set(stories.map((story) => story.importPath.replace(/^\.\//, '')))];
  const graphs = await moduleGraphs([...files, ...(preview ? [preview] : [])], root);
  const viaPreview = preview ? graphs.get(preview)?.find((file) => changedSet.has(file)) : undefined;
  if (preview && viaPreview) return everything(`${viaPreview} changed and ${preview} imports it`);
  const reasons = new Map<string, string>();
  for (const story of stories) {
    const graph = graphs.get(story.importPath.replace(/^\.\//, '')) ?? [];
    const hit = graph.find((file) => changedSet.has(file));
    if (hit) reasons.set(story.id, `imports ${hit}`);
  }
  return { stories: stories.filter((story) => reasons.has(story.id)), reasons, all: false };
}
