import { describe, expectTypeOf, it } from 'vitest';
import type { VirtFusion, RequestOptions, ResponseBody, Route } from '../../src/index';

declare const vf: VirtFusion;

describe('vf.request types', () => {
  it('knows the routes', () => {
    expectTypeOf<'GET /servers/{serverId}'>().toExtend<Route>();
    expectTypeOf<'GET /server/{serverId}'>().not.toExtend<Route>();
    // @ts-expect-error an unknown route is a compile error
    void vf.request('GET /nope');
  });

  it('requires path parameters with their types', () => {
    expectTypeOf<RequestOptions<'GET /servers/{serverId}'>['path']>().toEqualTypeOf<{ serverId: number }>();
    // @ts-expect-error path is required
    void vf.request('GET /servers/{serverId}');
    // @ts-expect-error serverId must be a number
    void vf.request('GET /servers/{serverId}', { path: { serverId: true } });
    // @ts-expect-error unknown parameter
    void vf.request('GET /servers/{serverId}', { path: { serverId: 1, other: 2 } });
  });

  it('types query parameters and refuses unknown ones', () => {
    void vf.request('GET /servers', { query: { results: 50, hypervisorId: [1, 2] } });
    // @ts-expect-error no such query parameter
    void vf.request('GET /servers', { query: { limit: 50 } });
  });

  it('requires the body where the operation needs one', () => {
    // @ts-expect-error body is required
    void vf.request('POST /servers', {});
    // @ts-expect-error GET /connect takes no body
    void vf.request('GET /connect', { body: {} });
    void vf.request('GET /connect');
  });

  it('returns the success body, or undefined for 204', () => {
    expectTypeOf<ResponseBody<'DELETE /servers/{serverId}'>>().toEqualTypeOf<undefined>();
    expectTypeOf<ResponseBody<'GET /servers/{serverId}'>>().toHaveProperty('data');
    expectTypeOf(vf.request('GET /servers/{serverId}', { path: { serverId: 1 } })).resolves.toHaveProperty('data');
  });
});

describe('request body types', () => {
  it('are the JSON body of the operation, or never', () => {
    expectTypeOf<import('../../src/index').RequestBody<'GET /connect'>>().toBeNever();
    expectTypeOf<import('../../src/index').RequestBody<'PUT /servers/{serverId}/modify/name'>>().toEqualTypeOf<{ name: string }>();
  });
});
