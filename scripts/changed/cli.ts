// `tsx scripts/changed/cli.ts [--base REF] [--changed FILE,…] --out PLAN.json`: what the changed-only
// gate (`npm test -- --changed [REF]`) runs for a change, and why; printed, and written for the gate.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { listSuite } from '../../flake/list-suite';
import { createDependencyReader, suiteLayout } from '../../flake/test-dependencies';
import { selectChangedStories } from '../../visual/only-changed';
import { changedFiles, defaultBase } from '../changed-files.mjs';
import { moduleGraphs } from '../module-graphs';
import type { ListedTest } from '../../flake/report-attempts';
import { readAppPages, type AppPages } from './app-pages';
import { chooseE2eTests, CONFIGS, globalChange, lintTargets, storyFiles, type ChangedPlan } from './plan';

const CODE = /\.(ts|tsx|js|mjs|cjs|jsx|json|css)$/;

/** What a plan is made from: read once, then asked about any number of changes. */
export interface Project {
  root: string;
  configImports: Set<string>;
  tests: ListedTest[];
  dependenciesOf: (test: ListedTest) => Set<string>;
  location: (test: ListedTest) => string;
  app: AppPages;
  stories: string[];
}

export async function readProject(root: string): Promise<Project> {
  const [configGraphs, app] = await Promise.all([moduleGraphs(CONFIGS, root), readAppPages(root)]);
  const { tests, rootDir } = listSuite('playwright.config.ts');
  const read = createDependencyReader(suiteLayout(root, rootDir));
  return {
    root,
    configImports: new Set([...configGraphs.values()].flat()),
    tests,
    dependenciesOf: (test) => read(join(rootDir, test.file), test.line),
    location: (test) => `${relative(root, join(rootDir, test.file))}:${test.line}`,
    app,
    stories: storyFiles(root),
  };
}

export async function planChange(project: Project, base: string, changed: string[]): Promise<ChangedPlan> {
  const none: ChangedPlan = {
    base,
    changed,
    lint: lintTargets(changed, project.root),
    monitoring: changed.some((file) => file.startsWith('monitoring/')),
    vitest: [],
    playwright: [],
    visual: { stories: 0, of: project.stories.length, reasons: [] },
  };
  const full = globalChange(changed, project.configImports);
  if (full) return { ...none, full };
  const playwright = chooseE2eTests({ listed: project.tests, dependenciesOf: project.dependenciesOf, location: project.location, changed, app: project.app });
  const entries = project.stories.map((file) => ({ id: file, title: file, name: file, type: 'story', importPath: `./${file}` }));
  const stories = await selectChangedStories(entries, changed, project.root);
  return {
    ...none,
    vitest: none.lint.files.filter((file) => CODE.test(file)),
    playwright,
    visual: { stories: stories.stories.length, of: project.stories.length, reasons: [...stories.reasons] },
  };
}

/** The plan in the words the gate prints: each stage, what it runs, and why. */
export function describePlan(plan: ChangedPlan): string {
  const lines = [`Changed since the merge base with ${plan.base}: ${plan.changed.length} file(s)${plan.changed.length ? `: ${plan.changed.join(', ')}` : ''}.`];
  if (plan.full) return [...lines, `The whole gate runs: ${plan.full}.`].join('\n');
  // Tests chosen for the same reasons are one line: the reasons, then how many tests of which spec files.
  const byReasons = new Map<string, Map<string, number>>();
  for (const test of plan.playwright) {
    const reasons = test.because.join('; ');
    const files = byReasons.get(reasons) ?? new Map<string, number>();
    const file = test.location.replace(/:\d+$/, '');
    files.set(file, (files.get(file) ?? 0) + 1);
    byReasons.set(reasons, files);
  }
  lines.push(
    `lint: ESLint on ${plan.lint.eslint.length}, Prettier on ${plan.lint.files.length} file(s), knip over the project${plan.lint.workflows ? ', actionlint (a workflow changed)' : ''}`,
    'typecheck: incremental (what the change can reach)',
    `monitoring: ${plan.monitoring ? 'monitoring/ changed' : 'not run (monitoring/ unchanged)'}`,
    `vitest: ${plan.vitest.length ? `the tests related to ${plan.vitest.length} changed file(s)` : 'not run (no changed code)'}`,
    `playwright: ${plan.playwright.length ? `${plan.playwright.length} test(s) (a test in two projects counts twice)` : 'not run (no test depends on a changed file)'}`,
    ...[...byReasons].map(
      ([reasons, files]) =>
        `  because ${reasons}: ${[...files]
          .sort()
          .map(([file, count]) => `${file} (${count})`)
          .join(', ')}`,
    ),
    `visual: ${plan.visual.stories ? `${plan.visual.stories} of ${plan.visual.of} story file(s)` : 'not run (no story imports a changed file)'}`,
    ...plan.visual.reasons.map(([file, reason]) => `  ${file}: ${reason}`),
  );
  return lines.join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { base: { type: 'string' }, changed: { type: 'string' }, out: { type: 'string' } } });
  const root = process.cwd();
  const base = values.base ?? defaultBase(root);
  const changed = values.changed !== undefined ? values.changed.split(',').filter(Boolean) : changedFiles(base, root);
  const plan = await planChange(await readProject(root), base, changed);
  console.log(describePlan(plan));
  if (values.out) {
    mkdirSync(dirname(resolve(values.out)), { recursive: true });
    writeFileSync(values.out, `${JSON.stringify(plan, null, 2)}\n`);
  }
}
