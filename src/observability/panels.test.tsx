import { composeStories } from '@storybook/react-vite';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { fn } from 'storybook/test';
import { describe, expect, it } from 'vitest';
import { createAuditEvent } from '../../fixtures/factories';
import * as alertStories from '../../stories/AlertRulesPanel.stories';
import * as metricsStories from '../../stories/ServiceMetricsPanel.stories';
import type { AuditQuery } from '../api/contract';
import { ApiError } from '../api/errors';
import { AuditLogPanel, type AuditPage, type AuditSource } from './AuditLogPanel';
import { ServiceMetricsPanel } from './ServiceMetricsPanel';

// The states come from the stories, so a unit test and Storybook can never disagree about them.
const { Pending, Firing, Silenced, Resolved } = composeStories(alertStories);
const { Healthy, Stale, SkippedLines, Unhealthy, Errored } = composeStories(metricsStories);

describe('AlertRulesPanel', () => {
  it('shows each alert with its state in its accessible name', () => {
    render(<Pending />);
    expect(screen.getByRole('listitem', { name: 'ServiceUnhealthy media-engine: pending' })).toBeVisible();
  });

  it('offers a silence for a firing alert, and says who silenced one', async () => {
    const onSilence = fn();
    render(<Firing onSilence={onSilence} />);
    await userEvent.click(screen.getByRole('button', { name: 'Silence for 1 hour' }));
    expect(onSilence.mock.calls).toEqual([
      [{ alertname: 'ServiceUnhealthy', service: 'media-engine' }, 'Riley Reviewer', 'Silenced from the console', 3_600_000],
    ]);
    render(<Silenced />);
    expect(screen.getByRole('list', { name: 'Silences' })).toHaveTextContent(
      'alertname="ServiceUnhealthy", service="media-engine" by Riley Reviewer until 10:00:00 UTC: Restarting the GPU pool',
    );
  });

  it('lists a resolved alert with when it resolved, and its history', () => {
    render(<Resolved />);
    expect(screen.getByRole('listitem', { name: 'ServiceUnhealthy media-engine: resolved' })).toHaveTextContent('Resolved at 09:00:00 UTC.');
    expect(screen.getByText('History (3)')).toBeInTheDocument();
  });
});

describe('ServiceMetricsPanel', () => {
  it('keeps the charts when stale and says from when', () => {
    render(<Stale />);
    expect(screen.getByRole('status')).toHaveTextContent(
      'Showing the last data we had (from 08:59:00 UTC); refreshing failed: The server could not be reached.',
    );
    expect(screen.getByRole('figure', { name: 'Request rate' })).toBeVisible();
  });

  it('says how many lines of the last scrape it skipped', () => {
    render(<SkippedLines />);
    expect(screen.getByRole('note')).toHaveTextContent('The last scrape had 3 lines this console could not read; they were skipped, the rest is shown.');
  });

  it('says which latency lines are approximations and why', () => {
    render(<Unhealthy />);
    expect(screen.getByRole('note')).toHaveTextContent(
      /^Approximate \(dashed\): .*p99.* above the highest histogram bucket, so the value shown is that bucket's bound, a lower limit\.$/,
    );
  });

  it('says a restart once however many refreshes since have its window in view', () => {
    const view = Healthy.args.view;
    if (!view?.metrics.data) throw new Error('the Healthy story has no metrics');
    const points = view.metrics.data.points.map((point, index) => ({ ...point, resets: index === 0 ? 0 : 1 }));
    render(<ServiceMetricsPanel view={{ ...view, metrics: { ...view.metrics, data: { ...view.metrics.data, points } } }} />);
    expect(points.length).toBeGreaterThan(2);
    expect(screen.getByText(/^Counters restarted/)).toHaveTextContent(
      'Counters restarted once in the window (a process restart); rates count from the restart.',
    );
  });

  it('with 1,000 agents draws the five busiest and counts the rest, and names a series it left out', () => {
    const view = Healthy.args.view;
    if (!view?.metrics.data) throw new Error('the Healthy story has no metrics');
    const agents = Array.from({ length: 1_000 }, (_, index) => `agent-${index}`);
    const points = view.metrics.data.points.map((point) => ({
      ...point,
      agentRates: Object.fromEntries(agents.map((agent, index) => [agent, index])),
      activeTasks: Object.fromEntries(agents.map((agent) => [agent, 1])),
      latency: [],
      unreadableSeries: ['a2a_requests_total{agent="agent-3",status="error"} = +Inf'],
    }));
    render(<ServiceMetricsPanel view={{ ...view, metrics: { ...view.metrics, data: { ...view.metrics.data, points } } }} />);
    expect(screen.getByText(/busiest agents/)).toHaveTextContent('The 5 busiest agents are drawn, and 995 more are counted in the totals.');
    const legend = within(screen.getByRole('figure', { name: 'Active tasks' }))
      .getAllByRole('listitem')
      .map((item) => item.textContent);
    expect(legend).toEqual(['agent-995', 'agent-996', 'agent-997', 'agent-998', 'agent-999']);
    expect(screen.getByRole('note')).toHaveTextContent(
      'One series was left out: not a finite number (a2a_requests_total{agent="agent-3",status="error"} = +Inf). The others are shown.',
    );
  });

  it('offers a retry when the first read failed', () => {
    render(<Errored />);
    expect(screen.getByRole('alert')).toHaveTextContent('Could not load delivery-gateway metrics: The server failed (HTTP 500).');
    expect(screen.getByRole('button', { name: 'Retry delivery-gateway metrics' })).toBeEnabled();
  });
});

describe('AuditLogPanel', () => {
  const page = (ids: string[], nextCursor: string | null): AuditPage => ({
    items: ids.map((id) => createAuditEvent({ id, target: id })),
    unreadable: [],
    nextCursor,
  });

  it('asks the source with the filters, and starts again from the first page when they change', async () => {
    const asked: AuditQuery[] = [];
    const source: AuditSource = async (query) => {
      asked.push(query);
      return page([`e-${asked.length}`], 'next');
    };
    render(<AuditLogPanel source={source} />);
    await screen.findByText('e-1');
    await userEvent.selectOptions(screen.getByLabelText('Service'), 'media-engine');
    await userEvent.selectOptions(screen.getByLabelText('Outcome'), 'Failed');
    await userEvent.type(screen.getByRole('searchbox', { name: 'Search' }), 'riley');
    await userEvent.click(screen.getByRole('button', { name: 'Search' }));
    await screen.findByText('e-4');
    expect(asked).toEqual([
      {},
      { service: 'media-engine' },
      { service: 'media-engine', success: false },
      { service: 'media-engine', success: false, q: 'riley' },
    ]);
    expect(screen.queryByText('e-1')).toBeNull();
  });

  it('pages on with the cursor, and a failed page keeps the rows already shown', async () => {
    const pages = new Map<string | undefined, AuditPage | Error>([
      [undefined, page(['a', 'b'], 'c1')],
      ['c1', new ApiError('network', 'The server could not be reached.')],
    ]);
    const source: AuditSource = async (query) => {
      const answer = pages.get(query.cursor);
      if (!answer || answer instanceof Error) throw answer ?? new Error('no such page');
      return answer;
    };
    render(<AuditLogPanel source={source} />);
    await screen.findByText('b');
    await userEvent.click(screen.getByRole('button', { name: 'Load more' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Could not load more audit events: The server could not be reached.');
    expect(screen.getAllByTestId('audit-row')).toHaveLength(2);
    pages.set('c1', page(['c', 'd'], null));
    await userEvent.click(screen.getByRole('button', { name: 'Retry loading more' }));
    await waitFor(() => expect(screen.getAllByTestId('audit-row')).toHaveLength(4));
    expect(screen.getByText('4 events: the end of the log.')).toBeVisible();
    expect(within(screen.getByRole('table')).getAllByRole('row')).toHaveLength(5);
  });

  it('a server that answers a cursor with the same page and the same cursor ends "Load more" with a notice, each event once', async () => {
    const repeated = page(['c', 'd'], 'c1');
    const source: AuditSource = async (query) => (query.cursor === undefined ? page(['a', 'b'], 'c1') : repeated);
    render(<AuditLogPanel source={source} />);
    await screen.findByText('b');
    await userEvent.click(screen.getByRole('button', { name: 'Load more' }));
    await waitFor(() => expect(screen.getAllByTestId('audit-row')).toHaveLength(4));
    expect(screen.queryByRole('button', { name: 'Load more' })).toBeNull();
    expect(screen.getByRole('note')).toHaveTextContent('The server offered a page it had already sent (cursor c1), so loading stopped here');
  });

  it('an event a later page repeats is listed once', async () => {
    const source: AuditSource = async (query) => (query.cursor === undefined ? page(['a', 'b'], 'c1') : page(['b', 'c'], null));
    render(<AuditLogPanel source={source} />);
    await screen.findByText('b');
    await userEvent.click(screen.getByRole('button', { name: 'Load more' }));
    await screen.findByText('3 events: the end of the log.');
    expect(screen.getAllByTestId('audit-row')).toHaveLength(3);
  });
});
