import type { VisualMode } from '../visual/modes';

export const THEMES = ['light', 'dark'] as const;

/** The modes every story is captured in unless it declares its own: each theme at the default size. */
export const THEME_MODES: VisualMode[] = THEMES.map((theme) => ({ name: theme, globals: { theme } }));

/** A phone-sized capture, for stories whose layout depends on the width (wrapping, overflow). */
export const NARROW_MODE: VisualMode = { name: 'narrow-light', globals: { theme: 'light' }, viewport: { width: 390, height: 844 } };

/**
 * One way for a story to opt out of snapshots or tolerate a difference, written for all three
 * tools: the local runner (visual), Chromatic and Percy.
 * `threshold` is the share of pixels that may differ locally (default 0: any differing pixel is a
 * change; never more than 0.01). Chromatic's diffThreshold means something else (per-pixel colour
 * distance), so only opting out maps to it.
 * `fullScroll` names elements with their own scrollbar that the local runner captures at their
 * whole content size (the page grows around them); Chromatic and Percy have no such setting.
 * @public The API story authors use (README), whether or not a story of ours needs it today.
 */
export function visualParameters(options: { disable?: boolean; threshold?: number; fullScroll?: string | string[] }) {
  return {
    visual: {
      ...(options.disable ? { disable: true } : {}),
      ...(options.threshold === undefined ? {} : { threshold: options.threshold }),
      ...(options.fullScroll === undefined ? {} : { fullScroll: options.fullScroll }),
    },
    chromatic: { disableSnapshot: Boolean(options.disable) },
    percy: { skip: Boolean(options.disable) },
  };
}
