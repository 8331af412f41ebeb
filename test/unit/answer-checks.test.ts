import { describe, expect, it } from 'vitest';
import { answerIssues } from '../../src/resources/validate';

const page = (data: unknown[]) => ({
  current_page: 1,
  data,
  first_page_url: 'https://panel/api/v1/servers?page=1',
  from: data.length ? 1 : null,
  last_page: 1,
  last_page_url: 'https://panel/api/v1/servers?page=1',
  links: [],
  next_page_url: null,
  path: 'https://panel/api/v1/servers',
  per_page: 20,
  prev_page_url: null,
  to: data.length || null,
  total: data.length,
});
const item = (id: number, extra: Record<string, unknown> = {}) => ({ id, ownerId: 2, hypervisorId: 3, name: `s${id}`, uuid: `u-${id}`, state: 'complete', commissionStatus: 3, suspended: false, protected: false, created: '2024-01-01 00:00:00', updated: '2024-01-01 00:00:00', ...extra });

describe('the generated answer checks', () => {
  it('accept a page with unknown fields and unknown values', () => {
    expect(answerIssues('GET /servers', 200, { ...page([item(1, { brandNew: { x: 1 } }), item(2, { state: 'some-new-state' })]), extra: true })).toEqual([]);
  });

  it('name the path and what was expected, inside a page and its rows', () => {
    const wrong = page([item(1), item(2, { name: 42 })]);
    const issues = answerIssues('GET /servers', 200, { ...wrong, last_page: '1' });
    expect(issues.map((issue) => issue.path)).toEqual([['last_page'], ['data', 1]]);
    expect(issues[0]!.message).toBe('Invalid input: expected number, received string');
    expect(issues[1]!.message).toBe('Invalid input: object matches none of the documented shapes');
  });

  it('report a missing required field of the paginator and a body that is not an object', () => {
    const { total: _, ...withoutTotal } = page([]);
    expect(answerIssues('GET /servers', 200, withoutTotal)).toEqual([{ path: ['total'], message: 'Invalid input: expected number, received undefined' }]);
    expect(answerIssues('GET /servers', 200, [])).toEqual([{ path: [], message: 'Invalid input: expected object, received array' }]);
  });

  it('accept null where the document allows it, and refuse it where it does not', () => {
    expect(answerIssues('GET /servers', 200, { ...page([]), next_page_url: null })).toEqual([]);
    expect(answerIssues('GET /servers', 200, { ...page([]), path: null })).toEqual([{ path: ['path'], message: 'Invalid input: expected string, received null' }]);
  });

  it('name full paths through referenced shapes and nullable variants, each issue with its own path', () => {
    const server = { ...item(7), built: 12, traffic: { public: { currentPeriod: { start: 5, end: '2024-02-01 00:00:00' } } } };
    const issues = answerIssues('GET /servers/{serverId}', 200, { data: server });
    expect(issues).toEqual([
      { path: ['data', 'built'], message: 'Invalid input: number matches none of the documented shapes' },
      { path: ['data', 'traffic', 'public', 'currentPeriod', 'start'], message: 'Invalid input: expected string, received number' },
    ]);
    expect(issues[0]!.path).not.toBe(issues[1]!.path);
    expect(answerIssues('GET /servers/{serverId}', 200, { data: { ...server, built: null, traffic: { public: { currentPeriod: { start: 'x' } } } } })).toEqual([]);
  });
});
