import { mkdirSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { createInstrumenter } from '@vitest/istanbul-lib-instrument';
import type { Plugin } from 'vite';

/** Where an instrumented build keeps the source map of each instrumented file, for scripts/coverage/e2e.ts. */
export const SOURCE_MAPS_FILE = '.coverage-source-maps.json';

/** The files coverage counts: the app's source, not its tests (the same set as vitest.config.ts's coverage). */
export function countsForCoverage(root: string, file: string): boolean {
  const path = relative(root, file).split('\\').join('/');
  return /^src\/.*\.tsx?$/.test(path) && !/\.(test|d)\.tsx?$/.test(path);
}

/**
 * Instruments src/ in a build with the instrumenter Vitest's coverage uses, with its options, so a
 * file's statements, branches and functions are the same ones in both and their counts merge exactly.
 * The page keeps its counts in `window.__coverage__` (read by e2e/fixtures/app-coverage.ts); each
 * file's map back to its source goes beside the build (SOURCE_MAPS_FILE), not into the bundle.
 */
export function instrumentForCoverage(root: string): Plugin {
  const instrumenter = createInstrumenter({
    produceSourceMap: true,
    autoWrap: false,
    esModules: true,
    compact: false,
    coverageVariable: '__coverage__',
    coverageGlobalScope: 'globalThis',
    coverageGlobalScopeFunc: false,
    ignoreLines: true,
    combineSourceMaps: false,
    inputSourceMap: false,
  });
  const sourceMaps: Record<string, unknown> = {};
  let outDir = 'dist';
  return {
    name: 'agent-console:instrument-for-coverage',
    apply: 'build',
    // After TypeScript and JSX are compiled, as Vitest instruments them.
    enforce: 'post',
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
    },
    transform(code, id) {
      const [file = id] = id.split('?');
      if (!countsForCoverage(root, file)) return undefined;
      const sourceMap = this.getCombinedSourcemap();
      const instrumented = instrumenter.instrumentSync(code, file, sourceMap as never);
      sourceMaps[file] = sourceMap;
      return { code: instrumented, map: instrumenter.lastSourceMap() as never };
    },
    closeBundle() {
      mkdirSync(outDir, { recursive: true });
      writeFileSync(join(outDir, SOURCE_MAPS_FILE), JSON.stringify(sourceMaps));
    },
  };
}
