import { describe, expect, it } from 'vitest';
import { AbortError, InputValidationError, ServerError, VirtFusion } from '../../src/index';
import { PANEL, TOKEN, recordingFetch } from '../helpers/recording-fetch';

/** A panel with `total` servers, paging by `results` and `page` like Laravel. */
function pagedPanel(total: number) {
  return recordingFetch((request) => {
    const perPage = Number(request.url.searchParams.get('results') ?? 20);
    const page = Number(request.url.searchParams.get('page') ?? 1);
    const lastPage = Math.max(1, Math.ceil(total / perPage));
    const from = (page - 1) * perPage;
    const data = Array.from({ length: Math.max(0, Math.min(perPage, total - from)) }, (_, i) => ({ id: from + i + 1, name: `s${from + i + 1}` }));
    return Response.json({
      current_page: page,
      data,
      first_page_url: 'http://10.0.0.5/api/v1/servers?page=1',
      from: data.length ? from + 1 : null,
      last_page: lastPage,
      last_page_url: `http://10.0.0.5/api/v1/servers?page=${lastPage}`,
      links: [],
      next_page_url: page < lastPage ? `http://10.0.0.5/api/v1/servers?page=${page + 1}` : null,
      path: 'http://10.0.0.5/api/v1/servers',
      per_page: perPage,
      prev_page_url: null,
      to: data.length ? from + data.length : null,
      total,
    });
  });
}

function client(total: number) {
  const panel = pagedPanel(total);
  return { vf: new VirtFusion({ url: PANEL, token: TOKEN, fetch: panel.fetch }), requests: panel.requests };
}

const pageOf = (r: { url: URL }) => `${r.url.pathname}${r.url.search}`;

describe('paged lists', () => {
  it('await gives the first page in camelCase, asking only for page 1', async () => {
    const { vf, requests } = client(45);
    const page = await vf.servers.list({ results: 20 });
    expect(page).toMatchObject({ currentPage: 1, lastPage: 3, perPage: 20, total: 45 });
    expect(page.data).toHaveLength(20);
    expect(requests.map(pageOf)).toEqual(['/api/v1/servers?results=20&page=1']);
  });

  it('nothing is requested until the list is awaited or iterated', async () => {
    const { vf, requests } = client(5);
    const list = vf.servers.list();
    await Promise.resolve();
    expect(requests).toHaveLength(0);
    await list;
    await list;
    expect(requests).toHaveLength(1);
  });

  it('for await yields every item across pages, 200 per request, one page at a time, by number', async () => {
    const { vf, requests } = client(450);
    const ids: number[] = [];
    let inFlightAtFirstItem = 0;
    for await (const server of vf.servers.list()) {
      if (ids.length === 0) inFlightAtFirstItem = requests.length;
      ids.push(server.id);
    }
    expect(ids).toEqual(Array.from({ length: 450 }, (_, i) => i + 1));
    expect(inFlightAtFirstItem).toBe(1);
    expect(requests.map(pageOf)).toEqual([
      '/api/v1/servers?results=200&page=1',
      '/api/v1/servers?results=200&page=2',
      '/api/v1/servers?results=200&page=3',
    ]);
    expect(requests.every((r) => r.url.host === 'panel.example.com')).toBe(true);
  });

  it('break after the first item sends no further request', async () => {
    const { vf, requests } = client(450);
    for await (const server of vf.servers.list()) {
      expect(server.id).toBe(1);
      break;
    }
    expect(requests).toHaveLength(1);
  });

  it('.pages() yields pages with the caller’s page size', async () => {
    const { vf } = client(45);
    const sizes: number[] = [];
    for await (const page of vf.servers.list({ results: 20 }).pages()) sizes.push(page.data.length);
    expect(sizes).toEqual([20, 20, 5]);
  });

  it('stops at an empty list', async () => {
    const { vf, requests } = client(0);
    const items: unknown[] = [];
    for await (const item of vf.servers.list()) items.push(item);
    expect(items).toEqual([]);
    expect(requests).toHaveLength(1);
  });

  it('.toArray({ limit }) stops at the cap and requires one', async () => {
    const { vf, requests } = client(450);
    const some = await vf.servers.list().toArray({ limit: 250 });
    expect(some).toHaveLength(250);
    expect(some.at(-1)?.id).toBe(250);
    expect(requests).toHaveLength(2);
    await expect(vf.servers.list().toArray({} as never)).rejects.toThrow(InputValidationError);
    await expect(vf.servers.list().toArray({ limit: 0 })).rejects.toThrow(/positive integer cap/);
  });

  it('an abort during iteration stops it with AbortError and no further request', async () => {
    const { vf, requests } = client(450);
    const controller = new AbortController();
    const seen: number[] = [];
    const error = await (async () => {
      for await (const server of vf.servers.list({ signal: controller.signal })) {
        seen.push(server.id);
        if (seen.length === 200) controller.abort();
      }
    })().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AbortError);
    expect(seen).toHaveLength(200);
    expect(requests).toHaveLength(1);
  });

  it('a failing later page rejects the walk with its typed error, after every item before it', async () => {
    let calls = 0;
    const panel = pagedPanel(450);
    const vf = new VirtFusion({
      url: PANEL,
      token: TOKEN,
      middleware: [],
      fetch: async (request) => ((calls += 1) === 2 ? new Response('{"msg":"boom"}', { status: 500 }) : panel.fetch(request)),
    });
    const seen: number[] = [];
    const error = await (async () => {
      for await (const server of vf.servers.list()) seen.push(server.id);
    })().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServerError);
    expect(seen).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
    expect(calls).toBe(2);
  });

  it('the iterator can be driven by hand, and return() ends it without another request', async () => {
    const { vf, requests } = client(450);
    const iterator = vf.servers.list()[Symbol.asyncIterator]();
    expect((await iterator.next()).value).toMatchObject({ id: 1 });
    expect((await iterator.next()).value).toMatchObject({ id: 2 });
    expect(await iterator.return?.()).toEqual({ value: undefined, done: true });
    expect(requests).toHaveLength(1);
  });

  it('pages the hypervisor group resources and other paged lists the same way', async () => {
    const { vf, requests } = client(3);
    const groups = await vf.hypervisors.groups.list().toArray({ limit: 10 });
    expect(groups).toHaveLength(3);
    expect(pageOf(requests[0]!)).toBe('/api/v1/compute/hypervisors/groups?results=200&page=1');
  });
});
