import { describe, expect, it } from 'vitest';
import { summaryMarkdown, type StoryResult } from './report';

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
});
