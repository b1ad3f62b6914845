import { useEffect, useState, type ComponentProps } from 'react';
import { z } from 'zod';
import { statusAfter, type Decision } from '../api/contract';
import { useAuth } from '../session/auth';
import { ApprovalCard, type SubmitState } from '../hitl/ApprovalCard';
import { submitDecision } from '../hitl/decide';
import { useApprovalQueue } from '../hitl/use-approval-queue';
import { usePersisted } from '../storage/use-persisted';
import { LiveStatusNotice } from '../streaming/LiveStatusNotice';
import { UnreadableRecords } from '../ui/UnreadableRecords';
import { WidgetFrame } from '../ui/WidgetFrame';

type Submit = SubmitState & { decision?: Decision };

export function ApprovalsPage() {
  const { session } = useAuth();
  const { resource, approvals, unreadable, setOne } = useApprovalQueue();
  const [submits, setSubmits] = useState<ReadonlyMap<string, Submit>>(new Map());
  const readOnly = session?.user.role !== 'reviewer';
  const setSubmit = (approvalId: string, submit: Submit) => setSubmits((current) => new Map(current).set(approvalId, submit));

  // Optimistic: the card shows the decision at once; the outcome (or the re-read truth) settles it.
  const decide = async (approvalId: string, decision: Decision) => {
    const before = approvals.find((approval) => approval.id === approvalId);
    if (!before || !session) return;
    setSubmit(approvalId, { phase: 'submitting', decision });
    setOne({ ...before, status: statusAfter(decision), ...(decision.reason ? { reason: decision.reason } : {}) });
    const outcome = await submitDecision(before, decision, session.user.name);
    setOne(outcome.approval);
    if (outcome.kind === 'saved') setSubmit(approvalId, outcome.note ? { phase: 'idle', note: outcome.note } : { phase: 'idle' });
    else if (outcome.kind === 'decided-elsewhere') setSubmit(approvalId, { phase: 'failed', message: outcome.message });
    else setSubmit(approvalId, { phase: 'failed', message: outcome.message, ...(outcome.retry ? { decision } : {}) });
  };

  const pendingCount = approvals.filter((approval) => approval.status === 'pending').length;
  return (
    <>
      <h1>Approval queue</h1>
      <p className="muted" role="status">
        {pendingCount} {pendingCount === 1 ? 'proposal waits' : 'proposals wait'} for review
      </p>
      <LiveStatusNotice />
      <WidgetFrame title="Proposals" status={resource.status} error={resource.error} onRetry={resource.reload}>
        {approvals.length === 0 && unreadable.length === 0 ? (
          <p className="muted">Nothing to review.</p>
        ) : (
          <div className="stack">
            {approvals.map((approval) => {
              const submit = submits.get(approval.id);
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
            <UnreadableRecords records={unreadable} noun="proposal" />
          </div>
        )}
      </WidgetFrame>
    </>
  );
}

/** A card with its unsent rejection reason kept in storage until the decision lands. */
function ApprovalItem(props: Omit<ComponentProps<typeof ApprovalCard>, 'draft' | 'onDraftChange' | 'draftKept'>) {
  const draft = usePersisted<string>('draft', props.approval.id, '', z.string());
  const decided = props.approval.status !== 'pending' && props.submit?.phase === 'idle';
  const { clear } = draft;
  useEffect(() => {
    if (decided) clear();
  }, [decided, clear]);
  if (!draft.ready) return null;
  const kept = draft.lastSave ? (draft.lastSave.ok ? 'saved' : 'memory') : undefined;
  return <ApprovalCard {...props} draft={draft.value} onDraftChange={draft.update} {...(kept ? { draftKept: kept } : {})} />;
}
