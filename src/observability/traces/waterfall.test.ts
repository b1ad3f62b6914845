import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { propertyRuns } from '../../../test/property-runs';
import type { SpanRecord } from '../../api/contract';
import { layoutWaterfall } from './waterfall';

let next = 0;
const span = (overrides: Partial<SpanRecord> & Pick<SpanRecord, 'name' | 'startMs' | 'endMs'>): SpanRecord => ({
  traceId: 'a'.repeat(32),
  spanId: (next += 1).toString(16).padStart(16, '0'),
  service: 'agent-console',
  kind: 'internal',
  status: 'ok',
  attributes: {},
  ...overrides,
});

describe('layoutWaterfall', () => {
  it('puts children under their parents, siblings by start, with offsets from the trace start', () => {
    const click = span({ name: 'approve proposal', startMs: 1000, endMs: 1100 });
    const request = span({ name: 'POST /decision', kind: 'client', parentSpanId: click.spanId, startMs: 1005, endMs: 1090 });
    const server = span({ name: 'decision', service: 'integration-controller', kind: 'server', parentSpanId: request.spanId, startMs: 1010, endMs: 1080 });
    const reread = span({ name: 'GET /approval', kind: 'client', parentSpanId: click.spanId, startMs: 1091, endMs: 1099 });
    const { rows, totalMs, problems } = layoutWaterfall([reread, server, request, click]);
    expect(rows.map((row) => [row.span.name, row.depth, row.offsetMs])).toEqual([
      ['approve proposal', 0, 0],
      ['POST /decision', 1, 5],
      ['decision', 2, 10],
      ['GET /approval', 1, 91],
    ]);
    expect(totalMs).toBe(100);
    expect(problems).toEqual([]);
  });

  it('marks the critical path: at each level the child that finished last', () => {
    const root = span({ name: 'root', startMs: 0, endMs: 100 });
    const fast = span({ name: 'fast', parentSpanId: root.spanId, startMs: 0, endMs: 30 });
    const slow = span({ name: 'slow', parentSpanId: root.spanId, startMs: 10, endMs: 95 });
    const inner = span({ name: 'inner', parentSpanId: slow.spanId, startMs: 20, endMs: 90 });
    const rows = layoutWaterfall([root, fast, slow, inner]).rows;
    expect(rows.filter((row) => row.critical).map((row) => row.span.name)).toEqual(['root', 'slow', 'inner']);
  });

  it('says when a parent span never arrived, and shows the orphan at the top level', () => {
    const orphan = span({ name: 'POST /deliver', service: 'delivery-gateway', parentSpanId: 'f'.repeat(16), startMs: 0, endMs: 90 });
    const { rows, problems } = layoutWaterfall([orphan]);
    expect(rows[0]?.depth).toBe(0);
    expect(problems).toEqual([
      `delivery-gateway "POST /deliver": Its parent span ${'f'.repeat(16)} was never received (lost or not sampled upstream); shown at the top level.`,
    ]);
  });

  it("says when two services' clocks disagree: a child starting before its parent", () => {
    const parent = span({ name: 'POST /review', service: 'content-engine', kind: 'server', startMs: 1000, endMs: 1300 });
    const child = span({ name: 'POST /thumbnail', service: 'media-engine', kind: 'server', parentSpanId: parent.spanId, startMs: 850, endMs: 1100 });
    expect(layoutWaterfall([parent, child]).problems).toEqual([
      'media-engine "POST /thumbnail": Starts 150 ms before its parent "POST /review" (content-engine): the clocks of media-engine and content-engine disagree.',
    ]);
  });

  it('says when a server span outlives the client request that waited for it, but not when async work outlives its parent', () => {
    const request = span({ name: 'POST /x', kind: 'client', startMs: 0, endMs: 10 });
    const server = span({ name: 'x', service: 'svc', kind: 'server', parentSpanId: request.spanId, startMs: 2, endMs: 25 });
    const job = span({ name: 'x', kind: 'internal', startMs: 0, endMs: 10 });
    const background = span({ name: 'flush', kind: 'internal', parentSpanId: job.spanId, startMs: 5, endMs: 40 });
    expect(layoutWaterfall([request, server]).problems).toHaveLength(1);
    expect(layoutWaterfall([job, background]).problems).toEqual([]);
  });

  it('allows a millisecond of timer resolution before calling clocks into question', () => {
    const parent = span({ name: 'p', kind: 'client', startMs: 100, endMs: 110 });
    const child = span({ name: 'c', service: 'svc', kind: 'server', parentSpanId: parent.spanId, startMs: 99.5, endMs: 110.6 });
    expect(layoutWaterfall([parent, child]).problems).toEqual([]);
  });

  it('lays out nothing for no spans', () => {
    expect(layoutWaterfall([])).toEqual({ rows: [], startMs: 0, totalMs: 0, problems: [] });
  });

  it('draws spans whose parents form a loop (A ↔ B, or a span its own parent) at the top level, marked', () => {
    const a = span({ name: 'a', startMs: 0, endMs: 10 });
    const b = span({ name: 'b', startMs: 0, endMs: 10, parentSpanId: a.spanId });
    a.parentSpanId = b.spanId;
    const self = span({ name: 'self', startMs: 5, endMs: 6 });
    self.parentSpanId = self.spanId;
    const { rows, problems } = layoutWaterfall([a, b, self]);
    expect(rows.map((row) => [row.span.name, row.depth])).toEqual([
      ['a', 0],
      ['b', 1],
      ['self', 0],
    ]);
    expect(rows[0]?.problems).toEqual([`Its parents form a loop (${a.spanId} → ${b.spanId} → ${a.spanId}); shown at the top level.`]);
    expect(rows[2]?.problems).toEqual(['It names itself as its parent; shown at the top level.']);
    expect(problems).toHaveLength(2);
  });

  it('draws every span received exactly once, whatever its parent ids say', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ parent: fc.option(fc.nat(12), { nil: undefined }), start: fc.nat(100), length: fc.nat(50) }), { minLength: 1, maxLength: 12 }),
        (specs) => {
          const spans = specs.map((spec, index) => ({
            ...span({ name: `s${index}`, startMs: spec.start, endMs: spec.start + spec.length }),
            spanId: `span-${index}`,
          }));
          spans.forEach((each, index) => {
            const parent = specs[index]?.parent;
            if (parent !== undefined) each.parentSpanId = `span-${parent}`;
          });
          const { rows } = layoutWaterfall(spans);
          expect(rows.map((row) => row.span.spanId).sort()).toEqual(spans.map((each) => each.spanId).sort());
        },
      ),
      { numRuns: propertyRuns(300) },
    );
  });

  it("says a span's own process clock jumped when parent and child are of one service, with both problems of a span in order", () => {
    const request = span({ name: 'GET /tasks', service: 'media-engine', kind: 'client', startMs: 100, endMs: 200 });
    const handler = span({ name: 'tasks', service: 'media-engine', kind: 'server', parentSpanId: request.spanId, startMs: 87.66, endMs: 212.345 });
    expect(layoutWaterfall([request, handler]).problems).toEqual([
      `media-engine "tasks": Starts 12.3 ms before its parent "GET /tasks" (media-engine): this process's clock jumped.`,
      `media-engine "tasks": Ends 12.3 ms after its parent "GET /tasks" (media-engine) got its answer: this process's clock jumped.`,
    ]);
  });

  it('questions clocks only past one millisecond either way', () => {
    const parent = span({ name: 'p', kind: 'client', startMs: 100, endMs: 110 });
    const within = span({ name: 'c', service: 'svc', kind: 'server', parentSpanId: parent.spanId, startMs: 99, endMs: 111 });
    expect(layoutWaterfall([parent, within]).problems).toEqual([]);
    const past = span({ name: 'c', service: 'svc', kind: 'server', parentSpanId: parent.spanId, startMs: 98.9, endMs: 111.1 });
    expect(layoutWaterfall([parent, past]).rows[1]?.problems).toEqual([
      'Starts 1.1 ms before its parent "p" (agent-console): the clocks of svc and agent-console disagree.',
      'Ends 1.1 ms after its parent "p" (agent-console) got its answer: the clocks of svc and agent-console disagree.',
    ]);
  });

  it('orders roots and siblings by start, then name, and follows the critical path from the root that ended last', () => {
    const early = span({ name: 'early', startMs: 0, endMs: 50 });
    const late = span({ name: 'late', startMs: 10, endMs: 80 });
    const twinB = span({ name: 'b', parentSpanId: late.spanId, startMs: 20, endMs: 60 });
    const twinA = span({ name: 'a', parentSpanId: late.spanId, startMs: 20, endMs: 70 });
    const sameStart = span({ name: 'also-early', startMs: 0, endMs: 5 });
    const { rows, startMs, totalMs } = layoutWaterfall([twinB, late, twinA, early, sameStart]);
    expect(rows.map((row) => [row.span.name, row.depth, row.critical])).toEqual([
      ['also-early', 0, false],
      ['early', 0, false],
      ['late', 0, true],
      ['a', 1, true],
      ['b', 1, false],
    ]);
    expect([startMs, totalMs]).toEqual([0, 80]);
  });

  it('measures from the earliest span, and draws a span that ends before it starts as taking no time', () => {
    const backwards = span({ name: 'backwards', startMs: 1_050, endMs: 1_040 });
    const first = span({ name: 'first', startMs: 1_000, endMs: 1_100 });
    const { rows, startMs, totalMs } = layoutWaterfall([backwards, first]);
    expect(rows.map((row) => [row.span.name, row.offsetMs, row.durationMs])).toEqual([
      ['first', 0, 100],
      ['backwards', 50, 0],
    ]);
    expect([startMs, totalMs]).toEqual([1_000, 100]);
  });

  it('draws a loop from its earliest member, then name, with the spans hanging from it', () => {
    const c = span({ name: 'c', startMs: 1, endMs: 10 });
    const b = span({ name: 'b', startMs: 1, endMs: 10, parentSpanId: c.spanId });
    const a = span({ name: 'a', startMs: 1, endMs: 10, parentSpanId: b.spanId });
    c.parentSpanId = a.spanId;
    const child = span({ name: 'child', startMs: 6, endMs: 7, parentSpanId: b.spanId });
    const { rows } = layoutWaterfall([c, child, b, a]);
    expect(rows.map((row) => [row.span.name, row.depth, row.critical])).toEqual([
      ['a', 0, false],
      ['c', 1, false],
      ['b', 2, false],
      ['child', 3, false],
    ]);
    expect(rows[0]?.problems).toEqual([`Its parents form a loop (${a.spanId} → ${b.spanId} → ${c.spanId} → ${a.spanId}); shown at the top level.`]);
    expect(rows.slice(1).flatMap((row) => row.problems)).toEqual([]);
  });

  it('lays out two spans sent with one id, the second naming that id as its parent, without going round forever', () => {
    const root = span({ name: 'root', startMs: 0, endMs: 10 });
    const twin = span({ name: 'twin', spanId: root.spanId, parentSpanId: root.spanId, startMs: 1, endMs: 9 });
    const { rows } = layoutWaterfall([root, twin]);
    expect(rows.map((row) => [row.span.name, row.depth, row.critical])).toEqual([
      ['root', 0, true],
      ['twin', 1, true],
    ]);
  });
});
