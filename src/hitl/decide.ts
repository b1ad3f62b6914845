import { statusAfter, type Approval, type Decision } from '../api/contract';
import { api } from '../api/endpoints';
import { ApiError, describeError } from '../api/errors';
import { withAction, type UserAction } from '../telemetry/tracing';

/** How a decision ended, once the server's answer (or its re-read truth) is known. */
export type DecisionOutcome =
  | { kind: 'saved'; approval: Approval; note?: string }
  | { kind: 'decided-elsewhere'; approval: Approval; message: string }
  | { kind: 'failed'; approval: Approval; message: string; retry: boolean };

/** Failures after which the server may have saved the decision anyway: the answer was lost or garbled. */
const OUTCOME_UNKNOWN = new Set(['network', 'timeout', 'invalid-response', 'server', 'conflict']);

/**
 * Sends a decision. When the outcome is unknown (no answer, a late or off-contract one, a 409),
 * the proposal is re-read before anything is said: the reviewer's own saved decision is shown as
 * saved, another reviewer's as theirs, and only a proposal still pending is a failure to retry.
 */
export function submitDecision(before: Approval, decision: Decision, reviewer: string): Promise<DecisionOutcome> {
  // One trace per decision: the click, the request, any re-read, and the services' spans under them.
  return withAction(`${decision.decision} proposal`, (action) => decide(before, decision, reviewer, action), { 'approval.id': before.id });
}

async function decide(before: Approval, decision: Decision, reviewer: string, action: UserAction): Promise<DecisionOutcome> {
  try {
    return { kind: 'saved', approval: await api.decide(before.id, decision, action) };
  } catch (error) {
    if (!(error instanceof ApiError) || !OUTCOME_UNKNOWN.has(error.kind)) {
      return { kind: 'failed', approval: before, message: describeError(error), retry: !(error instanceof ApiError && error.kind === 'forbidden') };
    }
    const truth = await api.approval(before.id, undefined, action).catch(() => undefined);
    if (!truth) {
      const message =
        error.kind === 'conflict'
          ? `${describeError(error)} Reload to see the decision.`
          : `${describeError(error)} It is not known whether your decision was saved; retrying is safe.`;
      return { kind: 'failed', approval: before, message, retry: true };
    }
    if (truth.status === 'pending') return { kind: 'failed', approval: truth, message: describeError(error), retry: true };
    if (truth.decidedBy === reviewer && truth.status === statusAfter(decision)) {
      return { kind: 'saved', approval: truth, note: "Saved. The server's first answer was lost, so the proposal was read again to confirm." };
    }
    const message =
      truth.status === 'expired'
        ? 'This proposal expired before your decision arrived.'
        : `${truth.decidedBy ?? 'Another reviewer'} already ${truth.status} this proposal.`;
    return { kind: 'decided-elsewhere', approval: truth, message };
  }
}
