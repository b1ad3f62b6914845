import type { SpanRecord } from '../../api/contract';

export interface WaterfallRow {
  span: SpanRecord;
  depth: number;
  /** From the start of the trace, in ms. */
  offsetMs: number;
  durationMs: number;
  /** On the critical path: the chain of spans the trace's end waited for. */
  critical: boolean;
  /** What is wrong with this span's place in the trace, in plain words. */
  problems: string[];
}

export interface Waterfall {
  rows: WaterfallRow[];
  startMs: number;
  totalMs: number;
  /** The problems of every row, for the summary above the chart. */
  problems: string[];
}

/** The spans from `span` up its parent chain until the chain comes back to one already seen. */
function cycleThrough(span: SpanRecord, byId: ReadonlyMap<string, SpanRecord>): SpanRecord[] {
  const chain: SpanRecord[] = [];
  const seen = new Set<SpanRecord>();
  for (let current: SpanRecord | undefined = span; current && !seen.has(current); current = current.parentSpanId ? byId.get(current.parentSpanId) : undefined) {
    seen.add(current);
    chain.push(current);
  }
  return chain;
}

/** Clocks are not compared finer than this: one process's timer resolution. */
const TOLERANCE_MS = 1;

const ms = (value: number) => `${Math.round(value * 10) / 10} ms`;

/**
 * Lays out one trace's spans (from the browser and the services) as a waterfall: parents above
 * their children, siblings by start time. Says plainly when a span's parent was never received and
 * when a span sits outside its parent in time (the two processes' clocks disagree), and marks the
 * critical path: from each root, the child that finished last, and so on down.
 */
export function layoutWaterfall(spans: readonly SpanRecord[]): Waterfall {
  if (spans.length === 0) return { rows: [], startMs: 0, totalMs: 0, problems: [] };
  const byId = new Map(spans.map((span) => [span.spanId, span]));
  const children = new Map<string, SpanRecord[]>();
  const roots: SpanRecord[] = [];
  const problems = new Map<SpanRecord, string[]>();
  const note = (span: SpanRecord, problem: string) => problems.set(span, [...(problems.get(span) ?? []), problem]);

  for (const span of spans) {
    const parent = span.parentSpanId ? byId.get(span.parentSpanId) : undefined;
    if (span.parentSpanId && !parent) {
      note(span, `Its parent span ${span.parentSpanId} was never received (lost or not sampled upstream); shown at the top level.`);
    }
    if (!parent) {
      roots.push(span);
      continue;
    }
    children.set(parent.spanId, [...(children.get(parent.spanId) ?? []), span]);
    const early = parent.startMs - span.startMs;
    const late = span.endMs - parent.endMs;
    const clocks = parent.service === span.service ? "this process's clock jumped" : `the clocks of ${span.service} and ${parent.service} disagree`;
    if (early > TOLERANCE_MS) note(span, `Starts ${ms(early)} before its parent "${parent.name}" (${parent.service}): ${clocks}.`);
    // A server span outliving the request that waited for it cannot happen on one clock.
    if (late > TOLERANCE_MS && parent.kind === 'client')
      note(span, `Ends ${ms(late)} after its parent "${parent.name}" (${parent.service}) got its answer: ${clocks}.`);
  }

  const startMs = Math.min(...spans.map((span) => span.startMs));
  const endMs = Math.max(...spans.map((span) => span.endMs));
  const critical = new Set<SpanRecord>();
  const markCritical = (span: SpanRecord) => {
    if (critical.has(span)) return;
    critical.add(span);
    const last = (children.get(span.spanId) ?? []).reduce<SpanRecord | undefined>(
      (latest, child) => (!latest || child.endMs > latest.endMs ? child : latest),
      undefined,
    );
    if (last) markCritical(last);
  };
  const byStart = (a: SpanRecord, b: SpanRecord) => a.startMs - b.startMs || a.name.localeCompare(b.name);
  const sortedRoots = [...roots].sort(byStart);
  const lastRoot = sortedRoots.reduce<SpanRecord | undefined>((latest, root) => (!latest || root.endMs > latest.endMs ? root : latest), undefined);
  if (lastRoot) markCritical(lastRoot);

  const rows: WaterfallRow[] = [];
  const drawn = new Set<SpanRecord>();
  const visit = (span: SpanRecord, depth: number) => {
    if (drawn.has(span)) return;
    drawn.add(span);
    rows.push({
      span,
      depth,
      offsetMs: span.startMs - startMs,
      durationMs: Math.max(0, span.endMs - span.startMs),
      critical: critical.has(span),
      problems: problems.get(span) ?? [],
    });
    for (const child of [...(children.get(span.spanId) ?? [])].sort(byStart)) visit(child, depth + 1);
  };
  for (const root of sortedRoots) visit(root, 0);
  // Spans whose parent chain loops back on itself have no root to hang from: each loop is drawn
  // from its earliest span, at the top level and marked, so every span received is shown.
  for (const span of [...spans].sort(byStart)) {
    if (drawn.has(span)) continue;
    const loop = cycleThrough(span, byId);
    const problem =
      loop.length === 1
        ? 'It names itself as its parent; shown at the top level.'
        : `Its parents form a loop (${loop.map((member) => member.spanId).join(' → ')} → ${span.spanId}); shown at the top level.`;
    const index = rows.length;
    visit(span, 0);
    const row = rows[index];
    if (row) row.problems = [...row.problems, problem];
  }
  return {
    rows,
    startMs,
    totalMs: endMs - startMs,
    problems: rows.flatMap((row) => row.problems.map((problem) => `${row.span.service} "${row.span.name}": ${problem}`)),
  };
}
