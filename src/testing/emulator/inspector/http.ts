import type { IncomingMessage, ServerResponse } from 'node:http';
import { answerApi, type ApiAnswer, type InspectorDeps } from './api';
import { maskSecrets } from './mask';
import { INSPECTOR_HTML } from './page-html';
import { INSPECTOR_SCRIPT } from './page-script';
import { INSPECTOR_CSS } from './page-style';

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

const SECURITY_HEADERS = {
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'content-security-policy':
    "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
};

const ASSETS: Record<string, { type: string; text: string }> = {
  '/': { type: 'text/html; charset=utf-8', text: INSPECTOR_HTML },
  '/inspector.js': { type: 'text/javascript; charset=utf-8', text: INSPECTOR_SCRIPT },
  '/inspector.css': { type: 'text/css; charset=utf-8', text: INSPECTOR_CSS },
};

function reply(response: ServerResponse, status: number, type: string, text: string, extra: Record<string, string> = {}): void {
  response.writeHead(status, { ...SECURITY_HEADERS, ...extra, 'content-type': type, 'content-length': Buffer.byteLength(text) });
  response.end(text);
}

function replyJson(response: ServerResponse, answer: ApiAnswer, secrets: readonly string[]): void {
  reply(response, answer.status, 'application/json; charset=utf-8', JSON.stringify(maskSecrets(answer.body, secrets)));
}

function refusal(status: number, message: string, field?: string): ApiAnswer {
  return { status, body: { error: { message, ...(field === undefined ? {} : { field }) } } };
}

/**
 * Why a request may not reach the inspector, if it may not: a Host that is not the emulator's
 * loopback address (a DNS-rebinding page), or a state change from another origin or without JSON.
 */
function refuse(request: IncomingMessage, method: string, port: number): ApiAnswer | undefined {
  const host = (request.headers.host ?? '').toLowerCase();
  const hostname = host.replace(/:\d+$/, '');
  if (!LOOPBACK_HOSTS.has(hostname) || host !== `${hostname}:${port}`) return refusal(403, 'the inspector answers only on its loopback address');
  if (method === 'GET' || method === 'HEAD') return undefined;
  const origin = request.headers.origin;
  if (origin !== undefined && origin !== `http://${host}`) return refusal(403, `requests from ${origin} may not change the emulator`);
  const site = request.headers['sec-fetch-site'];
  if (origin === undefined && site !== undefined && site !== 'same-origin' && site !== 'none') return refusal(403, 'requests from another site may not change the emulator');
  if (method === 'POST' && !/^application\/json\s*(;|$)/i.test(request.headers['content-type'] ?? '')) {
    return refusal(415, 'send JSON: Content-Type: application/json');
  }
  return undefined;
}

/** Serves the inspector page and its JSON API (everything under `/_emulator`). */
export function createInspectorHandler(deps: InspectorDeps, secrets: () => readonly string[], port: () => number) {
  return (request: IncomingMessage, response: ServerResponse, url: URL, text: string): void => {
    const method = (request.method ?? 'GET').toUpperCase();
    const below = url.pathname.slice('/_emulator'.length);
    const refused = refuse(request, method, port());
    if (refused) return replyJson(response, refused, []);
    if (below === '') return reply(response, 308, 'text/plain; charset=utf-8', 'see /_emulator/\n', { location: '/_emulator/' });
    const asset = ASSETS[below];
    if (asset) {
      if (method !== 'GET' && method !== 'HEAD') return replyJson(response, refusal(405, `${method} is not allowed here`), []);
      return reply(response, 200, asset.type, asset.text);
    }
    if (below !== '/api' && !below.startsWith('/api/')) return replyJson(response, refusal(404, `nothing at ${url.pathname}`), []);
    let body: unknown;
    if (method === 'POST' && text.trim() !== '') {
      try {
        body = JSON.parse(text) as unknown;
      } catch {
        return replyJson(response, refusal(400, 'the body is not valid JSON', '(body)'), []);
      }
    }
    const path = below.slice('/api'.length).replace(/\/+$/, '');
    replyJson(response, answerApi({ method, path, query: url.searchParams, body }, deps), secrets());
  };
}
