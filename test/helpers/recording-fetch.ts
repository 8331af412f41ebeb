import type { FetchLike } from '../../src/index';

export interface RecordedRequest {
  method: string;
  url: URL;
  headers: Headers;
  body: string;
}

export type Responder = (request: RecordedRequest) => Response | Promise<Response>;

/** A fetch that records what it is sent and answers with `responder`. Never touches the network. */
export function recordingFetch(responder: Responder = () => Response.json({ data: {} })) {
  const requests: RecordedRequest[] = [];
  const fetch: FetchLike = async (input, init) => {
    const request = input instanceof Request ? input : new Request(input as string, init);
    const recorded: RecordedRequest = {
      method: request.method,
      url: new URL(request.url),
      headers: request.headers,
      body: request.body === null ? '' : await request.text(),
    };
    requests.push(recorded);
    return responder(recorded);
  };
  return { fetch, requests };
}

export const TOKEN = 'vf-test-token-9f8e7d6c5b4a';
export const PANEL = 'https://panel.example.com';

export function json(body: unknown, init: ResponseInit = {}): Response {
  return new Response(JSON.stringify(body), { status: 200, ...init, headers: { 'content-type': 'application/json', ...(init.headers ?? {}) } });
}
