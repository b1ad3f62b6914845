// @vitest-environment node
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { createCoverageMap, type CoverageMapData } from '@vitest/istanbul-lib-coverage';
import { build } from 'vite';
import { afterEach, describe, expect, it } from 'vitest';
import { SOURCE_MAPS_FILE, instrumentForCoverage } from '../scripts/coverage/instrument';
import { alignBranches, mapE2eCoverage, reportMerged } from '../scripts/coverage/merge';

const roots: string[] = [];
function tempRoot(): string {
  const root = mkdtempSync(join(tmpdir(), 'coverage-merge-'));
  roots.push(root);
  return root;
}
afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

const at = (line: number, start: number, end: number) => ({ start: { line, column: start }, end: { line, column: end } });

/** One file's coverage: one statement on line 1 and one `a ? b : c` branch on line 2, whose first path ends at `firstEnd`. */
function fileCoverage(path: string, counts: { s: number; b: [number, number] }, firstEnd: number): CoverageMapData {
  return {
    [path]: {
      path,
      statementMap: { 0: at(1, 0, 10) },
      fnMap: {},
      branchMap: { 0: { loc: at(2, 0, 20), type: 'cond-expr', locations: [at(2, 4, firstEnd), at(2, 12, 20)], line: 2 } },
      s: { 0: counts.s },
      f: {},
      b: { 0: counts.b },
    },
  } as unknown as CoverageMapData;
}

describe('the merged coverage', () => {
  it('counts a branch once when its expression is at the same place, although one build ends its first path elsewhere', () => {
    const vitestRun = () => createCoverageMap(fileCoverage('/app/src/a.tsx', { s: 1, b: [1, 0] }, 10));
    const e2e = () => createCoverageMap(fileCoverage('/app/src/a.tsx', { s: 2, b: [0, 3] }, 11));
    // Without aligning, the merge keys the branch by its first path and keeps two: the check below can fail.
    const unaligned = vitestRun();
    unaligned.merge(e2e());
    expect(unaligned.getCoverageSummary().branches.total).toBe(4);

    const vitest = vitestRun();
    const other = e2e();
    alignBranches(vitest, other);
    vitest.merge(other);
    const file = vitest.fileCoverageFor('/app/src/a.tsx');
    expect(vitest.getCoverageSummary().branches.total).toBe(2);
    expect(file.b).toEqual({ 0: [1, 3] });
    expect(file.s).toEqual({ 0: 3 });
  });

  it('a branch of another type or place is not taken for the same one', () => {
    const vitest = createCoverageMap(fileCoverage('/app/src/a.tsx', { s: 1, b: [1, 0] }, 10));
    const moved = fileCoverage('/app/src/a.tsx', { s: 1, b: [0, 1] }, 11);
    (moved['/app/src/a.tsx'] as unknown as { branchMap: { 0: { loc: unknown } } }).branchMap[0].loc = at(3, 0, 20);
    const other = createCoverageMap(moved);
    alignBranches(vitest, other);
    vitest.merge(other);
    expect(vitest.getCoverageSummary().branches.total).toBe(4);
  });

  it('is judged against the floors and written as a report; below a floor it fails', async () => {
    const root = tempRoot();
    writeFileSync(join(root, 'coverage-floor.json'), JSON.stringify({ lines: 100, statements: 0, functions: 0, branches: 0 }));
    const input = join(root, 'part.json');
    writeFileSync(input, JSON.stringify(fileCoverage(join(root, 'src/a.tsx'), { s: 1, b: [1, 0] }, 10)));
    const full = await reportMerged(root, [input], join(root, 'coverage'));
    expect(full.ok).toBe(true);
    expect(JSON.parse(readFileSync(join(root, 'coverage', 'coverage-summary.json'), 'utf8')).total.branches).toMatchObject({ covered: 1, total: 2 });
    expect(readdirSync(join(root, 'coverage'))).toContain('index.html');

    writeFileSync(input, JSON.stringify(fileCoverage(join(root, 'src/a.tsx'), { s: 0, b: [0, 0] }, 10)));
    const none = await reportMerged(root, [input], join(root, 'coverage'));
    expect(none.ok).toBe(false);
    expect(none.text).toMatch(/BELOW THE FLOOR[\s\S]*\| lines \| 0\.00% \(0\/1\) \| 100% ✗/);
  });

  it('a coverage file that cannot be read is named, not taken for nothing covered', async () => {
    const root = tempRoot();
    writeFileSync(join(root, 'coverage-floor.json'), '{}');
    writeFileSync(join(root, 'broken.json'), '{"cut off');
    await expect(reportMerged(root, [join(root, 'broken.json')], join(root, 'coverage'))).rejects.toThrow(/broken\.json could not be read as coverage/);
  });

  it("maps what an instrumented build ran back to the source's lines", { timeout: 60_000 }, async () => {
    const root = tempRoot();
    mkdirSync(join(root, 'src'));
    // Types, so the build compiles TypeScript first and the counts must go through its source map.
    writeFileSync(
      join(root, 'src', 'entry.ts'),
      [
        'type Sign = "negative" | "zero" | "positive";',
        'export function sign(n: number): Sign {',
        '  if (n < 0) return "negative";',
        '  return n === 0 ? "zero" : "positive";',
        '}',
        'export function neverCalled(): string {',
        '  return "unreached";',
        '}',
        '(globalThis as unknown as { sign: typeof sign }).sign = sign;',
        '',
      ].join('\n'),
    );
    await build({
      root,
      configFile: false,
      logLevel: 'silent',
      plugins: [instrumentForCoverage(root)],
      build: {
        outDir: 'out',
        sourcemap: true,
        minify: true,
        lib: { entry: join(root, 'src', 'entry.ts'), formats: ['iife'], name: 'entry', fileName: 'entry' },
      },
    });
    const bundle = readdirSync(join(root, 'out')).find((name) => name.endsWith('.js'));
    if (!bundle) throw new Error('the build wrote no script');
    const page: Record<string, unknown> = {};
    page.globalThis = page;
    runInNewContext(readFileSync(join(root, 'out', bundle), 'utf8'), page);
    (page.sign as (n: number) => string)(5);
    mkdirSync(join(root, 'counts'));
    writeFileSync(join(root, 'counts', 'worker-0.json'), JSON.stringify(page.__coverage__));

    const mapped = await mapE2eCoverage(root, join(root, 'counts'), join(root, 'out', SOURCE_MAPS_FILE));
    const file = mapped.fileCoverageFor(join(root, 'src', 'entry.ts'));
    const lines = file.getLineCoverage();
    expect(lines[3]).toBeGreaterThan(0);
    expect(lines[4]).toBeGreaterThan(0);
    expect(lines[7]).toBe(0);
    expect(file.getUncoveredLines()).toEqual(['7']);
  });

  it('without any counts there is no E2E coverage, and no source maps are asked for', async () => {
    const root = tempRoot();
    const mapped = await mapE2eCoverage(root, join(root, 'missing'), join(root, 'missing.json'));
    expect(mapped.files()).toEqual([]);
  });
});
