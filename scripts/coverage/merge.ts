// The merged coverage of src/: what Vitest ran (unit and story tests) and what the E2E suite ran in
// its build (scripts/coverage/instrument.ts), as one report.
//
//   tsx scripts/coverage/merge.ts map-e2e [--out .cache/coverage-e2e.json]
//     the E2E workers' counts (.cache/coverage-e2e/) mapped back to the source, one file per run;
//   tsx scripts/coverage/merge.ts report [<coverage-final.json …>] [--out coverage]
//     merges mapped coverage files (by default Vitest's and this run's E2E) into coverage/ (HTML, JSON, summary),
//     prints each one's share and the merged figure against coverage-floor.json, and exits 1 below a floor.
import { existsSync, readdirSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { createCoverageMap, type CoverageMap, type CoverageMapData } from '@vitest/istanbul-lib-coverage';
import { createAsync, createContext } from '@vitest/istanbul-lib-report';
import { createSourceMapStore } from '@vitest/istanbul-lib-source-maps';
import { E2E_BUILD } from '../build-app.mjs';
import { markdown, standing } from '../coverage-ratchet.mjs';
import { E2E_COVERAGE_DIR } from '../../e2e/support/coverage-run';
import { SOURCE_MAPS_FILE, countsForCoverage } from './instrument';

const VITEST_COVERAGE = '.cache/coverage-vitest/coverage-final.json';
const E2E_COVERAGE = '.cache/coverage-e2e.json';
const FLOOR_FILE = 'coverage-floor.json';

/** A coverage file that cannot be read is named, never taken for "nothing covered". */
function readCoverage(path: string): CoverageMapData {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as CoverageMapData;
  } catch (error) {
    throw new Error(`${path} could not be read as coverage: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}

/**
 * The E2E workers' counts (`dir`), which are of the instrumented build, mapped back to the lines of
 * src/ with the source maps the build kept (`sourceMapsFile`); only files coverage counts are kept.
 */
export async function mapE2eCoverage(root: string, dir: string, sourceMapsFile: string): Promise<CoverageMap> {
  const counted = createCoverageMap({});
  for (const file of existsSync(dir) ? readdirSync(dir).filter((name) => name.endsWith('.json')) : []) counted.merge(readCoverage(join(dir, file)));
  if (counted.files().length === 0) return counted;
  const sourceMaps = readCoverage(sourceMapsFile) as unknown as Record<string, Parameters<ReturnType<typeof createSourceMapStore>['registerMap']>[1]>;
  const store = createSourceMapStore();
  for (const file of counted.files()) store.registerMap(file, sourceMaps[file]);
  const mapped = await store.transformCoverage(counted);
  mapped.filter((file) => countsForCoverage(root, resolve(root, file)));
  return mapped;
}

type BranchMap = Record<string, { loc: Location; type: string; locations: Location[] }>;
interface Location {
  start: { line: number; column: number | null };
  end: { line: number; column: number | null };
}
const placeOf = (loc: Location) => `${loc.start.line}:${loc.start.column}-${loc.end.line}:${loc.end.column}`;

/**
 * The merge matches a branch by where its first path is. Vitest compiles JSX for development and the
 * E2E build for production, which can end a JSX path at another column, so one branch would count as
 * two. A branch of `map` is the same as one of `into` when its whole expression is at the same place,
 * of the same type, with as many paths: it takes that branch's path locations before merging.
 */
export function alignBranches(into: CoverageMap, map: CoverageMap): void {
  for (const file of map.files()) {
    if (!into.files().includes(file)) continue;
    const known = new Map(
      Object.values(into.fileCoverageFor(file).toJSON().branchMap as BranchMap).map((branch) => [`${branch.type} ${placeOf(branch.loc)}`, branch]),
    );
    for (const branch of Object.values(map.fileCoverageFor(file).toJSON().branchMap as BranchMap)) {
      const same = known.get(`${branch.type} ${placeOf(branch.loc)}`);
      if (same && same.locations.length === branch.locations.length) branch.locations = same.locations;
    }
  }
}

/** Lines covered of all lines, as a percentage with one decimal, for a map. */
function linesOf(map: CoverageMap): string {
  const { lines } = map.getCoverageSummary();
  return `${typeof lines.pct === 'number' ? lines.pct.toFixed(1) : '–'}% of lines (${lines.covered}/${lines.total}) in ${map.files().length} files`;
}

/** Merges the mapped coverage files into `out` and says where the merged figure stands against the floors. */
export async function reportMerged(root: string, inputs: string[], out: string): Promise<{ ok: boolean; text: string }> {
  const merged = createCoverageMap({});
  const shares: string[] = [];
  for (const input of inputs) {
    const map = createCoverageMap(readCoverage(input));
    shares.push(`${relative(root, resolve(root, input))}: ${linesOf(map)}`);
    alignBranches(merged, map);
    merged.merge(map);
  }
  const context = createContext({ dir: out, coverageMap: merged });
  for (const name of ['html', 'json', 'json-summary', 'text-summary']) (await createAsync(name, { projectRoot: root })).execute(context);
  const floors = JSON.parse(readFileSync(join(root, FLOOR_FILE), 'utf8')) as Record<string, number>;
  const rows = standing({ total: merged.getCoverageSummary().toJSON() }, floors);
  const text = [markdown(rows), 'Merged from:', ...shares.map((share) => `- ${share}`), ''].join('\n');
  return { ok: rows.every((row) => row.ok), text };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const root = process.cwd();
  const [command, ...rest] = process.argv.slice(2);
  const outAt = rest.indexOf('--out');
  const out = outAt >= 0 ? rest[outAt + 1] : undefined;
  const inputs = rest.filter((_, index) => index !== outAt && index !== outAt + 1);
  try {
    if (command === 'map-e2e') {
      const target = out ?? E2E_COVERAGE;
      const mapped = await mapE2eCoverage(root, join(root, E2E_COVERAGE_DIR), join(root, E2E_BUILD.outDir, SOURCE_MAPS_FILE));
      if (mapped.files().length === 0) throw new Error(`no E2E coverage in ${E2E_COVERAGE_DIR}/: did the E2E suite run on its build (${E2E_BUILD.outDir}/)?`);
      mkdirSync(dirname(resolve(root, target)), { recursive: true });
      writeFileSync(resolve(root, target), JSON.stringify(mapped.toJSON()));
      console.log(`E2E coverage: ${linesOf(mapped)}, in ${target}`);
    } else if (command === 'report') {
      const { ok, text } = await reportMerged(root, inputs.length ? inputs : [VITEST_COVERAGE, E2E_COVERAGE], resolve(root, out ?? 'coverage'));
      console.log(text);
      process.exitCode = ok ? 0 : 1;
    } else {
      console.error('Usage: merge.ts map-e2e [--out FILE] | merge.ts report [<coverage-final.json …>] [--out DIR]');
      process.exitCode = 2;
    }
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 1;
  }
}
