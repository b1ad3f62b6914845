import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

/**
 * What each E2E test depends on, read from the source without running it: its spec file and what
 * the spec imports, the fixtures it asks for (by name, through e2e/fixtures/, with the fixtures
 * those ask for and every automatic one), the page objects and helpers those import, and the
 * domain matchers it calls. The one `test` every spec imports merges every fixture, so following
 * imports alone would make every test depend on every page object; a test depends on the
 * fixtures it names. Hooks of a spec count for every test in it (more tests, never fewer).
 */
export interface Layout {
  root: string;
  /** The module merging every fixture (e2e/fixtures/test.ts): imports are not followed through it. */
  aggregator: string;
  fixturesDir: string;
  matchersDir: string;
}

/** A suite laid out as e2e/ is: `fixtures/test.ts` merging the fixtures of `fixtures/`, matchers in `matchers/`. */
export const suiteLayout = (root: string, suiteDir: string): Layout => ({
  root,
  aggregator: join(suiteDir, 'fixtures/test.ts'),
  fixturesDir: join(suiteDir, 'fixtures'),
  matchersDir: join(suiteDir, 'matchers'),
});

const EXTENSIONS = ['', '.ts', '.tsx', '.mts', '.js', '.mjs', '/index.ts', '/index.tsx'];

function resolveImport(from: string, specifier: string): string | undefined {
  if (!specifier.startsWith('.')) return undefined;
  const base = resolve(dirname(from), specifier);
  for (const candidate of [...EXTENSIONS.map((extension) => base + extension), base.replace(/\.js$/, '.ts')])
    if (existsSync(candidate) && !candidate.endsWith('/')) {
      try {
        if (readdirSync(candidate)) continue;
      } catch {
        return candidate;
      }
    }
  return undefined;
}

const parsed = new Map<string, ts.SourceFile>();
function sourceOf(file: string): ts.SourceFile {
  let source = parsed.get(file);
  if (!source) {
    source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true, file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
    parsed.set(file, source);
  }
  return source;
}

function importsOf(file: string): string[] {
  return ts
    .preProcessFile(readFileSync(file, 'utf8'), true, true)
    .importedFiles.map((imported) => resolveImport(file, imported.fileName))
    .filter((resolved): resolved is string => resolved !== undefined);
}

/** The files reachable from `start` by relative imports, not following imports through `stopAt`. */
function closure(start: readonly string[], stopAt: string): Set<string> {
  const seen = new Set<string>();
  const queue = [...start];
  while (queue.length) {
    const file = queue.pop() as string;
    if (seen.has(file)) continue;
    seen.add(file);
    if (file !== stopAt) queue.push(...importsOf(file));
  }
  return seen;
}

/** The names a function's first parameter destructures: the fixtures it asks for. */
function fixtureNames(fn: ts.Node | undefined): string[] {
  if (!fn || !(ts.isArrowFunction(fn) || ts.isFunctionExpression(fn) || ts.isMethodDeclaration(fn))) return [];
  const first = fn.parameters[0]?.name;
  if (!first || !ts.isObjectBindingPattern(first)) return [];
  return first.elements.map((element) => (element.propertyName ?? element.name).getText());
}

interface Fixture {
  file: string;
  uses: string[];
  auto: boolean;
}

/** The fixtures one fixture file declares (`base.extend({ name: … })`): the fixtures each asks for, and whether it is automatic. */
function fixturesDeclaredIn(file: string): Map<string, Fixture> {
  const declared = new Map<string, Fixture>();
  const visit = (node: ts.Node) => {
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && node.expression.name.text === 'extend') {
      const [definitions] = node.arguments;
      if (definitions && ts.isObjectLiteralExpression(definitions))
        for (const property of definitions.properties) {
          if (!property.name) continue;
          let value: ts.Node | undefined = ts.isPropertyAssignment(property) ? property.initializer : property;
          let auto = false;
          if (value && ts.isArrayLiteralExpression(value)) {
            auto = /\bauto\s*:\s*true/.test(value.elements[1]?.getText() ?? '');
            value = value.elements[0];
          }
          declared.set(property.name.getText(), { file, uses: fixtureNames(value), auto });
        }
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceOf(file));
  return declared;
}

/**
 * The fixtures a spec's `test` has: those of the fixture files it imports, and of the fixture files
 * those import (the aggregator's merge, an override of another file's fixture).
 */
function fixturesOf(spec: string, layout: Layout): Map<string, Fixture> {
  const inFixtures = (file: string) => file.startsWith(`${layout.fixturesDir}/`);
  const files = new Set(importsOf(spec).filter(inFixtures));
  for (const file of files) for (const imported of importsOf(file)) if (inFixtures(imported)) files.add(imported);
  const index = new Map<string, Fixture>();
  // A file imported later (the aggregator, an override) declares last.
  for (const file of [...files].reverse()) for (const [name, fixture] of fixturesDeclaredIn(file)) index.set(name, fixture);
  return index;
}

/** Each matcher file's exported function names (`toBeDecided`), which a test calls as `.toBeDecided(`. */
function matcherIndex(layout: Layout): Map<string, string> {
  const index = new Map<string, string>();
  for (const name of readdirSync(layout.matchersDir).filter((entry) => /\.tsx?$/.test(entry))) {
    const file = join(layout.matchersDir, name);
    for (const match of readFileSync(file, 'utf8').matchAll(/export (?:async )?function (\w+)/g)) index.set(match[1] as string, file);
  }
  return index;
}

const TEST_CALLEE = /^test(\.(only|fixme|fail|slow|skip))?$/;
const HOOK_CALLEE = /^test\.(beforeEach|afterEach|beforeAll|afterAll)$/;

/** The test() call at `line` of the spec and the spec's hooks: the functions whose fixtures and matchers count. */
function testFunctions(spec: string, line: number): ts.Node[] {
  const source = sourceOf(spec);
  const found: ts.Node[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isCallExpression(node)) {
      const callee = node.expression.getText();
      const fn = [...node.arguments].reverse().find((argument) => ts.isArrowFunction(argument) || ts.isFunctionExpression(argument));
      const atLine = source.getLineAndCharacterOfPosition(node.getStart()).line + 1 === line;
      if (fn && ((TEST_CALLEE.test(callee) && atLine) || HOOK_CALLEE.test(callee))) found.push(fn);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** The files (relative to the root) a test depends on: the test at `line` of `spec` (an absolute path). */
export function createDependencyReader(layout: Layout): (spec: string, line: number) => Set<string> {
  const matchers = matcherIndex(layout);
  return (spec, line) => {
    const fixtures = fixturesOf(spec, layout);
    const automatic = [...fixtures].filter(([, fixture]) => fixture.auto).map(([name]) => name);
    const functions = testFunctions(spec, line);
    const asked = new Set([...functions.flatMap(fixtureNames), ...automatic]);
    for (const name of asked) for (const used of fixtures.get(name)?.uses ?? []) asked.add(used);
    const files = [
      spec,
      layout.aggregator,
      ...[...asked].flatMap((name) => fixtures.get(name)?.file ?? []),
      ...[...matchers].filter(([matcher]) => functions.some((fn) => fn.getText().includes(`.${matcher}(`))).map(([, file]) => file),
    ];
    return new Set([...closure(files, layout.aggregator)].map((file) => relative(layout.root, file)));
  };
}
