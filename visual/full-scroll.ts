import type { Page } from '@playwright/test';

/**
 * `fullScroll`: an element with its own scrollbar (an audit log, a long trace) is captured at its
 * whole content height and width instead of the part it shows. For the capture only, each matching
 * element stops clipping (overflow visible, no height limit) and the page grows around it; its
 * scroll position is back at the start, so the capture is the same in every run. `collapse`
 * restores the element's own style attribute exactly.
 */
const MARK = 'data-visual-full-scroll';

/** Expands every element `selectors` match; returns notes on selectors that matched nothing or were not selectors. */
export function expandScrollAreas(page: Page, selectors: string[]): Promise<string[]> {
  if (selectors.length === 0) return Promise.resolve([]);
  return page.evaluate(
    ([list, mark]) => {
      const notes: string[] = [];
      for (const selector of list) {
        let elements: Element[];
        try {
          elements = [...document.querySelectorAll(selector)];
        } catch {
          notes.push(`fullScroll ${JSON.stringify(selector)} is not a CSS selector; ignored`);
          continue;
        }
        if (elements.length === 0) notes.push(`fullScroll ${JSON.stringify(selector)} matched no element; captured as shown`);
        for (const element of elements) {
          if (!(element instanceof HTMLElement) || element.hasAttribute(mark)) continue;
          element.setAttribute(mark, element.getAttribute('style') ?? '');
          element.scrollTop = 0;
          element.scrollLeft = 0;
          const style = element.style;
          style.setProperty('overflow', 'visible', 'important');
          style.setProperty('max-height', 'none', 'important');
          style.setProperty('height', 'auto', 'important');
          style.setProperty('max-width', 'none', 'important');
          // A sticky header inside has nothing left to stick to: at scroll position 0 it sits where
          // it would anyway, so it is drawn in place, not on a layer of its own that the page's scroll
          // (or the browser's compositing) would move or draw differently from run to run.
          for (const inner of element.querySelectorAll('*')) {
            if (!(inner instanceof HTMLElement) || getComputedStyle(inner).position !== 'sticky') continue;
            inner.setAttribute(mark, inner.getAttribute('style') ?? '');
            inner.style.setProperty('position', 'relative', 'important');
          }
        }
      }
      return notes;
    },
    [selectors, MARK] as const,
  );
}

/** Puts every expanded element back as it was. */
export function collapseScrollAreas(page: Page): Promise<void> {
  return page.evaluate((mark) => {
    for (const element of document.querySelectorAll(`[${mark}]`)) {
      const style = element.getAttribute(mark) ?? '';
      if (style) element.setAttribute('style', style);
      else element.removeAttribute('style');
      element.removeAttribute(mark);
    }
  }, MARK);
}
