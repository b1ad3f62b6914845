import { render, screen } from '@testing-library/react';
import { expect, it } from 'vitest';
import { ProgressIndicator } from './ProgressIndicator';

// The data layer rejects progress outside 0..100 (src/api/contract), but the widget keeps its own
// guard: whatever it is handed, it shows a value a progress bar can have.
it.each([
  { value: -20, shown: '0%', now: '0' },
  { value: 150, shown: '100%', now: '100' },
  { value: 49.6, shown: '50%', now: '50' },
  { value: Number.POSITIVE_INFINITY, shown: '100%', now: '100' },
  { value: Number.NEGATIVE_INFINITY, shown: '0%', now: '0' },
])('clamps $value to $shown', ({ value, shown, now }) => {
  render(<ProgressIndicator label="Import progress" value={value} />);
  const bar = screen.getByRole('progressbar', { name: 'Import progress' });
  expect(bar).toHaveAttribute('aria-valuenow', now);
  expect(bar).toHaveAttribute('aria-valuetext', shown);
  expect(screen.getByText(shown)).toBeInTheDocument();
  // eslint-disable-next-line testing-library/no-node-access -- the bar's width is the one thing the user sees of the value
  expect(bar.firstElementChild).toHaveStyle({ width: shown });
});

it('a value that is not a number is shown as not known yet, never as "NaN%"', () => {
  render(<ProgressIndicator label="Import progress" value={Number.NaN} />);
  const bar = screen.getByRole('progressbar', { name: 'Import progress' });
  expect(bar).not.toHaveAttribute('aria-valuenow');
  expect(bar).toHaveAttribute('aria-valuetext', 'Starting');
  expect(screen.queryByText(/NaN/)).toBeNull();
});

it('an error keeps the clamped value it failed at', () => {
  render(<ProgressIndicator label="Import progress" value={250} error="Disk full" />);
  expect(screen.getByRole('progressbar', { name: 'Import progress' })).toHaveAttribute('aria-valuetext', 'Failed at 100%');
  expect(screen.getByText('Failed: Disk full')).toBeInTheDocument();
});
