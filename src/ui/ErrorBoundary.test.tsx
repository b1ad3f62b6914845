import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { expect, it, vi } from 'vitest';
import { ErrorBoundary } from './ErrorBoundary';

let broken = true;
function Flaky() {
  if (broken) throw new Error('metrics exploded');
  return <p>Metrics are back</p>;
}

it('one failing widget shows its own error and a retry; its neighbours keep rendering', async () => {
  const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
  render(
    <>
      <ErrorBoundary what="The Metrics widget">
        <Flaky />
      </ErrorBoundary>
      <ErrorBoundary what="The Alerts widget">
        <p>Alerts are fine</p>
      </ErrorBoundary>
    </>,
  );
  expect(screen.getByRole('alert')).toHaveTextContent('The Metrics widget failed: metrics exploded');
  expect(screen.getByText('Alerts are fine')).toBeVisible();
  expect(errors).toHaveBeenCalled();
  broken = false;
  await userEvent.click(screen.getByRole('button', { name: 'Try again' }));
  expect(screen.getByText('Metrics are back')).toBeVisible();
});
