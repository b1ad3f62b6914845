import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { startMockHttpServer } from '../../fixtures/adapters/http-server';
import { SERVICE_NAMES, fillRoute, API_ROUTES } from '../../src/api/contract';
import { compressAlertmanagerConfig, compressRuleFile } from '../../monitoring/compress-time';
import { E2E_BUILD } from '../../scripts/build-app.mjs';
import { findMonitoringPrograms, MONITORING_FILES } from '../../scripts/monitoring.mjs';

/** One real second is this many simulated seconds: the mock services advance 30 s of traffic per scrape. */
export const TIME_FACTOR = 30;
/** How often Prometheus scrapes and evaluates: the services' 30 s, compressed. */
const INTERVAL_MS = 30_000 / TIME_FACTOR;
/** Prometheus scrapes as this user (the metrics endpoints answer signed-in users only). */
const SCRAPE_TOKEN = 'mock.val';
const READY_WITHIN_MS = 15_000;
/** The rules' rate window (5m), compressed: the console's charts use the same. */
export const RATE_WINDOW_MS = 300_000 / TIME_FACTOR;

export interface MonitoringStack {
  /** The mock services Prometheus scrapes (the local HTTP mock server, its default session). */
  mockUrl: string;
  prometheusUrl: string;
  alertmanagerUrl: string;
  /** Each program's output so far, for a failure message. */
  logs(): string;
  /** Stops Prometheus alone (the console must name it and keep the rest working). */
  stopPrometheus(): Promise<void>;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('No port was assigned.'))));
    });
  });
}

/** Prometheus' configuration: every service a job of its own (as the Grafana dashboard reads them), labelled `service`. */
function prometheusConfig(mockPort: number, alertmanagerPort: number, rulesFile: string): string {
  return stringify({
    global: { scrape_interval: `${INTERVAL_MS}ms`, evaluation_interval: `${INTERVAL_MS}ms`, scrape_timeout: `${INTERVAL_MS}ms` },
    rule_files: [rulesFile],
    alerting: { alertmanagers: [{ static_configs: [{ targets: [`127.0.0.1:${alertmanagerPort}`] }] }] },
    scrape_configs: SERVICE_NAMES.map((service) => ({
      job_name: service,
      metrics_path: fillRoute(API_ROUTES.serviceMetrics, { service }),
      authorization: { credentials: SCRAPE_TOKEN },
      static_configs: [{ targets: [`127.0.0.1:${mockPort}`], labels: { service } }],
    })),
  });
}

async function waitReady(url: string, child: ChildProcess, name: string, log: () => string): Promise<void> {
  const deadline = Date.now() + READY_WITHIN_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${name} exited with code ${child.exitCode} before it was ready:\n${log()}`);
    const ready = await fetch(url).then(
      (response) => response.ok,
      () => false,
    );
    if (ready) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${name} was not ready at ${url} within ${READY_WITHIN_MS / 1000} s:\n${log()}`);
}

/**
 * Starts the mock services on a real socket, Alertmanager and Prometheus (Debian's programs, found by
 * scripts/monitoring.mjs) on free ports, with our rule file and Alertmanager configuration on
 * compressed time. Each program keeps its data in a temporary folder removed by stop().
 */
export async function startMonitoringStack(): Promise<MonitoringStack> {
  // A free port is chosen, released, then bound by a program that starts later: another process (the
  // other worker's stack) can take it in between. Only that is tried again, with new ports.
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await startOnFreePorts();
    } catch (error) {
      const portTaken = error instanceof Error && /address already in use|EADDRINUSE/i.test(`${error.message} ${(error as NodeJS.ErrnoException).code ?? ''}`);
      if (!portTaken || attempt === 3) throw error;
    }
  }
}

async function startOnFreePorts(): Promise<MonitoringStack> {
  const { found, missing } = findMonitoringPrograms();
  if (missing.length > 0)
    throw new Error(
      `The monitoring tests need Debian's ${missing.join(' and ')} (npm test installs them as root; otherwise: apt-get install ${missing.join(' ')}).`,
    );
  const dir = mkdtempSync(join(tmpdir(), 'agent-console-monitoring-'));
  const [mockPort, prometheusPort, alertmanagerPort] = [await freePort(), await freePort(), await freePort()];
  // The same server serves the built console (the E2E build, made by the Playwright config's web server),
  // which reads Prometheus and Alertmanager through it, refreshing once a second on the compressed
  // clock with the rate window the rules use (5m compressed).
  const mock: Server = await startMockHttpServer({
    port: mockPort,
    staticDir: E2E_BUILD.outDir,
    monitoring: {
      prometheusUrl: `http://127.0.0.1:${prometheusPort}`,
      alertmanagerUrl: `http://127.0.0.1:${alertmanagerPort}`,
      refreshMs: INTERVAL_MS,
      rateWindowMs: RATE_WINDOW_MS,
    },
  });
  const output: Record<string, string[]> = { prometheus: [], alertmanager: [] };
  const logs = () =>
    Object.entries(output)
      .map(([name, lines]) => `── ${name}\n${lines.join('').split('\n').slice(-30).join('\n')}`)
      .join('\n');

  writeFileSync(join(dir, 'rules.yml'), compressRuleFile(readFileSync(MONITORING_FILES.rules, 'utf8'), TIME_FACTOR));
  writeFileSync(join(dir, 'alertmanager.yml'), compressAlertmanagerConfig(readFileSync(MONITORING_FILES.alertmanager, 'utf8'), TIME_FACTOR));
  writeFileSync(join(dir, 'prometheus.yml'), prometheusConfig(mockPort, alertmanagerPort, join(dir, 'rules.yml')));

  const start = (name: 'prometheus' | 'alertmanager', args: string[]) => {
    const child = spawn(found[name] ?? name, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout?.on('data', (chunk: Buffer) => output[name]?.push(chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => output[name]?.push(chunk.toString()));
    return child;
  };
  const alertmanager = start('alertmanager', [
    `--config.file=${join(dir, 'alertmanager.yml')}`,
    `--storage.path=${join(dir, 'alertmanager-data')}`,
    `--web.listen-address=127.0.0.1:${alertmanagerPort}`,
    // One Alertmanager, no cluster: without this it listens for peers on a fixed port (9094).
    '--cluster.listen-address=',
  ]);
  const prometheus = start('prometheus', [
    `--config.file=${join(dir, 'prometheus.yml')}`,
    `--storage.tsdb.path=${join(dir, 'prometheus-data')}`,
    `--web.listen-address=127.0.0.1:${prometheusPort}`,
    // Firing alerts are re-sent to Alertmanager every minute by default: compressed, like the rest.
    `--rules.alert.resend-delay=${60_000 / TIME_FACTOR}ms`,
  ]);
  const ended = (child: ChildProcess) =>
    child.exitCode === null && child.signalCode === null ? new Promise((resolve) => child.once('exit', resolve)) : undefined;
  const stopPrometheus = async () => {
    const exit = ended(prometheus);
    prometheus.kill('SIGTERM');
    await exit;
  };
  const stop = async () => {
    const exits = [prometheus, alertmanager].map(ended);
    for (const child of [prometheus, alertmanager]) child.kill('SIGTERM');
    await Promise.all(exits);
    mock.closeAllConnections();
    await new Promise((resolve) => mock.close(resolve));
    rmSync(dir, { recursive: true, force: true });
  };
  const prometheusUrl = `http://127.0.0.1:${prometheusPort}`;
  const alertmanagerUrl = `http://127.0.0.1:${alertmanagerPort}`;
  try {
    await Promise.all([
      waitReady(`${prometheusUrl}/-/ready`, prometheus, 'Prometheus', logs),
      waitReady(`${alertmanagerUrl}/-/ready`, alertmanager, 'Alertmanager', logs),
    ]);
  } catch (error) {
    await stop();
    throw error;
  }
  return { mockUrl: `http://127.0.0.1:${mockPort}`, prometheusUrl, alertmanagerUrl, logs, stop, stopPrometheus };
}
