import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { expect, it } from 'vitest';
import { AgentText } from './AgentText';
import { TEXT_PREVIEW_CHARS, shownText } from './agent-text';

// Agent text is cut before layout whatever its length: the guard at work on input far past it.
it('a 10,000-character word shows a preview of the limit, and all of it only when asked', async () => {
  const word = 'a'.repeat(10_000);
  render(<AgentText text={word} label="rationale" />);
  const paragraph = screen.getByText(/^a+…$/);
  expect(paragraph.textContent).toHaveLength(TEXT_PREVIEW_CHARS + 1);
  await userEvent.click(screen.getByRole('button', { name: 'Show all of the rationale' }));
  expect(screen.getByText(word)).toBeInTheDocument();
  expect(screen.getByRole('button', { name: 'Show less of the rationale' })).toHaveAttribute('aria-expanded', 'true');
});

it('text at the limit is shown whole, with no toggle', () => {
  render(<AgentText text={'b'.repeat(TEXT_PREVIEW_CHARS)} label="rationale" />);
  expect(screen.getByText('b'.repeat(TEXT_PREVIEW_CHARS))).toBeInTheDocument();
  expect(screen.queryByRole('button')).toBeNull();
});

it('a cut never splits a surrogate pair or a revealed hidden character', () => {
  // An emoji whose first half is the last character the limit allows.
  expect(shownText(`${'x'.repeat(9)}😀tail`, 10)).toBe(`${'x'.repeat(9)}…`);
  // A right-to-left override revealed as ‹U+202E› (8 characters) across the limit.
  expect(shownText(`${'x'.repeat(6)}\u202Etail`, 10)).toBe(`${'x'.repeat(6)}…`);
});

it('hidden characters are marked where they sit, even in the preview', () => {
  render(<AgentText text={`pay\u202Eevil${'.'.repeat(TEXT_PREVIEW_CHARS)}`} label="payload" />);
  expect(screen.getByTitle('An invisible or direction-changing character')).toHaveTextContent('‹U+202E›');
});
