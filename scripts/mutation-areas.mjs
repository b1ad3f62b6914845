// The areas mutation testing covers, each with the files of its logic: stryker.config.mjs mutates
// their union, and scripts/mutation-ratchet.mjs scores each area on its own (goal 85% each).
// Components (.tsx) are left out: their tests are stories and E2E, which Stryker's runner cannot run.
export const AREAS = {
  'live connection': ['src/streaming/live-connection.ts', 'src/streaming/decode-live-event.ts', 'src/streaming/backoff.ts'],
  'frame batcher and idle saver': ['src/streaming/frame-batcher.ts', 'src/streaming/idle-saver.ts'],
  'records and client': ['src/api/records.ts', 'src/api/client.ts', 'src/api/errors.ts', 'src/api/overlay.ts'],
  'shared reads': ['src/api/shared-get.ts', 'src/api/use-resource.ts'],
  decisions: ['src/hitl/decide.ts'],
  'storage tiers, revisions, set-aside': ['src/storage/*.ts'],
  'session cookie': ['src/session/session-cookie.ts'],
  'observability logic': ['src/observability/**/*.ts'],
  'flake scoring, signatures, ledger': ['flake/score.ts', 'flake/signature.ts', 'flake/ledger.ts'],
  'visual judge, compare, structure diff': ['visual/judge.ts', 'visual/compare.ts', 'visual/structure.ts', 'visual/causes.ts', 'visual/match-nodes.ts'],
  'baseline names and only-changed': ['visual/baseline-names.ts', 'visual/only-changed.ts'],
};

/** Not logic a test can hold: tests themselves, type declarations, and the zod schemas' declarations. */
export const NOT_MUTATED = ['**/*.test.ts', '**/*.d.ts'];
