import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FaultDecision, FaultInjector, FaultKind } from './faults';
import type { Journal } from './journal';
import { answerCall, type Outgoing, type PipelineDeps } from './pipeline';
import { parseQuery } from './query';
import { API_PREFIX, type RouteLookup } from './router';

/** Where the inspector's page and JSON API live on the emulator's origin. */
export const INSPECTOR_PREFIX = '/_emulator';

const MAX_BODY_BYTES = 1024 * 1024;

const PROXY_502 = `<html>
<head><title>502 Bad Gateway</title></head>
<body>
<center><h1>502 Bad Gateway</h1></center>
<hr><center>nginx</center>
</body>
</html>
`;

const PHP_WARNING = '<br />\n<b>Warning</b>:  Undefined array key "hypervisor" in <b>/opt/virtfusion/app/app/Http/Resources/Server.php</b> on line <b>112</b><br />\n';

export interface HttpDeps {
  route: (method: string, pathname: string) => RouteLookup;
  faults: FaultInjector;
  journal: Journal;
  /** The pipeline's dependencies as they are now (they change on reset). */
  pipeline: () => PipelineDeps;
  /** Answers everything under {@link INSPECTOR_PREFIX}; such requests are not journaled. */
  inspector: (request: IncomingMessage, response: ServerResponse, url: URL, text: string) => void;
}

/** Real-time waits and sockets the server owns, released on stop. */
export class LiveResources {
  readonly timers = new Set<ReturnType<typeof setTimeout>>();

  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        resolve();
      }, ms);
      this.timers.add(timer);
    });
  }

  clear(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Error('body too large'));
        request.destroy();
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

function parseBody(text: string): { body: unknown; json: boolean } {
  if (text.trim() === '') return { body: undefined, json: false };
  try {
    return { body: JSON.parse(text) as unknown, json: true };
  } catch {
    return { body: text, json: false };
  }
}

function send(response: ServerResponse, outgoing: Outgoing, contentType = 'application/json'): void {
  const headers: Record<string, string | number> = { 'cache-control': 'no-cache, private', ...outgoing.headers };
  if (outgoing.text === undefined) {
    headers['content-length'] = 0;
    response.writeHead(outgoing.status, headers);
    response.end();
    return;
  }
  headers['content-type'] = contentType;
  headers['content-length'] = Buffer.byteLength(outgoing.text);
  response.writeHead(outgoing.status, headers);
  response.end(outgoing.text);
}

/** Faults that replace the answer before the panel sees the request. */
function frontFault(kind: FaultKind, retryAfter: number | undefined): { outgoing: Outgoing; contentType: string } | undefined {
  switch (kind) {
    case '500':
      return { outgoing: { status: 500, headers: {}, text: JSON.stringify({ message: 'Server Error' }) }, contentType: 'application/json' };
    case '503':
      return {
        outgoing: { status: 503, headers: retryAfter === undefined ? {} : { 'retry-after': String(retryAfter) }, text: JSON.stringify({ message: 'Service Unavailable' }) },
        contentType: 'application/json',
      };
    case 'html-502':
      return { outgoing: { status: 502, headers: { server: 'nginx' }, text: PROXY_502 }, contentType: 'text/html' };
    default:
      return undefined;
  }
}

/** A body to spoil even when the panel's answer had none. */
function spoilable(outgoing: Outgoing): Outgoing {
  return outgoing.text === undefined ? { status: outgoing.status === 204 ? 200 : outgoing.status, headers: outgoing.headers, text: '{"data":{"queued":true}}' } : outgoing;
}

function writeSlowly(response: ServerResponse, outgoing: Outgoing, stallMs: number, live: LiveResources): void {
  const text = outgoing.text ?? '';
  const half = Math.floor(text.length / 2);
  response.writeHead(outgoing.status, {
    'cache-control': 'no-cache, private',
    ...outgoing.headers,
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
  });
  response.write(text.slice(0, half));
  const timer = setTimeout(() => {
    live.timers.delete(timer);
    if (!response.destroyed) response.end(text.slice(half));
  }, stallMs);
  live.timers.add(timer);
  response.on('close', () => {
    clearTimeout(timer);
    live.timers.delete(timer);
  });
}

async function handle(request: IncomingMessage, response: ServerResponse, deps: HttpDeps, live: LiveResources): Promise<void> {
  const started = performance.now();
  const method = (request.method ?? 'GET').toUpperCase();
  const url = new URL(request.url ?? '/', 'http://emulator.invalid');
  const pathname = url.pathname.replace(/\/+$/, '') || '/';
  const query = parseQuery(url.searchParams);
  let text = '';
  try {
    text = await readBody(request);
  } catch {
    response.writeHead(413, { 'content-length': 0 }).end();
    return;
  }
  if (pathname === INSPECTOR_PREFIX || pathname.startsWith(`${INSPECTOR_PREFIX}/`)) {
    deps.inspector(request, response, url, text);
    return;
  }
  const pipeline = deps.pipeline();
  pipeline.store.tick();
  const lookup = deps.route(method, pathname);
  const route = lookup.kind === 'match' ? lookup.route : undefined;
  const below = pathname.startsWith(API_PREFIX) ? pathname.slice(API_PREFIX.length) || '/' : pathname;
  const decision: FaultDecision = deps.faults.decide(method, below, route);
  const { body, json } = parseBody(text);
  const { journal } = deps;
  const entry = journal.open({ time: pipeline.store.clock.now(), method, path: pathname, ...(route ? { route } : {}), query }, text, body);
  response.once('close', () => journal.close(entry, performance.now() - started));
  const fault = decision.fault;
  if (fault) entry.fault = fault.kind;
  else if (decision.latencyMs > 0) entry.fault = 'latency';

  if (decision.latencyMs > 0) {
    await live.sleep(decision.latencyMs);
    if (response.destroyed) return;
    pipeline.store.tick();
  }
  if (fault?.kind === 'reset') {
    request.socket.destroy();
    return;
  }
  const front = fault ? frontFault(fault.kind, fault.rule.retryAfter) : undefined;
  if (front) {
    journal.answer(entry, front.outgoing.status, front.outgoing.text);
    send(response, front.outgoing, front.contentType);
    return;
  }

  let outgoing: Outgoing;
  try {
    outgoing = answerCall({ method, pathname, query, lookup, authorization: request.headers.authorization, text, body, bodyIsJson: json }, pipeline);
  } catch (error) {
    outgoing = { status: 500, headers: {}, text: JSON.stringify({ message: 'Server Error', emulator: error instanceof Error ? error.message : String(error) }) };
  }

  switch (fault?.kind) {
    case 'truncated-json': {
      const spoiled = spoilable(outgoing);
      const full = spoiled.text!;
      outgoing = { ...spoiled, text: full.slice(0, Math.max(1, Math.min(full.length - 1, Math.floor(full.length * 0.6)))) };
      break;
    }
    case 'malformed-json': {
      const spoiled = spoilable(outgoing);
      outgoing = { ...spoiled, text: PHP_WARNING + spoiled.text! };
      break;
    }
    case 'slow-body': {
      const spoiled = spoilable(outgoing);
      journal.answer(entry, spoiled.status, spoiled.text);
      writeSlowly(response, spoiled, fault.rule.ms ?? 30_000, live);
      return;
    }
    default:
      break;
  }
  journal.answer(entry, outgoing.status, outgoing.text);
  send(response, outgoing);
}

/** Starts the HTTP server; resolves with the server and the port it got. */
export function listen(deps: HttpDeps, live: LiveResources, host: string, port: number): Promise<{ server: Server; port: number }> {
  const server = createServer((request, response) => {
    handle(request, response, deps, live).catch(() => {
      if (!response.headersSent) response.writeHead(500, { 'content-length': 0 });
      response.end();
    });
  });
  server.keepAliveTimeout = 5_000;
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve({ server, port: (server.address() as AddressInfo).port });
    });
  });
}
