import { composeStories } from '@storybook/react-vite';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { expect, it } from 'vitest';
import * as stories from '../../stories/AlertWidget.stories';

const { ManyCollapsed } = composeStories(stories);

it('a list shown whole folds back to its first three, with the count of the rest', async () => {
  render(<ManyCollapsed />);
  await userEvent.click(screen.getByRole('button', { name: 'Show 4 more alerts' }));
  expect(screen.getAllByRole('listitem')).toHaveLength(7);
  await userEvent.click(screen.getByRole('button', { name: 'Show fewer alerts' }));
  expect(screen.getAllByRole('listitem')).toHaveLength(3);
  expect(screen.getByRole('button', { name: 'Show 4 more alerts' })).toHaveAttribute('aria-expanded', 'false');
  expect(screen.queryByRole('button', { name: 'Show fewer alerts' })).toBeNull();
});
