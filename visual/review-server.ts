import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import sirv from 'sirv';
import { z } from 'zod';
import type { Folders } from './judge';
import { decide, readDecisions, readSummary, selectCaptures, undo } from './review';

/** What the review page may ask: which captures, groups or patterns, and an optional reason. */
const requestSchema = z.object({ targets: z.array(z.string().min(1).max(300)).min(1).max(500), reason: z.string().max(500).optional() });
const BODY_LIMIT = 64 * 1024;

export interface ReviewServer {
  url: string;
  close(): Promise<void>;
}

/**
 * Serves the last report (visual-report/) with a small API on this machine only: GET
 * /api/decisions, POST /api/accept|reject|undo. Decisions are written to the baselines and
 * review.json at once. A request from another origin (a web page the reviewer has open) is refused.
 */
export async function startReviewServer(folders: Folders, options: { reviewer: string; port?: number }): Promise<ReviewServer> {
  const files = sirv(folders.report, { dev: true });
  let origin = '';
  const server = createServer((request, response) => {
    if (!request.url?.startsWith('/api/')) {
      files(request, response);
      return;
    }
    handle(request, response).catch((error: Error) => send(response, 400, { error: error.message }));
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const action = request.url?.slice('/api/'.length).split('?')[0];
    if (request.method === 'GET' && action === 'decisions') return send(response, 200, { decisions: readDecisions(folders.baselines) });
    if (request.method !== 'POST' || (action !== 'accept' && action !== 'reject' && action !== 'undo'))
      return send(response, 404, { error: `no such review action: ${request.method} ${request.url}` });
    if (request.headers.origin !== origin) return send(response, 403, { error: `requests from ${request.headers.origin ?? 'no origin'} are refused` });
    if (!request.headers['content-type']?.startsWith('application/json')) return send(response, 415, { error: 'send JSON' });
    const parsed = requestSchema.safeParse(JSON.parse(await readBody(request)));
    if (!parsed.success) return send(response, 400, { error: parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ') });
    // The report on disk may have been replaced by a newer run since the page loaded: read it each time.
    const summary = readSummary(folders.report);
    const { captures, unknown } = selectCaptures(summary, parsed.data.targets);
    if (unknown.length > 0) return send(response, 400, { error: `nothing to decide for ${unknown.join(', ')}` });
    if (action === 'undo') {
      const undone = undo(captures, folders);
      return send(response, 200, { decisions: readDecisions(folders.baselines), message: `Undone: ${undone.length} capture(s).` });
    }
    const made = decide(summary, captures, action === 'accept' ? 'accepted' : 'rejected', folders, {
      reviewer: options.reviewer,
      ...(parsed.data.reason ? { reason: parsed.data.reason } : {}),
    });
    const verb = action === 'accept' ? 'Accepted' : 'Rejected';
    return send(response, 200, { decisions: readDecisions(folders.baselines), message: `${verb}: ${made.length} capture(s).` });
  }

  await new Promise<void>((done) => server.listen(options.port ?? 0, '127.0.0.1', done));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('could not start the review server');
  origin = `http://127.0.0.1:${address.port}`;
  return {
    url: `${origin}/`,
    // Closing also drops the browser's open keep-alive connections: a page still open (a test's,
    // until its fixtures end) must not hold the server, and a request in flight gets no answer.
    close: () =>
      new Promise<void>((done) => {
        server.close(() => done());
        server.closeAllConnections();
      }),
  };
}

function send(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  response.end(JSON.stringify(body));
}

async function readBody(request: IncomingMessage): Promise<string> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > BODY_LIMIT) throw new Error('request too large');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}
