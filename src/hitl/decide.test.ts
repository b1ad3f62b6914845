import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace';
import { describe, expect, it } from 'vitest';
import { useScenario } from '../../fixtures/adapters/node';
import { configureAuth } from '../api/client';
import { api } from '../api/endpoints';
import { configureTracing } from '../telemetry/tracing';
import { submitDecision } from './decide';

configureAuth(
  () => 'mock.riley',
  () => undefined,
);
const REVIEWER = 'Riley Reviewer';
const DECISION_PATH = '/api/approvals/approval-001/decision';

async function pendingProposal() {
  const found = (await api.approvals()).items.find((approval) => approval.id === 'approval-001');
  if (!found) throw new Error('the happy scenario has approval-001');
  return found;
}

describe('a decision whose outcome is not what it seems', () => {
  it('saved, but the reply was off-contract: shown as saved after a re-read', async () => {
    const { backend } = useScenario('happy');
    backend.faults.add({ method: 'POST', path: DECISION_PATH, status: 200, rawBody: '{"ok":tru', afterSaving: true });
    const outcome = await submitDecision(await pendingProposal(), { decision: 'approve' }, REVIEWER);
    expect(outcome).toMatchObject({ kind: 'saved', approval: { status: 'approved', decidedBy: REVIEWER } });
    expect(outcome.kind === 'saved' && outcome.note).toContain('read again to confirm');
  });

  it('saved, but the connection dropped before the reply: shown as saved after a re-read', async () => {
    const { backend } = useScenario('happy');
    backend.faults.add({ method: 'POST', path: DECISION_PATH, networkError: true, afterSaving: true });
    const outcome = await submitDecision(await pendingProposal(), { decision: 'reject', reason: 'Duplicate' }, REVIEWER);
    expect(outcome).toMatchObject({ kind: 'saved', approval: { status: 'rejected', reason: 'Duplicate' } });
  });

  it('a retry after a lost reply meets a 409 for the reviewer\'s own decision: saved, never "someone else"', async () => {
    const { backend } = useScenario('happy');
    const before = await pendingProposal();
    backend.faults.add({ method: 'POST', path: DECISION_PATH, networkError: true, afterSaving: true });
    backend.faults.add({ method: 'GET', path: '/api/approvals/approval-001', status: 503 });
    const first = await submitDecision(before, { decision: 'approve' }, REVIEWER);
    expect(first).toMatchObject({ kind: 'failed', retry: true });
    expect(first.kind === 'failed' && first.message).toContain('It is not known whether your decision was saved');
    const retry = await submitDecision(before, { decision: 'approve' }, REVIEWER);
    expect(retry).toMatchObject({ kind: 'saved', approval: { status: 'approved', decidedBy: REVIEWER } });
  });

  it('a 409 without a body names who decided, from the re-read proposal', async () => {
    const { backend } = useScenario('happy');
    const before = await pendingProposal();
    Object.assign(backend.db.approvals.find((approval) => approval.id === 'approval-001') ?? {}, { status: 'rejected', decidedBy: 'Sam Other-Reviewer' });
    backend.faults.add({ method: 'POST', path: DECISION_PATH, status: 409, rawBody: '' });
    const outcome = await submitDecision(before, { decision: 'approve' }, REVIEWER);
    expect(outcome).toEqual({
      kind: 'decided-elsewhere',
      approval: expect.objectContaining({ status: 'rejected' }),
      message: 'Sam Other-Reviewer already rejected this proposal.',
    });
  });

  it('a 409 without a body whose re-read fails still says something true and useful', async () => {
    const { backend } = useScenario('happy');
    backend.faults.add({ method: 'POST', path: DECISION_PATH, status: 409, rawBody: '' });
    backend.faults.add({ method: 'GET', path: '/api/approvals/approval-001', status: 500 });
    const outcome = await submitDecision(await pendingProposal(), { decision: 'approve' }, REVIEWER);
    expect(outcome).toMatchObject({ kind: 'failed', message: 'Someone else changed this first. Reload to see the decision.' });
  });

  it('a server error before saving leaves the proposal pending, with a retry', async () => {
    const { backend } = useScenario('happy');
    backend.faults.add({ method: 'POST', path: DECISION_PATH, status: 503 });
    const outcome = await submitDecision(await pendingProposal(), { decision: 'approve' }, REVIEWER);
    expect(outcome).toMatchObject({
      kind: 'failed',
      retry: true,
      approval: { status: 'pending' },
      message: 'The server failed (HTTP 503). Retry in a moment.',
    });
  });

  it('a refusal (403) is explained and not offered as a retry', async () => {
    const { backend } = useScenario('happy');
    backend.faults.add({ method: 'POST', path: DECISION_PATH, status: 403 });
    const outcome = await submitDecision(await pendingProposal(), { decision: 'approve' }, REVIEWER);
    expect(outcome).toMatchObject({ kind: 'failed', retry: false, message: 'You do not have permission to do this: Injected failure (HTTP 403)' });
  });

  it('a 422 is explained and offered as a retry once the input is changed', async () => {
    const { backend } = useScenario('happy');
    backend.faults.add({ method: 'POST', path: DECISION_PATH, status: 422 });
    const outcome = await submitDecision(await pendingProposal(), { decision: 'approve' }, REVIEWER);
    expect(outcome).toMatchObject({ kind: 'failed', retry: true, approval: { status: 'pending' } });
  });

  it("an error that is not the API's (a bug on the page) is a failure to retry, never a re-read", async () => {
    useScenario('happy');
    const before = await pendingProposal();
    const decide = api.decide;
    api.decide = () => Promise.reject(new TypeError('x is undefined'));
    try {
      expect(await submitDecision(before, { decision: 'approve' }, REVIEWER)).toMatchObject({ kind: 'failed', retry: true, approval: before });
    } finally {
      api.decide = decide;
    }
  });

  it('a lost reply, then a re-read showing another reviewer made the same decision: theirs, not "saved"', async () => {
    const { backend } = useScenario('happy');
    const before = await pendingProposal();
    Object.assign(backend.db.approvals.find((approval) => approval.id === 'approval-001') ?? {}, { status: 'approved', decidedBy: 'Sam Other-Reviewer' });
    backend.faults.add({ method: 'POST', path: DECISION_PATH, networkError: true });
    const outcome = await submitDecision(before, { decision: 'approve' }, REVIEWER);
    expect(outcome).toMatchObject({ kind: 'decided-elsewhere', message: 'Sam Other-Reviewer already approved this proposal.' });
  });

  it('a lost reply, then a re-read showing the reviewer\'s own earlier, different decision: that one, not "saved"', async () => {
    const { backend } = useScenario('happy');
    const before = await pendingProposal();
    Object.assign(backend.db.approvals.find((approval) => approval.id === 'approval-001') ?? {}, { status: 'rejected', decidedBy: REVIEWER });
    backend.faults.add({ method: 'POST', path: DECISION_PATH, networkError: true });
    const outcome = await submitDecision(before, { decision: 'approve' }, REVIEWER);
    expect(outcome).toMatchObject({ kind: 'decided-elsewhere', message: `${REVIEWER} already rejected this proposal.` });
  });

  it('a re-read showing the proposal expired says so; one decided by nobody named says "Another reviewer"', async () => {
    const { backend } = useScenario('happy');
    const before = await pendingProposal();
    const stored = backend.db.approvals.find((approval) => approval.id === 'approval-001');
    Object.assign(stored ?? {}, { status: 'expired' });
    backend.faults.add({ method: 'POST', path: DECISION_PATH, status: 409, rawBody: '' });
    expect(await submitDecision(before, { decision: 'approve' }, REVIEWER)).toMatchObject({
      kind: 'decided-elsewhere',
      approval: { status: 'expired' },
      message: 'This proposal expired before your decision arrived.',
    });
    Object.assign(stored ?? {}, { status: 'rejected', decidedBy: undefined });
    backend.faults.add({ method: 'POST', path: DECISION_PATH, status: 409, rawBody: '' });
    expect(await submitDecision(before, { decision: 'approve' }, REVIEWER)).toMatchObject({
      kind: 'decided-elsewhere',
      message: 'Another reviewer already rejected this proposal.',
    });
  });
});

describe('a decision that goes through', () => {
  it('is saved, as one traced action named for the decision and the proposal', async () => {
    useScenario('happy');
    const exporter = new InMemorySpanExporter();
    configureTracing({ sampleRatio: 1, extraProcessors: [new SimpleSpanProcessor({ exporter })] });
    try {
      const outcome = await submitDecision(await pendingProposal(), { decision: 'approve' }, REVIEWER);
      expect(outcome).toEqual({ kind: 'saved', approval: expect.objectContaining({ id: 'approval-001', status: 'approved' }) });
      const action = exporter.getFinishedSpans().find((span) => !span.parentSpanContext);
      expect(action?.name).toBe('approve proposal');
      expect(action?.attributes).toMatchObject({ 'approval.id': 'approval-001' });
    } finally {
      configureTracing({ sampleRatio: 0 });
    }
  });
});
