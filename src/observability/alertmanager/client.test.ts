import { http, HttpResponse } from 'msw';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { mockServer } from '../../../fixtures/adapters/node';
import { resetWarnings } from '../../api/warn-once';
import { AlertmanagerClient } from './client';

const BASE = 'http://alertmanager.test';
const alertmanager = new AlertmanagerClient(BASE, (target): Record<string, string> => (target.origin === BASE ? { authorization: 'Bearer mock.riley' } : {}));

afterEach(() => vi.restoreAllMocks());

/** An alert as Alertmanager 0.25 listed it to the monitoring tests (e2e/monitoring/). */
const alert = (state: string, extra: Record<string, unknown> = {}) => ({
  annotations: { summary: 'An agent’s 95th percentile latency is above 5 s.' },
  endsAt: '2026-12-04T20:10:56.088Z',
  fingerprint: '6e834efdb1550e16',
  receivers: [{ name: 'console' }],
  startsAt: '2026-12-04T20:10:48.088Z',
  status: { inhibitedBy: [], silencedBy: [], state },
  updatedAt: '2026-12-04T20:10:48.095Z',
  generatorURL: 'http://prometheus:9090/graph',
  labels: { alertname: 'SlowAgentP95', service: 'media-engine' },
  ...extra,
});

describe('AlertmanagerClient', () => {
  it('reads every group, silenced and inhibited alerts included, setting aside an alert it cannot read', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    let asked: URL | undefined;
    mockServer.use(
      http.get(`${BASE}/api/v2/alerts/groups`, ({ request }) => {
        asked = new URL(request.url);
        return HttpResponse.json([
          { labels: { alertname: 'SlowAgentP95', service: 'media-engine' }, receiver: { name: 'console' }, alerts: [alert('active'), alert('exploded')] },
          { labels: 'none', receiver: { name: 'console' }, alerts: [] },
        ]);
      }),
    );
    const groups = await alertmanager.alertGroups();
    expect(Object.fromEntries(asked?.searchParams ?? [])).toEqual({ silenced: 'true', inhibited: 'true', active: 'true' });
    expect(groups.items).toHaveLength(1);
    expect(groups.items[0]?.receiver).toBe('console');
    expect(groups.items[0]?.alerts.map((a) => a.status.state)).toEqual(['active']);
    expect(groups.unreadable).toHaveLength(2);
  });

  it('creates a silence with the credentials given for its address and says its id; a refusal is named', async () => {
    const sent: { body: unknown; authorization: string | null }[] = [];
    mockServer.use(
      http.post(`${BASE}/api/v2/silences`, async ({ request }) => {
        const body = (await request.json()) as { createdBy: string };
        sent.push({ body, authorization: request.headers.get('authorization') });
        if (body.createdBy === 'val') return HttpResponse.json({ error: 'Only a reviewer can create or expire silences.' }, { status: 403 });
        if (body.createdBy === 'nobody') return HttpResponse.json('silence invalid: at least one matcher required', { status: 400 });
        return HttpResponse.json({ silenceID: 'b7f1' });
      }),
    );
    const silence = {
      matchers: [{ name: 'alertname', value: 'ServiceUnhealthy', isRegex: false, isEqual: true }],
      startsAt: '2026-12-04T20:00:00.000Z',
      endsAt: '2026-12-04T21:00:00.000Z',
      createdBy: 'Riley Reviewer',
      comment: 'Known',
    };
    await expect(alertmanager.createSilence(silence)).resolves.toBe('b7f1');
    expect(sent[0]).toEqual({ body: silence, authorization: 'Bearer mock.riley' });
    await expect(alertmanager.createSilence({ ...silence, createdBy: 'val' })).rejects.toMatchObject({
      kind: 'forbidden',
      message: 'Alertmanager refused the silence: Only a reviewer can create or expire silences.',
    });
    await expect(alertmanager.createSilence({ ...silence, createdBy: 'nobody' })).rejects.toThrow(
      'Alertmanager refused the silence: silence invalid: at least one matcher required',
    );
  });

  it('expires a silence by id, and lists silences', async () => {
    const expired: string[] = [];
    mockServer.use(
      http.delete(`${BASE}/api/v2/silence/:id`, ({ params }) => {
        expired.push(String(params.id));
        return new HttpResponse(null, { status: 200 });
      }),
      http.get(`${BASE}/api/v2/silences`, () =>
        HttpResponse.json([
          {
            id: 'b7f1',
            status: { state: 'expired' },
            updatedAt: '2026-12-04T20:30:00.000Z',
            matchers: [{ name: 'service', value: 'media-engine', isRegex: false, isEqual: true }],
            startsAt: '2026-12-04T20:00:00.000Z',
            endsAt: '2026-12-04T20:30:00.000Z',
            createdBy: 'Riley Reviewer',
            comment: 'Known',
          },
        ]),
      ),
    );
    await alertmanager.expireSilence('b7f1');
    expect(expired).toEqual(['b7f1']);
    expect((await alertmanager.silences()).items.map((silence) => silence.status.state)).toEqual(['expired']);
  });

  it('names the status when an error explains nothing it can read', async () => {
    mockServer.use(http.delete(`${BASE}/api/v2/silence/:id`, () => HttpResponse.json({ code: 601 }, { status: 500 })));
    await expect(alertmanager.expireSilence('s-1')).rejects.toMatchObject({ status: 500, message: 'Alertmanager could not expire silence s-1: HTTP 500' });
  });

  it('says when Alertmanager answers something that is not a list', async () => {
    mockServer.use(http.get(`${BASE}/api/v2/silences`, () => HttpResponse.json({ silences: [] })));
    await expect(alertmanager.silences()).rejects.toMatchObject({
      kind: 'invalid-response',
      message: 'Alertmanager answered the silences in a shape this console does not read.',
    });
  });

  it('names what it set aside by what it is: a group, an alert, a silence', async () => {
    resetWarnings();
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    mockServer.use(
      http.get(`${BASE}/api/v2/alerts/groups`, () =>
        HttpResponse.json([
          { labels: { alertname: 'A' }, receiver: { name: 'console' }, alerts: [alert('active', { fingerprint: 'broken-alert', startsAt: 7 })] },
          { labels: 'none', receiver: { name: 'console' }, alerts: [] },
        ]),
      ),
      http.get(`${BASE}/api/v2/silences`, () => HttpResponse.json([{ id: 'broken-silence' }])),
    );
    await alertmanager.alertGroups();
    await alertmanager.silences();
    const lines = warn.mock.calls.map(([line]) => String(line));
    expect(lines.some((line) => line.startsWith('[records] set aside Alertmanager alert '))).toBe(true);
    expect(lines.some((line) => line.startsWith('[records] set aside Alertmanager group #2'))).toBe(true);
    expect(lines.some((line) => line.startsWith('[records] set aside Alertmanager silence broken-silence'))).toBe(true);
  });

  it('reads an error explained as { message } before { error }, skips empty explanations, and counts 400 as an error', async () => {
    const answers = [
      HttpResponse.json({ message: 'bad matcher', error: 'proxy said no' }, { status: 400 }),
      HttpResponse.json({ message: '', error: 'proxy said no' }, { status: 502 }),
      HttpResponse.json({ message: 42 }, { status: 503 }),
      HttpResponse.json('', { status: 500 }),
      HttpResponse.json(null, { status: 500 }),
      HttpResponse.json({ error: '' }, { status: 502 }),
      HttpResponse.json({ error: { code: 'upstream' } }, { status: 502 }),
    ];
    mockServer.use(http.get(`${BASE}/api/v2/alerts/groups`, () => answers.shift()));
    const messages: string[] = [];
    for (let index = 0; index < 7; index += 1) messages.push(await alertmanager.alertGroups().then(String, (error: Error) => error.message));
    expect(messages).toEqual([
      'Alertmanager could not answer the alert groups: bad matcher',
      'Alertmanager could not answer the alert groups: proxy said no',
      'Alertmanager could not answer the alert groups: HTTP 503',
      'Alertmanager could not answer the alert groups: HTTP 500',
      'Alertmanager could not answer the alert groups: HTTP 500',
      'Alertmanager could not answer the alert groups: HTTP 502',
      'Alertmanager could not answer the alert groups: HTTP 502',
    ]);
    mockServer.use(http.delete(`${BASE}/api/v2/silence/:id`, () => HttpResponse.json('no such silence', { status: 400 })));
    await expect(alertmanager.expireSilence('gone')).rejects.toMatchObject({
      kind: 'client',
      status: 400,
      message: 'Alertmanager could not expire silence gone: no such silence',
    });
  });

  it('says when a silence was created without an id, or the groups are not a list; an address may end in slashes', async () => {
    const slashes = new AlertmanagerClient(`${BASE}//`);
    mockServer.use(
      http.post(`${BASE}/api/v2/silences`, () => HttpResponse.json({ created: true })),
      http.get(`${BASE}/api/v2/alerts/groups`, () => HttpResponse.json({ groups: [] })),
    );
    await expect(
      slashes.createSilence({ matchers: [], startsAt: '2026-12-04T20:00:00.000Z', endsAt: '2026-12-04T21:00:00.000Z', createdBy: 'Riley', comment: '' }),
    ).rejects.toMatchObject({ kind: 'invalid-response', status: 200, message: 'Alertmanager created a silence but did not say its id.' });
    await expect(slashes.alertGroups()).rejects.toThrow('Alertmanager answered the alert groups in a shape this console does not read.');
  });
});
