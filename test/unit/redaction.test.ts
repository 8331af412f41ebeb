import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ConnectionError, VirtFusion, VirtFusionError } from '../../src/index';
import { PANEL, TOKEN, recordingFetch } from '../helpers/recording-fetch';
import { TRANSPORTS } from '../helpers/transports';

describe.each(TRANSPORTS)('over $name', ({ connect }) => {

  const BASE64_TOKEN = btoa(TOKEN);

  function everyPlace(error: VirtFusionError): string {
    return [
      error.message,
      error.stack ?? '',
      JSON.stringify(error),
      JSON.stringify(error.toJSON()),
      JSON.stringify(error.body ?? null),
      JSON.stringify(error.details ?? null),
      inspect(error, { depth: 10 }),
      String(error),
    ].join('\n');
  }

  async function errorFor(responder: () => Response | Promise<Response>): Promise<VirtFusionError> {
    const { fetch } = recordingFetch(responder);
    const vf = new VirtFusion({ url: PANEL, token: TOKEN, ...connect(fetch), middleware: [] });
    return vf.request('GET /servers/{serverId}', { path: { serverId: 1 } }).then(
      () => expect.unreachable('expected a rejection'),
      (e: VirtFusionError) => e,
    );
  }

  describe('the token never leaks', () => {
    it('is absent from util.inspect, JSON and string forms of the client', () => {
      const vf = new VirtFusion({ url: PANEL, token: TOKEN, ...connect() });
      const shown = [inspect(vf, { depth: 10, showHidden: true }), JSON.stringify(vf), String(Object.entries(vf))].join('\n');
      expect(shown).not.toContain(TOKEN);
      expect(inspect(vf)).toBe("VirtFusion { baseUrl: 'https://panel.example.com/api/v1', token: '[REDACTED]' }");
    });

    it('is scrubbed when the panel echoes it in an error body (plain and base64)', async () => {
      const body = { errors: [`token ${TOKEN} is not valid`], message: `Bearer ${BASE64_TOKEN}`, nested: { value: TOKEN } };
      const error = await errorFor(() => Response.json(body, { status: 401 }));
      const text = everyPlace(error);
      expect(text).not.toContain(TOKEN);
      expect(text).not.toContain(BASE64_TOKEN);
      expect(text).toContain('[REDACTED]');
      expect(error.body).toEqual({ errors: ['token [REDACTED] is not valid'], message: 'Bearer [REDACTED]', nested: { value: '[REDACTED]' } });
    });

    it('is scrubbed from an HTML error page', async () => {
      const error = await errorFor(() => new Response(`<html><title>Error for ${TOKEN}</title></html>`, { status: 500 }));
      expect(everyPlace(error)).not.toContain(TOKEN);
    });

    it('is absent from network errors, even when the cause mentions it', async () => {
      const error = await errorFor(() => {
        throw new TypeError('fetch failed', { cause: new Error(`socket hang up while sending Bearer ${TOKEN}`) });
      });
      expect(error).toBeInstanceOf(ConnectionError);
      expect(error.message).not.toContain(TOKEN);
      expect(error.message).toContain('[REDACTED]');
    });

    it('is absent from a 200 with a non-JSON body', async () => {
      const error = await errorFor(() => new Response(`oops ${TOKEN}`, { status: 200 }));
      expect(everyPlace(error)).not.toContain(TOKEN);
    });

    it('is absent from configuration errors about the token', () => {
      const secret = 'abc123 def456';
      try {
        new VirtFusion({ url: PANEL, token: secret, ...connect() });
        expect.unreachable();
      } catch (error) {
        expect(everyPlace(error as VirtFusionError)).not.toContain('abc123');
      }
    });
  });

  it('is absent when the panel or a proxy echoes it as the request id', async () => {
    const error = await errorFor(() => Response.json({ msg: 'gone' }, { status: 404, headers: { 'x-request-id': TOKEN } }));
    expect(error.requestId).toBe('[REDACTED]');
    expect(error.toJSON().error.requestId).toBe('[REDACTED]');
    expect(everyPlace(error)).not.toContain(TOKEN);
  });

  it('is absent in base64 (padded, unpadded, URL alphabet) from a non-JSON 2xx body', async () => {
    const forms = [btoa(TOKEN), btoa(TOKEN).replace(/=+$/, ''), btoa(TOKEN).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_')];
    const error = await errorFor(() => new Response(`<html>${forms.join(' ')}</html>`, { status: 200 }));
    for (const form of forms) expect(everyPlace(error)).not.toContain(form);
    expect(error.body).toBe('<html>[REDACTED] [REDACTED] [REDACTED]</html>');
  });

  it('is redacted before the kept body is cut, so no prefix of it survives the cut', async () => {
    for (const at of [480, 490, 495, 499]) {
      const padding = 'x'.repeat(at);
      const error = await errorFor(() => new Response(`${padding}${TOKEN}${'y'.repeat(100)}`, { status: 200 }));
      expect(String(error.body)).not.toContain(TOKEN.slice(0, 8));
      expect(String(error.body).length).toBeLessThanOrEqual(500);
    }
  });

  it('is absent from an error message that quotes the start of a long text answer', async () => {
    const error = await errorFor(() => new Response(`${'z'.repeat(190)}${TOKEN}`, { status: 500, headers: { 'content-type': 'text/plain' } }));
    expect(error.message).not.toContain(TOKEN.slice(0, 6));
  });

  it('is absent when it is a key of a 422 errors object', async () => {
    const error = await errorFor(() => Response.json({ errors: { [TOKEN]: [`${TOKEN} is invalid`], name: ['required'] } }, { status: 422 }));
    const validation = error as VirtFusionError & { fieldErrors: Record<string, string[]>; messages: string[] };
    expect(Object.keys(validation.fieldErrors)).toEqual(['[REDACTED]', 'name']);
    expect(validation.messages).toEqual(['[REDACTED] is invalid', 'required']);
    expect(everyPlace(error)).not.toContain(TOKEN);
  });

  it('is absent from the cause chain of a network error, which never keeps the request it came from', async () => {
    const error = await errorFor(() => {
      const failure = Object.assign(new TypeError(`fetch failed for ${TOKEN}`), { request: new Request(PANEL, { headers: { authorization: `Bearer ${TOKEN}` } }) });
      throw failure;
    });
    expect(error).toBeInstanceOf(ConnectionError);
    expect(inspect(error, { depth: 20, showHidden: true })).not.toContain(TOKEN);
    expect((error.cause as { request?: unknown }).request).toBeUndefined();
  });

  it('is absent from input errors that quote a long value', async () => {
    const longToken = `${TOKEN}${TOKEN}`;
    const vf = new VirtFusion({ url: PANEL, token: longToken, fetch: recordingFetch().fetch, middleware: [] });
    const error = (await vf.request('GET /servers/{serverId}', { path: { serverId: longToken as never } }).catch((e: unknown) => e)) as VirtFusionError;
    expect(error.message).toBe('Invalid request for GET /servers/{serverId}: path.serverId must be an integer, got a 52-character string');
    expect(everyPlace(error)).not.toContain(TOKEN.slice(0, 10));
  });
});

