import { describe, expect, it } from 'vitest';
import { parseDuration } from '../../src/cli/durations';
import { EXIT, exitCodeFor } from '../../src/cli/exit-codes';
import { UsageError } from '../../src/cli/errors';
import { resolveCall } from '../../src/cli/route-args';
import { AbortError, ConnectionError, InputValidationError, LockedError, NotFoundError, ProvisionError, RateLimitError } from '../../src/core/errors';
import { OPERATIONS } from '../../src/generated/operations';

describe('resolveCall (the words of virtfusion call)', () => {
  it('takes a template with key=value words, or METHOD and path as two words', () => {
    expect(resolveCall(['GET /servers/{serverId}', 'serverId=42', 'remoteState=true'], OPERATIONS)).toEqual({
      route: 'GET /servers/{serverId}',
      path: { serverId: '42' },
      query: { remoteState: 'true' },
    });
    expect(resolveCall(['get', '/servers'], OPERATIONS).route).toBe('GET /servers');
  });

  it('fills a template from a concrete path, preferring literal segments', () => {
    expect(resolveCall(['GET /servers/user/7'], OPERATIONS)).toMatchObject({ route: 'GET /servers/user/{userId}', path: { userId: '7' } });
    expect(resolveCall(['POST /servers/42/power/boot'], OPERATIONS)).toMatchObject({ route: 'POST /servers/{serverId}/power/boot', path: { serverId: '42' } });
    expect(resolveCall(['GET /api/v1/servers/42/'], OPERATIONS)).toMatchObject({ route: 'GET /servers/{serverId}', path: { serverId: '42' } });
  });

  it('makes lists of repeated keys and of key[]=', () => {
    expect(resolveCall(['GET /servers', 'hypervisorId=1', 'hypervisorId=2'], OPERATIONS).query).toEqual({ hypervisorId: ['1', '2'] });
    expect(resolveCall(['GET /servers', 'hypervisorId[]=3'], OPERATIONS).query).toEqual({ hypervisorId: ['3'] });
    expect(resolveCall(['GET /servers'], OPERATIONS, { query: ['results=5', 'page=2'] }).query).toEqual({ results: '5', page: '2' });
  });

  it('explains what is wrong', () => {
    expect(() => resolveCall([], OPERATIONS)).toThrow(UsageError);
    expect(() => resolveCall(['servers'], OPERATIONS)).toThrow(/a route is written "METHOD \/path"/);
    expect(() => resolveCall(['GET /servrs'], OPERATIONS)).toThrow(/did you mean "GET \/servers"\?/);
    expect(() => resolveCall(['PATCH /servers/1'], OPERATIONS)).toThrow(/unknown route "PATCH \/servers\/1"; \/servers\/1 takes GET, DELETE$/);
    expect(() => resolveCall(['POST /connect'], OPERATIONS)).toThrow(/\/connect takes GET/);
    expect(() => resolveCall(['GET /connect', 'x=1'], OPERATIONS)).toThrow(/x is not a parameter of GET \/connect; it takes no parameters/);
    expect(() => resolveCall(['GET /servers/{serverId}', 'serverId=1', 'serverId=2'], OPERATIONS)).toThrow(/serverId is given twice/);
    expect(() => resolveCall(['GET /servers', 'oops'], OPERATIONS)).toThrow(/takes key=value pairs/);
  });
});

describe('exitCodeFor', () => {
  it('maps every failure to its documented code', () => {
    expect(exitCodeFor(new UsageError('x'))).toBe(EXIT.usage);
    expect(exitCodeFor(new InputValidationError({ issues: [] }))).toBe(EXIT.usage);
    expect(exitCodeFor(new NotFoundError({ message: 'x', status: 404 }))).toBe(EXIT.notFound);
    expect(exitCodeFor(new LockedError({ message: 'x', status: 423 }))).toBe(EXIT.conflict);
    expect(exitCodeFor(new RateLimitError({ message: 'x', status: 429, retryAfterMs: 1 }))).toBe(EXIT.rateLimited);
    expect(exitCodeFor(new ConnectionError({ message: 'x' }))).toBe(EXIT.panel);
    expect(exitCodeFor(new AbortError({ message: 'x' }), true)).toBe(EXIT.interrupted);
    expect(exitCodeFor(new ProvisionError({ message: 'x', step: 'create', serverId: undefined, cause: new NotFoundError({ message: 'y' }) }))).toBe(EXIT.notFound);
    expect(exitCodeFor(new TypeError('bug'))).toBe(EXIT.unexpected);
  });
});

describe('parseDuration', () => {
  it('reads units and refuses the rest', () => {
    expect([parseDuration('500ms', 'd'), parseDuration('90s', 'd'), parseDuration('15m', 'd'), parseDuration('1h', 'd'), parseDuration('250', 'd')]).toEqual([500, 90_000, 900_000, 3_600_000, 250]);
    expect(() => parseDuration('soon', '--interval')).toThrow(/--interval takes a duration/);
    expect(() => parseDuration('0s', '--interval')).toThrow(/more than 0/);
  });
});
