import type { Page } from '@playwright/test';
import { PNG } from 'pngjs';
import { collapseScrollAreas, expandScrollAreas } from './full-scroll';
import type { StorySettings } from './story-parameters';

/**
 * What a story's visual settings (story-parameters.ts) do in the preview page around one capture:
 * extra CSS, animations shown at their end, a selector or a delay to wait for, and the regions
 * that are painted over. `undo` leaves the page as the next story expects it.
 */

const STORY_CSS_ID = 'visual-story-css';
const SELECTOR_TIMEOUT_MS = 5_000;

/** Applies what must hold while the story settles; returns notes on what could not be honoured. */
export async function applyStorySettings(page: Page, settings: StorySettings): Promise<string[]> {
  const notes: string[] = [];
  await page.evaluate(
    ([id, css, atEnd]) => {
      if (atEnd) {
        document.documentElement.setAttribute('data-visual-animations-at-end', '');
        // Storybook pauses a test run's animations reversed; played forwards, settling finishes them at their end.
        for (const animation of document.getAnimations()) animation.effect?.updateTiming({ direction: 'normal', delay: 0 });
      }
      if (!css) return;
      const style = document.createElement('style');
      style.id = id;
      style.textContent = css;
      document.head.append(style);
    },
    [STORY_CSS_ID, settings.css ?? '', settings.animationsAtEnd] as const,
  );
  if (settings.waitForSelector) {
    const found = await page
      .waitForSelector(settings.waitForSelector, { state: 'attached', timeout: SELECTOR_TIMEOUT_MS })
      .then(() => true)
      .catch(() => false);
    if (!found) notes.push(`waited ${SELECTOR_TIMEOUT_MS / 1000} s for ${settings.waitForSelector}, which never appeared; captured without it`);
  }
  // The story asked for this time (Chromatic's delay, Percy's waitForTimeout): honoured as asked.
  if (settings.delayMs) await page.waitForTimeout(settings.delayMs);
  notes.push(...(await expandScrollAreas(page, settings.fullScroll)));
  return notes;
}

export async function undoStorySettings(page: Page): Promise<void> {
  await collapseScrollAreas(page);
  return page.evaluate((id) => {
    document.getElementById(id)?.remove();
    document.documentElement.removeAttribute('data-visual-animations-at-end');
  }, STORY_CSS_ID);
}

export interface Region {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The boxes of the ignored elements inside the capture, relative to it, in whole pixels. */
export function ignoredRegions(page: Page, clip: Region, selectors: string[]): Promise<Region[]> {
  return page.evaluate(
    ([area, list]) => {
      const regions: { x: number; y: number; width: number; height: number }[] = [];
      for (const selector of list) {
        let elements: Element[];
        try {
          elements = [...document.querySelectorAll(selector)];
        } catch {
          continue;
        }
        for (const element of elements) {
          const box = element.getBoundingClientRect();
          const left = Math.max(Math.floor(box.left + window.scrollX - area.x), 0);
          const top = Math.max(Math.floor(box.top + window.scrollY - area.y), 0);
          const right = Math.min(Math.ceil(box.right + window.scrollX - area.x), area.width);
          const bottom = Math.min(Math.ceil(box.bottom + window.scrollY - area.y), area.height);
          if (right > left && bottom > top) regions.push({ x: left, y: top, width: right - left, height: bottom - top });
        }
      }
      return regions;
    },
    [clip, selectors] as const,
  );
}

/** Paints each region one colour (as Playwright's screenshot mask does), so nothing in it is compared. */
export function paintRegions(png: Buffer, regions: Region[]): Buffer {
  if (regions.length === 0) return png;
  const image = PNG.sync.read(png);
  for (const region of regions)
    for (let y = region.y; y < Math.min(region.y + region.height, image.height); y += 1)
      for (let x = region.x; x < Math.min(region.x + region.width, image.width); x += 1) {
        const at = (y * image.width + x) * 4;
        image.data[at] = 0xff;
        image.data[at + 1] = 0x00;
        image.data[at + 2] = 0xff;
        image.data[at + 3] = 0xff;
      }
  return PNG.sync.write(image);
}
