import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { createTask } from '../../fixtures/factories';
import { taskSchema, type Task } from './contract';
import { recordListSchema, splitRecords } from './records';
import { resetWarnings } from './warn-once';
import { propertyRuns } from '../../test/property-runs';

const tasks = recordListSchema('tasks', taskSchema, 'task');

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
