import { LIVE_PAYLOADS, liveKindSchema, type LiveEvent } from '../api/contract';
import { warnOnce } from '../api/warn-once';

/**
 * One numbered SSE message as the contract's typed event, or undefined (warned once per kind of
 * fault) when its kind is unknown, its data is not JSON, or the payload does not match its kind.
 * Every live event is decoded here, once, before any subscriber sees it.
 */
export function decodeLiveEvent(topic: string, seq: number, event: string | undefined, data: string): LiveEvent | undefined {
  // SSE: an event without an `event:` field, or with an empty one, is a "message".
  const name = event || 'message';
  const kind = liveKindSchema.safeParse(name);
  if (!kind.success) {
    warnOnce(`live:unknown-kind:${name}`, `[live] skipped an event of a kind this console does not know ("${name.slice(0, 80)}") on ${topic.slice(0, 200)}`);
    return undefined;
  }
  let json: unknown;
  try {
    json = JSON.parse(data);
  } catch {
    warnOnce(`live:malformed:${data.slice(0, 80)}`, `[live ${topic.slice(0, 200)}] skipped a malformed event: ${data.slice(0, 200)}`);
    return undefined;
  }
  const payload = LIVE_PAYLOADS[kind.data].safeParse(json);
  if (!payload.success) {
    warnOnce(
      `live:off-contract:${data.slice(0, 80)}`,
      `[live ${topic.slice(0, 200)}] skipped a "${kind.data}" event that does not match the contract: ${data.slice(0, 200)}`,
    );
    return undefined;
  }
  return { topic, seq, kind: kind.data, payload: payload.data } as LiveEvent;
}
