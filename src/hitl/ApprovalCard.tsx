import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { ReactNode } from 'react';
import type { Approval } from '../api/contract';
import { shownText, NAME_CHARS, TEXT_PREVIEW_CHARS } from '../ui/agent-text';
import { AgentText } from '../ui/AgentText';
import { HiddenCharactersWarning } from '../ui/HiddenCharactersWarning';

export type SubmitState = { phase: 'idle'; note?: string } | { phase: 'submitting' } | { phase: 'failed'; message: string };

interface ApprovalCardProps {
  approval: Approval;
  /** A viewer sees the proposal but cannot decide it. */
  readOnly?: boolean;
  submit?: SubmitState;
  onApprove?: (approvalId: string) => void;
  onReject?: (approvalId: string, reason: string) => void;
  onRetry?: () => void;
  /** An unsent rejection reason kept from an earlier visit. */
  draft?: string;
  onDraftChange?: (text: string) => void;
  /** Where the last keystroke of the unsent reason was kept: it survives a reload unless 'memory'. */
  draftKept?: 'saved' | 'memory';
}

const STATUS_LABEL: Record<Approval['status'], string> = { pending: 'Waiting for review', approved: 'Approved', rejected: 'Rejected', expired: 'Expired' };

/**
 * A human-in-the-loop proposal. Everything the agent wrote is rendered as text by React
 * (never as HTML), so markup and javascript: links in it stay inert.
 */
export function ApprovalCard({
  approval,
  readOnly = false,
  submit = { phase: 'idle' },
  onApprove,
  onReject,
  onRetry,
  draft = '',
  onDraftChange,
  draftKept,
}: ApprovalCardProps) {
  const [rejecting, setRejecting] = useState(draft !== '');
  // Where focus goes when the form opens or closes, so a keyboard user is never left on nothing.
  const [focusTarget, setFocusTarget] = useState<'reason' | 'reject' | null>(null);
  const reasonField = useRef<HTMLTextAreaElement>(null);
  const rejectButton = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (focusTarget === 'reason') reasonField.current?.focus();
    if (focusTarget === 'reject') rejectButton.current?.focus();
  }, [focusTarget]);
  const [reason, setReason] = useState(draft);
  const id = useId();
  const submitting = submit.phase === 'submitting';
  const decidable = approval.status === 'pending' && !readOnly;

  /** Opens the rejection form (focus into the reason) or closes it (focus back on Reject). */
  const toggleRejecting = (open: boolean) => {
    setRejecting(open);
    setFocusTarget(open ? 'reason' : 'reject');
  };

  const confirmReject = (event: FormEvent) => {
    event.preventDefault();
    if (reason.trim()) onReject?.(approval.id, reason.trim());
  };

  return (
    <article className="card approval-card" aria-labelledby={`${id}-title`} aria-busy={submitting} data-status={approval.status}>
      <header className="card__header">
        <h3 id={`${id}-title`} className="card__title">
          {shownText(approval.title, NAME_CHARS)}
        </h3>
        <span data-testid="status" className={`badge badge--${approval.status}`}>
          {STATUS_LABEL[approval.status]}
        </span>
      </header>
      <p className="muted">Proposed by agent {shownText(approval.agent, NAME_CHARS)}</p>
      <HiddenCharactersWarning texts={[approval.title, approval.agent, approval.rationale, approval.payload]} what="proposal" />
      <h4 className="approval-card__label">Rationale</h4>
      <AgentText text={approval.rationale} className="approval-card__rationale" label="rationale" />
      <h4 className="approval-card__label">Proposed action</h4>
      <AgentText as={PayloadBlock} text={approval.payload} label="proposed payload" />
      {approval.status === 'rejected' && approval.reason && (
        <p className="approval-card__reason">
          Rejected by {approval.decidedBy ?? 'a reviewer'}: {shownText(approval.reason, TEXT_PREVIEW_CHARS)}
        </p>
      )}
      {approval.status === 'approved' && <p className="approval-card__reason">Approved by {approval.decidedBy ?? 'a reviewer'}</p>}
      {approval.status === 'expired' && <p className="approval-card__reason">This proposal expired before anyone decided it.</p>}
      {readOnly && approval.status === 'pending' && <p className="notice">You can view this proposal; only reviewers can decide it.</p>}
      {submit.phase === 'failed' && (
        <div role="alert" className="widget__error">
          <p>{submit.message}</p>
          {onRetry && (
            <button type="button" onClick={onRetry}>
              Retry decision
            </button>
          )}
        </div>
      )}
      {submitting && <p role="status">Submitting decision…</p>}
      {submit.phase === 'idle' && submit.note && (
        <p role="status" className="muted">
          {submit.note}
        </p>
      )}
      {decidable && !rejecting && (
        <div className="card__actions">
          <button type="button" disabled={submitting} onClick={() => onApprove?.(approval.id)}>
            Approve
          </button>
          <button ref={rejectButton} type="button" disabled={submitting} className="button--secondary" onClick={() => toggleRejecting(true)}>
            Reject
          </button>
        </div>
      )}
      {decidable && rejecting && (
        <form className="card__actions" onSubmit={confirmReject} aria-label="Reject proposal">
          <label htmlFor={`${id}-reason`}>Reason for rejecting</label>
          <textarea
            ref={reasonField}
            id={`${id}-reason`}
            value={reason}
            required
            onChange={(event) => {
              setReason(event.target.value);
              onDraftChange?.(event.target.value);
            }}
          />
          {draftKept && reason !== '' && (
            <p role="status" aria-label="Draft" className="muted approval-card__draft">
              {draftKept === 'saved' ? 'Draft saved' : 'Draft kept for this tab only'}
            </p>
          )}
          <button type="submit" disabled={submitting || !reason.trim()}>
            Confirm rejection
          </button>
          <button type="button" className="button--secondary" onClick={() => toggleRejecting(false)}>
            Cancel
          </button>
        </form>
      )}
    </article>
  );
}

function PayloadBlock({ children }: { children?: ReactNode }) {
  return (
    <pre className="approval-card__payload" tabIndex={0} aria-label="Proposed payload">
      {children}
    </pre>
  );
}
