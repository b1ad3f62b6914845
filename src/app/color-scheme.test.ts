import { describe, expect, it } from 'vitest';
import { followColorScheme } from './color-scheme';

/** A `prefers-color-scheme: dark` query whose answer the test changes. */
function darkQuery(initially: boolean) {
  const listeners = new Set<() => void>();
  const query = {
    matches: initially,
    addEventListener: (_: string, listener: () => void) => listeners.add(listener),
    removeEventListener: (_: string, listener: () => void) => listeners.delete(listener),
  };
  return { query, listeners, set: (dark: boolean) => ((query.matches = dark), listeners.forEach((listener) => listener())) };
}

describe('the console follows the colour scheme', () => {
  it('starts in the scheme the viewer prefers and changes with it, until stopped', () => {
    const scheme = darkQuery(true);
    const original = window.matchMedia;
    window.matchMedia = ((media: string) => {
      expect(media).toBe('(prefers-color-scheme: dark)');
      return scheme.query;
    }) as unknown as typeof window.matchMedia;
    try {
      const root = document.createElement('html');
      const stop = followColorScheme(root);
      expect(root.dataset.theme).toBe('dark');
      scheme.set(false);
      expect(root.dataset.theme).toBe('light');
      stop();
      expect(scheme.listeners.size).toBe(0);
      scheme.set(true);
      expect(root.dataset.theme).toBe('light');
    } finally {
      window.matchMedia = original;
    }
  });
});
