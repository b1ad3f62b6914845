// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { selectChangedStories } from './only-changed';
import type { IndexEntry } from './storybook';

const story = (id: string, file: string): IndexEntry => ({ id, title: id, name: id, type: 'story', importPath: `./stories/${file}` });
const STORIES = [story('widgets-taskcard--pending', 'TaskCard.stories.tsx'), story('widgets-alertwidget--info', 'AlertWidget.stories.tsx')];
const root = process.cwd();

describe('choosing the stories a change can affect', () => {
  it('keeps only the stories whose module graph holds the changed file, and says why', async () => {
    const selection = await selectChangedStories(STORIES, ['src/widgets/TaskCard.tsx'], root);
    expect(selection.all).toBe(false);
    expect(selection.stories.map((entry) => entry.id)).toEqual(['widgets-taskcard--pending']);
    expect(selection.reasons.get('widgets-taskcard--pending')).toBe('imports src/widgets/TaskCard.tsx');
  });

  it('a file the preview imports (the mock layer) re-captures every story', async () => {
    const selection = await selectChangedStories(STORIES, ['fixtures/scenarios/index.ts'], root);
    expect(selection.all).toBe(true);
    expect(selection.reasons.get('widgets-alertwidget--info')).toBe('fixtures/scenarios/index.ts changed and .storybook/preview.tsx imports it');
  });

  it('a global file re-captures everything; an unrelated file nothing', async () => {
    expect((await selectChangedStories(STORIES, ['src/app/theme.css'], root)).all).toBe(true);
    expect((await selectChangedStories(STORIES, ['docs/reliability.md'], root)).stories).toEqual([]);
  });
});
