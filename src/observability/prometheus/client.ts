import type { z } from 'zod';
import { ApiError, kindForStatus } from '../../api/errors';
import { splitRecords, type UnreadableRecord } from '../../api/records';
import { parseValue } from '../metrics/prometheus-text';
import { monitoringFetch, type MonitoringFetchOptions } from '../monitoring-fetch';
import {
  alertingRuleSchema,
  envelopeSchema,
  matrixDataSchema,
  matrixSeriesSchema,
  rulesDataSchema,
  vectorDataSchema,
  vectorSampleSchema,
  type AlertingRule,
} from './schemas';

/** One value of a series at one time; `null` where Prometheus computed no number (`NaN`: no requests to rank, say). */
export interface SeriesPoint {
  at: number;
  value: number | null;
}

export interface Series {
  labels: Record<string, string>;
  points: SeriesPoint[];
}

/** What one answer held: the records read, those set aside (named), and Prometheus' own warnings. */
export interface Answer<T> {
  items: T[];
  unreadable: UnreadableRecord[];
  warnings: string[];
}

export interface RangeOptions {
  startMs: number;
  endMs: number;
  stepMs: number;
  signal?: AbortSignal;
}

/** An alerting rule as Prometheus evaluates it, with the group it belongs to. */
export type RuleState = AlertingRule & { group: string };

const SYSTEM = 'Prometheus';

/** A point; its value is null unless it is a finite number (`NaN`, `+Inf` and text that is no number are gaps). */
function pointOf([seconds, text]: [number, string]): SeriesPoint {
  let value: number;
  try {
    value = parseValue(text);
  } catch {
    value = Number.NaN;
  }
  return { at: Math.round(seconds * 1000), value: Number.isFinite(value) ? value : null };
}

/** Reads Prometheus' HTTP API at `baseUrl` (no trailing slash needed). Every failure is an ApiError naming Prometheus. */
export class PrometheusClient {
  private readonly baseUrl: string;
  private readonly credentials: MonitoringFetchOptions['credentials'];

  /** `credentials`: headers for an address (the console's sign-in, where it may go). */
  constructor(baseUrl: string, credentials?: MonitoringFetchOptions['credentials']) {
    this.baseUrl = baseUrl.replace(/\/+$/, '');
    this.credentials = credentials;
  }

  /** `query_range`: every series of `expr` between the two times, one point per step. */
  async queryRange(expr: string, { startMs, endMs, stepMs, signal }: RangeOptions): Promise<Answer<Series>> {
    const params = new URLSearchParams({ query: expr, start: String(startMs / 1000), end: String(endMs / 1000), step: String(stepMs / 1000) });
    const { data, warnings } = await this.read(`/api/v1/query_range?${params}`, expr, signal);
    const matrix = this.shaped(matrixDataSchema, data, expr);
    const series = splitRecords(matrix.result, matrixSeriesSchema, 'Prometheus series');
    return { items: series.items.map((item) => ({ labels: item.metric, points: item.values.map(pointOf) })), unreadable: series.unreadable, warnings };
  }

  /** An instant query at `atMs` (now when omitted): each series' one value. */
  async query(expr: string, { atMs, signal }: { atMs?: number; signal?: AbortSignal } = {}): Promise<Answer<Series>> {
    const params = new URLSearchParams({ query: expr, ...(atMs === undefined ? {} : { time: String(atMs / 1000) }) });
    const { data, warnings } = await this.read(`/api/v1/query?${params}`, expr, signal);
    const vector = this.shaped(vectorDataSchema, data, expr);
    const samples = splitRecords(vector.result, vectorSampleSchema, 'Prometheus sample');
    return { items: samples.items.map((item) => ({ labels: item.metric, points: [pointOf(item.value)] })), unreadable: samples.unreadable, warnings };
  }

  /** Every alerting rule with its state (inactive, pending, firing) and its alerts, as Prometheus evaluates them. */
  async alertingRules(signal?: AbortSignal): Promise<Answer<RuleState>> {
    const { data, warnings } = await this.read('/api/v1/rules?type=alert', 'the alerting rules', signal);
    const { groups } = this.shaped(rulesDataSchema, data, 'the alerting rules');
    const items: RuleState[] = [];
    const unreadable: UnreadableRecord[] = [];
    for (const group of groups) {
      const rules = splitRecords(group.rules, alertingRuleSchema, `alerting rule of group ${group.name}`);
      items.push(...rules.items.map((rule) => ({ ...rule, group: group.name })));
      unreadable.push(...rules.unreadable);
    }
    return { items, unreadable, warnings };
  }

  private async read(path: string, what: string, signal?: AbortSignal): Promise<{ data: unknown; warnings: string[] }> {
    const { status, body } = await monitoringFetch(SYSTEM, `${this.baseUrl}${path}`, { signal, credentials: this.credentials });
    const envelope = envelopeSchema.safeParse(body);
    if (!envelope.success) {
      // A proxy in front of Prometheus explains itself as `{ error }` (the console's own API shape).
      const said =
        typeof body === 'object' && body !== null && typeof (body as { error?: unknown }).error === 'string' ? `: ${(body as { error: string }).error}` : '.';
      if (status >= 400) throw new ApiError(kindForStatus(status), `${SYSTEM} answered HTTP ${status} for ${what}${said}`, status);
      throw new ApiError('invalid-response', `${SYSTEM} answered ${what} in a shape this console does not read.`, status);
    }
    const { data } = envelope;
    if (data.status === 'error' || status >= 400)
      throw new ApiError(
        kindForStatus(status >= 400 ? status : 500),
        `${SYSTEM} could not answer ${what}: ${data.errorType ?? 'error'}: ${data.error ?? `HTTP ${status}`}`,
        status,
      );
    return { data: data.data, warnings: [...(data.warnings ?? []), ...(data.infos ?? [])] };
  }

  private shaped<S extends z.ZodType>(schema: S, data: unknown, what: string): z.infer<S> {
    const parsed = schema.safeParse(data);
    if (!parsed.success) throw new ApiError('invalid-response', `${SYSTEM} answered ${what} in a shape this console does not read.`);
    return parsed.data;
  }
}
