import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { ListedTest } from '../../flake/report-attempts';
import type { AppPages } from './app-pages';

/**
 * Files every check depends on without importing them, or that decide how the checks run: a change
 * to one runs the whole gate. The configs' own imports are added by the caller (configImports).
 */
const GLOBAL: [RegExp, string][] = [
  [/^package(-lock)?\.json$/, 'the dependencies'],
  [
    /^(tsconfig[^/]*\.json|vite\.config\.ts|vitest\.config\.ts|playwright\.config\.ts|eslint\.config\.js|knip\.jsonc|\.prettierrc[^/]*|\.prettierignore)$/,
    'a config',
  ],
  [/^\.storybook\//, 'the Storybook preview and config'],
  [/^src\/app\/theme\.css$/, 'the theme'],
  [/^(index\.html|public\/)/, 'the page every build serves'],
  [/^scripts\//, 'the gate and its helpers'],
  [/^\.ci\//, 'what CI runs'],
  // The mock layer's core: its backend, clock and database, the adapters and the handler index.
  [/^fixtures\/[^/]+\.ts$/, "the mock layer's core"],
  [/^fixtures\/adapters\//, "the mock layer's adapters"],
  [/^fixtures\/handlers\/(index|respond)\.ts$/, "the mock layer's core"],
];

export const CONFIGS = ['playwright.config.ts', 'vitest.config.ts', 'vite.config.ts'];

export interface ChosenE2eTest {
  testId: string;
  project: string;
  /** `file:line`, relative to the repository. */
  location: string;
  because: string[];
}

export interface ChangedPlan {
  base: string;
  changed: string[];
  /** Why the whole gate runs instead, when it does. */
  full?: string;
  lint: { files: string[]; eslint: string[]; workflows: boolean };
  monitoring: boolean;
  /** The changed files Vitest runs the related tests of. */
  vitest: string[];
  playwright: ChosenE2eTest[];
  visual: { stories: number; of: number; reasons: [string, string][] };
}

const LINTED = /\.(ts|tsx|js|mjs|cjs|jsx)$/;
const FORMATTED = /\.(ts|tsx|js|mjs|cjs|jsx|json|jsonc|md|ya?ml|css|html)$/;

/** The first changed file that is global, with why; undefined when none is. */
export function globalChange(changed: readonly string[], configImports: ReadonlySet<string>): string | undefined {
  for (const file of changed) {
    if (configImports.has(file)) return `${file} changed (a config imports it)`;
    const rule = GLOBAL.find(([pattern]) => pattern.test(file));
    if (rule) return `${file} changed (${rule[1]})`;
  }
  return undefined;
}

/**
 * The E2E tests a change can affect, each with the changed files that make it so: a file the test
 * depends on (its spec, page objects, fixtures, matchers, mock handlers, sources it imports), a file
 * of the page it opens (by its page object), or a file of the shell every page runs in.
 */
export function chooseE2eTests(input: {
  listed: readonly ListedTest[];
  dependenciesOf: (test: ListedTest) => Set<string>;
  location: (test: ListedTest) => string;
  changed: readonly string[];
  app: AppPages;
}): ChosenE2eTest[] {
  const inShell = input.changed.filter((file) => input.app.shell.has(file));
  const byPageObject = new Map<string, string[]>();
  for (const page of input.app.pages) {
    const hits = input.changed.filter((file) => page.graph.has(file) && !input.app.shell.has(file));
    if (page.pageObject && hits.length)
      byPageObject.set(
        page.pageObject,
        hits.map((file) => (file === page.module ? `${file} (the page itself)` : `${file} (${page.module} imports it)`)),
      );
  }
  const chosen: ChosenE2eTest[] = [];
  for (const test of input.listed) {
    const dependencies = input.dependenciesOf(test);
    const opensApp = [...dependencies].some((file) => file.startsWith('e2e/pages/'));
    const direct = input.changed.filter((file) => dependencies.has(file));
    const because = [
      ...direct,
      ...(opensApp ? inShell.filter((file) => !dependencies.has(file)).map((file) => `${file} (the shell every page runs in imports it)`) : []),
      ...[...byPageObject].filter(([pageObject]) => dependencies.has(pageObject)).flatMap(([, reasons]) => reasons),
    ];
    if (because.length) chosen.push({ testId: test.testId, project: test.project, location: input.location(test), because });
  }
  return chosen;
}

/** What the lint stage checks of a change: the changed files that still exist, by tool. */
export function lintTargets(changed: readonly string[], root: string): ChangedPlan['lint'] {
  const present = changed.filter((file) => existsSync(resolve(root, file)));
  return {
    files: present.filter((file) => FORMATTED.test(file)),
    eslint: present.filter((file) => LINTED.test(file)),
    workflows: changed.some((file) => file.startsWith('.github/workflows/')),
  };
}

/** The story files of a Storybook laid out as ours (`.stories.tsx` files at any depth of stories/), relative to the repository. */
export function storyFiles(root: string): string[] {
  const dir = join(root, 'stories');
  return existsSync(dir)
    ? readdirSync(dir, { recursive: true, encoding: 'utf8' })
        .filter((name) => /\.stories\.tsx?$/.test(name))
        .map((name) => `stories/${name}`)
    : [];
}
