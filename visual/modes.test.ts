import { describe, expect, it } from 'vitest';
import { declaredModes, storyViewport } from './modes';

const options = {
  mobile1: { name: 'Small mobile', styles: { width: '320px', height: '568px' } },
  tablet: { name: 'Tablet', styles: { width: '834px', height: '1112px' } },
};

describe('the viewport a story asks for', () => {
  it('reads Storybook 9/10 globals and options, rotated or not', () => {
    expect(storyViewport({ options }, { value: 'mobile1' })).toEqual({ width: 320, height: 568 });
    expect(storyViewport({ options }, { value: 'mobile1', isRotated: true })).toEqual({ width: 568, height: 320 });
    expect(storyViewport({ options }, 'tablet')).toEqual({ width: 834, height: 1112 });
  });

  it('reads Storybook 8 parameters', () => {
    expect(storyViewport({ viewports: options, defaultViewport: 'tablet' }, undefined)).toEqual({ width: 834, height: 1112 });
  });

  it('says why when it cannot honour the request, and asks nothing by default', () => {
    expect(storyViewport({ options }, { value: 'watch' })).toMatch(/"watch" is not among/);
    expect(storyViewport({ options: { odd: { styles: { width: '50%', height: '100%' } } } }, 'odd')).toMatch(/no pixel size/);
    expect(storyViewport(undefined, undefined)).toBeUndefined();
    expect(storyViewport({ options }, { value: 'reset' })).toBeUndefined();
  });
});

describe('modes a story declares', () => {
  it('keeps good modes and names the bad ones', () => {
    const { modes, problems } = declaredModes([
      { name: 'dark', globals: { theme: 'dark' } },
      { name: '../x', globals: {} },
      { name: 'narrow', globals: {}, viewport: { width: 390, height: 844 } },
      'nope',
    ]);
    expect(modes).toEqual([
      { name: 'dark', globals: { theme: 'dark' } },
      { name: 'narrow', globals: {}, viewport: { width: 390, height: 844 } },
    ]);
    expect(problems).toHaveLength(2);
  });
});
