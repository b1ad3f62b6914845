import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { propertyRuns } from '../../../test/property-runs';
import { emptyAlertsState, evaluateAlerts, type ActiveCondition, type AlertRule, type AlertsState, type Silence } from './engine';

const rule = (overrides: Partial<AlertRule> = {}): AlertRule => ({
  id: 'unhealthy',
  name: 'ServiceUnhealthy',
  severity: 'critical',
  summary: 'service reports unhealthy',
  forMs: 60_000,
  keepFiringForMs: 0,
  labels: {},
  ...overrides,
});
const down = (service = 'media-engine'): ActiveCondition => ({ labels: { service }, value: 'unhealthy' });

/** Runs a sequence of evaluations: each step is (ms since the previous one, is the condition true). */
function run(ruleUnderTest: AlertRule, steps: readonly (readonly [number, boolean])[], silences: Silence[] = [], cooldownMs = 15 * 60_000) {
  let state: AlertsState = emptyAlertsState();
  let now = 0;
  const seen: { now: number; holds: boolean; state: string | undefined }[] = [];
  for (const [gap, holds] of steps) {
    now += gap;
    state = evaluateAlerts(state, [ruleUnderTest], { [ruleUnderTest.id]: holds ? [down()] : [] }, silences, now, {
      cooldownMs,
      resolvedRetentionMs: 15 * 60_000,
      historyLimit: 1000,
    });
    seen.push({ now, holds, state: Object.values(state.instances)[0]?.state });
  }
  return { state, seen };
}

describe('alert states', () => {
  it('goes pending, then firing once the condition has held for `for`, then resolved', () => {
    const { seen, state } = run(rule(), [
      [0, true],
      [30_000, true],
      [30_000, true],
      [30_000, false],
    ]);
    expect(seen.map((s) => s.state)).toEqual(['pending', 'pending', 'firing', 'resolved']);
    expect(state.history.map((t) => `${t.from}→${t.to}@${t.at / 1000}`)).toEqual(['inactive→pending@0', 'pending→firing@60', 'firing→resolved@90']);
  });

  it('drops a pending alert whose condition clears (it never fired)', () => {
    const { seen, state } = run(rule(), [
      [0, true],
      [30_000, false],
    ]);
    expect(seen.map((s) => s.state)).toEqual(['pending', undefined]);
    expect(state.notifications).toEqual([]);
  });

  it('fires at once with `for` 0', () => {
    expect(run(rule({ forMs: 0 }), [[0, true]]).seen[0]?.state).toBe('firing');
  });

  it('keeps firing for keep_firing_for after the condition clears, then resolves', () => {
    const { seen } = run(rule({ forMs: 0, keepFiringForMs: 60_000 }), [
      [0, true],
      [30_000, false],
      [30_000, false],
      [30_000, false],
    ]);
    expect(seen.map((s) => s.state)).toEqual(['firing', 'firing', 'firing', 'resolved']);
  });

  it('restarts keep_firing_for when the condition comes back', () => {
    const { seen } = run(rule({ forMs: 0, keepFiringForMs: 60_000 }), [
      [0, true],
      [30_000, false],
      [30_000, true],
      [30_000, false],
      [30_000, false],
      [30_000, false],
    ]);
    expect(seen.map((s) => s.state)).toEqual(['firing', 'firing', 'firing', 'firing', 'firing', 'resolved']);
  });

  it('a resolved alert that comes back starts pending again, and stays listed until retention ends', () => {
    const { seen } = run(rule(), [
      [0, true],
      [60_000, true],
      [30_000, false],
      [30_000, true],
    ]);
    expect(seen.map((s) => s.state)).toEqual(['pending', 'firing', 'resolved', 'pending']);
    const gone = run(rule(), [
      [0, true],
      [60_000, true],
      [30_000, false],
      [15 * 60_000, false],
    ]);
    expect(gone.seen.at(-1)).toMatchObject({ state: undefined });
  });

  it('one alert per rule and label set, however often the same condition is reported', () => {
    const state = evaluateAlerts(emptyAlertsState(), [rule({ forMs: 0 })], { unhealthy: [down(), down(), down('content-engine')] }, [], 0);
    expect(Object.keys(state.instances)).toHaveLength(2);
    expect(state.notifications).toHaveLength(2);
  });

  it("labels carry the rule's own labels, alertname and severity", () => {
    const state = evaluateAlerts(emptyAlertsState(), [rule({ labels: { team: 'media' } })], { unhealthy: [down()] }, [], 0);
    expect(Object.values(state.instances)[0]?.labels).toEqual({ service: 'media-engine', team: 'media', alertname: 'ServiceUnhealthy', severity: 'critical' });
  });
});

describe('notifications, cooldown and silences', () => {
  const flapping = [
    [0, true],
    [30_000, false],
    [30_000, true],
    [30_000, false],
    [30_000, true],
  ] as const;

  it('notifies when an alert starts firing, and not again within the cooldown', () => {
    const { state } = run(rule({ forMs: 0 }), flapping, [], 10 * 60_000);
    expect(state.notifications.map((n) => n.at)).toEqual([0]);
  });

  it('notifies again once the cooldown has passed', () => {
    const { state } = run(rule({ forMs: 0 }), flapping, [], 60_000);
    expect(state.notifications.map((n) => n.at)).toEqual([0, 60_000, 120_000]);
  });

  it('a matching, unexpired silence stops notifications but not the state', () => {
    const silence: Silence = { id: 's1', matchers: { service: 'media-engine' }, author: 'riley', comment: 'deploying', createdAt: 0, expiresAt: 45_000 };
    const { seen, state } = run(
      rule({ forMs: 0 }),
      [
        [0, true],
        [30_000, false],
        [30_000, true],
      ],
      [silence],
      0,
    );
    expect(seen.map((s) => s.state)).toEqual(['firing', 'resolved', 'firing']);
    expect(state.notifications.map((n) => n.at)).toEqual([60_000]); // the silence expired at 45 s
  });

  it('a silence whose matchers differ does not apply', () => {
    const silence: Silence = { id: 's1', matchers: { service: 'content-engine' }, author: 'riley', comment: '', createdAt: 0, expiresAt: 1e12 };
    expect(run(rule({ forMs: 0 }), [[0, true]], [silence]).state.notifications).toHaveLength(1);
  });
});

describe('alert state machine properties', () => {
  const steps = fc.array(fc.tuple(fc.integer({ min: 1, max: 120_000 }), fc.boolean()), { minLength: 1, maxLength: 40 });
  const durations = fc.record({ forMs: fc.integer({ min: 0, max: 300_000 }), keepFiringForMs: fc.integer({ min: 0, max: 300_000 }) });

  it('never fires before the condition has held continuously for `for`', () => {
    fc.assert(
      fc.property(steps, durations, (sequence, { forMs, keepFiringForMs }) => {
        const { seen } = run(rule({ forMs, keepFiringForMs }), sequence);
        return seen.every((step, index) => {
          if (step.state !== 'firing' || seen[index - 1]?.state === 'firing') return true;
          // It just started firing: the condition held at every evaluation since `start`, and for `for`.
          let start = index;
          while (start > 0 && seen[start - 1]?.holds === true && seen[start - 1]?.state !== 'resolved') start -= 1;
          return step.holds && step.now - (seen[start]?.now ?? Infinity) >= forMs;
        });
      }),
      { numRuns: propertyRuns(500) },
    );
  });

  it('resolves once the condition has been clear for keep_firing_for, and not before', () => {
    fc.assert(
      fc.property(steps, durations, (sequence, { forMs, keepFiringForMs }) => {
        const { seen } = run(rule({ forMs, keepFiringForMs }), sequence);
        let clearSince: number | undefined;
        for (const [index, step] of seen.entries()) {
          const before = seen[index - 1]?.state;
          if (step.holds) {
            clearSince = undefined;
            continue;
          }
          if (before !== 'firing') continue;
          clearSince ??= step.now;
          const shouldResolve = step.now - clearSince >= keepFiringForMs;
          if ((step.state === 'resolved') !== shouldResolve) return false;
          if (step.state === 'firing' && shouldResolve) return false;
          if (step.state === 'resolved') clearSince = undefined;
        }
        return true;
      }),
      { numRuns: propertyRuns(500) },
    );
  });

  it('de-duplicates: however many times a label set is reported, one alert and at most one notification per cooldown', () => {
    const services = fc.array(fc.constantFrom('a', 'b', 'c'), { maxLength: 12 });
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 1, max: 60_000 }), services), { minLength: 1, maxLength: 30 }), (sequence) => {
        let state = emptyAlertsState();
        let now = 0;
        const cooldownMs = 120_000;
        for (const [gap, reported] of sequence) {
          now += gap;
          state = evaluateAlerts(state, [rule({ forMs: 0 })], { unhealthy: reported.map((service) => down(service)) }, [], now, {
            cooldownMs,
            resolvedRetentionMs: 1e9,
            historyLimit: 10_000,
          });
          const live = Object.values(state.instances).filter((instance) => instance.state !== 'resolved');
          if (live.length !== new Set(reported).size) return false;
        }
        const byKey = Object.groupBy(state.notifications, (n) => n.key);
        return Object.values(byKey).every((list = []) => list.every((n, index) => index === 0 || n.at - (list[index - 1]?.at ?? -Infinity) >= cooldownMs));
      }),
      { numRuns: propertyRuns(300) },
    );
  });
});
