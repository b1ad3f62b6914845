import { relative, resolve } from 'node:path';
import { build, type Plugin } from 'esbuild';

/**
 * Each entry's module graph: the repository files it imports, directly or not (packages left out),
 * resolved by esbuild as the bundlers resolve them. Files under a `boundary` are not entered: an
 * import of one is listed as the import alone (the shell's graph stops at the pages it routes to).
 * Paths are relative to `root`.
 */
export async function moduleGraphs(entries: readonly string[], root: string, boundary: readonly string[] = []): Promise<Map<string, string[]>> {
  const stops = new Set(boundary.map((file) => resolve(root, file)));
  const plugins: Plugin[] = stops.size
    ? [
        {
          name: 'graph-boundary',
          setup(builder) {
            builder.onResolve({ filter: /^\./ }, async (args) => {
              if (args.pluginData === 'boundary') return undefined;
              const resolved = await builder.resolve(args.path, {
                kind: args.kind,
                resolveDir: args.resolveDir,
                importer: args.importer,
                pluginData: 'boundary',
              });
              return stops.has(resolved.path) && args.importer !== '' ? { path: resolved.path, external: true } : undefined;
            });
          },
        },
      ]
    : [];
  const result = await build({
    // The metafile's paths are relative to this folder, and read back relative to `root`.
    absWorkingDir: resolve(root),
    entryPoints: entries.map((file) => resolve(root, file)),
    bundle: true,
    write: false,
    metafile: true,
    outdir: 'out',
    packages: 'external',
    logLevel: 'silent',
    loader: { '.css': 'empty', '.woff2': 'empty', '.woff': 'empty', '.svg': 'empty', '.png': 'empty' },
    jsx: 'automatic',
    plugins,
  });
  const graphs = new Map<string, string[]>();
  for (const output of Object.values(result.metafile.outputs)) {
    if (!output.entryPoint) continue;
    const imported = Object.keys(output.inputs).map((input) => relative(root, resolve(root, input)));
    const externals = (output.imports ?? []).filter((item) => item.external && stops.has(item.path)).map((item) => relative(root, item.path));
    graphs.set(relative(root, resolve(root, output.entryPoint)), [...new Set([...imported, ...externals])]);
  }
  return graphs;
}
