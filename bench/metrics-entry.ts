// Runs in real Chromium (served by Vite): parses a 1 MB Prometheus exposition as the observability page does.
import { parsePrometheusText } from '../src/observability/metrics/prometheus-text';

declare global {
  interface Window {
    runMetricsBench: (bytes: number, repetitions: number) => { parse: number[]; bytes: number; samples: number; skipped: number };
  }
}

/** A service's exposition grown to `bytes`: request histograms by agent and operation, counters, gauges. */
export function exposition(bytes: number): string {
  const lines = ['# HELP a2a_request_duration_seconds Agent request duration.', '# TYPE a2a_request_duration_seconds histogram'];
  const buckets = ['0.005', '0.01', '0.025', '0.05', '0.1', '0.25', '0.5', '1', '2.5', '5', '10', '+Inf'];
  let size = 0;
  for (let agent = 0; size < bytes; agent += 1) {
    for (const operation of ['plan', 'call_tool', 'summarise', 'review']) {
      let count = 0;
      for (const le of buckets) {
        count += (agent * 7 + le.length) % 13;
        const line = `a2a_request_duration_seconds_bucket{agent="agent-${agent}",operation="${operation}",le="${le}"} ${count}`;
        lines.push(line);
        size += line.length + 1;
      }
      lines.push(
        `a2a_request_duration_seconds_sum{agent="agent-${agent}",operation="${operation}"} ${(count * 0.173).toFixed(3)}`,
        `a2a_request_duration_seconds_count{agent="agent-${agent}",operation="${operation}"} ${count}`,
      );
      lines.push(
        `a2a_requests_total{agent="agent-${agent}",status="ok"} ${count * 3}`,
        `a2a_requests_total{agent="agent-${agent}",status="error"} ${count % 5}`,
      );
    }
  }
  return `${lines.join('\n')}\n`;
}

window.runMetricsBench = (bytes, repetitions) => {
  const text = exposition(bytes);
  const parse: number[] = [];
  let result = parsePrometheusText(text);
  for (let i = 0; i < repetitions; i += 1) {
    const started = performance.now();
    result = parsePrometheusText(text);
    parse.push(performance.now() - started);
  }
  return {
    parse,
    bytes: text.length,
    samples: [...result.families.values()].reduce((sum, family) => sum + family.samples.length, 0),
    skipped: result.skipped.length,
  };
};
