import { describe, expect, it } from 'vitest';
import { baselineFile, invalidModeName, isPageCapture, pageCaptureId, parseBaselineFile } from './baseline-names';

describe('baseline file names', () => {
  it('round-trip story ids that contain "--" and modes that contain "-"', () => {
    for (const [storyId, mode] of [
      ['widgets-projectstatus--critical', 'dark'],
      ['hitl-approvalcard--long-agent-text', 'narrow-light'],
      ['a--b--c', 'x'],
    ] as const) {
      expect(parseBaselineFile(baselineFile(storyId, mode))).toEqual({ storyId, mode, ext: 'png' });
      expect(parseBaselineFile(baselineFile(storyId, mode, 'json'))).toEqual({ storyId, mode, ext: 'json' });
    }
  });

  it('two modes of one story are two different entries', () => {
    expect(parseBaselineFile('widgets-projectstatus--critical@light.png')).not.toEqual(parseBaselineFile('widgets-projectstatus--critical@dark.png'));
  });

  it('refuses mode names that would escape the folder or break parsing', () => {
    for (const bad of ['../etc', 'Dark', 'a/b', 'a@b', '', 'x'.repeat(49), 'dark mode']) expect(invalidModeName(bad)).toBeDefined();
    expect(() => baselineFile('story--one', '../../x')).toThrow(/not usable in a file name/);
    expect(parseBaselineFile('notes.txt')).toBeUndefined();
    expect(parseBaselineFile('story--one--light.png')).toBeUndefined();
  });

  it('reads only whole names: a good id, a good mode, and nothing after the extension', () => {
    expect(parseBaselineFile('story--one@light.png.orig')).toBeUndefined();
    expect(parseBaselineFile('Story--One@light.png')).toBeUndefined();
    expect(parseBaselineFile('story--one@Light.png')).toBeUndefined();
    expect(parseBaselineFile('story--one@light.png')).toEqual({ storyId: 'story--one', mode: 'light', ext: 'png' });
  });
});

describe('page snapshot names', () => {
  it('live in the pages folder and round-trip', () => {
    expect(baselineFile('pages/observability-loaded', 'light-1400')).toBe('pages/observability-loaded@light-1400.png');
    expect(parseBaselineFile('pages/observability-loaded@dark-390.json')).toEqual({ storyId: 'pages/observability-loaded', mode: 'dark-390', ext: 'json' });
  });

  it('are told apart from story ids', () => {
    expect(pageCaptureId('approvals-loaded')).toBe('pages/approvals-loaded');
    expect(isPageCapture(pageCaptureId('approvals-loaded'))).toBe(true);
    expect(isPageCapture('hitl-approvalcard--pending')).toBe(false);
    expect(isPageCapture('approvals-pages/x')).toBe(false);
  });

  it('refuse any other folder or a path that climbs out', () => {
    for (const bad of ['../x', 'pages/../x', 'other/x', 'pages/a/b', 'pages/']) expect(() => baselineFile(bad, 'light')).toThrow(/not a Storybook id/);
  });
});
