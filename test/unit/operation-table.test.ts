import { describe, expect, it } from 'vitest';
import { OPERATIONS, type Route } from '../../src/index';

const entries = Object.entries(OPERATIONS) as [Route, (typeof OPERATIONS)[Route]][];

describe('the generated operation table', () => {
  it('holds the 85 operations of the vendor export, 48 of panel 7.1.0 and modify/storage, which the export lacks', () => {
    expect(entries).toHaveLength(134);
    expect(entries.filter(([, op]) => op.since === '7.1.0')).toHaveLength(48);
    expect(OPERATIONS['PUT /servers/{serverId}/modify/storage'].since).toBeUndefined();
  });

  it('keys each operation by its method and path, with a unique operationId', () => {
    for (const [route, op] of entries) expect(route).toBe(`${op.method} ${op.path}`);
    expect(new Set(entries.map(([, op]) => op.operationId)).size).toBe(entries.length);
  });

  it.each([
    ['PUT /servers/{serverId}/modify/name', [201]],
    ['PUT /servers/{serverId}/modify/memory', [201]],
    ['PUT /servers/{serverId}/modify/cpuCores', [201]],
    ['PUT /servers/{serverId}/modify/traffic', [201]],
    ['PUT /servers/{serverId}/modify/cpuThrottle', [201]],
    ['PUT /servers/{serverId}/package/{packageId}', [200, 204]],
    ['DELETE /servers/{serverId}', [204]],
    ['POST /servers', [201]],
    ['POST /servers/{serverId}/build', [200]],
    ['POST /servers/{serverId}/power/restart', [200]],
    ['GET /connect', [200]],
  ] as [Route, number[]][])('%s succeeds with %j', (route, statuses) => {
    expect(OPERATIONS[route].success).toEqual(statuses);
  });

  it('carries the documented parameter limits', () => {
    expect(OPERATIONS['GET /servers'].queryParams).toMatchObject({
      results: { types: ['integer'], minimum: 1, maximum: 200 },
      page: { types: ['integer'], minimum: 1 },
      hypervisorId: { array: true, types: ['integer'] },
    });
    expect(OPERATIONS['DELETE /servers/{serverId}'].queryParams.delay).toMatchObject({ minimum: 0, maximum: 43800 });
    expect(OPERATIONS['GET /servers/{serverId}/firewall/{interface}'].pathParams.interface).toMatchObject({ enum: ['primary', 'secondary'] });
    expect(OPERATIONS['GET /users/{extRelationId}/byExtRelation'].pathParams.extRelationId?.types).toEqual(['integer', 'string']);
  });

  it('marks every paged list and gives it the results limit', () => {
    const paged = entries.filter(([, op]) => op.paged);
    expect(paged.map(([route]) => route)).toEqual(expect.arrayContaining(['GET /servers', 'GET /compute/hypervisors', 'GET /compute/hypervisors/groups']));
    for (const [, op] of paged) expect(op.queryParams.results).toMatchObject({ minimum: 1, maximum: 200 });
  });

  it('numeric ids in paths are positive integers', () => {
    for (const [route, op] of entries) {
      for (const [name, rule] of Object.entries(op.pathParams)) {
        if (rule.types.length === 1 && rule.types[0] === 'integer') expect(rule.minimum, `${route} ${name}`).toBeGreaterThanOrEqual(0);
      }
    }
  });
});
