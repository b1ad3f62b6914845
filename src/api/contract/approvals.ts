import { z } from 'zod';

export const approvalStatusSchema = z.enum(['pending', 'approved', 'rejected', 'expired']);
export type ApprovalStatus = z.infer<typeof approvalStatusSchema>;

/** A human-in-the-loop proposal. title, rationale and payload come from an agent: untrusted text. */
export const approvalSchema = z.object({
  id: z.string().min(1),
  title: z.string(),
  agent: z.string(),
  rationale: z.string(),
  payload: z.string(),
  status: approvalStatusSchema,
  createdAt: z.iso.datetime(),
  expiresAt: z.iso.datetime(),
  decidedBy: z.string().optional(),
  reason: z.string().optional(),
});
export type Approval = z.infer<typeof approvalSchema>;

export const approvalListSchema = z.object({ approvals: z.array(approvalSchema) });

export const decisionSchema = z.discriminatedUnion('decision', [
  z.object({ decision: z.literal('approve'), reason: z.string().optional() }),
  z.object({ decision: z.literal('reject'), reason: z.string().min(1) }),
]);
export type Decision = z.infer<typeof decisionSchema>;

/** The status a proposal takes when a decision is saved: the one rule the server and the console share. */
export function statusAfter(decision: Decision): Extract<ApprovalStatus, 'approved' | 'rejected'> {
  return decision.decision === 'approve' ? 'approved' : 'rejected';
}
