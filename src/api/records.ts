import { z } from 'zod';
import { warnOnce } from './warn-once';

/** A record the server sent that this console cannot read: set aside and named, never hiding the rest. */
export interface UnreadableRecord {
  /** Its position in the server's list. */
  index: number;
  /** Its id, when it had a readable one. */
  id?: string;
  /** What was wrong, one line per problem (`status: expected one of … (got "paused")`). */
  problems: string[];
}

export interface Records<T> {
  items: T[];
  unreadable: UnreadableRecord[];
}

const MAX_PROBLEMS = 3;

/** Checks each record alone: the valid ones are kept in order, each bad one is named once in the log. */
export function splitRecords<T>(raw: readonly unknown[], schema: z.ZodType<T>, noun: string): Records<T> {
  const items: T[] = [];
  const unreadable: UnreadableRecord[] = [];
  raw.forEach((record, index) => {
    const parsed = schema.safeParse(record);
    if (parsed.success) {
      items.push(parsed.data);
      return;
    }
    const id = idOf(record);
    const problems = describeIssues(parsed.error, record);
    unreadable.push(id === undefined ? { index, problems } : { index, id, problems });
    warnOnce(`${noun}:${id ?? `#${index}`}:${problems.join(';')}`, `[records] set aside ${noun} ${id ?? `#${index + 1}`}: ${problems.join('; ')}`);
  });
  return { items, unreadable };
}

/** `{ [key]: [...] }` whose envelope must be right but whose records are checked one by one. */
export function recordListSchema<K extends string, T>(key: K, item: z.ZodType<T>, noun: string) {
  return z
    .object({ [key]: z.array(z.unknown()) } as Record<K, z.ZodArray<z.ZodUnknown>>)
    .transform((body) => splitRecords((body as Record<K, unknown[]>)[key], item, noun));
}

/** A page of records (`{ [key]: [...], nextCursor }`), checked one by one like recordListSchema. */
export function recordPageSchema<K extends string, T>(key: K, item: z.ZodType<T>, noun: string) {
  return z
    .object({ [key]: z.array(z.unknown()), nextCursor: z.string().nullable() } as Record<K, z.ZodArray<z.ZodUnknown>> & {
      nextCursor: z.ZodNullable<z.ZodString>;
    })
    .transform((body) => ({
      ...splitRecords((body as Record<K, unknown[]>)[key], item, noun),
      nextCursor: (body as { nextCursor: string | null }).nextCursor,
    }));
}

/** Zod's issues as short lines a person can act on, each with the value that was received. */
export function describeIssues(error: z.ZodError, record: unknown): string[] {
  const lines = error.issues.slice(0, MAX_PROBLEMS).map((issue) => {
    const path = issue.path.map(String).join('.') || 'record';
    const got = valueAt(record, issue.path);
    const received = got === undefined ? ' (missing)' : ` (got ${preview(got)})`;
    return `${path}: ${issue.message}${received}`;
  });
  if (error.issues.length > MAX_PROBLEMS) lines.push(`and ${error.issues.length - MAX_PROBLEMS} more problems`);
  return lines;
}

function idOf(record: unknown): string | undefined {
  if (typeof record !== 'object' || record === null) return undefined;
  const id = (record as { id?: unknown }).id;
  return typeof id === 'string' && id.length > 0 ? id.slice(0, 80) : undefined;
}

function valueAt(record: unknown, path: readonly PropertyKey[]): unknown {
  let current: unknown = record;
  for (const key of path) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

function preview(value: unknown): string {
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}
