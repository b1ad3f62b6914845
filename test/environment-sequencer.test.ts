// @vitest-environment node
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import type { TestSpecification, Vitest } from 'vitest/node';
import EnvironmentSequencer, { type Specification } from './environment-sequencer';

const dir = mkdtempSync(join(tmpdir(), 'sequencer-'));
// Put together so that Vitest does not read them as this file's own docblock.
const TAG = '@vitest-environment';

/** A test file with the docblock given, as Vitest describes it, and how long it took last time. */
function file(name: string, docblock: string, duration: number, project = 'unit') {
  const moduleId = join(dir, name);
  writeFileSync(moduleId, `${docblock}\nimport { it } from 'vitest';\n`);
  const config = { environment: 'jsdom', isolate: false, sequence: { groupOrder: 0 } };
  return { spec: { moduleId, project: { name: project, config } } as Specification, duration };
}

function sequencer(files: ReturnType<typeof file>[]) {
  const durations = new Map(files.map(({ spec, duration }) => [spec, duration]));
  const ctx = { config: {}, cache: { getTestSpecificationResult: (spec: Specification) => ({ duration: durations.get(spec), failed: false }) } };
  // What Vitest's BaseSequencer reads of its context and of each file: the last durations and the path.
  const sorter = new EnvironmentSequencer(ctx as unknown as Vitest);
  return { sort: async (specs: Specification[]) => (await sorter.sort(specs as unknown as TestSpecification[])) as unknown as Specification[] };
}

it('puts the files of one environment together, longest first, the group of the longest file first', async () => {
  const files = [
    file('a.test.ts', '', 300),
    file('b.test.ts', `// ${TAG} node`, 900),
    file('c.test.ts', '', 500),
    file('d.test.ts', `/**\n * ${TAG} node\n */`, 100),
    file('e.test.ts', `// ${TAG}-options { "storageQuota": 50000 }`, 400),
    file('f.test.ts', '', 200),
  ];
  const order = await sequencer(files).sort(files.map(({ spec }) => spec));
  expect(order.map((spec) => spec.moduleId.slice(dir.length + 1))).toEqual(['b.test.ts', 'd.test.ts', 'c.test.ts', 'a.test.ts', 'f.test.ts', 'e.test.ts']);
});

it('keeps projects apart and in the order Vitest gives them', async () => {
  const files = [file('g.test.ts', '', 100, 'storybook'), file('h.test.ts', '', 50, 'unit'), file('i.test.ts', `// ${TAG} node`, 70, 'storybook')];
  const order = await sequencer(files).sort(files.map(({ spec }) => spec));
  expect(order.map((spec) => `${spec.project.name}/${spec.moduleId.slice(dir.length + 1)}`)).toEqual([
    'storybook/g.test.ts',
    'storybook/i.test.ts',
    'unit/h.test.ts',
  ]);
});
