// Runs in the stories' Vitest project (real Chromium, the app's theme.css): the check must fail on a
// colour that is readable in one theme only, and the preview must run it after every story.
import '../src/app/theme.css';
import { afterEach, expect, test } from 'vitest';
import { a11yInOtherThemes } from './other-themes-a11y';
import preview from './preview';

const check = a11yInOtherThemes(['light', 'dark']);
const story = { parameters: {}, viewMode: 'story' as const, globals: { theme: 'light' } };

function render(style: string) {
  document.documentElement.dataset.theme = 'light';
  document.body.innerHTML = `<main data-theme="light" style="background: var(--surface); color: var(--text)"><p style="${style}">Queue empty</p></main>`;
}

afterEach(() => {
  document.body.innerHTML = '';
});

test('text readable in both themes passes, and the page is left in the theme it was rendered in', async () => {
  render('color: var(--muted)');
  await check(story);
  expect(document.documentElement.dataset.theme).toBe('light');
  expect(document.querySelector('main')?.dataset.theme).toBe('light');
});

test('text readable only in the light theme fails, naming the dark theme and the element', async () => {
  // A fixed dark colour: readable on the light surface, not on the dark one.
  render('color: #16181d');
  await expect(check(story)).rejects.toThrow(
    /^In the dark theme, axe found 1 accessibility violation\(s\):\n {2}color-contrast \(serious\).*\n {4}p: .*foreground color: #16181d, background color: #1b1e25/,
  );
  expect(document.documentElement.dataset.theme).toBe('light');
});

test('a story with a11y off, or a docs page, is not checked', async () => {
  render('color: #16181d');
  await check({ ...story, parameters: { a11y: { test: 'off' } } });
  await check({ ...story, viewMode: 'docs' as const });
});

test("the stories' Vitest run checks every story this way", () => {
  expect(preview.afterEach).toBeTypeOf('function');
});
