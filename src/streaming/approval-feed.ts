import { EventSourceParserStream } from 'eventsource-parser/stream';
import { API_ROUTES, approvalSchema, type Approval } from '../api/contract';
import { apiUrl, authHeaders } from '../api/client';

/**
 * Follows the "new proposal" feed. A broken connection is retried after `retryMs`;
 * events that do not match the contract are skipped with a warning. Returns a stop function.
 */
export function followApprovalFeed(onApproval: (approval: Approval) => void, retryMs = 2_000): () => void {
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const controller = new AbortController();

  const connect = async (): Promise<void> => {
    try {
      const response = await fetch(apiUrl(API_ROUTES.approvalEvents), { headers: { accept: 'text/event-stream', ...authHeaders() }, signal: controller.signal });
      if (!response.ok || !response.body) throw new Error(`HTTP ${response.status}`);
      const events = response.body.pipeThrough(new TextDecoderStream()).pipeThrough(new EventSourceParserStream());
      for await (const message of events) {
        if (message.event !== 'approval') continue;
        try {
          const parsed = approvalSchema.safeParse(JSON.parse(message.data));
          if (parsed.success) onApproval(parsed.data);
          else console.warn('[approvals feed] skipped a proposal that does not match the contract');
        } catch {
          console.warn('[approvals feed] skipped a malformed event');
        }
      }
    } catch {
      // Falls through to the reconnect below; the queue itself stays usable meanwhile.
    }
    if (!stopped) timer = setTimeout(() => void connect(), retryMs);
  };

  void connect();
  return () => {
    stopped = true;
    clearTimeout(timer);
    controller.abort();
  };
}
