import { useCallback, useEffect, useState } from 'react';
import { APPROVALS_TOPIC, type Approval } from '../api/contract';
import { api } from '../api/endpoints';
import { overlayById } from '../api/overlay';
import { useResource } from '../api/use-resource';
import { useLiveConnection } from '../streaming/LiveProvider';

/**
 * The approval queue's data: the loaded list, proposals arriving on the live connection, and
 * local truth on top (optimistic decisions, re-read answers). A live event naming a listed
 * proposal updates it. After a lost connection the list
 * is fetched again, so nothing published while the tab was away goes missing.
 */
export function useApprovalQueue() {
  const resource = useResource(api.approvals);
  const live = useLiveConnection();
  const [arrived, setArrived] = useState<Approval[]>([]);
  // Keyed by server ids in a Map: an id like `__proto__` or `constructor` is an id like any other.
  const [overrides, setOverrides] = useState<ReadonlyMap<string, Approval>>(new Map());
  const { reload } = resource;

  useEffect(
    () =>
      live.subscribe(APPROVALS_TOPIC, {
        onMessage: (message) => {
          if (message.kind !== 'approval') return;
          const approval = message.payload;
          setArrived((current) => [approval, ...current.filter((other) => other.id !== approval.id)]);
        },
        onResume: reload,
        onReset: reload,
      }),
    [live, reload],
  );

  const loaded = resource.data?.items ?? [];
  const fresh = arrived.filter((approval) => !loaded.some((other) => other.id === approval.id));
  // A live event about a listed proposal (a decision made elsewhere) updates its card, unless it
  // would take a decided proposal back to pending (an event older than the list).
  const arrivedById = new Map(arrived.map((approval) => [approval.id, approval]));
  const listed = loaded.map((approval) => {
    const update = arrivedById.get(approval.id);
    return update && !(update.status === 'pending' && approval.status !== 'pending') ? update : approval;
  });
  const approvals = overlayById([...fresh, ...listed], overrides);
  const setOne = useCallback((approval: Approval) => setOverrides((current) => new Map(current).set(approval.id, approval)), []);

  return { resource, approvals, unreadable: resource.data?.unreadable ?? [], setOne };
}
