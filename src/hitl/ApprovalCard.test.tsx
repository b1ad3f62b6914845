import { composeStories } from '@storybook/react-vite';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { expect, it } from 'vitest';
import { HOSTILE_TEXT } from '../../fixtures/factories';
import * as stories from '../../stories/ApprovalCard.stories';

// The states come from the stories, so a unit test and Storybook can never disagree about them.
const { HostileAgentText, FailedToSubmit, ReadOnlyForViewer } = composeStories(stories);

// jsdom loads no images, so an onerror payload could never fire here: whether a script runs is
// checked by the HostileAgentText story's play function in real Chromium (npm run test:stories).
it('renders hostile agent text as inert text: no element is created from it', () => {
  render(<HostileAgentText />);
  expect(screen.getByRole('heading', { level: 3 })).toHaveTextContent(HOSTILE_TEXT.title);
  expect(screen.getByLabelText('Proposed payload')).toHaveTextContent(HOSTILE_TEXT.payload);
  expect(screen.queryByRole('img')).toBeNull();
  expect(screen.queryByRole('link')).toBeNull();
});

it('a failed submission explains itself and retries', async () => {
  render(<FailedToSubmit />);
  expect(screen.getByRole('alert')).toHaveTextContent('The server failed (HTTP 503). Retry in a moment.');
  await userEvent.click(screen.getByRole('button', { name: 'Retry decision' }));
  expect(FailedToSubmit.args.onRetry).toHaveBeenCalledOnce();
});

it('a viewer gets no decision buttons', () => {
  render(<ReadOnlyForViewer />);
  expect(screen.queryByRole('button')).toBeNull();
});
