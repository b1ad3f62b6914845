import { useCallback, useEffect, useState } from 'react';
import { APPROVALS_TOPIC, approvalSchema, type Approval } from '../api/contract';
import { api } from '../api/endpoints';
import { useResource } from '../api/use-resource';
import { useLiveConnection } from '../streaming/LiveProvider';
import { warnOnce } from '../api/warn-once';

/** The proposal carried by one `approval` event, or undefined (logged once) when it is unreadable. */
export function approvalOf(data: string): Approval | undefined {
  try {
    const parsed = approvalSchema.safeParse(JSON.parse(data));
    if (parsed.success) return parsed.data;
  } catch {
    // Falls through to the warning: not JSON.
  }
  warnOnce(`approval-event:${data.slice(0, 80)}`, `[approvals] skipped a live proposal this console cannot read: ${data.slice(0, 200)}`);
  return undefined;
}

/**
 * The approval queue's data: the loaded list, proposals arriving on the live connection, and
 * local truth on top (optimistic decisions, re-read answers). After a lost connection the list
 * is fetched again, so nothing published while the tab was away goes missing.
 */
export function useApprovalQueue() {
  const resource = useResource(useCallback((signal: AbortSignal) => api.approvals(signal), []));
  const live = useLiveConnection();
  const [arrived, setArrived] = useState<Approval[]>([]);
  const [overrides, setOverrides] = useState<Record<string, Approval>>({});
  const { reload } = resource;

  useEffect(() => live.subscribe(APPROVALS_TOPIC, {
    onMessage: (message) => {
      const approval = message.kind === 'approval' ? approvalOf(message.data) : undefined;
      if (approval) setArrived((current) => [approval, ...current.filter((other) => other.id !== approval.id)]);
    },
    onResume: reload,
    onReset: reload,
  }), [live, reload]);

  const loaded = resource.data?.items ?? [];
  const fresh = arrived.filter((approval) => !loaded.some((other) => other.id === approval.id));
  const approvals = [...fresh, ...loaded].map((approval) => overrides[approval.id] ?? approval);
  const setOne = useCallback((approval: Approval) => setOverrides((current) => ({ ...current, [approval.id]: approval })), []);

  return { resource, approvals, unreadable: resource.data?.unreadable ?? [], setOne };
}
