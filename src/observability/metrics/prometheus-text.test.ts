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

// Parsed in each test, not when the file loads: what runs at load belongs to no test, and a mutant
// only it reaches would be tried against none of the tests that read its result.
const documented = () => parsePrometheusText(DOCUMENTED_EXAMPLE);
const openMetrics = () => parsePrometheusText(OPENMETRICS_EXAMPLE);
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
  it('skips nothing and finds every family, typed as declared', () => {
    expect(documented().skipped).toEqual([]);
    expect([...documented().families.values()].map((f) => [f.name, f.type, f.samples.length])).toEqual([
      ['http_requests_total', 'counter', 2],
      ['msdos_file_access_time_seconds', 'untyped', 1],
      ['metric_without_timestamp_and_labels', 'untyped', 1],
      ['something_weird', 'untyped', 1],
      ['http_request_duration_seconds', 'histogram', 8],
      ['rpc_duration_seconds', 'summary', 7],
    ]);
  });

  it('reads labels, values and timestamps', () => {
    expect(family(documented(), 'http_requests_total').samples[1]).toEqual({
      name: 'http_requests_total',
      labels: { method: 'post', code: '400' },
      value: 3,
      timestampMs: 1395066363000,
    });
  });

  it('unescapes backslashes, quotes and newlines in label values', () => {
    expect(family(documented(), 'msdos_file_access_time_seconds').samples[0]?.labels).toEqual({
      path: 'C:\\DIR\\FILE.TXT',
      error: 'Cannot find file:\n"FILE.TXT"',
    });
  });

  it('reads +Inf and a negative timestamp', () => {
    expect(family(documented(), 'something_weird').samples[0]).toMatchObject({ value: Infinity, timestampMs: -3982045 });
  });

  it('keeps HELP text', () => {
    expect(family(documented(), 'http_request_duration_seconds').help).toBe('A histogram of the request duration.');
  });

  it("groups a histogram's _bucket, _sum and _count under the family", () => {
    const names = family(documented(), 'http_request_duration_seconds').samples.map((s) => s.name);
    expect(new Set(names)).toEqual(
      new Set(['http_request_duration_seconds_bucket', 'http_request_duration_seconds_sum', 'http_request_duration_seconds_count']),
    );
  });

  it("groups a summary's quantiles, _sum and _count under the family", () => {
    const samples = family(documented(), 'rpc_duration_seconds').samples;
    expect(samples.filter((s) => s.labels.quantile !== undefined)).toHaveLength(5);
    expect(samples.find((s) => s.name === 'rpc_duration_seconds_sum')?.value).toBe(17560473);
  });
});

describe('OpenMetrics text is tolerated', () => {
  it('reads the whole example without skipping a line', () => {
    expect(openMetrics().skipped).toEqual([]);
  });

  it('keeps # UNIT', () => {
    expect(family(openMetrics(), 'acme_http_router_request_seconds').unit).toBe('seconds');
  });

  it('drops exemplars but keeps the sample value', () => {
    expect(
      family(openMetrics(), 'foo')
        .samples.filter((s) => s.name === 'foo_bucket')
        .map((s) => s.value),
    ).toEqual([0, 8, 11, 17, 17]);
  });

  it('groups _total and _created under a counter family', () => {
    expect(family(openMetrics(), 'my_counter').samples[0]).toMatchObject({ name: 'my_counter_total', value: 3 });
  });

  it('reads fractional timestamps as seconds', () => {
    expect(family(openMetrics(), 'my_counter').samples[0]?.timestampMs).toBeCloseTo(1520879607789, 0);
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

  it.each([
    ['+Inf', 'x +Inf', Infinity],
    ['Infinity', 'x Infinity', Infinity],
    ['-Infinity', 'x -Infinity', -Infinity],
  ])('reads %s as an infinity', (_, line, expected) => {
    expect(only(line).value).toBe(expected);
  });

  it.each([
    ['integer milliseconds (0.0.4)', 'x 1 1700000000000', 1_700_000_000_000],
    ['a fraction of seconds (OpenMetrics)', 'x 1 1.5', 1_500],
    ['seconds with an exponent (OpenMetrics)', 'x 1 1e3', 1_000_000],
    ['milliseconds after several spaces', 'x   1    1700', 1_700],
  ])('reads a timestamp of %s', (_, line, expected) => {
    expect(only(line)).toMatchObject({ value: 1, timestampMs: expected });
  });

  it('reads an indented line', () => {
    expect(only('   x 1')).toMatchObject({ name: 'x', value: 1 });
  });

  it('unescapes \\", \\\\ and \\n in a label value', () => {
    expect(only('x{a="q\\"b\\\\c\\nd"} 1').labels).toEqual({ a: 'q"b\\c\nd' });
  });

  it('reads quoted label names, with or without space before "="', () => {
    expect(only('x{"a.b"="1", "c d" ="2"} 1').labels).toEqual({ 'a.b': '1', 'c d': '2' });
  });

  it('reads HELP, TYPE and UNIT with any run of spaces, a TYPE in capitals and a HELP without text', () => {
    const result = parsePrometheusText('#  HELP   x   Requests served.\n#\tTYPE  x  COUNTER\n# UNIT x seconds\n# HELP y\nx_total 1\ny 2');
    expect(result.skipped).toEqual([]);
    expect(family(result, 'x')).toMatchObject({ help: 'Requests served.', type: 'counter', unit: 'seconds', samples: [{ name: 'x_total' }] });
    expect(family(result, 'y').help).toBe('');
  });

  it('a comment that mentions TYPE later on is an ordinary comment', () => {
    const result = parsePrometheusText('# see # TYPE x gauge\nx 1');
    expect(result.skipped).toEqual([]);
    expect(family(result, 'x').type).toBe('untyped');
  });

  it("a sample joins a family only by its own type's suffixes", () => {
    const result = parsePrometheusText('# TYPE x counter\nx_bucket 1\n# TYPE a histogram\naxxxxxxx 2\na_count 3');
    expect([...result.families.values()].map((found) => [found.name, found.samples.map((sample) => sample.name)])).toEqual([
      ['x', []],
      ['x_bucket', ['x_bucket']],
      ['a', ['a_count']],
      ['axxxxxxx', ['axxxxxxx']],
    ]);
  });

  it('ignores ordinary comments', () => {
    expect(parsePrometheusText('# just a note\n#another\nx 1').skipped).toEqual([]);
  });
});

describe('malformed lines are skipped and counted, never fatal', () => {
  it.each([
    ['a value that is not a number', 'x abc', 'value "abc" is not a number'],
    ['a long value that is not a number, quoted up to 40 characters', `x ${'9'.repeat(50)}z`, `value "${'9'.repeat(40)}" is not a number`],
    ['no value', 'x{a="1"}', 'no value'],
    ['no value after a bare name', 'x', 'no value'],
    ['text glued to the labels, quoted up to 20 characters', `x{a="1"}${'z'.repeat(30)} 1`, `unexpected "${'z'.repeat(20)}" after x`],
    ['text glued to the labels before a space', 'x{a="1"}z 1', 'unexpected "z 1" after x'],
    ['a name starting with a digit', '9x 1', 'does not start with a metric name'],
    ['a quoted-name sample without a name', '{env="prod"} 5', 'no metric name'],
    ['an unquoted label value', 'x{a=1} 1', 'label a value is not quoted'],
    ['an unclosed label value', 'x{a="1} 1', 'label value not closed'],
    ['labels that end with the line', 'x{a="1"', 'labels not closed'],
    ['a missing comma between labels', 'x{a="1" 1', 'expected "," or "}" at "1"'],
    ['a long run after a label, quoted up to 20 characters', `x{a="1" ${'b'.repeat(30)}} 1`, `expected "," or "}" at "${'b'.repeat(20)}"`],
    ['a label without "="', 'x{a} 1', 'label a has no "="'],
    ['a quoted label name without a value', 'x{"a.b"} 1', 'label a.b has no value'],
    ['a label name that is not one, quoted up to 20 characters', `x{${'-'.repeat(30)}="1"} 1`, `invalid label name at "${'-'.repeat(20)}"`],
    ['an invalid escape', 'x{a="\\t"} 1', 'invalid escape "\\t" in a label value'],
    ['a backslash ending the line', 'x{a="\\', 'invalid escape "\\" in a label value'],
    ['a duplicated label', 'x{a="1",a="2"} 1', 'label a appears twice'],
    ['an extra field', 'x 1 2 3', 'unexpected "3" after the value'],
    ['extra fields', 'x 1 2 3 4', 'unexpected "3 4" after the value'],
    ['a timestamp that is not a number', 'x 1 yesterday', 'timestamp "yesterday" is not a number'],
    ['a long timestamp, quoted up to 40 characters', `x 1 ${'7'.repeat(50)}x`, `timestamp "${'7'.repeat(40)}" is not a number`],
    ['an infinity with more after it', 'x Infx', 'value "Infx" is not a number'],
    ['a negative infinity with more after it', 'x -Infinityx', 'value "-Infinityx" is not a number'],
    ['a doubled minus before an infinity', 'x --Inf', 'value "--Inf" is not a number'],
    ['an unknown TYPE', '# TYPE y widget', 'unknown metric type "widget" for y'],
    ['a HELP for a name that is not one', '# HELP 9x help', 'invalid metric name "9x" in # HELP'],
    ['a TYPE for a name with a character no name has', '# TYPE x:y-z counter', 'invalid metric name "x:y-z" in # TYPE'],
    ['HTML instead of metrics', '<html><body>502 Bad Gateway</body></html>', 'does not start with a metric name'],
  ])('%s', (_, line, reason) => {
    expect(skipReason(line)).toBe(reason);
  });

  it('skips a second TYPE for a family, keeping the first', () => {
    const result = parsePrometheusText('# TYPE x counter\n# TYPE x gauge\nx_total 1');
    expect(result.skipped).toEqual([{ line: 2, reason: 'TYPE for x comes after its samples or a first TYPE', text: '# TYPE x gauge' }]);
    expect(family(result, 'x')).toMatchObject({ type: 'counter', samples: [{ name: 'x_total', value: 1 }] });
  });

  it("skips a TYPE that comes after the family's samples, keeping the samples", () => {
    const result = parsePrometheusText('x 1\n# TYPE x gauge\nx 2');
    expect(result.skipped).toEqual([{ line: 2, reason: 'TYPE for x comes after its samples or a first TYPE', text: '# TYPE x gauge' }]);
    expect(result.families.get('x')?.samples.map((s) => s.value)).toEqual([1, 2]);
  });

  it('skips a second HELP for the same family', () => {
    const result = parsePrometheusText('# HELP x one\n# HELP x two\nx 1');
    expect(result.skipped).toEqual([{ line: 2, reason: 'second HELP for x', text: '# HELP x two' }]);
    expect(family(result, 'x').help).toBe('one');
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
