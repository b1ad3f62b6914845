import { describe, expect, it } from 'vitest';
import { chromaticModes, IGNORE_MARKERS, readStorySettings } from './story-parameters';

const small = { width: 320, height: 568 };
const viewports = (name: string) => (name === 'small' ? small : undefined);
const read = (parameters: Record<string, unknown>) => readStorySettings(parameters, viewports);

describe("a story's visual settings, from the parameters it already carries", () => {
  it('leaves a story out for any of the skip parameters, naming which', () => {
    expect(read({ chromatic: { disableSnapshot: true } }).skippedBy).toBe('parameters.chromatic.disableSnapshot');
    expect(read({ chromatic: { disable: true } }).skippedBy).toBe('parameters.chromatic.disable');
    expect(read({ percy: { skip: true } }).skippedBy).toBe('parameters.percy.skip');
    expect(read({ visual: { disable: true } }).skippedBy).toBe('parameters.visual.disable');
    expect(read({ chromatic: { disableSnapshot: false } }).skippedBy).toBeUndefined();
  });

  it('lets ours win over Chromatic, and Chromatic over Percy', () => {
    expect(read({ visual: { delay: 50 }, chromatic: { delay: 300 }, percy: { waitForTimeout: 900 } }).delayMs).toBe(50);
    expect(read({ chromatic: { delay: 300 }, percy: { waitForTimeout: 900 } }).delayMs).toBe(300);
    expect(read({ percy: { waitForTimeout: 900, waitForSelector: '.ready' } })).toMatchObject({ delayMs: 900, waitForSelector: '.ready' });
    expect(read({ visual: { colorThreshold: 0.05 }, chromatic: { diffThreshold: 0.2 } }).colorThreshold).toBe(0.05);
    expect(read({ chromatic: { diffThreshold: 0.2 } }).colorThreshold).toBe(0.2);
  });

  it('names a bad value and ignores it, keeping the good ones', () => {
    const settings = read({ chromatic: { delay: 'soon', diffThreshold: 3, ignoreSelectors: ['.clock'] }, percy: 'yes' });
    expect(settings.delayMs).toBeUndefined();
    expect(settings.colorThreshold).toBeUndefined();
    expect(settings.ignoreSelectors).toEqual([...IGNORE_MARKERS, '.clock']);
    expect(settings.problems).toEqual([
      'parameters.percy is not an object; ignored',
      expect.stringContaining('parameters.chromatic.delay "soon" is not valid'),
      expect.stringContaining('parameters.chromatic.diffThreshold 3 is not valid'),
    ]);
  });

  it('reads media, snapshot CSS and animations at their end', () => {
    const settings = read({
      chromatic: { prefersReducedMotion: 'no-preference', forcedColors: 'active', media: 'print', pauseAnimationAtEnd: true },
      percy: { percyCSS: '.ad { display: none }' },
    });
    expect(settings).toMatchObject({
      media: { reducedMotion: 'no-preference', forcedColors: 'active', media: 'print' },
      css: '.ad { display: none }',
      animationsAtEnd: true,
    });
    expect(read({}).media).toEqual({});
  });

  it('reads the elements to capture at their whole scroll size, one selector or several; a bad value is named', () => {
    expect(read({}).fullScroll).toEqual([]);
    expect(read({ visual: { fullScroll: '.log' } }).fullScroll).toEqual(['.log']);
    expect(read({ visual: { fullScroll: ['.log', '.trace'] } }).fullScroll).toEqual(['.log', '.trace']);
    const bad = read({ visual: { fullScroll: 42 } });
    expect(bad.fullScroll).toEqual([]);
    expect(bad.problems).toEqual([expect.stringContaining('parameters.visual.fullScroll 42 is not valid')]);
  });

  it('reads widths from Chromatic viewports or Percy widths', () => {
    expect(read({ chromatic: { viewports: [320, 1200] } }).widths).toEqual([320, 1200]);
    expect(read({ percy: { widths: [768] } }).widths).toEqual([768]);
    expect(read({ chromatic: { viewports: [] } }).problems[0]).toContain('parameters.chromatic.viewports');
  });
});

describe("Chromatic's modes", () => {
  it('turns each mode into globals and a viewport, by width, size or the name of a viewport option', () => {
    const { modes, problems } = chromaticModes(
      {
        'Dark Mobile': { theme: 'dark', viewport: 'small' },
        wide: { viewport: 1280 },
        box: { viewport: { width: '800px', height: 300 } },
        tall: { viewport: { height: 900 } },
        off: { disable: true },
      },
      viewports,
    );
    expect(problems).toEqual([]);
    expect(modes).toEqual([
      { name: 'dark-mobile', globals: { theme: 'dark' }, viewport: small },
      { name: 'wide', globals: {}, viewport: { width: 1280, height: 700 } },
      { name: 'box', globals: {}, viewport: { width: 800, height: 300 } },
      { name: 'tall', globals: {}, viewport: { width: 1200, height: 900 } },
    ]);
  });

  it('names a mode it cannot read and keeps the others', () => {
    const { modes, problems } = chromaticModes({ odd: 'dark', huge: { viewport: 'giant' }, ok: { theme: 'light' } }, viewports);
    expect(modes?.map((mode) => mode.name)).toEqual(['huge', 'ok']);
    expect(problems).toEqual([
      'chromatic mode "odd" is not an object; skipped',
      'chromatic mode "huge": viewport "giant" is not among the story\'s viewport options; default size',
    ]);
    expect(chromaticModes([1, 2], viewports).problems).toEqual(['parameters.chromatic.modes is not an object; ignored']);
  });
});
