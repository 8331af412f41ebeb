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
});
