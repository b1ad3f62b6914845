import { readFileSync } from 'node:fs';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/** What the sequencer reads of Vitest's TestSpecification. */
export type Specification = Pick<TestSpecification, 'moduleId'> & { project: { name: string; config: { environment: string } } };

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
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const groups = new Map<string, TestSpecification[]>();
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
