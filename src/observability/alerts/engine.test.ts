import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createConsoleSilence } from '../../../fixtures/factories';
import { propertyRuns } from '../../../test/property-runs';
import {
  alertKey,
  DEFAULT_SETTINGS,
  emptyAlertsState,
  evaluateAlerts,
  isSilenced,
  type ActiveCondition,
  type AlertRule,
  type AlertsState,
  type EvaluationSettings,
  type Silence,
} from './engine';

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
    const silence = createConsoleSilence({ service: 'media-engine' }, 45_000, { comment: 'deploying' });
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
    const silence = createConsoleSilence({ service: 'content-engine' }, 1e12);
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

describe('what each alert and transition records', () => {
  const settings = (overrides: Partial<EvaluationSettings> = {}): EvaluationSettings => ({ ...DEFAULT_SETTINGS, ...overrides });

  it('keys an alert by rule and its labels sorted by name, values quoted', () => {
    expect(alertKey('unhealthy', { service: 'media-engine', alertname: 'A', 'b"c': 'x,y' })).toBe('unhealthy{alertname="A",b"c="x,y",service="media-engine"}');
    expect(alertKey('r', {})).toBe('r{}');
    const state = evaluateAlerts(emptyAlertsState(), [rule()], { unhealthy: [down()] }, [], 0);
    expect(Object.keys(state.instances)).toEqual(['unhealthy{alertname="ServiceUnhealthy",service="media-engine",severity="critical"}']);
  });

  it('records a new alert in full, and its firing and resolution times', () => {
    const key = 'unhealthy{alertname="ServiceUnhealthy",service="media-engine",severity="critical"}';
    const labels = { service: 'media-engine', alertname: 'ServiceUnhealthy', severity: 'critical' };
    const pending = evaluateAlerts(emptyAlertsState(), [rule()], { unhealthy: [{ labels: { service: 'media-engine' }, value: 0.2 }] }, [], 1_000);
    expect(pending.instances[key]).toEqual({
      key,
      ruleId: 'unhealthy',
      name: 'ServiceUnhealthy',
      severity: 'critical',
      labels,
      state: 'pending',
      value: 0.2,
      activeAt: 1_000,
    });
    const firing = evaluateAlerts(pending, [rule()], { unhealthy: [{ labels: { service: 'media-engine' }, value: 0.3 }] }, [], 61_000);
    expect(firing.instances[key]).toEqual({ ...pending.instances[key], state: 'firing', value: 0.3, firedAt: 61_000, keepFiringSince: undefined });
    expect(firing.notifications).toEqual([{ key, name: 'ServiceUnhealthy', severity: 'critical', labels, at: 61_000 }]);
    expect(firing.notifiedAt).toEqual({ [key]: 61_000 });
    const resolved = evaluateAlerts(firing, [rule()], { unhealthy: [] }, [], 70_000);
    expect(resolved.instances[key]).toEqual({ ...firing.instances[key], state: 'resolved', resolvedAt: 70_000, keepFiringSince: undefined });
    expect(resolved.history).toEqual([
      { key, name: 'ServiceUnhealthy', from: 'inactive', to: 'pending', at: 1_000 },
      { key, name: 'ServiceUnhealthy', from: 'pending', to: 'firing', at: 61_000 },
      { key, name: 'ServiceUnhealthy', from: 'firing', to: 'resolved', at: 70_000 },
    ]);
  });

  it('records a pending alert that clears as going back to inactive, and a resolved one coming back as pending again', () => {
    const once = evaluateAlerts(emptyAlertsState(), [rule()], { unhealthy: [down()] }, [], 0);
    const cleared = evaluateAlerts(once, [rule()], {}, [], 10_000);
    expect(cleared.history.map(({ from, to, at }) => [from, to, at])).toEqual([
      ['inactive', 'pending', 0],
      ['pending', 'inactive', 10_000],
    ]);
    const fired = evaluateAlerts(emptyAlertsState(), [rule({ forMs: 0 })], { unhealthy: [down()] }, [], 0);
    const resolved = evaluateAlerts(fired, [rule({ forMs: 0 })], {}, [], 10_000);
    const back = evaluateAlerts(resolved, [rule()], { unhealthy: [down()] }, [], 20_000);
    expect(back.history.map(({ from, to }) => `${from}→${to}`)).toEqual(['inactive→pending', 'pending→firing', 'firing→resolved', 'resolved→pending']);
    expect(Object.values(back.instances)[0]).toMatchObject({ state: 'pending', activeAt: 20_000 });
    expect(Object.values(back.instances)[0]).not.toHaveProperty('firedAt');
  });

  it("lets the rule's labels, its name and its severity win over the condition's", () => {
    const state = evaluateAlerts(
      emptyAlertsState(),
      [rule({ labels: { team: 'media' } })],
      { unhealthy: [{ labels: { team: 'other', alertname: 'Spoofed', severity: 'info', service: 's' }, value: 1 }] },
      [],
      0,
    );
    expect(Object.values(state.instances)[0]?.labels).toEqual({ team: 'media', alertname: 'ServiceUnhealthy', severity: 'critical', service: 's' });
  });

  it('fires on the evaluation at exactly `for`, not a millisecond before', () => {
    const first = evaluateAlerts(emptyAlertsState(), [rule()], { unhealthy: [down()] }, [], 0);
    expect(Object.values(evaluateAlerts(first, [rule()], { unhealthy: [down()] }, [], 59_999).instances)[0]?.state).toBe('pending');
    expect(Object.values(evaluateAlerts(first, [rule()], { unhealthy: [down()] }, [], 60_000).instances)[0]?.state).toBe('firing');
    expect(Object.values(evaluateAlerts(emptyAlertsState(), [rule({ forMs: 1 })], { unhealthy: [down()] }, [], 0).instances)[0]?.state).toBe('pending');
  });

  it('resolves at exactly keep_firing_for after the condition cleared, and drops a resolved alert at exactly the retention', () => {
    const keep = rule({ forMs: 0, keepFiringForMs: 30_000 });
    const fired = evaluateAlerts(emptyAlertsState(), [keep], { unhealthy: [down()] }, [], 0);
    const cleared = evaluateAlerts(fired, [keep], {}, [], 10_000);
    expect(Object.values(cleared.instances)[0]).toMatchObject({ state: 'firing', keepFiringSince: 10_000 });
    const still = evaluateAlerts(cleared, [keep], {}, [], 39_999);
    expect(Object.values(still.instances)[0]).toMatchObject({ state: 'firing', keepFiringSince: 10_000 });
    const resolved = evaluateAlerts(still, [keep], {}, [], 40_000, settings({ resolvedRetentionMs: 5_000 }));
    expect(Object.values(resolved.instances)[0]).toMatchObject({ state: 'resolved', resolvedAt: 40_000 });
    expect(Object.values(resolved.instances)[0]?.keepFiringSince).toBeUndefined();
    expect(Object.keys(evaluateAlerts(resolved, [keep], {}, [], 44_999, settings({ resolvedRetentionMs: 5_000 })).instances)).toHaveLength(1);
    expect(Object.keys(evaluateAlerts(resolved, [keep], {}, [], 45_000, settings({ resolvedRetentionMs: 5_000 })).instances)).toHaveLength(0);
  });

  it('notifies again at exactly the cooldown after the last notification', () => {
    const flap = (at: number) => {
      let state = evaluateAlerts(emptyAlertsState(), [rule({ forMs: 0 })], { unhealthy: [down()] }, [], 0, settings({ cooldownMs: 60_000 }));
      state = evaluateAlerts(state, [rule({ forMs: 0 })], {}, [], 1, settings({ cooldownMs: 60_000 }));
      return evaluateAlerts(state, [rule({ forMs: 0 })], { unhealthy: [down()] }, [], at, settings({ cooldownMs: 60_000 })).notifications.map((n) => n.at);
    };
    expect(flap(59_999)).toEqual([0]);
    expect(flap(60_000)).toEqual([0, 60_000]);
  });

  it('holds a silence until its expiry, exclusive, and only when every matcher is equal', () => {
    const silence = (matchers: Record<string, string>) => createConsoleSilence(matchers, 10_000);
    const labels = { service: 'media-engine', severity: 'critical' };
    expect(isSilenced({ labels }, [silence({ service: 'media-engine' })], 9_999)?.id).toBe('s');
    expect(isSilenced({ labels }, [silence({ service: 'media-engine' })], 10_000)).toBeUndefined();
    expect(isSilenced({ labels }, [silence({ service: 'media-engine', severity: 'warning' })], 0)).toBeUndefined();
    expect(isSilenced({ labels }, [silence({ service: 'media-engine', severity: 'critical' })], 0)?.id).toBe('s');
    expect(isSilenced({ labels }, [silence({ service: 'media-engine', team: 'media' })], 0)).toBeUndefined();
    const second = createConsoleSilence({ service: 'media-engine' }, 10_000, { id: 'second' });
    expect(isSilenced({ labels }, [silence({ service: 'other' }), second], 0)).toBe(second);
  });

  it('evaluates each rule over its own alerts: another rule does not resolve or drop them', () => {
    const other = rule({ id: 'slow', name: 'ServiceSlow', forMs: 0 });
    const both = evaluateAlerts(emptyAlertsState(), [rule({ forMs: 0 }), other], { unhealthy: [down()], slow: [down()] }, [], 0);
    const next = evaluateAlerts(both, [rule({ forMs: 0 }), other], { unhealthy: [down()] }, [], 10_000);
    expect(Object.values(next.instances).map(({ ruleId, state }) => [ruleId, state])).toEqual([
      ['unhealthy', 'firing'],
      ['slow', 'resolved'],
    ]);
    expect(next.history.filter((t) => t.at === 10_000).map((t) => t.name)).toEqual(['ServiceSlow']);
  });

  it('keeps the newest transitions and notifications up to the limit', () => {
    let state = emptyAlertsState();
    for (let step = 0; step < 4; step += 1) {
      state = evaluateAlerts(
        state,
        [rule({ forMs: 0 })],
        { unhealthy: step % 2 === 0 ? [down()] : [] },
        [],
        step * 1_000,
        settings({ cooldownMs: 0, historyLimit: 3 }),
      );
    }
    expect(state.history.map(({ from, to, at }) => `${from}→${to}@${at}`)).toEqual(['resolved→pending@2000', 'pending→firing@2000', 'firing→resolved@3000']);
    state = evaluateAlerts(state, [rule({ forMs: 0 })], {}, [], 4_000, settings({ cooldownMs: 0, historyLimit: 1 }));
    expect(state.notifications.map((n) => n.at)).toEqual([2_000]);
    expect(state.history.map((t) => t.at)).toEqual([3_000]);
  });

  it('defaults to a quarter-hour cooldown and retention, and 200 entries of history', () => {
    expect(DEFAULT_SETTINGS).toEqual({ cooldownMs: 900_000, resolvedRetentionMs: 900_000, historyLimit: 200 });
    let state = evaluateAlerts(emptyAlertsState(), [rule({ forMs: 0 })], { unhealthy: [down()] }, [], 0);
    state = evaluateAlerts(state, [rule({ forMs: 0 })], {}, [], 1);
    state = evaluateAlerts(state, [rule({ forMs: 0 })], { unhealthy: [down()] }, [], 899_999);
    expect(state.notifications).toHaveLength(1);
  });
});
