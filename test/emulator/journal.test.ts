import { describe, expect, it } from 'vitest';
import { Journal } from '../../src/testing/emulator/journal';

function record(journal: Journal, i: number, status: number): void {
  const text = JSON.stringify({ n: i, pad: 'x'.repeat(100) });
  const entry = journal.open({ time: i, method: 'POST', path: `/api/v1/servers/${i % 7}/power/boot`, query: {} }, text, JSON.parse(text));
  journal.answer(entry, status, JSON.stringify({ data: { queueId: i } }));
  journal.close(entry, 0.5);
}

describe('Journal', () => {
  it('holds 100 000 requests in `limit` entries: seq, counts and the dropped counter keep going', () => {
    const journal = new Journal({ limit: 1000, bodyLimit: 64 });
    for (let i = 1; i <= 100_000; i += 1) record(journal, i, i % 10 === 0 ? 503 : 200);
    expect(journal.stats()).toEqual({ total: 100_000, kept: 1000, dropped: 99_000, byStatus: { '200': 90_000, '503': 10_000 } });
    const kept = journal.list();
    expect(kept).toHaveLength(1000);
    expect([kept[0]!.seq, kept.at(-1)!.seq]).toEqual([99_001, 100_000]);
    expect(kept.every((entry) => entry.bodyTruncated === true && typeof entry.body === 'string' && (entry.body as string).length === 64)).toBe(true);
    expect(journal.get(99_000)).toBeUndefined();
    expect(journal.get(100_000)?.answer).toEqual({ data: { queueId: 100_000 } });
    const page = journal.page({ status: '5xx', serverId: 3 }, undefined, 5);
    expect(page.entries.map((e) => e.seq)).toEqual([99_970, 99_900, 99_830, 99_760, 99_690]);
    expect(page.matched).toBe(14);
  });

  it('counts a request still being answered as pending, and a reset as status 0', () => {
    const journal = new Journal();
    const open = journal.open({ time: 0, method: 'GET', path: '/api/v1/connect', query: {} }, '', undefined);
    expect(journal.stats().byStatus).toEqual({ pending: 1 });
    journal.close(open, 3);
    expect(journal.stats().byStatus).toEqual({ '0': 1 });
    journal.clear();
    journal.close(open, 4);
    expect(journal.stats()).toEqual({ total: 0, kept: 0, dropped: 0, byStatus: {} });
  });
});
