import { describe, expect, it } from 'vitest';
import { parsePrometheusText, type Exposition } from './prometheus-text';

/** The example from the format's own documentation (prometheus.io, "Exposition formats", text format example). */
const DOCUMENTED_EXAMPLE = String.raw`# HELP http_requests_total The total number of HTTP requests.
# TYPE http_requests_total counter
http_requests_total{method="post",code="200"} 1027 1395066363000
http_requests_total{method="post",code="400"}    3 1395066363000

# Escaping in label values:
msdos_file_access_time_seconds{path="C:\\DIR\\FILE.TXT",error="Cannot find file:\n\"FILE.TXT\""} 1.458255915e9

# Minimalistic line:
metric_without_timestamp_and_labels 12.47

# A weird metric from before the epoch:
something_weird{problem="division by zero"} +Inf -3982045

# A histogram, which has a pretty complex representation in the text format:
# HELP http_request_duration_seconds A histogram of the request duration.
# TYPE http_request_duration_seconds histogram
http_request_duration_seconds_bucket{le="0.05"} 24054
http_request_duration_seconds_bucket{le="0.1"} 33444
http_request_duration_seconds_bucket{le="0.2"} 100392
http_request_duration_seconds_bucket{le="0.5"} 129389
http_request_duration_seconds_bucket{le="1"} 133988
http_request_duration_seconds_bucket{le="+Inf"} 144320
http_request_duration_seconds_sum 53423
http_request_duration_seconds_count 144320

# Finally a summary, which has a complex representation, too:
# HELP rpc_duration_seconds A summary of the RPC duration in seconds.
# TYPE rpc_duration_seconds summary
rpc_duration_seconds{quantile="0.01"} 3102
rpc_duration_seconds{quantile="0.05"} 3272
rpc_duration_seconds{quantile="0.5"} 4773
rpc_duration_seconds{quantile="0.9"} 9001
rpc_duration_seconds{quantile="0.99"} 76656
rpc_duration_seconds_sum 1.7560473e+07
rpc_duration_seconds_count 2693
`;

/** The OpenMetrics 1.0 specification's examples: counter with _total/_created, exemplars, # UNIT, # EOF. */
const OPENMETRICS_EXAMPLE = `# TYPE acme_http_router_request_seconds summary
# UNIT acme_http_router_request_seconds seconds
# HELP acme_http_router_request_seconds Latency though all of ACME's HTTP request router.
acme_http_router_request_seconds_sum{path="/api/v1",method="GET"} 9036.32
acme_http_router_request_seconds_count{path="/api/v1",method="GET"} 807283.0
acme_http_router_request_seconds_created{path="/api/v1",method="GET"} 1605281325.0
# TYPE foo histogram
foo_bucket{le="0.01"} 0
foo_bucket{le="0.1"} 8 # {} 0.054
foo_bucket{le="1"} 11 # {trace_id="KOO5S4vxi0o"} 0.67
foo_bucket{le="10"} 17 # {trace_id="oHg5SJYRHA0"} 9.8 1520879607.789
foo_bucket{le="+Inf"} 17
foo_count 17
foo_sum 324789.3
foo_created 1520430000.123
# TYPE my_counter counter
my_counter_total 3 1520879607.789
# EOF
`;

const family = (exposition: Exposition, name: string) => {
  const found = exposition.families.get(name);
  if (!found) throw new Error(`no family ${name}; have ${[...exposition.families.keys()].join(', ')}`);
  return found;
};
const only = (line: string) => {
  const result = parsePrometheusText(line);
  expect(result.skipped).toEqual([]);
  const [first] = [...result.families.values()];
  const sample = first?.samples[0];
  if (!sample) throw new Error(`no sample read from "${line}"`);
  return sample;
};
const skipReason = (line: string) => {
  const result = parsePrometheusText(`ok_before 1\n${line}\nok_after 2\n`);
  // The good lines around a bad one are always kept.
  expect(result.families.get('ok_before')?.samples[0]?.value).toBe(1);
  expect(result.families.get('ok_after')?.samples[0]?.value).toBe(2);
  expect(result.skipped).toHaveLength(1);
  expect(result.skipped[0]?.line).toBe(2);
  return result.skipped[0]?.reason ?? '';
};

describe('the documented example', () => {
  const result = parsePrometheusText(DOCUMENTED_EXAMPLE);

  it('skips nothing and finds every family, typed as declared', () => {
    expect(result.skipped).toEqual([]);
    expect([...result.families.values()].map((f) => [f.name, f.type, f.samples.length])).toEqual([
      ['http_requests_total', 'counter', 2],
      ['msdos_file_access_time_seconds', 'untyped', 1],
      ['metric_without_timestamp_and_labels', 'untyped', 1],
      ['something_weird', 'untyped', 1],
      ['http_request_duration_seconds', 'histogram', 8],
      ['rpc_duration_seconds', 'summary', 7],
    ]);
  });

  it('reads labels, values and timestamps', () => {
    expect(family(result, 'http_requests_total').samples[1]).toEqual({
      name: 'http_requests_total',
      labels: { method: 'post', code: '400' },
      value: 3,
      timestampMs: 1395066363000,
    });
  });

  it('unescapes backslashes, quotes and newlines in label values', () => {
    expect(family(result, 'msdos_file_access_time_seconds').samples[0]?.labels).toEqual({ path: 'C:\\DIR\\FILE.TXT', error: 'Cannot find file:\n"FILE.TXT"' });
  });

  it('reads +Inf and a negative timestamp', () => {
    expect(family(result, 'something_weird').samples[0]).toMatchObject({ value: Infinity, timestampMs: -3982045 });
  });

  it('keeps HELP text', () => {
    expect(family(result, 'http_request_duration_seconds').help).toBe('A histogram of the request duration.');
  });

  it("groups a histogram's _bucket, _sum and _count under the family", () => {
    const names = family(result, 'http_request_duration_seconds').samples.map((s) => s.name);
    expect(new Set(names)).toEqual(
      new Set(['http_request_duration_seconds_bucket', 'http_request_duration_seconds_sum', 'http_request_duration_seconds_count']),
    );
  });

  it("groups a summary's quantiles, _sum and _count under the family", () => {
    const samples = family(result, 'rpc_duration_seconds').samples;
    expect(samples.filter((s) => s.labels.quantile !== undefined)).toHaveLength(5);
    expect(samples.find((s) => s.name === 'rpc_duration_seconds_sum')?.value).toBe(17560473);
  });
});

describe('OpenMetrics text is tolerated', () => {
  const result = parsePrometheusText(OPENMETRICS_EXAMPLE);

  it('reads the whole example without skipping a line', () => {
    expect(result.skipped).toEqual([]);
  });

  it('keeps # UNIT', () => {
    expect(family(result, 'acme_http_router_request_seconds').unit).toBe('seconds');
  });

  it('drops exemplars but keeps the sample value', () => {
    expect(
      family(result, 'foo')
        .samples.filter((s) => s.name === 'foo_bucket')
        .map((s) => s.value),
    ).toEqual([0, 8, 11, 17, 17]);
  });

  it('groups _total and _created under a counter family', () => {
    expect(family(result, 'my_counter').samples[0]).toMatchObject({ name: 'my_counter_total', value: 3 });
  });

  it('reads fractional timestamps as seconds', () => {
    expect(family(result, 'my_counter').samples[0]?.timestampMs).toBeCloseTo(1520879607789, 0);
  });

  it('stops at # EOF and counts what follows as skipped', () => {
    const after = parsePrometheusText('a 1\n# EOF\nb 2\n');
    expect(after.families.has('b')).toBe(false);
    expect(after.skipped).toEqual([{ line: 3, reason: 'after # EOF', text: 'b 2' }]);
  });
});

describe('single lines', () => {
  it.each([
    ['a plain integer', 'x 42', 42],
    ['a decimal', 'x 0.5', 0.5],
    ['a leading-dot decimal', 'x .5', 0.5],
    ['an exponent', 'x 1.5e-3', 0.0015],
    ['a signed exponent', 'x -2E+2', -200],
    ['NaN', 'x NaN', NaN],
    ['-Inf', 'x -Inf', -Infinity],
    ['Inf without a sign', 'x Inf', Infinity],
  ])('reads %s', (_, line, expected) => {
    const { value } = only(line);
    if (Number.isNaN(expected)) expect(value).toBeNaN();
    else expect(value).toBe(expected);
  });

  it('allows colons in metric names (recording rules)', () => {
    expect(only('job:http_requests:rate5m 3').name).toBe('job:http_requests:rate5m');
  });

  it('allows a trailing comma, spaces around labels and an empty label set', () => {
    expect(only('x{ a = "1" , b="2", } 1').labels).toEqual({ a: '1', b: '2' });
    expect(only('x{} 7')).toMatchObject({ labels: {}, value: 7 });
  });

  it('keeps unicode, braces, commas and "=" inside label values', () => {
    expect(only('x{msg="héllo, {world} = ✓"} 1').labels.msg).toBe('héllo, {world} = ✓');
  });

  it('reads tabs as whitespace and tolerates CRLF line ends', () => {
    const result = parsePrometheusText('x\t1\r\ny 2\r\n');
    expect(result.skipped).toEqual([]);
    expect(result.families.get('y')?.samples[0]?.value).toBe(2);
  });

  it('reads Prometheus 3 quoted UTF-8 metric names', () => {
    expect(only('{"my.metric", env="prod"} 5')).toMatchObject({ name: 'my.metric', labels: { env: 'prod' }, value: 5 });
  });

  it('unescapes \\\\ and \\n in HELP text', () => {
    const result = parsePrometheusText('# HELP x First line\\nsecond \\\\ part\nx 1');
    expect(result.families.get('x')?.help).toBe('First line\nsecond \\ part');
  });

  it('ignores ordinary comments', () => {
    expect(parsePrometheusText('# just a note\n#another\nx 1').skipped).toEqual([]);
  });
});

describe('malformed lines are skipped and counted, never fatal', () => {
  it.each([
    ['a value that is not a number', 'x abc', 'value "abc" is not a number'],
    ['no value', 'x{a="1"}', 'no value'],
    ['a name starting with a digit', '9x 1', 'does not start with a metric name'],
    ['an unquoted label value', 'x{a=1} 1', 'label a value is not quoted'],
    ['an unclosed label value', 'x{a="1} 1', 'label value not closed'],
    ['unclosed labels', 'x{a="1" 1', 'expected "," or "}"'],
    ['a label without "="', 'x{a} 1', 'label a has no "="'],
    ['an invalid escape', 'x{a="\\t"} 1', 'invalid escape'],
    ['a duplicated label', 'x{a="1",a="2"} 1', 'label a appears twice'],
    ['extra fields', 'x 1 2 3', 'unexpected "3" after the value'],
    ['a timestamp that is not a number', 'x 1 yesterday', 'timestamp "yesterday" is not a number'],
    ['an unknown TYPE', '# TYPE y widget', 'unknown metric type "widget"'],
    ['HTML instead of metrics', '<html><body>502 Bad Gateway</body></html>', 'does not start with a metric name'],
  ])('%s', (_, line, reason) => {
    expect(skipReason(line)).toContain(reason);
  });

  it("skips a TYPE that comes after the family's samples, keeping the samples", () => {
    const result = parsePrometheusText('x 1\n# TYPE x gauge\nx 2');
    expect(result.skipped.map((s) => s.line)).toEqual([2]);
    expect(result.families.get('x')?.samples.map((s) => s.value)).toEqual([1, 2]);
  });

  it('skips a second HELP for the same family', () => {
    expect(parsePrometheusText('# HELP x one\n# HELP x two\nx 1').skipped).toHaveLength(1);
  });

  it('clips the text of a very long bad line to 200 characters', () => {
    const result = parsePrometheusText(`x ${'9'.repeat(5000)}z`);
    expect(result.skipped[0]?.text).toHaveLength(200);
  });

  it('reads a whole body of garbage as zero families and every line skipped', () => {
    const garbage = '\u0000\u0001binary\n{{{{\n"quoted"\n=== 1';
    const result = parsePrometheusText(garbage);
    expect(result.families.size).toBe(0);
    expect(result.skipped).toHaveLength(4);
  });

  it('treats an empty body as empty, not as an error', () => {
    expect(parsePrometheusText('')).toEqual({ families: new Map(), skipped: [] });
  });
});
