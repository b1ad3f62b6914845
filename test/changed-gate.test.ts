// @vitest-environment node
// What the changed-only gate (`npm test -- --changed`) runs for a change, read from this repository.
import { beforeAll, describe, expect, it } from 'vitest';
import { describePlan, planChange, readProject, type Project } from '../scripts/changed/cli';

let project: Project;
beforeAll(async () => {
  project = await readProject(process.cwd());
}, 60_000);

const plan = (...changed: string[]) => planChange(project, 'main', changed);
const specs = (chosen: { location: string }[]) => [...new Set(chosen.map((test) => test.location.replace(/:\d+$/, '')))].sort();

// Each plan bundles the story files' module graphs with esbuild: seconds under a loaded gate, not 5.
describe('the changed-only gate', { timeout: 60_000 }, () => {
  it('runs the whole gate for a global file, or a file a config imports, and says which', async () => {
    expect((await plan('docs/testing.md', 'package-lock.json')).full).toBe('package-lock.json changed (the dependencies)');
    expect((await plan('e2e/support/ports.ts')).full).toBe('e2e/support/ports.ts changed (a config imports it)');
    expect((await plan('fixtures/adapters/playwright.ts')).full).toBe("fixtures/adapters/playwright.ts changed (the mock layer's adapters)");
    expect((await plan('src/app/theme.css')).full).toBe('src/app/theme.css changed (the theme)');
  });

  it('a widget: the tests of the page that shows it, the stories that import it, the unit tests related to it', async () => {
    const chosen = await plan('src/widgets/ProgressIndicator.tsx');
    expect(chosen.full).toBeUndefined();
    expect(chosen.vitest).toEqual(['src/widgets/ProgressIndicator.tsx']);
    expect(chosen.lint).toEqual({ files: ['src/widgets/ProgressIndicator.tsx'], eslint: ['src/widgets/ProgressIndicator.tsx'], workflows: false });
    expect(chosen.visual.stories).toBe(2);
    expect(chosen.visual.reasons.map(([file]) => file)).toEqual(['stories/ProgressIndicator.stories.tsx', 'stories/TaskCard.stories.tsx']);
    expect(chosen.playwright.length).toBeGreaterThan(0);
    for (const test of chosen.playwright) expect(test.because).toEqual(['src/widgets/ProgressIndicator.tsx (src/pages/DashboardPage.tsx imports it)']);
    expect(specs(chosen.playwright)).toContain('e2e/tests/progress-streaming.spec.ts');
    // The approval queue's tests open their own page only; a wrong password never gets past sign-in.
    expect(specs(chosen.playwright)).not.toContain('e2e/tests/approval-queue.spec.ts');
    expect(chosen.playwright.map((test) => test.testId)).not.toContain(
      "chromium › tests/sign-in.spec.ts › a wrong password shows the server's own message, once",
    );
  });

  it('a page object: the tests that use it, no story, no unit test but the lint of the changed files', async () => {
    const chosen = await plan('e2e/pages/ApprovalQueuePage.ts', 'docs/testing.md');
    expect(chosen.lint.files).toEqual(['e2e/pages/ApprovalQueuePage.ts', 'docs/testing.md']);
    expect(chosen.lint.eslint).toEqual(['e2e/pages/ApprovalQueuePage.ts']);
    expect(chosen.visual.stories).toBe(0);
    expect(specs(chosen.playwright)).toContain('e2e/tests/approval-queue.spec.ts');
    expect(specs(chosen.playwright)).not.toContain('e2e/tests/widget-lifecycle.spec.ts');
    for (const test of chosen.playwright) expect(test.because).toEqual(['e2e/pages/ApprovalQueuePage.ts']);
  });

  it('a file of the shell every page runs in: every test that opens the console, not the others', async () => {
    const chosen = await plan('src/session/auth.tsx');
    expect(specs(chosen.playwright)).toContain('e2e/tests/widget-lifecycle.spec.ts');
    expect(specs(chosen.playwright)).toContain('e2e/tests/approval-queue.spec.ts');
    // The review page and the monitoring contract never open the console.
    expect(specs(chosen.playwright)).not.toContain('visual/review-page.spec.ts');
    expect(specs(chosen.playwright)).not.toContain('e2e/monitoring/contract.spec.ts');
    expect(chosen.playwright[0]?.because).toEqual(['src/session/auth.tsx (the shell every page runs in imports it)']);
  });

  it('a change no check reads runs only lint, and the plan says why each stage is left out', async () => {
    const chosen = await plan('docs/testing.md');
    expect(chosen).toMatchObject({ vitest: [], playwright: [], visual: { stories: 0 }, monitoring: false });
    expect(describePlan(chosen)).toBe(
      [
        'Changed since the merge base with main: 1 file(s): docs/testing.md.',
        'lint: ESLint on 0, Prettier on 1 file(s), knip over the project',
        'typecheck: incremental (what the change can reach)',
        'monitoring: not run (monitoring/ unchanged)',
        'vitest: not run (no changed code)',
        'playwright: not run (no test depends on a changed file)',
        'visual: not run (no story imports a changed file)',
      ].join('\n'),
    );
  });
});
