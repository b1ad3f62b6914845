import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect } from 'storybook/test';
import { TraceStore, seedTraces } from '../fixtures/services/traces';
import { seedFactories } from '../fixtures/factories';
import { visualParameters } from '../.storybook/visual-parameters';
import type { SpanRecord } from '../src/api/contract/observability';
import { TraceWaterfall } from '../src/observability/TraceWaterfall';

/** The seeded traces as the mock collector holds them: a healthy one, an orphan and a clock-skewed one. */
function seeded() {
  seedFactories(3);
  const store = new TraceStore();
  seedTraces(store);
  const byRoot = (name: string) => {
    const summary = store.summaries().find((trace) => trace.rootSpan === name);
    return { traceId: summary?.traceId ?? '', spans: summary ? store.detail(summary.traceId) : [] };
  };
  return { task: byRoot('start task'), orphan: byRoot('POST /deliver'), skewed: byRoot('POST /review') };
}
const traces = seeded();

/** A task's trace with a batch of 36 sequential render calls under its root: longer than the card shows. */
function longTrace(): { traceId: string; spans: SpanRecord[] } {
  const [root] = traces.task.spans.filter((span) => !span.parentSpanId);
  if (!root) return traces.task;
  const calls = Array.from({ length: 36 }, (_, index): SpanRecord => {
    const startMs = root.startMs + 10 + index * 17;
    return {
      ...root,
      spanId: (0x1000 + index).toString(16).padStart(16, '0'),
      parentSpanId: root.spanId,
      name: `POST /render #${index + 1}`,
      service: 'media-engine',
      kind: 'client',
      startMs,
      endMs: startMs + 15,
      status: index === 30 ? 'error' : 'ok',
    };
  });
  return { traceId: traces.task.traceId, spans: [{ ...root, endMs: Math.max(root.endMs, root.startMs + 10 + 36 * 17) }, ...calls] };
}

const meta = {
  title: 'Observability/TraceWaterfall',
  component: TraceWaterfall,
  args: traces.task,
} satisfies Meta<typeof TraceWaterfall>;
export default meta;
type Story = StoryObj<typeof meta>;

export const BrowserToServices: Story = {
  play: async ({ canvas }) => {
    await expect(canvas.getByRole('listitem', { name: /^agent-console start task, 640 ms, on the critical path$/ })).toBeVisible();
    await expect(canvas.getByRole('listitem', { name: /^media-engine POST \/render, 170 ms, on the critical path, failed$/ })).toBeVisible();
    await expect(canvas.queryByRole('list', { name: 'Trace problems' })).toBeNull();
  },
};
export const MissingParent: Story = {
  args: traces.orphan,
  play: async ({ canvas }) => {
    await expect(canvas.getByRole('list', { name: 'Trace problems' })).toHaveTextContent('was never received');
  },
};
export const ClocksDisagree: Story = {
  args: traces.skewed,
  play: async ({ canvas }) => {
    await expect(canvas.getByRole('list', { name: 'Trace problems' })).toHaveTextContent('Starts 150 ms before its parent "POST /review" (content-engine)');
  },
};
export const NoSpans: Story = { args: { traceId: 'f'.repeat(32), spans: [] } };
// Its rows scroll within the card; the capture shows every one of them (fullScroll).
export const LongTrace: Story = {
  args: longTrace(),
  parameters: visualParameters({ fullScroll: '.waterfall__rows' }),
  play: async ({ canvas }) => {
    await expect(canvas.getAllByRole('listitem')).toHaveLength(37);
    await expect(canvas.getByRole('list', { name: 'Spans' })).toBeVisible();
  },
};
