import { describe, expect, it } from 'vitest';
import { summaryMarkdown } from './report';
import type { StoryResult } from './results';

const result = (overrides: Partial<StoryResult>): StoryResult => ({
  id: 'widgets-badge--pending',
  title: 'Widgets/Badge',
  name: 'Pending',
  mode: 'light',
  status: 'changed',
  diffRatio: 0.002,
  ...overrides,
});

describe('the PR comment', () => {
  it('escapes table breakers, new lines, markup and @mentions in story text', () => {
    const markdown = summaryMarkdown([result({ title: 'a | b\nc <img src=x> @octocat `code`' })]);
    expect(markdown).toContain("a \\| b c &lt;img src=x&gt; @\u200boctocat 'code' / Pending");
  });

  it('keeps one row per story and mode, with the first lines of why it changed', () => {
    const markdown = summaryMarkdown(
      [
        result({ title: 'Widgets | Evil', why: ['span.badge color #8a5a00 → #b06f00', 'line 2', 'line 3', 'line 4'] }),
        result({ mode: 'dark', status: 'unchanged', diffRatio: 0 }),
      ],
      'one mode per value of the "theme" global',
    );
    const rows = markdown.split('\n').filter((line) => line.startsWith('| Widgets'));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toContain('Widgets \\| Evil / Pending');
    expect(rows[0]).toContain('span.badge color #8a5a00 → #b06f00<br>line 2<br>line 3<br>and 1 more in the report');
    expect(markdown).toContain('Modes: one mode per value of the "theme" global.');
    expect(markdown.split('\n').filter((line) => line.startsWith('|'))).toHaveLength(3);
  });

  it('lists a tolerated difference and capture notes even when the story passed', () => {
    const markdown = summaryMarkdown([
      result({ status: 'unchanged', reason: "12 pixel(s) differ, within this story's tolerance", notes: ['font Montserrat did not load'] }),
    ]);
    expect(markdown).toContain("12 pixel(s) differ, within this story's tolerance<br>font Montserrat did not load");
  });

  it('shows changes grouped by cause, largest first, with a few examples and the command that accepts each group', () => {
    const badge = { id: 'c-badge', text: 'rule .badge: padding 8px → 7px' };
    const title = { id: 'c-title', text: 'h3.card__title text "Refund" → "Refund order"' };
    const changed = (id: string, mode: string, causes: (typeof badge)[]) => result({ id, title: id, name: 'S', mode, causes, why: causes.map((c) => c.text) });
    const markdown = summaryMarkdown([
      changed('a--one', 'light', [badge]),
      changed('a--one', 'dark', [badge]),
      changed('a--two', 'light', [badge, title]),
      changed('a--three', 'light', [badge]),
      changed('a--four', 'light', [badge]),
      result({ id: 'a--pixels', why: ['only pixels changed'] }),
    ]);
    const groupRows = markdown.split('\n').filter((line) => /^\| \d+ \|/.test(line));
    expect(groupRows).toEqual([
      '| 5 | `rule .badge: padding 8px → 7px` | a--one / S (light)<br>a--one / S (dark)<br>a--two / S (light)<br>and 2 more | `npm run test:visual -- --accept c-badge` |',
      '| 1 | `h3.card__title text "Refund" → "Refund order"` | a--two / S (light) | `npm run test:visual -- --accept c-title` |',
    ]);
    // What no cause explains is listed on its own, and the grouped captures are not repeated there.
    const own = markdown.slice(markdown.indexOf('### Each on its own'));
    expect(own).toContain('(`a--pixels`)');
    expect(own).not.toContain('a--one');
    expect(markdown).toContain('comment `/visual accept <group | capture | story | glob | all>`');
  });

  it('keeps a rejected capture failed and says who rejected it, in its group and on its own', () => {
    const badge = { id: 'c-badge', text: 'rule .badge: padding 8px → 7px' };
    const markdown = summaryMarkdown([
      result({ id: 'a--one', causes: [badge], rejected: 'rejected by Riley on 2026-12-04: too tight' }),
      result({ id: 'a--pixels', rejected: 'rejected by Sam on 2026-12-04' }),
    ]);
    expect(markdown).toContain('2 changed');
    expect(markdown).toContain('1 rejected by Riley on 2026-12-04: too tight');
    expect(markdown).toMatch(/\(`a--pixels`\) \| light \| changed \| 0\.20% \| rejected by Sam on 2026-12-04/);
  });

  it('fits one screenful: failing rows first, long dumps cut, unchanged notes summed up, the rest counted', () => {
    const dump = `the play function threw: ${'<div class="x">'.repeat(1_000)}`;
    const results = [
      ...Array.from({ length: 200 }, (_, index) =>
        result({ id: `notes--n${index}`, status: 'unchanged', diffRatio: 0, notes: ['image hero.png did not load'] }),
      ),
      ...Array.from({ length: 300 }, (_, index) => result({ id: `many--c${String(index).padStart(3, '0')}` })),
      result({ id: 'broken--play', status: 'error', diffRatio: 1, reason: dump }),
    ];
    const markdown = summaryMarkdown(results);
    expect(markdown.length).toBeLessThan(20_000);
    const rows = markdown.split('\n').filter((line) => line.startsWith('| Widgets'));
    expect(rows[0]).toContain('broken--play');
    expect(rows[0]?.length).toBeLessThan(600);
    expect(markdown).toMatch(/… and \d+ more row\(s\) in the report\./);
    expect(markdown).not.toContain('notes--n');
    expect(markdown).toContain('200 unchanged capture(s) carry notes, listed in the report; most often: image hero.png did not load (200).');
  });

  it('counts the stories left out by their own parameters', () => {
    const markdown = summaryMarkdown([], '', undefined, [
      { storyId: 'a--one', reason: 'parameters.chromatic.disableSnapshot' },
      { storyId: 'a--two', reason: 'parameters.chromatic.disableSnapshot' },
      { storyId: 'b--one', reason: 'parameters.percy.skip' },
    ]);
    expect(markdown).toContain('Left out by their own parameters: 2 by `parameters.chromatic.disableSnapshot`, 1 by `parameters.percy.skip`.');
  });
});
