import { expect as base, type ExpectMatcherState } from '@playwright/test';
import type { MockControl } from '../../fixtures/adapters/playwright';
import type { LiveStats, StreamConnections } from '../../fixtures/streams/live-hub';

type Expected = ({ task: string } & Partial<StreamConnections>) | ({ task?: undefined } & Partial<LiveStats>);

/**
 * `await expect(mocks).toHaveLiveConnections({ open: 1 })`: the mock backend's live stream, as a
 * whole or (`task`) as it carried one task's topic, matches `expected`. Retries until it does
 * (`.not`: until it does not), like Playwright's own matchers.
 */
export async function toHaveLiveConnections(this: ExpectMatcherState, mocks: MockControl, expected: Expected, options: { timeout?: number } = {}) {
  const { task, ...shape } = expected;
  let seen: unknown;
  const read = async () => {
    seen = await (task === undefined ? mocks.liveStats() : mocks.connections(task));
    return seen;
  };
  const timeout = options.timeout ?? this.timeout;
  const settled = await (this.isNot ? base.poll(read, { timeout }).not.toMatchObject(shape) : base.poll(read, { timeout }).toMatchObject(shape)).then(
    () => true,
    () => false,
  );
  return {
    pass: this.isNot ? !settled : settled,
    message: () =>
      `expected the live stream${task === undefined ? '' : ` carrying task ${task}`} ${this.isNot ? 'not ' : ''}to match ${JSON.stringify(shape)}; it was ${JSON.stringify(seen)}`,
    name: 'toHaveLiveConnections',
  };
}
