import { readFileSync } from 'node:fs';

/** What the sequencer reads of Vitest's TestSpecification. */
export interface Specification {
  moduleId: string;
  project: { name: string; config: { environment: string } };
}
interface Sequencer {
  sort<Spec extends Specification>(files: Spec[]): Promise<Spec[]>;
  shard<Spec extends Specification>(files: Spec[]): Promise<Spec[]>;
}

// Vitest's BaseSequencer, imported by a specifier TypeScript does not follow: reached from
// vitest.config.ts, the types of `vitest/node` load @vitest/browser's DOM matchers before jest-dom's,
// and theirs (toHaveTextContent without RegExp) then win in the unit tests' `expect`.
const VITEST_NODE: string = 'vitest/node';
const { BaseSequencer } = await import(VITEST_NODE) as { BaseSequencer: new (ctx: unknown) => Sequencer };

const DOCBLOCK_ENVIRONMENT = /@vitest-environment\s+(\S+)/;
const DOCBLOCK_OPTIONS = /@vitest-environment-options\s+(\{.*\})/;

/**
 * Vitest's own order (longest first), with each project's files of one environment next to each
 * other. With `isolate: false` Vitest hands a worker the next file only when that file's environment
 * is the worker's; otherwise it ends the worker and starts a new one. The unit project mixes jsdom
 * files with `// @vitest-environment node` ones, so in duration order it started 15 worker processes
 * for 48 files, each loading Vitest and the modules again (docs/performance.md).
 */
export default class EnvironmentSequencer extends BaseSequencer {
  override async sort<Spec extends Specification>(files: Spec[]): Promise<Spec[]> {
    const sorted = await super.sort(files);
    const groups = new Map<string, Spec[]>();
    for (const spec of sorted) {
      const key = `${spec.project.name}\u0000${environmentOf(spec)}`;
      groups.set(key, [...(groups.get(key) ?? []), spec]);
    }
    // Groups keep the order of their first (longest) file, so the longest file still starts first.
    return [...groups.values()].flat();
  }
}

function environmentOf(spec: Specification): string {
  const head = readHead(spec.moduleId);
  return `${DOCBLOCK_ENVIRONMENT.exec(head)?.[1] ?? spec.project.config.environment} ${DOCBLOCK_OPTIONS.exec(head)?.[1] ?? ''}`;
}

function readHead(path: string): string {
  try {
    return readFileSync(path, 'utf8').slice(0, 2000);
  } catch {
    return '';
  }
}
