import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { createTask } from '../../fixtures/factories';
import { taskSchema, type Task } from './contract';
import { z } from 'zod';
import { recordListSchema, recordPageSchema, splitRecords } from './records';
import { resetWarnings } from './warn-once';
import { propertyRuns } from '../../test/property-runs';

const tasks = recordListSchema('tasks', taskSchema, 'task');
/** A small schema of its own: the records module works for any. */
const widget = z.object({
  id: z.string().min(1),
  size: z.number().min(0),
  kind: z.enum(['gauge', 'chart']).optional(),
  owner: z.object({ name: z.string() }).optional(),
  tags: z.array(z.string()).optional(),
});

describe('lists checked record by record', () => {
  it('keeps the valid records and names each bad one with what was wrong, logging it once', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    resetWarnings();
    const good = createTask({ id: 'task-good' });
    const body = {
      tasks: [good, { ...good, id: 'task-new-status', status: 'paused' }, { ...good, id: 'task-over', progress: 150 }, { id: 'task-missing' }, 'not a record'],
    };
    const first = tasks.parse(body);
    tasks.parse(body);
    expect(first.items).toEqual([good]);
    expect(first.unreadable.map((record) => record.id ?? `#${record.index}`)).toEqual(['task-new-status', 'task-over', 'task-missing', '#4']);
    expect(first.unreadable[0]?.problems[0]).toMatch(/^status: .*\(got "paused"\)$/);
    expect(first.unreadable[1]?.problems[0]).toMatch(/^progress: .*\(got 150\)$/);
    expect(first.unreadable[2]?.problems).toContain('title: Invalid input: expected string, received undefined (missing)');
    expect(warn).toHaveBeenCalledTimes(4);
  });

  it('names a record by its id, or by its place in the list when it has none, and logs each record once', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    resetWarnings();
    const long = 'w'.repeat(100);
    const records = [{ id: 'w-1', size: -1 }, null, { id: '', size: -1 }, { size: -1 }, { id: long, size: -1 }, { id: 'w-1', size: -1 }];
    const { unreadable } = splitRecords(records, widget, 'widget');
    expect(unreadable.map((record) => record.id)).toEqual(['w-1', undefined, undefined, undefined, 'w'.repeat(80), 'w-1']);
    expect(unreadable[1]).toStrictEqual({ index: 1, problems: ['record: Invalid input: expected object, received null (got null)'] });
    expect(warn.mock.calls.map(([message]) => message)).toEqual([
      '[records] set aside widget w-1: size: Too small: expected number to be >=0 (got -1)',
      '[records] set aside widget #2: record: Invalid input: expected object, received null (got null)',
      '[records] set aside widget #3: id: Too small: expected string to have >=1 characters (got ""); size: Too small: expected number to be >=0 (got -1)',
      '[records] set aside widget #4: id: Invalid input: expected string, received undefined (missing); size: Too small: expected number to be >=0 (got -1)',
      `[records] set aside widget ${'w'.repeat(80)}: size: Too small: expected number to be >=0 (got -1)`,
    ]);
  });

  it('describes at most three problems a record, each at its path with the value received, cut short when long', () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const wrong = { id: 'w-2', size: 'x'.repeat(60), kind: 'dial', owner: { name: 7 }, tags: [1n] };
    const { unreadable } = splitRecords([wrong, { id: 'w-3', size: 'y'.repeat(38), kind: 'gauge' }], widget, 'widget');
    expect(unreadable[0]?.problems).toEqual([
      `size: Invalid input: expected number, received string (got "${'x'.repeat(39)}…)`,
      'kind: Invalid option: expected one of "gauge"|"chart" (got "dial")',
      'owner.name: Invalid input: expected string, received number (got 7)',
      'and 1 more problems',
    ]);
    expect(unreadable[1]?.problems).toEqual([`size: Invalid input: expected number, received string (got "${'y'.repeat(38)}")`]);
    const three = splitRecords([{ id: 'w-4', size: 'z', kind: 'dial', owner: {} }], widget, 'widget').unreadable[0]?.problems;
    expect(three).toEqual([
      'size: Invalid input: expected number, received string (got "z")',
      'kind: Invalid option: expected one of "gauge"|"chart" (got "dial")',
      'owner.name: Invalid input: expected string, received undefined (missing)',
    ]);
    expect(splitRecords([{ id: 'w-5', size: 1, tags: [2n] }], widget, 'widget').unreadable[0]?.problems).toEqual([
      'tags.0: Invalid input: expected string, received bigint (got 2)',
    ]);
    expect(splitRecords([{ id: 'w-6', size: 1, kind: undefined }], z.object({ kind: z.enum(['gauge']) }), 'widget').unreadable[0]?.problems).toEqual([
      'kind: Invalid input: expected "gauge" (missing)',
    ]);
  });

  it('reads a page of records with its cursor', () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const page = recordPageSchema('widgets', widget, 'widget').parse({
      widgets: [
        { id: 'w-7', size: 1 },
        { id: 'w-8', size: -1 },
      ],
      nextCursor: 'c-2',
    });
    expect(page).toEqual({
      items: [{ id: 'w-7', size: 1 }],
      unreadable: [{ index: 1, id: 'w-8', problems: ['size: Too small: expected number to be >=0 (got -1)'] }],
      nextCursor: 'c-2',
    });
    expect(recordPageSchema('widgets', widget, 'widget').safeParse({ widgets: [] }).success).toBe(false);
  });

  it('still refuses an envelope that is not a list at all', () => {
    expect(tasks.safeParse({ tasks: 'nope' }).success).toBe(false);
    expect(tasks.safeParse([]).success).toBe(false);
  });
});

/** A valid task, or one broken in a way a real backend breaks them. */
const taskRecord = fc.record({
  task: fc
    .record({ id: fc.uuid(), title: fc.string(), progress: fc.integer({ min: 0, max: 100 }) })
    .map(({ id, title, progress }): Task => createTask({ id, title, progress, status: 'active' })),
  breakage: fc.constantFrom('none', 'none', 'missing-field', 'unknown-enum', 'out-of-range', 'wrong-type', 'null'),
});

function applyBreakage({ task, breakage }: { task: Task; breakage: string }): unknown {
  switch (breakage) {
    case 'missing-field':
      return Object.fromEntries(Object.entries(task).filter(([key]) => key !== 'title'));
    case 'unknown-enum':
      return { ...task, status: 'paused' };
    case 'out-of-range':
      return { ...task, progress: 101 + task.progress };
    case 'wrong-type':
      return { ...task, progress: String(task.progress) };
    case 'null':
      return null;
    default:
      return task;
  }
}

it('property: random records, valid or not, never lose a valid one and never hide the list', () => {
  vi.spyOn(console, 'warn').mockImplementation(() => undefined);
  fc.assert(
    fc.property(fc.array(taskRecord, { maxLength: 30 }), (records) => {
      const raw = records.map(applyBreakage);
      const { items, unreadable } = splitRecords(raw, taskSchema, 'task');
      const valid = records.filter((record) => record.breakage === 'none').map((record) => record.task);
      expect(items).toEqual(valid);
      expect(unreadable).toHaveLength(records.length - valid.length);
      expect(unreadable.every((record) => record.problems.length > 0)).toBe(true);
    }),
    { numRuns: propertyRuns(300) },
  );
});
