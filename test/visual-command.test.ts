// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { mayRunVisualCommand, parseVisualCommand, runnerArguments } from '../scripts/visual-command.mjs';

describe('reading /visual from a pull request comment', () => {
  it('takes accept or reject with groups, captures, globs or all, and a reason after --', () => {
    expect(parseVisualCommand('/visual accept c-6ea6bcf8 hitl-approvalcard--pending@dark')).toEqual({
      command: { action: 'accept', targets: ['c-6ea6bcf8', 'hitl-approvalcard--pending@dark'] },
    });
    expect(parseVisualCommand('/visual reject widgets-* -- the chart axis is clipped\nmore text')).toEqual({
      command: { action: 'reject', targets: ['widgets-*'], reason: 'the chart axis is clipped' },
    });
    expect(parseVisualCommand('  /visual accept all  ')).toEqual({ command: { action: 'accept', targets: ['all'] } });
    expect(parseVisualCommand('/visual accept pages/observability-loaded@dark-390 pages/approvals-*')).toEqual({
      command: { action: 'accept', targets: ['pages/observability-loaded@dark-390', 'pages/approvals-*'] },
    });
  });

  it('ignores comments that are not commands, even when they mention one later', () => {
    expect(parseVisualCommand('Looks good. /visual accept all')).toBeUndefined();
    expect(parseVisualCommand('LGTM\n/visual accept all')).toBeUndefined();
    expect(parseVisualCommand('/visualize this')).toBeUndefined();
  });

  it('answers a wrong command with how to write it, and never passes shell or flag text through', () => {
    expect(parseVisualCommand('/visual')).toEqual({ error: expect.stringContaining('Usage') });
    expect(parseVisualCommand('/visual approve c-1')).toEqual({ error: expect.stringContaining('Usage') });
    expect(parseVisualCommand('/visual accept')).toEqual({ error: expect.stringContaining('needs what to accept') });
    for (const hostile of ['$(rm -rf ~)', '--update', 'a;b', '../../etc/passwd', 'pages/../../etc', 'A@B', '`id`'])
      expect(parseVisualCommand(`/visual accept ${hostile}`)).toEqual({ error: expect.stringContaining('Not a capture, group or glob') });
    expect(parseVisualCommand(`/visual accept ${Array.from({ length: 51 }, (_, i) => `c-${i}`).join(' ')}`)).toEqual({
      error: 'At most 50 targets in one command.',
    });
  });

  it('turns a command into the runner arguments', () => {
    expect(runnerArguments({ action: 'reject', targets: ['c-1', 'a--b@dark'], reason: 'no' })).toEqual([
      '--reject',
      'c-1',
      '--reject',
      'a--b@dark',
      '--reason',
      'no',
    ]);
  });
});

describe('who may run it', () => {
  const facts = { permission: 'write', headRepo: 'team/agent-console', baseRepo: 'team/agent-console', state: 'open' };

  it('runs for a writer on a branch of this repository', () => {
    expect(mayRunVisualCommand(facts)).toEqual({ allowed: true });
    expect(mayRunVisualCommand({ ...facts, permission: 'admin' })).toEqual({ allowed: true });
    expect(mayRunVisualCommand({ ...facts, permission: 'maintain' })).toEqual({ allowed: true });
  });

  it('refuses a fork, a deleted fork, a reader or triager, and a closed pull request, saying why', () => {
    expect(mayRunVisualCommand({ ...facts, headRepo: 'someone/agent-console' })).toEqual({
      allowed: false,
      why: expect.stringContaining('comes from someone/agent-console'),
    });
    expect(mayRunVisualCommand({ ...facts, headRepo: null })).toEqual({ allowed: false, why: expect.stringContaining('a deleted fork') });
    for (const permission of ['read', 'triage', 'none', ''])
      expect(mayRunVisualCommand({ ...facts, permission })).toEqual({ allowed: false, why: expect.stringContaining('needs write access') });
    expect(mayRunVisualCommand({ ...facts, state: 'closed' })).toEqual({ allowed: false, why: expect.stringContaining('closed') });
  });
});
