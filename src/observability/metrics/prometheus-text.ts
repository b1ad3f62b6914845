/**
 * A parser for the Prometheus text exposition format (0.0.4), tolerant of OpenMetrics 1.0 text
 * (`# EOF`, exemplars, `# UNIT`). Written here because no maintained JavaScript parser exists.
 *
 * Every line is read on its own: a malformed one is skipped and reported with its line number and
 * the reason, and never stops the lines after it.
 */

export type MetricType = 'counter' | 'gauge' | 'histogram' | 'summary' | 'untyped' | 'gaugehistogram' | 'stateset' | 'info' | 'unknown';
const METRIC_TYPES: readonly string[] = ['counter', 'gauge', 'histogram', 'summary', 'untyped', 'gaugehistogram', 'stateset', 'info', 'unknown'];

export type Labels = Record<string, string>;

export interface Sample {
  /** The sample's own name, e.g. `a2a_request_duration_seconds_bucket`. */
  name: string;
  labels: Labels;
  value: number;
  /** Milliseconds since the epoch, when the line carries a timestamp. */
  timestampMs?: number;
}

export interface MetricFamily {
  name: string;
  type: MetricType;
  help?: string;
  unit?: string;
  samples: Sample[];
}

export interface SkippedLine {
  line: number;
  reason: string;
  /** The line as received, clipped to 200 characters. */
  text: string;
}

export interface Exposition {
  /** Families by name, in the order first seen; samples without a TYPE form an untyped family of their own. */
  families: Map<string, MetricFamily>;
  skipped: SkippedLine[];
}

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*/;
/** Suffixes a histogram, summary or OpenMetrics counter adds to its family name. */
const FAMILY_SUFFIXES: Record<string, readonly string[]> = {
  histogram: ['_bucket', '_sum', '_count', '_created'],
  gaugehistogram: ['_bucket', '_gsum', '_gcount'],
  summary: ['_sum', '_count', '_created'],
  counter: ['_total', '_created'],
  info: ['_info'],
};

class LineError extends Error {}

export function parsePrometheusText(text: string): Exposition {
  const families = new Map<string, MetricFamily>();
  const skipped: SkippedLine[] = [];
  const lines = text.split(/\r?\n/);
  let ended = false;
  lines.forEach((raw, index) => {
    const line = raw.trim();
    if (line === '') return;
    const skip = (reason: string) => skipped.push({ line: index + 1, reason, text: raw.slice(0, 200) });
    if (ended) return skip('after # EOF');
    try {
      if (line.startsWith('#')) {
        if (line === '# EOF') ended = true;
        else readComment(line, families);
        return;
      }
      const sample = readSample(line);
      familyFor(sample.name, families).samples.push(sample);
    } catch (error) {
      skip(error instanceof LineError ? error.message : String(error));
    }
  });
  return { families, skipped };
}

function readComment(line: string, families: Map<string, MetricFamily>): void {
  const match = /^#\s+(HELP|TYPE|UNIT)\s+(\S+)(?:\s+(.*))?$/.exec(line);
  if (!match) return; // An ordinary comment.
  const [, keyword, name = '', rest = ''] = match;
  if (!METRIC_NAME.test(name) || METRIC_NAME.exec(name)?.[0] !== name) throw new LineError(`invalid metric name "${name}" in # ${keyword}`);
  const family = families.get(name) ?? declare(name, families);
  if (keyword === 'HELP') {
    if (family.help !== undefined) throw new LineError(`second HELP for ${name}`);
    family.help = unescapeHelp(rest);
  } else if (keyword === 'UNIT') {
    family.unit = rest;
  } else {
    const type = rest.trim().toLowerCase();
    if (!METRIC_TYPES.includes(type)) throw new LineError(`unknown metric type "${rest}" for ${name}`);
    if (family.type !== 'untyped' || family.samples.length > 0) throw new LineError(`TYPE for ${name} comes after its samples or a first TYPE`);
    family.type = type as MetricType;
  }
}

function declare(name: string, families: Map<string, MetricFamily>): MetricFamily {
  const family: MetricFamily = { name, type: 'untyped', samples: [] };
  families.set(name, family);
  return family;
}

/** The family a sample belongs to: its own name, or a declared family whose suffix it carries. */
function familyFor(sampleName: string, families: Map<string, MetricFamily>): MetricFamily {
  return families.get(sampleName) ?? suffixFamily(sampleName, families) ?? declare(sampleName, families);
}

function suffixFamily(sampleName: string, families: Map<string, MetricFamily>): MetricFamily | undefined {
  for (const [type, suffixes] of Object.entries(FAMILY_SUFFIXES)) {
    for (const suffix of suffixes) {
      if (!sampleName.endsWith(suffix)) continue;
      const candidate = families.get(sampleName.slice(0, -suffix.length));
      if (candidate?.type === type) return candidate;
    }
  }
  return undefined;
}

function readSample(line: string): Sample {
  let rest = line;
  let name = '';
  const labels: Labels = {};
  if (rest.startsWith('{')) {
    // Prometheus 3 UTF-8 names: {"my.metric", label="value"}.
    rest = readLabels(rest, labels, (quotedName) => {
      name = quotedName;
    });
    if (!name) throw new LineError('no metric name');
  } else {
    const match = METRIC_NAME.exec(rest);
    if (!match) throw new LineError('does not start with a metric name');
    name = match[0];
    rest = rest.slice(name.length);
    if (rest.startsWith('{')) rest = readLabels(rest, labels);
  }
  if (!/^\s/.test(rest)) throw new LineError(rest === '' ? 'no value' : `unexpected "${rest.slice(0, 20)}" after ${name}`);
  // OpenMetrics exemplar: "value [timestamp] # {labels} value [timestamp]"; tolerated, not kept.
  const exemplarAt = rest.indexOf(' # ');
  const fields = (exemplarAt === -1 ? rest : rest.slice(0, exemplarAt)).trim().split(/\s+/);
  if (fields.length > 2) throw new LineError(`unexpected "${fields.slice(2).join(' ')}" after the value`);
  const value = parseValue(fields[0] ?? '');
  const sample: Sample = { name, labels, value };
  if (fields[1] !== undefined) sample.timestampMs = parseTimestamp(fields[1]);
  return sample;
}

/** Reads `{name="value",...}` into `labels`; returns what follows the closing brace. */
function readLabels(text: string, labels: Labels, onBareName?: (name: string) => void): string {
  let rest = text.slice(1).trimStart();
  while (!rest.startsWith('}')) {
    let labelName: string;
    if (rest.startsWith('"')) {
      const [quoted, after] = readQuoted(rest);
      rest = after.trimStart();
      if (!rest.startsWith('=')) {
        if (!onBareName) throw new LineError(`label ${quoted} has no value`);
        onBareName(quoted);
        rest = skipSeparator(rest);
        continue;
      }
      labelName = quoted;
    } else {
      const match = LABEL_NAME.exec(rest);
      if (!match) throw new LineError(`invalid label name at "${rest.slice(0, 20)}"`);
      labelName = match[0];
      rest = rest.slice(labelName.length).trimStart();
    }
    if (!rest.startsWith('=')) throw new LineError(`label ${labelName} has no "="`);
    rest = rest.slice(1).trimStart();
    if (!rest.startsWith('"')) throw new LineError(`label ${labelName} value is not quoted`);
    const [value, after] = readQuoted(rest);
    if (Object.hasOwn(labels, labelName)) throw new LineError(`label ${labelName} appears twice`);
    labels[labelName] = value;
    rest = skipSeparator(after.trimStart());
  }
  return rest.slice(1);
}

function skipSeparator(rest: string): string {
  if (rest.startsWith(',')) return rest.slice(1).trimStart();
  if (rest.startsWith('}')) return rest;
  throw new LineError(rest === '' ? 'labels not closed' : `expected "," or "}" at "${rest.slice(0, 20)}"`);
}

/** Reads a double-quoted string with the format's escapes (\\, \", \n); returns it and what follows. */
function readQuoted(text: string): [string, string] {
  let value = '';
  for (let index = 1; index < text.length; index += 1) {
    const char = text[index];
    if (char === '"') return [value, text.slice(index + 1)];
    if (char === '\\') {
      const next = text[index + 1];
      if (next === 'n') value += '\n';
      else if (next === '\\' || next === '"') value += next;
      else throw new LineError(`invalid escape "\\${next ?? ''}" in a label value`);
      index += 1;
    } else {
      value += char;
    }
  }
  throw new LineError('label value not closed');
}

function unescapeHelp(text: string): string {
  return text.replace(/\\([\\n])/g, (_, char: string) => (char === 'n' ? '\n' : '\\'));
}

const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/** A sample value as Go's ParseFloat reads it (the format's reference): decimals, NaN, ±Inf. */
export function parseValue(text: string): number {
  if (NUMBER.test(text)) return Number(text);
  const lower = text.toLowerCase();
  if (lower === 'nan') return Number.NaN;
  if (/^\+?inf(inity)?$/.test(lower)) return Number.POSITIVE_INFINITY;
  if (/^-inf(inity)?$/.test(lower)) return Number.NEGATIVE_INFINITY;
  throw new LineError(text === '' ? 'no value' : `value "${text.slice(0, 40)}" is not a number`);
}

/** 0.0.4 timestamps are integer milliseconds; OpenMetrics ones are (fractional) seconds. */
function parseTimestamp(text: string): number {
  if (/^-?\d+$/.test(text)) return Number(text);
  if (NUMBER.test(text)) return Number(text) * 1000;
  throw new LineError(`timestamp "${text.slice(0, 40)}" is not a number`);
}
