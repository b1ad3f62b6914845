// @vitest-environment-options { "storageQuota": 50000 }
import fc from 'fast-check';
import { beforeEach, expect, it, vi } from 'vitest';
import type { PersistentStore } from './persistent-store';
import { ownKey, type RecordKind } from './record';
import { freshIndexedDb, openStore } from '../../test/storage-helpers';

const IDS = ['a', 'b', 'c'] as const;
const KINDS: RecordKind[] = ['layout', 'draft', 'stream-cursor'];

// jsdom's localStorage here holds 50,000 characters (the docblock above), a hundredth of its usual
// 5,000,000, and the values are a hundredth of a browser-sized 1.6 M: the same ratios, so the store
// still overflows within a few saves and walks the same paths, for a hundredth of the copying and
// JSON work (which was nearly all of this file's 19 s). The browser's real quota is met by the E2E
// storage suite and the storage bench.
// There is no "load" step: after every step, every key is read back and checked.
const operation = fc.oneof(
  fc.record({
    op: fc.constant('save' as const),
    kind: fc.constantFrom(...KINDS),
    id: fc.constantFrom(...IDS),
    size: fc.integer({ min: 1, max: 16_000 }),
    fill: fc.constantFrom('x', 'y', 'z'),
  }),
  fc.record({ op: fc.constant('reload' as const) }),
  fc.record({ op: fc.constant('foreign' as const), size: fc.integer({ min: 1, max: 15_000 }) }),
);

beforeEach(() => {
  vi.spyOn(console, 'warn').mockImplementation(() => undefined);
});

type Operation = typeof operation extends fc.Arbitrary<infer T> ? T : never;

async function runSequence(ops: Operation[], withIndexedDb: boolean): Promise<void> {
  localStorage.clear();
  freshIndexedDb();
  let clock = 0;
  const now = () => (clock += 1);
  const open = () => openStore({ idb: withIndexedDb, now });
  let store: PersistentStore = await open();
  const acked = new Map<string, string>();
  const unsaved = new Map<string, string>();
  // Reported evicted with nowhere to go: still served from this tab's memory until a reload, then gone.
  const evictedInMemory = new Map<string, string>();
  const lost = new Set<string>();
  const foreign = new Map<string, string>();

  for (const step of ops) {
    if (step.op === 'save') {
      const key = ownKey(step.kind, step.id);
      const value = `${step.fill}${clock}`.padEnd(step.size, step.fill);
      const result = await store.save(step.kind, step.id, value);
      for (const evicted of result.evicted ?? []) {
        // Drafts are never evicted, and nothing is evicted silently.
        expect(evicted).not.toMatch(/\/draft\//);
        expect(evicted).not.toBe(key);
        if (!withIndexedDb) {
          const value = acked.get(evicted);
          if (value !== undefined) evictedInMemory.set(evicted, value);
          acked.delete(evicted);
          lost.add(evicted);
        }
      }
      if (result.ok) {
        acked.set(key, value);
        unsaved.delete(key);
        lost.delete(key);
        evictedInMemory.delete(key);
      } else unsaved.set(key, value);
    } else if (step.op === 'reload') {
      store = await open();
      unsaved.clear();
      evictedInMemory.clear();
    } else if (step.op === 'foreign') {
      const key = `other-app:${foreign.size}`;
      try {
        localStorage.setItem(key, 'f'.repeat(step.size));
        foreign.set(key, 'f'.repeat(step.size));
      } catch {
        // The other app found the storage full; that is its business.
      }
    }
    for (const [key, value] of foreign) expect(localStorage.getItem(key)).toBe(value);
    for (const kind of KINDS)
      for (const id of IDS) {
        const key = ownKey(kind, id);
        const expected = unsaved.get(key) ?? acked.get(key);
        const loaded = await store.load(kind, id);
        if (expected === undefined && lost.has(key)) {
          // Reported evicted (no IndexedDB to move it to): this tab may still hold the value it saved,
          // never anything else, and after a reload it is gone.
          expect([undefined, evictedInMemory.get(key)], `${key} was reported evicted`).toContain(loaded);
        } else {
          expect(loaded, key).toBe(expected);
        }
      }
  }
}

it('never loses an acknowledged value or touches a foreign key (localStorage + IndexedDB)', async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(operation, { minLength: 1, maxLength: 8 }), (ops) => runSequence(ops, true)),
    { numRuns: 1000 },
  );
}, 300_000);

it('without IndexedDB, loses only what a save reported as evicted, never drafts (localStorage only)', async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(operation, { minLength: 1, maxLength: 8 }), (ops) => runSequence(ops, false)),
    { numRuns: 1000 },
  );
}, 300_000);

it('runs against the smaller quota it asks for (otherwise the sizes above would never overflow it)', () => {
  expect(() => localStorage.setItem('quota-probe', 'q'.repeat(50_001))).toThrow();
  localStorage.removeItem('quota-probe');
});
