import { rmSync } from 'node:fs';
import { join } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { instrumentForCoverage } from './scripts/coverage/instrument.ts';

/**
 * Mocks are an explicit choice: `VITE_MOCKS=1` (set by npm start, the E2E build and the dev
 * server) builds them in; any other build ships neither the mock chunk nor the worker script.
 */
function mocksOnlyWhenAsked(mocks: boolean): Plugin {
  let outDir = 'dist';
  return {
    name: 'agent-console:mocks-only-when-asked',
    configResolved(config) {
      outDir = config.build.outDir;
    },
    closeBundle() {
      if (!mocks) rmSync(join(outDir, 'mockServiceWorker.js'), { force: true });
    },
  };
}

export default defineConfig(({ command }) => {
  // The dev server mocks unless it is pointed at a real backend; a build mocks only when told to.
  if (command === 'serve' && process.env.VITE_MOCKS === undefined && !process.env.VITE_API_BASE_URL) process.env.VITE_MOCKS = '1';
  const mocks = process.env.VITE_MOCKS === '1';
  // `VITE_COVERAGE=1` (the E2E build) counts what the app's source runs, for the merged coverage.
  const coverage = command === 'build' && process.env.VITE_COVERAGE === '1';
  return {
    plugins: [react(), mocksOnlyWhenAsked(mocks), ...(coverage ? [instrumentForCoverage(process.cwd())] : [])],
    server: { port: 5173, strictPort: false },
    preview: { port: 4173 },
    // Pre-bundled at start: a dependency discovered mid-run makes Vite reload, which breaks the
    // browser tests that are running at that moment (Storybook's Vitest projects).
    optimizeDeps: {
      include: [
        'react',
        'react-dom/client',
        'react-router',
        'zod',
        'idb-keyval',
        'eventsource-parser/stream',
        '@opentelemetry/api',
        '@opentelemetry/core',
        '@opentelemetry/resources',
        '@opentelemetry/sdk-trace',
        '@opentelemetry/exporter-trace-otlp-http',
        '@visx/axis',
        '@visx/curve',
        '@visx/grid',
        '@visx/group',
        '@visx/scale',
        '@visx/shape',
      ],
    },
    // The main chunk is ~630 KB (the mocks, when built in, are a ~430 KB chunk of their own; the
    // instrumented build's is about twice that): the warning is set just above it, so growth shows.
    build: {
      outDir: 'dist',
      sourcemap: true,
      chunkSizeWarningLimit: coverage ? 1_500 : 700,
      // The instrumenter puts its counters between a /* @__PURE__ */ mark and the call it marks; the
      // mark is then ignored (less dead code removed), which does not matter in a build for tests.
      ...(coverage ? { rolldownOptions: { checks: { invalidAnnotation: false } } } : {}),
    },
  };
});
