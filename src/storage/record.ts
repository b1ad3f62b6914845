import { z } from 'zod';

/** Every key this app owns starts with this; anything else in storage belongs to someone else. */
export const OWN_PREFIX = 'agent-console/';
export const SCHEMA_VERSION = 2;

export const recordKindSchema = z.enum(['layout', 'widget-settings', 'draft', 'stream-cursor', 'preferences']);
export type RecordKind = z.infer<typeof recordKindSchema>;

/** The envelope around every stored value: versioned, with when it was saved and last used. */
export const storedRecordSchema = z.object({
  v: z.literal(SCHEMA_VERSION),
  kind: recordKindSchema,
  /** Monotonic save stamp: the newest record across tiers and tabs wins. */
  rev: z.number(),
  usedAt: z.number(),
  data: z.unknown(),
});
export type StoredRecord = z.infer<typeof storedRecordSchema>;

/** Version 1 stored the value bare with `savedAt`; it lifts into the current envelope unchanged. */
const recordV1Schema = z.object({ v: z.literal(1), kind: recordKindSchema, savedAt: z.number(), value: z.unknown() });

export type DecodeResult = { record: StoredRecord; migrated: boolean } | { error: string };

export function ownKey(kind: RecordKind, id: string): string {
  return `${OWN_PREFIX}${kind}/${id}`;
}

export function isOwnKey(key: string): boolean {
  return key.startsWith(OWN_PREFIX) && !key.startsWith(QUARANTINE_PREFIX);
}

export const QUARANTINE_PREFIX = `${OWN_PREFIX}quarantine/`;

/** Parses a stored string: current records as they are, older versions migrated, anything else an error. */
export function decodeRecord(raw: string): DecodeResult {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return { error: 'not valid JSON' };
  }
  const current = storedRecordSchema.safeParse(parsed);
  if (current.success) return { record: current.data, migrated: false };
  const v1 = recordV1Schema.safeParse(parsed);
  if (v1.success)
    return { record: { v: SCHEMA_VERSION, kind: v1.data.kind, rev: v1.data.savedAt, usedAt: v1.data.savedAt, data: v1.data.value }, migrated: true };
  const version = typeof parsed === 'object' && parsed !== null && 'v' in parsed ? String((parsed as { v: unknown }).v) : 'none';
  return { error: `unknown schema version ${version}` };
}

export function encodeRecord(record: StoredRecord): string {
  return JSON.stringify(record);
}
