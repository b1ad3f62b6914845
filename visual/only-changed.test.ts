// @vitest-environment node
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
    const global = await selectChangedStories(STORIES, ['src/app/theme.css'], root);
    expect(global.all).toBe(true);
    expect(global.reasons.get('widgets-taskcard--pending')).toBe('global file src/app/theme.css changed');
    expect((await selectChangedStories(STORIES, ['docs/reliability.md'], root)).stories).toEqual([]);
  });
});

describe('choosing stories in a Storybook without a preview file', () => {
  it("follows each story's own graph", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'only-changed-'));
    try {
      mkdirSync(join(dir, 'stories'));
      writeFileSync(join(dir, 'stories/Card.tsx'), 'export const Card = () => null;\n');
      writeFileSync(join(dir, 'stories/Card.stories.tsx'), "import { Card } from './Card';\nexport default { component: Card };\nexport const Plain = {};\n");
      writeFileSync(join(dir, 'stories/Other.stories.tsx'), 'export default {};\nexport const Plain = {};\n');
      const stories = [story('card--plain', 'Card.stories.tsx'), story('other--plain', 'Other.stories.tsx')];
      const selection = await selectChangedStories(stories, ['stories/Card.tsx'], dir);
      expect(selection).toMatchObject({ all: false });
      expect(selection.stories.map((entry) => entry.id)).toEqual(['card--plain']);
      expect(selection.reasons.get('card--plain')).toBe('imports stories/Card.tsx');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
