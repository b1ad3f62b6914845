import {
  context,
  defaultTextMapSetter,
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  trace,
  TraceFlags,
  type Context,
  type Span,
  type Tracer,
} from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  BatchSpanProcessor,
  ParentBasedSampler,
  RandomIdGenerator,
  TraceIdRatioBasedSampler,
  TracerProvider,
  type SpanProcessor,
} from '@opentelemetry/sdk-trace';

/**
 * Trace context from the browser, with OpenTelemetry's SDK:
 *
 * - every API and live-stream request carries a W3C `traceparent`;
 * - a user action (approve, reject, start a task, sign in) is one trace: its root span is the
 *   click, and every request the action makes is a child span of it, passed explicitly (browsers
 *   have no async context, so nothing is guessed from timing);
 * - requests outside an action (polling, the live stream) each start a trace of their own that the
 *   console does not record, so they stay correlatable without flooding the trace view;
 * - which actions are recorded is the sampler's choice (`traceSampleRatio`), and recorded spans go
 *   to the OTLP/HTTP endpoint when one is configured.
 */

export interface TracingConfig {
  /** Share of user actions recorded, 0..1. */
  sampleRatio: number;
  /** OTLP/HTTP traces endpoint (…/v1/traces); no export without one. */
  otlpEndpoint?: string;
  /** For tests: where spans go instead of (or besides) OTLP. */
  extraProcessors?: SpanProcessor[];
}

export const CONSOLE_SERVICE_NAME = 'agent-console';

const propagator = new W3CTraceContextPropagator();
const ids = new RandomIdGenerator();
let provider: TracerProvider | undefined;
let exporter: OTLPTraceExporter | undefined;
let tracer: Tracer = trace.getTracer('noop');

export function configureTracing(config: TracingConfig): void {
  void provider?.shutdown();
  const processors: SpanProcessor[] = [...(config.extraProcessors ?? [])];
  exporter = config.otlpEndpoint ? new OTLPTraceExporter({ url: config.otlpEndpoint }) : undefined;
  if (exporter) processors.push(new BatchSpanProcessor({ exporter, scheduledDelayMillis: 2_000 }));
  provider = new TracerProvider({
    resource: resourceFromAttributes({ 'service.name': CONSOLE_SERVICE_NAME }),
    sampler: new ParentBasedSampler({ root: new TraceIdRatioBasedSampler(Math.min(1, Math.max(0, config.sampleRatio))) }),
    spanProcessors: processors,
  });
  tracer = provider.getTracer(CONSOLE_SERVICE_NAME);
}

/**
 * Sends every recorded span that is still waiting, e.g. before reading traces back, and waits for
 * exports already under way: the batch processor's own flush sends only what is still buffered and
 * does not wait for a batch its timer has just sent (so the traces list sometimes lacked the action
 * the user had just made; the nightly flake run caught it once in ten).
 */
export async function flushSpans(): Promise<void> {
  await provider?.forceFlush();
  await exporter?.forceFlush();
}

/** A user action: the root of one trace. End it when the action is over. */
export interface UserAction {
  readonly context: Context;
  readonly traceId: string;
  end(outcome?: { error?: string }): void;
}

export function startAction(name: string, attributes: Record<string, string> = {}): UserAction {
  const span = tracer.startSpan(name, { kind: SpanKind.INTERNAL, attributes: { 'console.action': name, ...attributes } }, ROOT_CONTEXT);
  return {
    context: trace.setSpan(ROOT_CONTEXT, span),
    traceId: span.spanContext().traceId,
    end: (outcome = {}) => finish(span, outcome.error),
  };
}

/** Runs `work` as one user action: the action's span ends when the work does, failed if it threw. */
export async function withAction<T>(name: string, work: (action: UserAction) => Promise<T>, attributes: Record<string, string> = {}): Promise<T> {
  const action = startAction(name, attributes);
  try {
    const result = await work(action);
    action.end();
    return result;
  } catch (error) {
    action.end({ error: error instanceof Error ? error.message : String(error) });
    throw error;
  }
}

/** One outgoing request: its span (a child of the action, when there is one) and its headers. */
export interface RequestSpan {
  headers: Record<string, string>;
  end(outcome: { status?: number; error?: string }): void;
}

export function requestSpan(method: string, path: string, action?: UserAction): RequestSpan {
  const route = path.split('?')[0] ?? path;
  let span: Span;
  if (action) {
    span = tracer.startSpan(`${method} ${route}`, { kind: SpanKind.CLIENT, attributes: { 'http.request.method': method, 'url.path': route } }, action.context);
  } else {
    // Not an action: a fresh, unrecorded trace of its own, still propagated.
    span = trace.wrapSpanContext({ traceId: ids.generateTraceId(), spanId: ids.generateSpanId(), traceFlags: TraceFlags.NONE });
  }
  const headers: Record<string, string> = {};
  propagator.inject(trace.setSpan(context.active(), span), headers, defaultTextMapSetter);
  return {
    headers,
    end: ({ status, error }) => {
      if (status !== undefined) span.setAttribute('http.response.status_code', status);
      finish(span, error ?? (status !== undefined && status >= 500 ? `HTTP ${status}` : undefined));
    },
  };
}

function finish(span: Span, error: string | undefined): void {
  if (error) span.setStatus({ code: SpanStatusCode.ERROR, message: error });
  span.end();
}

/** The `traceparent` header a request carries: version 00, trace id, parent span id, flags. */
export const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-0[01]$/;
