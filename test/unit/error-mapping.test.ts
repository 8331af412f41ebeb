import { describe, expect, it } from 'vitest';
import {
  ApiError,
  AuthenticationError,
  ConflictError,
  LockedError,
  NotFoundError,
  PermissionError,
  RateLimitError,
  ResponseValidationError,
  ServerError,
  ValidationError,
  VirtFusion,
  VirtFusionError,
  isNotFoundError,
  isRateLimitError,
  isValidationError,
  isVirtFusionError,
} from '../../src/index';
import { PANEL, TOKEN, recordingFetch } from '../helpers/recording-fetch';
import { TRANSPORTS } from '../helpers/transports';

describe.each(TRANSPORTS)('over $name', ({ connect }) => {

  async function failure(status: number, body: string, headers: Record<string, string> = {}): Promise<VirtFusionError> {
    const { fetch } = recordingFetch(() => new Response(body === '' ? null : body, { status, headers }));
    // The bare core: no retry layer, so every answer is seen once.
    const vf = new VirtFusion({ url: PANEL, token: TOKEN, ...connect(fetch), middleware: [] });
    const error = await vf.request('GET /servers/{serverId}', { path: { serverId: 7 } }).then(
      () => expect.unreachable('expected a rejection'),
      (e: unknown) => e,
    );
    expect(isVirtFusionError(error)).toBe(true);
    return error as VirtFusionError;
  }

  const JSON_TYPE = { 'content-type': 'application/json' };

  describe('error answers map to classes with the panel message', () => {
    it('422 with errors: string[] → ValidationError with every message', async () => {
      const error = await failure(422, JSON.stringify({ errors: ['Invalid or disabled firewall ruleset', 'bad package'] }), JSON_TYPE);
      expect(error).toBeInstanceOf(ValidationError);
      expect(isValidationError(error)).toBe(true);
      expect(error.message).toBe(
        'The panel rejected the input (422 on GET /servers/{serverId}): Invalid or disabled firewall ruleset; bad package.',
      );
      expect((error as ValidationError).messages).toEqual(['Invalid or disabled firewall ruleset', 'bad package']);
      expect((error as ValidationError).fieldErrors).toEqual({});
      expect(error.code).toBe('validation_error');
      expect(error.status).toBe(422);
      expect(error.retryable).toBe(false);
    });

    it.each([
      [{ msg: 'package does not allow this template' }],
      [{ message: 'package does not allow this template' }],
      [{ error: 'package does not allow this template' }],
      ['package does not allow this template'],
    ])('422 %j → messages hold what the panel said', async (body) => {
      const error = (await failure(422, JSON.stringify(body), JSON_TYPE)) as ValidationError;
      expect(error.messages).toEqual(['package does not allow this template']);
      const plain = (await failure(422, 'package does not allow this template\n', { 'content-type': 'text/plain' })) as ValidationError;
      expect(plain.messages).toEqual(['package does not allow this template']);
      expect(error.message).toBe('The panel rejected the input (422 on GET /servers/{serverId}): package does not allow this template.');
    });

    it("422 in Laravel's {message, errors: {field: []}} keeps field details", async () => {
      const body = { message: 'The given data was invalid.', errors: { email: ['The email has already been taken.'], name: ['Too long.', 'Bad.'] } };
      const error = (await failure(422, JSON.stringify(body), JSON_TYPE)) as ValidationError;
      expect(error).toBeInstanceOf(ValidationError);
      expect(error.fieldErrors).toEqual({ email: ['The email has already been taken.'], name: ['Too long.', 'Bad.'] });
      expect(error.message).toBe(
        'The panel rejected the input (422 on GET /servers/{serverId}): The given data was invalid. (The email has already been taken.; Too long.; Bad.).',
      );
      expect(error.toJSON().error.details).toEqual({ messages: ['The email has already been taken.', 'Too long.', 'Bad.'], fieldErrors: body.errors });
    });

    it('404 {msg} → NotFoundError', async () => {
      const error = await failure(404, JSON.stringify({ msg: 'server not found' }), JSON_TYPE);
      expect(error).toBeInstanceOf(NotFoundError);
      expect(isNotFoundError(error)).toBe(true);
      expect(error.message).toBe('Not found (404 on GET /servers/{serverId}): server not found.');
      expect(error.body).toEqual({ msg: 'server not found' });
    });

    it('423 {msg} → LockedError, retryable, with a hint', async () => {
      const error = await failure(423, JSON.stringify({ msg: 'server is currently being built' }), JSON_TYPE);
      expect(error).toBeInstanceOf(LockedError);
      expect(error.retryable).toBe(true);
      expect(error.message).toBe(
        'Locked (423 on GET /servers/{serverId}): server is currently being built. The resource is busy (for example a build in progress); try again when it finishes.',
      );
    });

    it('401 with an empty body → AuthenticationError that says what to check', async () => {
      const error = await failure(401, '');
      expect(error).toBeInstanceOf(AuthenticationError);
      expect(error.message).toBe(
        'VirtFusion rejected the API token (401 on GET /servers/{serverId}). Check the API token, its expiry and its IP allow-list in the panel (Configuration → API).',
      );
      expect(error.body).toBeUndefined();
    });

    it('403 {message} → PermissionError', async () => {
      const error = await failure(403, JSON.stringify({ message: 'This action is unauthorized.' }), JSON_TYPE);
      expect(error).toBeInstanceOf(PermissionError);
      expect(error.message).toMatch(/^The API token is not allowed to do this \(403 on GET \/servers\/\{serverId\}\): This action is unauthorized\./);
    });

    it('409 → ConflictError', async () => {
      const error = await failure(409, JSON.stringify({ errors: ['email already in use'] }), JSON_TYPE);
      expect(error).toBeInstanceOf(ConflictError);
      expect(error.message).toBe('Conflict with an existing record (409 on GET /servers/{serverId}): email already in use.');
    });

    it('429 → RateLimitError with Retry-After in seconds', async () => {
      const error = await failure(429, '', { 'retry-after': '17' });
      expect(error).toBeInstanceOf(RateLimitError);
      expect(isRateLimitError(error)).toBe(true);
      expect((error as RateLimitError).retryAfterMs).toBe(17_000);
      expect(error.retryable).toBe(true);
      expect(error.message).toBe('Rate limited by the panel (429 on GET /servers/{serverId}). Retry after 17s.');
    });

    it('429 → RateLimitError with Retry-After as an HTTP date', async () => {
      const when = new Date(Date.now() + 60_000).toUTCString();
      const error = (await failure(429, '', { 'retry-after': when })) as RateLimitError;
      expect(error.retryAfterMs).toBeGreaterThan(55_000);
      expect(error.retryAfterMs).toBeLessThanOrEqual(60_000);
    });

    it('502 HTML from a proxy → ServerError naming the page', async () => {
      const html = '<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1></body></html>';
      const error = await failure(502, html, { 'content-type': 'text/html' });
      expect(error).toBeInstanceOf(ServerError);
      expect(error.retryable).toBe(true);
      expect(error.message).toBe(
        'The panel failed (502 on GET /servers/{serverId}): an HTML page ("502 Bad Gateway"), usually from a proxy or load balancer in front of the panel.',
      );
      expect(error.body).toBe(html);
    });

    it('500 with truncated JSON → ServerError, never a crash', async () => {
      const error = await failure(500, '{"errors": ["Something went wr', JSON_TYPE);
      expect(error).toBeInstanceOf(ServerError);
      expect(error.message).toBe('The panel failed (500 on GET /servers/{serverId}): a body that is not valid JSON (cut short or malformed).');
      expect(error.body).toBe('{"errors": ["Something went wr');
    });

    it('503 plain text → ServerError with the text', async () => {
      const error = await failure(503, 'Service Unavailable\nmore', { 'content-type': 'text/plain' });
      expect(error.message).toBe('The panel failed (503 on GET /servers/{serverId}): Service Unavailable.');
    });

    it('an unlisted 4xx → ApiError', async () => {
      const error = await failure(418, JSON.stringify({ msg: 'teapot' }), JSON_TYPE);
      expect(error).toBeInstanceOf(ApiError);
      expect(error).not.toBeInstanceOf(ServerError);
      expect(error.code).toBe('api_error');
      expect(error.retryable).toBe(false);
    });

    it('408 is retryable', async () => {
      expect((await failure(408, '')).retryable).toBe(true);
    });

    it('records method, redacted URL, route and request id', async () => {
      const error = await failure(404, '{"msg":"gone"}', { ...JSON_TYPE, 'x-request-id': 'req-123' });
      expect(error.method).toBe('GET');
      expect(error.url).toBe('https://panel.example.com/api/v1/servers/7');
      expect(error.route).toBe('GET /servers/{serverId}');
      expect(error.requestId).toBe('req-123');
      expect(error.attempts).toBe(1);
    });

    it('a 200 whose body is not JSON → ResponseValidationError (ResponseUnreadableError, nothing applied for a read)', async () => {
      const { fetch } = recordingFetch(() => new Response('<html>login</html>', { status: 200 }));
      const vf = new VirtFusion({ url: PANEL, token: TOKEN, ...connect(fetch), middleware: [] });
      const error = await vf.request('GET /connect').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ResponseValidationError);
      expect((error as Error).message).toBe(
        'The panel answered 200 to GET /connect, but the body could not be read (cut short or not JSON); a proxy may be rewriting answers. Nothing was changed: reading again is safe.',
      );
    });
  });

  describe('toJSON', () => {
    it('gives the { success: false, error } envelope', async () => {
      const error = await failure(404, JSON.stringify({ msg: 'server not found' }), { ...JSON_TYPE, 'x-request-id': 'abc' });
      const json = error.toJSON();
      expect(json).toEqual({
        success: false,
        error: {
          code: 'not_found',
          message: 'Not found (404 on GET /servers/{serverId}): server not found.',
          statusCode: 404,
          details: null,
          retryable: false,
          timestamp: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
          requestId: 'abc',
        },
      });
      expect(JSON.parse(JSON.stringify(error))).toEqual(json);
    });
  });

  describe('a gateway failure on a write', () => {
    it('says the POST may or may not have been applied', async () => {
      const { fetch } = recordingFetch(() => new Response('<html><title>503 Service Unavailable</title></html>', { status: 503 }));
      const vf = new VirtFusion({ url: PANEL, token: TOKEN, ...connect(fetch), middleware: [] });
      const error = await vf.request('POST /servers', { body: { packageId: 1, userId: 1, hypervisorId: 1 } }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ServerError);
      expect((error as Error).message).toBe(
        'The panel failed (503 on POST /servers): an HTML page ("503 Service Unavailable"), usually from a proxy or load balancer in front of the panel. The request may or may not have been applied: look the record up before trying again.',
      );
    });

    it('does not say so for a GET', async () => {
      const error = await failure(503, '');
      expect(error.message).toBe('The panel failed (503 on GET /servers/{serverId}).');
    });
  });
});
