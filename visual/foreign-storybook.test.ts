// @vitest-environment node
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PNG } from 'pngjs';
import sirv from 'sirv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captureStories, type CaptureRun, type Shot } from './capture';
import { ensureStorybookBuild, readStoryIndex } from './storybook';

// The runner against a Storybook that is not ours (visual/test-data/foreign-storybook): its own
// theme global, no visual parameters, portals, fixed drawers, viewports, a requestAnimationFrame
// loop, late data, a broken image, a missing font, a story that throws and one that navigates.
const OUT = '.cache/foreign-storybook';
let server: Server;
let first: CaptureRun;
let second: CaptureRun;

beforeAll(async () => {
  ensureStorybookBuild(process.cwd(), OUT, {
    configDir: 'visual/test-data/foreign-storybook/.storybook',
    inputs: ['visual/test-data/foreign-storybook', 'package-lock.json'],
    quiet: true,
  });
  server = createServer(sirv(OUT, { dev: true }));
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  const stories = await readStoryIndex(baseUrl);
  first = await captureStories(baseUrl, stories);
  second = await captureStories(baseUrl, stories);
}, 240_000);
afterAll(
  () =>
    new Promise<void>((done) => {
      server.close(() => done());
    }),
);

const shot = (run: CaptureRun, story: string, mode = 'paper'): Shot | undefined =>
  run.shots.find((candidate) => candidate.storyId === `foreign-widgets--${story}` && (candidate.mode === mode || candidate.mode === '*'));
const pixelAt = (png: Buffer | undefined, x: number, y: number) => {
  if (!png) return undefined;
  const { data, width } = PNG.sync.read(png);
  return [...data.subarray((y * width + x) * 4, (y * width + x) * 4 + 4)];
};
const size = (png: Buffer | undefined) => (png ? (({ width, height }) => ({ width, height }))(PNG.sync.read(png)) : undefined);

describe('the visual runner on a Storybook it has never seen', () => {
  it("captures in the modes the Storybook's own theme global offers, and says so", () => {
    expect(first.modesSource).toContain('"appearance" global: paper, night-sky');
    expect(shot(first, 'plain', 'paper')?.png).toBeDefined();
    expect(shot(first, 'plain', 'night-sky')?.png).toBeDefined();
  });

  it('a story that navigates away and one that throws are their own errors; every other story is captured', () => {
    expect(shot(first, 'navigates')?.error).toMatch(/broke the preview|did not finish|navigat/);
    expect(shot(first, 'throws')?.error).toContain('this story is broken on purpose');
    const others = first.shots.filter((candidate) => candidate.storyId.startsWith('foreign-widgets--') && !/--(navigates|throws)$/.test(candidate.storyId));
    expect(others.filter((candidate) => candidate.error)).toEqual([]);
    expect(others).toHaveLength(2 * 17);
  });

  it('captures a fixed drawer (an empty root) and a portal outside the root', () => {
    // The drawer is 200×300 at the right edge; the decorator's padded background spans the width.
    expect(size(shot(first, 'drawer')?.png)).toEqual({ width: 900, height: 300 });
    expect(shot(first, 'drawer')?.structure?.nodes.find((node) => node.text === 'Drawer')?.styles).toMatchObject({
      left: '700px',
      width: '200px',
      height: '300px',
    });
    expect(size(shot(first, 'modal')?.png)?.height).toBeGreaterThanOrEqual(350);
    expect(shot(first, 'modal')?.structure?.nodes.some((node) => node.text === 'Are you sure?')).toBe(true);
  });

  it("leaves out what is parked off-screen (a measuring span left in the page): no story's picture or structure depends on the stories before it", () => {
    for (const candidate of [...first.shots, ...second.shots]) {
      expect(candidate.structure?.nodes.filter((node) => node.text === 'measured') ?? [], candidate.storyId).toEqual([]);
    }
    expect(size(shot(first, 'measures')?.png)?.height).toBeLessThan(200);
  });

  it("leaves out what a parent hides (a carousel's other slides): the capture is what the viewport shows", () => {
    expect(size(shot(first, 'carousel')?.png)?.width).toBe(900);
  });

  it('keeps a menu positioned from outside the card that hides its overflow, as a browser shows it', () => {
    const menu = shot(first, 'menu-out-of-clipping-card')?.png;
    // The menu runs from 150 to 350 px below the card's top, which sits inside the decorator's 12 px padding.
    expect(size(menu)).toEqual({ width: 900, height: 362 });
    expect(pixelAt(menu, 50, 300)).toEqual([255, 204, 204, 255]);
  });

  it('clips a fixed element whose containing block is a transformed card, as a browser does', () => {
    // The card is 100 px tall inside the decorator's 12 px padding; the 1,200 px tooltip below it is
    // hidden by the card, and the page is not grown for it as for a fixed backdrop.
    expect(size(shot(first, 'fixed-in-transformed-card')?.png)).toEqual({ width: 900, height: 124 });
  });

  it('a fixed backdrop over a page longer than the viewport covers all of it, as it does at every scroll position', () => {
    const long = shot(first, 'overlay-on-long-page')?.png;
    // 1,500 px of page inside the decorator's 12 px padding, at the story's 900 px width.
    expect(size(long)).toEqual({ width: 900, height: 1524 });
    expect(pixelAt(long, 450, 1500)).toEqual(pixelAt(long, 450, 100));
  });

  it('captures a story taller than the viewport without shrinking the window under it: its tooltip stays open', () => {
    for (const run of [first, second]) {
      const tall = shot(run, 'tooltip-on-tall-page');
      // 1,000 px of page inside the decorator's 12 px padding; the tooltip sits at its top left, below its text.
      expect(size(tall?.png)).toEqual({ width: 900, height: 1024 });
      expect(pixelAt(tall?.png, 120, 45)).toEqual([204, 0, 0, 255]);
      expect(tall?.notes).toEqual([]);
      // The check ran on the render captured, which never saw a small window.
      expect(tall?.a11y).toEqual([]);
    }
  });

  it('a page whose scroll a modal locked is captured as the one screen anybody can see', () => {
    expect(size(shot(first, 'scroll-locked-modal')?.png)).toEqual({ width: 900, height: 700 });
  });

  it('captures at the viewport the story asks for', () => {
    expect(size(shot(first, 'mobile')?.png)?.width).toBe(320);
  });

  it('waits for data that arrives after the render', () => {
    expect(shot(first, 'late-data')?.structure?.nodes.map((node) => node.text)).toContain('Loaded from the network: beta');
  });

  it('reports what it could not settle beside the snapshot', () => {
    expect(shot(first, 'spinner')?.notes.join()).toContain('script animation');
    expect(shot(first, 'timed-spinner')?.notes.join()).toContain('shown 10 s in by the time its frames carry');
    expect(shot(first, 'broken-image')?.notes.join()).toContain('image does-not-exist.png did not load');
    for (const run of [first, second])
      expect(shot(run, 'remote-image')?.notes.join()).toContain(
        '1 remote resource(s) could not be fetched and were failed, the same way in every run: http://pictures.example.invalid/team.png',
      );
    expect(shot(first, 'missing-font')?.notes.join()).toContain('font Montserrat is not available');
    expect(shot(first, 'plain')?.notes).toEqual([]);
  });

  // The timed spinner (lottie's way: its frame follows the time frames carry) is among them; the
  // other spinner counts frames, and how many ran before the capture is not the runner's to fix.
  it('two runs give identical bytes for every story it could freeze', () => {
    const differing = first.shots
      .filter((one) => one.png && !one.storyId.endsWith('--spinner'))
      .filter((one) => {
        const other = second.shots.find((candidate) => candidate.storyId === one.storyId && candidate.mode === one.mode);
        return !other?.png || !other.png.equals(one.png as Buffer);
      });
    expect(differing.map((one) => `${one.storyId}@${one.mode}`)).toEqual([]);
  });
});

const chromaticShot = (run: CaptureRun, story: string, mode = 'paper'): Shot | undefined =>
  run.shots.find((candidate) => candidate.storyId === `foreign-written-for-chromatic--${story}` && candidate.mode === mode);
const texts = (candidate: Shot | undefined) => candidate?.structure?.nodes.map((node) => node.text ?? '') ?? [];

/** The colour of the capture's pixel at the centre of the element whose label is `label`. */
function colourAt(candidate: Shot | undefined, label: string): string | undefined {
  const node = candidate?.structure?.nodes.find((one) => one.label === label);
  if (!candidate?.png || !node) return undefined;
  const image = PNG.sync.read(candidate.png);
  const x = parseInt(node.styles.left ?? '0', 10) + Math.floor(parseInt(node.styles.width ?? '0', 10) / 2);
  const y = parseInt(node.styles.top ?? '0', 10) + Math.floor(parseInt(node.styles.height ?? '0', 10) / 2);
  const at = (y * image.width + x) * 4;
  return `rgb(${image.data[at]}, ${image.data[at + 1]}, ${image.data[at + 2]})`;
}

describe('a Storybook written for Chromatic or Percy works unchanged', () => {
  it('leaves out the stories their parameters leave out, and says by which parameter', () => {
    expect(first.skipped).toEqual(
      expect.arrayContaining([
        { storyId: 'foreign-written-for-chromatic--skipped-by-chromatic', reason: 'parameters.chromatic.disableSnapshot' },
        { storyId: 'foreign-written-for-chromatic--skipped-by-percy', reason: 'parameters.percy.skip' },
      ]),
    );
    expect(first.shots.filter((candidate) => candidate.storyId.includes('--skipped-by-'))).toEqual([]);
  });

  it('does not take a toolbar value that shows every appearance at once for a mode, and says so', () => {
    expect(first.modesSource).toContain('not "Side by side", which renders each story more than once');
    expect(first.shots.filter((candidate) => candidate.mode === 'side-by-side')).toEqual([]);
  });

  it('paints over the regions marked to be ignored and compares nothing inside them', () => {
    const ignored = chromaticShot(first, 'ignored-regions');
    const image = PNG.sync.read(ignored?.png as Buffer);
    let magenta = 0;
    for (let at = 0; at < image.data.length; at += 4) if (image.data[at] === 255 && image.data[at + 1] === 0 && image.data[at + 2] === 255) magenta += 1;
    expect(magenta).toBeGreaterThan(100);
    expect(texts(ignored).join(' ')).not.toMatch(/\d{4}-\d\d-\d\dT|Request [a-z0-9]/);
    expect(ignored?.png?.equals(chromaticShot(second, 'ignored-regions')?.png as Buffer)).toBe(true);
  });

  it('stops SVG animations (SMIL) and shows a CSS animation at its end when the story asks', () => {
    expect(chromaticShot(first, 'smil-spinner')?.notes).toEqual([]);
    expect(chromaticShot(first, 'smil-spinner')?.png?.equals(chromaticShot(second, 'smil-spinner')?.png as Buffer)).toBe(true);
    expect(colourAt(chromaticShot(first, 'animates-in'), 'div[data-testid=swatch]')).toBe('rgb(0, 128, 0)');
  });

  it("waits the delay a story asks for, and applies Percy's snapshot CSS", () => {
    expect(texts(chromaticShot(first, 'delayed'))).toContain('Ready');
    expect(texts(chromaticShot(first, 'percy-css')).join(' ')).toContain('Shown');
    expect(texts(chromaticShot(first, 'percy-css')).join(' ')).not.toContain('hidden');
  });

  it("captures a story in its Chromatic modes instead of the Storybook's, leaving out a disabled one", () => {
    const modes = first.shots.filter((candidate) => candidate.storyId.endsWith('--with-modes')).map((candidate) => candidate.mode);
    expect(modes).toEqual(['night-wide']);
    expect(size(chromaticShot(first, 'with-modes', 'night-wide')?.png)?.width).toBe(1000);
  });

  it('keys an element by its test id, not the class names styled-components generates', () => {
    expect(chromaticShot(first, 'styled-component')?.structure?.nodes.map((node) => node.label)).toContain('div[data-testid=styled-card]');
  });

  it("knows styled-components' hashes by the style tag it marks, however their letters look, and tells apart two elements of one label", () => {
    const structure = chromaticShot(first, 'styled-components-lowercase-hashes')?.structure;
    expect(structure?.nodes.filter((node) => node.text === 'One' || node.text === 'Two').map((node) => node.label)).toEqual(['div', 'div']);
    expect(structure?.rules).toEqual(
      expect.arrayContaining([
        { key: '⟨div #4⟩', declarations: { color: 'rgb(20, 60, 160)' } },
        { key: '⟨div #5⟩', declarations: { color: 'rgb(0, 120, 0)' } },
      ]),
    );
  });

  it('keys a rule on a generated class by the element it styles, and marks a rule for a state the capture does not show', () => {
    expect(chromaticShot(first, 'styled-component')?.structure?.rules).toEqual(
      expect.arrayContaining([
        { key: '⟨div[data-testid=styled-card]⟩', declarations: { color: 'rgb(20, 60, 160)' } },
        { key: '⟨div[data-testid=styled-card]⟩:hover', declarations: { color: 'rgb(200, 0, 0)' }, unshown: true },
      ]),
    );
  });

  it('captures an element with its own scrollbar at its whole height with fullScroll, from its start, the same in both runs', () => {
    const asShown = size(chromaticShot(first, 'scrolling-log-as-shown')?.png);
    const whole = chromaticShot(first, 'scrolling-log-whole');
    // The Storybook's decorator pads the story by 12 px on each side.
    expect(asShown?.height).toBe(12 + 202 + 12);
    expect(size(whole?.png)?.height).toBe(12 + 40 * 24 + 2 + 12);
    expect(texts(whole)).toContain('Line 1');
    expect(texts(whole)).toContain('Line 40');
    expect(whole?.png?.equals(chromaticShot(second, 'scrolling-log-whole')?.png ?? Buffer.alloc(0))).toBe(true);
    expect(whole?.notes).toEqual([]);
  });

  it('checks the accessibility of the render it captured, with the element and its box, unless the story turns the check off', () => {
    const debt = chromaticShot(first, 'accessibility-debt');
    expect(debt?.a11y).toEqual([{ rule: 'button-name', impact: 'critical', target: 'button[type="button"]', box: [12, 12, 40, 40] }]);
    const off = chromaticShot(first, 'accessibility-check-off');
    expect(off?.a11y).toBeUndefined();
    expect(off?.notes).toEqual(['accessibility not checked: the story turns the a11y check off']);
    expect(chromaticShot(first, 'scrolling-log-whole')?.a11y).toEqual([]);
  });

  it('names a parameter it cannot use, and captures the story all the same', () => {
    const bad = chromaticShot(first, 'bad-parameter');
    expect(bad?.png).toBeDefined();
    expect(bad?.notes.join()).toContain('parameters.chromatic.delay "soon" is not valid');
  });
});
