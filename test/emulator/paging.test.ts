import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VirtFusion } from '../../src/index';
import { createManualClock, startEmulator, type Emulator } from '../../src/testing';
import type { PaginatorPage } from '../../src/testing/emulator/paginate';
import { raw, sdkFor } from './helpers';

type Page = Omit<PaginatorPage, 'data'> & { data: { id: number; hypervisorId: number }[] };

let emu: Emulator;
let vf: VirtFusion;

beforeAll(async () => {
  emu = await startEmulator({ clock: createManualClock(), seed: { servers: 450 } });
  vf = await sdkFor(emu);
});

afterAll(async () => {
  await emu.stop();
});

describe('the Laravel paginator over seeded data', () => {
  it('pages 450 servers at 200 a page: 1, 2, 3, with totals and links on the emulator origin', async () => {
    const path = `${emu.apiUrl}/servers`;
    const url = (page: number) => `${path}?results=200&page=${page}`;
    const pages: Page[] = [];
    for (const page of [1, 2, 3]) pages.push((await vf.request('GET /servers', { query: { results: 200, page } })) as unknown as Page);

    expect(pages.map((p) => [p.current_page, p.data.length, p.from, p.to, p.total, p.last_page, p.per_page])).toEqual([
      [1, 200, 1, 200, 450, 3, 200],
      [2, 200, 201, 400, 450, 3, 200],
      [3, 50, 401, 450, 450, 3, 200],
    ]);
    const ids = pages.flatMap((p) => p.data.map((s) => s.id));
    expect(ids).toEqual(Array.from({ length: 450 }, (_, i) => i + 1));
    expect(pages[1]).toMatchObject({ path, first_page_url: url(1), last_page_url: url(3), prev_page_url: url(1), next_page_url: url(3) });
    expect(pages[0]!.prev_page_url).toBeNull();
    expect(pages[2]!.next_page_url).toBeNull();
    expect(pages[1]!.links).toEqual([
      { url: url(1), label: '&laquo; Previous', active: false },
      { url: url(1), label: '1', active: false },
      { url: url(2), label: '2', active: true },
      { url: url(3), label: '3', active: false },
      { url: url(3), label: 'Next &raquo;', active: false },
    ]);
  });

  it('answers a page past the end with no rows and null positions', async () => {
    const page = (await raw(emu, 'GET', '/servers', { query: { results: 200, page: 4 } })).json as Page;
    expect(page).toMatchObject({ current_page: 4, data: [], from: null, to: null, total: 450, last_page: 3, next_page_url: null });
  });

  it('defaults to 20 rows, as the panel does', async () => {
    const page = (await raw(emu, 'GET', '/servers')).json as Page;
    expect([page.per_page, page.data.length, page.last_page, page.first_page_url]).toEqual([20, 20, 23, `${emu.apiUrl}/servers?results=20&page=1`]);
    expect(page.links.map((l) => l.label)).toEqual(['&laquo; Previous', '1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '...', '22', '23', 'Next &raquo;']);
  });

  it('filters by hypervisor with a PHP-style array before paging', async () => {
    const everything = (await raw(emu, 'GET', '/servers', { query: { results: 200 } })).json as Page;
    const page = (await vf.request('GET /servers', { query: { hypervisorId: [1, 3], results: 200 } })) as unknown as Page;
    expect(emu.requests().at(-1)?.query).toEqual({ hypervisorId: ['1', '3'], results: '200' });
    expect(page.total).toBeGreaterThan(0);
    expect(page.total).toBeLessThan(everything.total);
    expect(new Set(page.data.map((s) => s.hypervisorId))).toEqual(new Set([1, 3]));
  });

  it('seeds 10 000 servers well under the time a benchmark can spare', async () => {
    const started = performance.now();
    const big = await startEmulator({ clock: createManualClock(), seed: { servers: 10_000 } });
    const elapsed = performance.now() - started;
    try {
      expect(big.state.counts().servers).toBe(10_000);
      expect(elapsed).toBeLessThan(3000);
      const last = (await raw(big, 'GET', '/servers', { query: { results: 200, page: 50 } })).json as Page;
      expect([last.total, last.last_page, last.data.length, last.data.at(-1)?.id]).toEqual([10_000, 50, 200, 10_000]);
    } finally {
      await big.stop();
    }
  });
});
