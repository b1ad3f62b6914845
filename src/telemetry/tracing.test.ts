import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace';
import { afterEach, describe, expect, it } from 'vitest';
import { configureTracing, requestSpan, TRACEPARENT, withAction } from './tracing';

function recording(sampleRatio: number) {
  const exporter = new InMemorySpanExporter();
  configureTracing({ sampleRatio, extraProcessors: [new SimpleSpanProcessor({ exporter })] });
  return exporter;
}

afterEach(() => {
  configureTracing({ sampleRatio: 0 });
});

describe('browser tracing', () => {
  it('a user action is one recorded trace: the requests it makes are child spans of the action', async () => {
    const exporter = recording(1);
    const headers = await withAction('approve proposal', async (action) => {
      const decision = requestSpan('POST', '/api/approvals/approval-001/decision', action);
      decision.end({ status: 200 });
      const reread = requestSpan('GET', '/api/approvals/approval-001?fresh=1', action);
      reread.end({ status: 200 });
      return [decision.headers.traceparent, reread.headers.traceparent];
    });
    const [root, ...children] = [...exporter.getFinishedSpans()].reverse();
    expect(root?.name).toBe('approve proposal');
    expect(children.map((span) => span.name)).toEqual(['GET /api/approvals/approval-001', 'POST /api/approvals/approval-001/decision']);
    for (const child of children) {
      expect(child.spanContext().traceId).toBe(root?.spanContext().traceId);
      expect(child.parentSpanContext?.spanId).toBe(root?.spanContext().spanId);
    }
    // The header names the request's own span as the parent the services continue from, sampled.
    for (const header of headers) expect(header).toMatch(TRACEPARENT);
    expect(headers.map((header) => header?.split('-')[1])).toEqual([root?.spanContext().traceId, root?.spanContext().traceId]);
    expect(headers.map((header) => header?.split('-')[3])).toEqual(['01', '01']);
  });

  it('a failed action and a 5xx answer are marked as errors', async () => {
    const exporter = recording(1);
    await expect(
      withAction('start task', async (action) => {
        requestSpan('POST', '/api/tasks/task-001/start', action).end({ status: 503 });
        throw new Error('The server failed');
      }),
    ).rejects.toThrow('The server failed');
    expect(exporter.getFinishedSpans().map((span) => [span.name, span.status.code])).toEqual([
      ['POST /api/tasks/task-001/start', 2],
      ['start task', 2],
    ]);
  });

  it('with a sample ratio of 0 nothing is recorded, yet every request still carries a traceparent (not sampled)', async () => {
    const exporter = recording(0);
    const header = await withAction('approve proposal', async (action) => requestSpan('POST', '/api/x', action).headers.traceparent);
    expect(header).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-00$/);
    expect(exporter.getFinishedSpans()).toEqual([]);
  });

  it('a request outside any action starts a trace of its own and is not recorded', () => {
    const exporter = recording(1);
    const first = requestSpan('GET', '/api/live');
    const second = requestSpan('GET', '/api/tasks');
    first.end({ status: 200 });
    second.end({ status: 200 });
    expect(first.headers.traceparent).toMatch(TRACEPARENT);
    expect(first.headers.traceparent?.split('-')[1]).not.toBe(second.headers.traceparent?.split('-')[1]);
    expect(exporter.getFinishedSpans()).toEqual([]);
  });
});
