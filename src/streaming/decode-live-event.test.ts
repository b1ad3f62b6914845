import { afterEach, describe, expect, it, vi } from 'vitest';
import { createApproval } from '../../fixtures/factories';
import { resetWarnings } from '../api/warn-once';
import { decodeLiveEvent } from './decode-live-event';

afterEach(() => {
  resetWarnings();
  vi.restoreAllMocks();
});

describe('decodeLiveEvent', () => {
  it('gives each kind its typed payload', () => {
    const approval = createApproval({ id: 'approval-9' });
    expect(decodeLiveEvent('task:t', 3, 'progress', JSON.stringify({ type: 'progress', taskId: 't', seq: 3, progress: 40 }))).toEqual({
      topic: 'task:t',
      seq: 3,
      kind: 'progress',
      payload: { type: 'progress', taskId: 't', seq: 3, progress: 40 },
    });
    expect(decodeLiveEvent('approvals', 1, 'approval', JSON.stringify(approval))).toEqual({ topic: 'approvals', seq: 1, kind: 'approval', payload: approval });
    expect(decodeLiveEvent('health', 2, 'health', '{"service":"media-engine","status":"degraded"}')).toEqual({
      topic: 'health',
      seq: 2,
      kind: 'health',
      payload: { service: 'media-engine', status: 'degraded' },
    });
  });

  it("sets aside an unknown kind, data that is not JSON, and a payload off its kind's contract, each warned once", () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    for (let round = 0; round < 2; round += 1) {
      expect(decodeLiveEvent('task:t', 1, 'telemetry', '{}')).toBeUndefined();
      expect(decodeLiveEvent('task:t', 1, 'progress', '{not json')).toBeUndefined();
      expect(decodeLiveEvent('health', 1, 'health', '{"service":"media-engine","status":"on fire"}')).toBeUndefined();
    }
    expect(warn.mock.calls.map(([line]) => String(line))).toEqual([
      '[live] skipped an event of a kind this console does not know ("telemetry") on task:t',
      '[live task:t] skipped a malformed event: {not json',
      '[live health] skipped a "health" event that does not match the contract: {"service":"media-engine","status":"on fire"}',
    ]);
  });
});
