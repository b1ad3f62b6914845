import { useCallback, useEffect, useState, type ComponentProps } from 'react';
import type { Approval, Decision } from '../api/contract';
import { api } from '../api/endpoints';
import { ApiError, describeError } from '../api/errors';
import { useResource } from '../api/use-resource';
import { useAuth } from '../app/auth';
import { ApprovalCard, type SubmitState } from '../hitl/ApprovalCard';
import { usePersisted } from '../storage/use-persisted';
import { followApprovalFeed } from '../streaming/approval-feed';
import { WidgetFrame } from '../widgets/WidgetFrame';

export function ApprovalsPage() {
  const { session } = useAuth();
  const resource = useResource(useCallback((signal: AbortSignal) => api.approvals(signal).then((body) => body.approvals), []));
  // Local truth on top of the loaded list: optimistic decisions and server answers, by id.
  const [overrides, setOverrides] = useState<Record<string, Approval>>({});
  const [submits, setSubmits] = useState<Record<string, SubmitState & { decision?: Decision }>>({});
  const readOnly = session?.user.role !== 'reviewer';

  const [arrived, setArrived] = useState<Approval[]>([]);
  useEffect(() => followApprovalFeed((approval) => setArrived((current) => [approval, ...current.filter((other) => other.id !== approval.id)])), []);
  const loaded = resource.data ?? [];
  const fresh = arrived.filter((approval) => !loaded.some((other) => other.id === approval.id));
  const approvals = [...fresh, ...loaded].map((approval) => overrides[approval.id] ?? approval);
  const setOne = (approval: Approval) => setOverrides((current) => ({ ...current, [approval.id]: approval }));

  // Optimistic: the card shows the decision at once and rolls back with a message if the server refuses.
  const decide = async (approvalId: string, decision: Decision) => {
    const before = approvals.find((approval) => approval.id === approvalId);
    if (!before) return;
    setSubmits((current) => ({ ...current, [approvalId]: { phase: 'submitting', decision } }));
    setOne({ ...before, status: decision.decision === 'approve' ? 'approved' : 'rejected', ...(decision.reason ? { reason: decision.reason } : {}) });
    try {
      const saved = await api.decide(approvalId, decision);
      setOne(saved);
      setSubmits((current) => ({ ...current, [approvalId]: { phase: 'idle' } }));
    } catch (error) {
      setOne(before);
      const message = error instanceof ApiError && error.kind === 'conflict' ? `${describeError(error)} Reload to see the decision.` : describeError(error);
      setSubmits((current) => ({ ...current, [approvalId]: { phase: 'failed', message, decision } }));
    }
  };

  const pending = approvals.filter((approval) => approval.status === 'pending').length;
  return (
    <>
      <h1>Approval queue</h1>
      <p className="muted" role="status">{pending} {pending === 1 ? 'proposal waits' : 'proposals wait'} for review</p>
      <WidgetFrame title="Proposals" status={resource.status} error={resource.error} onRetry={resource.reload}>
        {approvals.length === 0 ? <p className="muted">Nothing to review.</p> : (
          <div className="stack">
            {approvals.map((approval) => {
              const submit = submits[approval.id];
              return (
                <ApprovalItem
                  key={approval.id}
                  approval={approval}
                  readOnly={readOnly}
                  submit={submit ?? { phase: 'idle' }}
                  onApprove={(id) => void decide(id, { decision: 'approve' })}
                  onReject={(id, reason) => void decide(id, { decision: 'reject', reason })}
                  onRetry={submit?.decision ? () => void decide(approval.id, submit.decision as Decision) : undefined}
                />
              );
            })}
          </div>
        )}
      </WidgetFrame>
    </>
  );
}

/** A card with its unsent rejection reason kept in storage until the decision lands. */
function ApprovalItem(props: Omit<ComponentProps<typeof ApprovalCard>, 'draft' | 'onDraftChange'>) {
  const draft = usePersisted<string>('draft', props.approval.id, '');
  const decided = props.approval.status !== 'pending' && props.submit?.phase === 'idle';
  const { clear } = draft;
  useEffect(() => { if (decided) clear(); }, [decided, clear]);
  if (!draft.ready) return null;
  return <ApprovalCard {...props} draft={draft.value} onDraftChange={draft.update} />;
}
