import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore, type ReactNode } from 'react';
import { z } from 'zod';
import { HEALTH_TOPIC, SERVICE_NAMES } from '../../api/contract';
import { api } from '../../api/endpoints';
import { runtimeConfig } from '../../config/runtime-config';
import { usePersisted } from '../../storage/use-persisted';
import { useLiveConnection } from '../../streaming/LiveProvider';
import type { Silence } from '../alerts/engine';
import { requiredContext } from '../../react/required-context';
import { AlertmanagerClient, type NewSilence } from '../alertmanager/client';
import { consoleCredentials } from '../monitoring-credentials';
import { PrometheusClient } from '../prometheus/client';
import { ServiceMonitor, type MonitorSnapshot, type PrometheusOptions } from './service-monitor';

const silencesSchema = z.array(
  z.object({
    id: z.string(),
    matchers: z.record(z.string(), z.string()),
    author: z.string(),
    comment: z.string(),
    createdAt: z.number(),
    expiresAt: z.number(),
  }),
);

interface MonitorContextValue {
  monitor: ServiceMonitor;
  /** Starts polling while at least one consumer is mounted; returns the release. */
  retain: () => () => void;
  silence: (matchers: Record<string, string>, author: string, comment: string, durationMs: number) => void;
  expireSilence: (id: string) => void;
  silencedAt: number;
  /** With an Alertmanager: silences are written there (each rejects with the reason when refused). */
  alertmanager?: {
    createSilence: (silence: Omit<NewSilence, 'startsAt' | 'endsAt'>, durationMs: number) => Promise<void>;
    expireSilence: (id: string) => Promise<void>;
  };
}

/** The Prometheus (and Alertmanager) the console reads, when /console-config.js names them. */
function prometheusFromConfig(): PrometheusOptions | undefined {
  const { prometheusUrl, alertmanagerUrl, observabilityRefreshMs } = runtimeConfig();
  if (!prometheusUrl) return undefined;
  return {
    client: new PrometheusClient(prometheusUrl, consoleCredentials),
    ...(alertmanagerUrl ? { alertmanager: new AlertmanagerClient(alertmanagerUrl, consoleCredentials) } : {}),
    stepMs: observabilityRefreshMs,
    // The charts' last hour at one point per refresh, 120 points at most however short the refresh.
    historyMs: Math.min(60 * 60_000, observabilityRefreshMs * 120),
  };
}

const [MonitorContext, useMonitorContext] = requiredContext<MonitorContextValue>('useServiceMonitor', 'MonitorProvider');

/**
 * One service monitor per signed-in tab. It reads nothing until a page or widget that shows its
 * data is mounted, then refreshes every `observabilityRefreshMs` (skipped while the tab is hidden)
 * and re-reads health at once when the live stream announces a change or a new connection replaces
 * one (which may have missed a change). Silences are kept in the browser's store so a reload keeps
 * them.
 */
export function MonitorProvider({ children, monitor: given }: { children: ReactNode; monitor?: ServiceMonitor }) {
  const [monitor] = useState(
    () =>
      given ??
      new ServiceMonitor({
        services: SERVICE_NAMES,
        sources: { health: (service, signal) => api.serviceHealth(service, signal), metrics: (service, signal) => api.serviceMetrics(service, signal) },
        windowMs: runtimeConfig().rateWindowMs,
        prometheus: prometheusFromConfig(),
      }),
  );
  const live = useLiveConnection();
  const silences = usePersisted<Silence[]>('preferences', 'alert-silences', [], silencesSchema);
  const users = useRef(0);
  // When a silence last changed: the alerts panel judges silences at this time or the last refresh, whichever is later.
  const [silencedAt, setSilencedAt] = useState(0);
  const stop = useRef<(() => void) | null>(null);

  useEffect(() => {
    monitor.setSilences(silences.value);
  }, [monitor, silences.value]);
  useEffect(
    () => () => {
      stop.current?.();
      monitor.dispose();
    },
    [monitor],
  );

  const start = useCallback(() => {
    void monitor.refresh();
    const timer = setInterval(() => {
      if (document.visibilityState !== 'hidden') void monitor.refresh();
    }, runtimeConfig().observabilityRefreshMs);
    const unsubscribe = live.subscribe(HEALTH_TOPIC, {
      onMessage: (message) => {
        if (message.kind === 'health') void monitor.refreshHealth(message.payload.service);
      },
      // What the health topic may not have replayed on a new connection is a health change.
      onResume: () => void monitor.refreshHealth(),
      // The topic's numbering restarted: any service's change may be among what was renumbered.
      onReset: () => void monitor.refreshHealth(),
    });
    return () => {
      clearInterval(timer);
      unsubscribe();
    };
  }, [monitor, live]);

  const retain = useCallback(() => {
    users.current += 1;
    if (users.current === 1) stop.current = start();
    return () => {
      users.current -= 1;
      if (users.current === 0) {
        stop.current?.();
        stop.current = null;
      }
    };
  }, [start]);

  const { update } = silences;
  const alertmanager = monitor.alertmanager;
  const current = silences.value;
  const value = useMemo<MonitorContextValue>(
    () => ({
      monitor,
      retain,
      silencedAt,
      silence: (matchers, author, comment, durationMs) => {
        const now = Date.now();
        setSilencedAt(now);
        update([
          ...current.filter((s) => s.expiresAt > now),
          { id: `silence-${now.toString(36)}`, matchers, author, comment, createdAt: now, expiresAt: now + durationMs },
        ]);
      },
      expireSilence: (id) => {
        const now = Date.now();
        setSilencedAt(now);
        update(current.map((s) => (s.id === id ? { ...s, expiresAt: Math.min(s.expiresAt, now) } : s)));
      },
      ...(alertmanager
        ? {
            alertmanager: {
              createSilence: async (silence, durationMs) => {
                const now = Date.now();
                await alertmanager.createSilence({ ...silence, startsAt: new Date(now).toISOString(), endsAt: new Date(now + durationMs).toISOString() });
                await monitor.refreshAlerting();
              },
              expireSilence: async (id) => {
                await alertmanager.expireSilence(id);
                await monitor.refreshAlerting();
              },
            },
          }
        : {}),
    }),
    [monitor, retain, update, current, silencedAt, alertmanager],
  );

  return <MonitorContext value={value}>{children}</MonitorContext>;
}

/** The monitor's current state; polling runs while any component using this is mounted. */
export function useServiceMonitor(): MonitorSnapshot & Omit<MonitorContextValue, 'retain' | 'monitor' | 'silencedAt'> & { refresh: () => void; now: number } {
  const { monitor, retain, silence, expireSilence, silencedAt, alertmanager } = useMonitorContext();
  useEffect(() => retain(), [retain]);
  const snapshot = useSyncExternalStore(monitor.subscribe, monitor.getSnapshot);
  const refresh = useCallback(() => void monitor.refresh(), [monitor]);
  // "Now" for judging silences and alert ages: the latest moment this tab knowingly observed.
  const now = Math.max(snapshot.refreshedAt ?? 0, silencedAt);
  return { ...snapshot, silence, expireSilence, refresh, now, ...(alertmanager ? { alertmanager } : {}) };
}
