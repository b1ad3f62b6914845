import { z } from 'zod';
import { ApiError, kindForStatus } from '../../api/errors';
import { splitRecords, type UnreadableRecord } from '../../api/records';
import { monitoringFetch, type MonitoringFetchOptions } from '../monitoring-fetch';
import { alertGroupSchema, alertSchema, createdSilenceSchema, silenceSchema, type AlertmanagerAlert, type AlertmanagerSilence, type Matcher } from './schemas';

/** A group as Alertmanager routes it: the labels it groups by, and its alerts. */
export interface AlertGroup {
  labels: Record<string, string>;
  receiver: string;
  alerts: AlertmanagerAlert[];
}

export interface Listed<T> {
  items: T[];
  unreadable: UnreadableRecord[];
}

export interface NewSilence {
  matchers: Matcher[];
  startsAt: string;
  endsAt: string;
  createdBy: string;
  comment: string;
}

const SYSTEM = 'Alertmanager';

/** Reads and writes Alertmanager's API v2 at `baseUrl`. Every failure is an ApiError naming Alertmanager. */
export class AlertmanagerClient {
  private readonly baseUrl: string;
  private readonly credentials: MonitoringFetchOptions['credentials'];

  /** `credentials`: headers for an address (the console's sign-in, where it may go). */
  constructor(baseUrl: string, credentials?: MonitoringFetchOptions['credentials']) {
    this.baseUrl = baseUrl.replace(/\/+$/, '');
    this.credentials = credentials;
  }

  /** The alert groups, silenced and inhibited alerts included (each alert's status says which). */
  async alertGroups(signal?: AbortSignal): Promise<Listed<AlertGroup>> {
    const body = await this.read('/api/v2/alerts/groups?silenced=true&inhibited=true&active=true', 'the alert groups', signal);
    const groups = splitRecords(this.list(body, 'the alert groups'), alertGroupSchema, 'Alertmanager group');
    const unreadable = [...groups.unreadable];
    const items = groups.items.map((group) => {
      const alerts = splitRecords(group.alerts, alertSchema, 'Alertmanager alert');
      unreadable.push(...alerts.unreadable);
      return { labels: group.labels, receiver: group.receiver.name, alerts: alerts.items };
    });
    return { items, unreadable };
  }

  /** Every silence Alertmanager keeps: active, pending and expired. */
  async silences(signal?: AbortSignal): Promise<Listed<AlertmanagerSilence>> {
    const body = await this.read('/api/v2/silences', 'the silences', signal);
    return splitRecords(this.list(body, 'the silences'), silenceSchema, 'Alertmanager silence');
  }

  /** Creates a silence; its id. */
  async createSilence(silence: NewSilence, signal?: AbortSignal): Promise<string> {
    const { status, body } = await monitoringFetch(SYSTEM, `${this.baseUrl}/api/v2/silences`, {
      method: 'POST',
      body: silence,
      signal,
      credentials: this.credentials,
    });
    if (status >= 400) throw new ApiError(kindForStatus(status), `${SYSTEM} refused the silence: ${explanation(body, status)}`, status);
    const created = createdSilenceSchema.safeParse(body);
    if (!created.success) throw new ApiError('invalid-response', `${SYSTEM} created a silence but did not say its id.`, status);
    return created.data.silenceID;
  }

  /** Expires a silence now (Alertmanager keeps it, as expired). */
  async expireSilence(id: string, signal?: AbortSignal): Promise<void> {
    const { status, body } = await monitoringFetch(SYSTEM, `${this.baseUrl}/api/v2/silence/${encodeURIComponent(id)}`, {
      method: 'DELETE',
      signal,
      credentials: this.credentials,
    });
    if (status >= 400) throw new ApiError(kindForStatus(status), `${SYSTEM} could not expire silence ${id}: ${explanation(body, status)}`, status);
  }

  private async read(path: string, what: string, signal?: AbortSignal): Promise<unknown> {
    const { status, body } = await monitoringFetch(SYSTEM, `${this.baseUrl}${path}`, { signal, credentials: this.credentials });
    if (status >= 400) throw new ApiError(kindForStatus(status), `${SYSTEM} could not answer ${what}: ${explanation(body, status)}`, status);
    return body;
  }

  private list(body: unknown, what: string): unknown[] {
    const parsed = z.array(z.unknown()).safeParse(body);
    if (!parsed.success) throw new ApiError('invalid-response', `${SYSTEM} answered ${what} in a shape this console does not read.`);
    return parsed.data;
  }
}

/** Alertmanager explains an error as a JSON string or `{ message }`; a proxy in front of it as `{ error }`. */
function explanation(body: unknown, status: number): string {
  if (typeof body === 'string' && body) return body;
  if (typeof body === 'object' && body !== null) {
    const { message, error } = body as { message?: unknown; error?: unknown };
    if (typeof message === 'string' && message) return message;
    if (typeof error === 'string' && error) return error;
  }
  return `HTTP ${status}`;
}
