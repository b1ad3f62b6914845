import { fireEvent, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { segments, TimeSeriesChart, type ChartRow } from './TimeSeriesChart';

const AT = Date.UTC(2026, 0, 5, 9, 0, 0);
const ROWS: ChartRow[] = [
  { at: AT, rate: 1.5, errors: 0.01 },
  { at: AT + 30_000, rate: null, errors: 0.02 },
  { at: AT + 60_000, rate: 2.25, errors: 0.04 },
];
const LINES = [
  { key: 'rate', label: 'requests' },
  { key: 'errors', label: 'failed' },
];
const format = (value: number) => value.toFixed(2);
const tooltip = () => screen.queryByRole('tooltip');

describe('TimeSeriesChart', () => {
  it('is an image named by its latest values, and says so when it has none', () => {
    const { rerender } = render(<TimeSeriesChart title="Request rate" rows={ROWS} lines={LINES} format={format} />);
    expect(screen.getByRole('img')).toHaveAccessibleName('Request rate: latest requests 2.25, failed 0.04; 3 refreshes');
    rerender(<TimeSeriesChart title="Request rate" rows={[{ at: AT, rate: null, errors: null }]} lines={LINES} format={format} />);
    expect(screen.queryByRole('img')).toBeNull();
    expect(screen.getByText(/No data yet/)).toBeVisible();
  });

  it("shows every line's value at a refresh from the keyboard, a gap as a dash, and describes the chart with it", async () => {
    render(<TimeSeriesChart title="Request rate" rows={ROWS} lines={LINES} format={format} />);
    const chart = screen.getByRole('img');
    await userEvent.tab();
    expect(chart).toHaveFocus();
    expect(tooltip()).toHaveTextContent('09:01:00 UTCrequests: 2.25failed: 0.04');
    expect(chart).toHaveAccessibleDescription('09:01:00 UTC requests: 2.25 failed: 0.04');
    await userEvent.keyboard('{ArrowLeft}');
    expect(tooltip()).toHaveTextContent(/09:00:30.*requests: —failed: 0\.02/);
    await userEvent.keyboard('{Home}');
    expect(tooltip()).toHaveTextContent(/09:00:00.*requests: 1\.50failed: 0\.01/);
    // Past either end it stays at the end.
    await userEvent.keyboard('{ArrowLeft}');
    expect(tooltip()).toHaveTextContent(/requests: 1\.50/);
    await userEvent.keyboard('{End}{ArrowRight}');
    expect(tooltip()).toHaveTextContent(/requests: 2\.25/);
    await userEvent.keyboard('{Escape}');
    expect(tooltip()).toBeNull();
    expect(chart).toHaveAccessibleDescription('');
  });

  it('shows the refresh nearest the pointer, and nothing once it leaves', () => {
    render(<TimeSeriesChart title="Request rate" rows={ROWS} lines={LINES} format={format} />);
    const chart = screen.getByRole('img');
    // The plot starts 56 px in (the value axis) and is 258 px wide; jsdom puts the chart at 0, 0.
    fireEvent.pointerMove(chart, { clientX: 56 + 258 * 0.4 });
    expect(tooltip()).toHaveTextContent(/09:00:30/);
    fireEvent.pointerMove(chart, { clientX: 56 + 258 * 0.9 });
    expect(tooltip()).toHaveTextContent(/09:01:00/);
    fireEvent.pointerLeave(chart);
    expect(tooltip()).toBeNull();
  });

  it('breaks a line where a refresh had no value', () => {
    const rows: ChartRow[] = [
      { at: AT, rate: 1 },
      { at: AT + 30_000, rate: null },
      { at: AT + 60_000, rate: 2 },
      { at: AT + 90_000, rate: 3 },
      { at: AT + 120_000, rate: null },
    ];
    expect(segments(rows, 'rate')).toEqual([[rows[0]], [rows[2], rows[3]]]);
    expect(segments(rows, 'missing')).toEqual([]);
  });

  it('counts in whole numbers when told to', () => {
    // From 0 to 2 the scale would tick every half.
    const rows = [
      { at: AT, n: 1 },
      { at: AT + 30_000, n: 2 },
    ];
    const { rerender } = render(<TimeSeriesChart title="Active tasks" rows={rows} lines={[{ key: 'n', label: 'tasks' }]} format={String} />);
    expect(screen.getAllByText(/^\d+\.\d+$/).length).toBeGreaterThan(0);
    rerender(<TimeSeriesChart title="Active tasks" rows={rows} lines={[{ key: 'n', label: 'tasks' }]} format={String} integer />);
    expect(screen.queryAllByText(/^\d+\.\d+$/)).toEqual([]);
    expect(screen.getAllByText(/^\d+$/).map((tick) => tick.textContent)).toEqual(['0', '1', '2']);
  });
});
