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

  it('faults of different kinds or different data each warn: the once is per fault, not per kind of fault', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    decodeLiveEvent('task:t', 1, 'telemetry', '{}');
    decodeLiveEvent('task:t', 2, 'metrics', '{}');
    decodeLiveEvent('task:t', 3, 'progress', '{one');
    decodeLiveEvent('task:t', 4, 'progress', '{two');
    expect(warn.mock.calls.map(([line]) => String(line))).toEqual([
      '[live] skipped an event of a kind this console does not know ("telemetry") on task:t',
      '[live] skipped an event of a kind this console does not know ("metrics") on task:t',
      '[live task:t] skipped a malformed event: {one',
      '[live task:t] skipped a malformed event: {two',
    ]);
  });

  it('an event without a kind, or with an empty one, is a "message", which is no kind of ours', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    expect(decodeLiveEvent('task:t', 1, undefined, '{}')).toBeUndefined();
    expect(decodeLiveEvent('task:t', 2, '', '{}')).toBeUndefined();
    expect(warn.mock.calls.map(([line]) => String(line))).toEqual(['[live] skipped an event of a kind this console does not know ("message") on task:t']);
  });

  it('hostile lengths are cut in the log (kind 80, topic 200, data 200), and faults alike in their first 80 characters warn once', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const topic = `task:${'t'.repeat(300)}`;
    const kind = 'k'.repeat(100);
    const head = 'x'.repeat(80);
    decodeLiveEvent(topic, 1, kind, '{}');
    decodeLiveEvent(topic, 1, 'progress', `{${head}${'a'.repeat(300)}`);
    decodeLiveEvent(topic, 2, 'progress', `{${head}${'b'.repeat(300)}`);
    decodeLiveEvent(topic, 3, 'progress', `{"p":"${head}${'c'.repeat(300)}"}`);
    decodeLiveEvent(topic, 4, 'progress', `{"p":"${head}${'d'.repeat(300)}"}`);
    decodeLiveEvent(topic, 5, 'health', `{"s":"${head}"}`);
    const shortTopic = topic.slice(0, 200);
    expect(warn.mock.calls.map(([line]) => String(line))).toEqual([
      `[live] skipped an event of a kind this console does not know ("${'k'.repeat(80)}") on ${shortTopic}`,
      `[live ${shortTopic}] skipped a malformed event: ${`{${head}${'a'.repeat(300)}`.slice(0, 200)}`,
      `[live ${shortTopic}] skipped a "progress" event that does not match the contract: ${`{"p":"${head}${'c'.repeat(300)}"}`.slice(0, 200)}`,
      `[live ${shortTopic}] skipped a "health" event that does not match the contract: {"s":"${head}"}`,
    ]);
  });
});
