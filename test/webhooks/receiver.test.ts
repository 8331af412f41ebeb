import { describe, expect, it, vi } from 'vitest';
import { ConfigurationError } from '../../src/index';
import { createMemorySeenStore, createWebhookReceiver, type WebhookEvent, type WebhookSeenStore } from '../../src/webhooks/index';
import { delivery, NOW, rejection, TOKEN } from './fixtures';

const boot = (hookEventId: number, hookId = 7) => delivery('server.boot', { server: { id: 42 } }, { hookEventId, hookId });

describe('createWebhookReceiver: de-duplication', () => {
  it('runs the handler once per delivery id; a repeat answers duplicate with the event', async () => {
    const receiver = createWebhookReceiver({ token: TOKEN, now: NOW });
    const handler = vi.fn((event: WebhookEvent) => `handled ${event.hookEventId}`);
    expect(await receiver.receive(boot(1), handler)).toMatchObject({ duplicate: false, result: 'handled 1' });
    const repeat = await receiver.receive(boot(1), handler);
    expect(repeat).toMatchObject({ duplicate: true, event: { event: 'server.boot', hookEventId: '1' } });
    expect(await receiver.receive(boot(2), handler)).toMatchObject({ duplicate: false, result: 'handled 2' });
    expect(handler).toHaveBeenCalledTimes(2);
  });

  it('scopes ids by webhook, so two webhooks on one URL never shadow each other', async () => {
    const receiver = createWebhookReceiver({ token: TOKEN, now: NOW });
    expect((await receiver.receive(boot(5, 1))).duplicate).toBe(false);
    expect((await receiver.receive(boot(5, 2))).duplicate).toBe(false);
    expect((await receiver.receive(boot(5, 2))).duplicate).toBe(true);
  });

  it('releases the id when the handler throws, so the panel\'s retry is processed', async () => {
    const receiver = createWebhookReceiver({ token: TOKEN, now: NOW });
    const failing = vi.fn(() => {
      throw new Error('database down');
    });
    await expect(receiver.receive(boot(3), failing)).rejects.toThrow('database down');
    const retried = await receiver.receive(boot(3), () => 'ok');
    expect(retried).toMatchObject({ duplicate: false, result: 'ok' });
    expect((await receiver.receive(boot(3), failing)).duplicate).toBe(true);
    expect(failing).toHaveBeenCalledTimes(1);
  });

  it('without a handler the id stays marked until release()', async () => {
    const receiver = createWebhookReceiver({ token: TOKEN, now: NOW });
    const first = await receiver.receive(boot(4));
    expect(first).toMatchObject({ duplicate: false, result: undefined });
    expect((await receiver.receive(boot(4))).duplicate).toBe(true);
    await receiver.release(first.event);
    expect((await receiver.receive(boot(4))).duplicate).toBe(false);
  });

  it('does not mark a delivery that failed verification', async () => {
    const receiver = createWebhookReceiver({ token: TOKEN, now: NOW });
    await rejection(receiver.receive(delivery('server.boot', {}, { hookEventId: 6, token: 'forged-token' })), 'bad_token');
    expect((await receiver.receive(boot(6))).duplicate).toBe(false);
  });

  it('uses a caller\'s store with the TTL given, keyed hookId:hookEventId, and can be turned off', async () => {
    const marked = new Map<string, number>();
    const store: WebhookSeenStore = {
      markSeen: vi.fn(async (id: string, ttl: number) => {
        if (marked.has(id)) return false;
        marked.set(id, ttl);
        return true;
      }),
      release: vi.fn(async (id: string) => {
        marked.delete(id);
      }),
    };
    const receiver = createWebhookReceiver({ token: TOKEN, now: NOW, seen: store, seenTtl: 600 });
    await receiver.receive(boot(10));
    await expect(receiver.receive(boot(11), () => Promise.reject(new Error('nope')))).rejects.toThrow('nope');
    expect([...marked]).toEqual([['7:10', 600]]);
    expect(store.release).toHaveBeenCalledWith('7:11');

    const unguarded = createWebhookReceiver({ token: TOKEN, now: NOW, seen: false });
    expect((await unguarded.receive(boot(12))).duplicate).toBe(false);
    expect((await unguarded.receive(boot(12))).duplicate).toBe(false);
  });

  it('rethrows the handler\'s error even when releasing fails', async () => {
    const store: WebhookSeenStore = { markSeen: async () => true, release: async () => Promise.reject(new Error('redis down')) };
    const receiver = createWebhookReceiver({ token: TOKEN, now: NOW, seen: store });
    await expect(receiver.receive(boot(13), () => Promise.reject(new Error('handler broke')))).rejects.toThrow('handler broke');
  });

  it('checks its options at creation', () => {
    expect(() => createWebhookReceiver({ token: '' })).toThrow(ConfigurationError);
    expect(() => createWebhookReceiver({ token: TOKEN, seenTtl: 0 })).toThrow(ConfigurationError);
    expect(() => createMemorySeenStore({ maxEntries: 0 })).toThrow(ConfigurationError);
    expect(createWebhookReceiver({ token: TOKEN }).maxBodyBytes).toBe(1024 * 1024);
  });
});

describe('createWebhookReceiver: subscribe', () => {
  it('tells subscribers of each accepted delivery once, after its handler succeeded; never of a duplicate or a failed handler', async () => {
    const receiver = createWebhookReceiver({ token: TOKEN, now: NOW });
    const heard: string[] = [];
    const stop = receiver.subscribe((event) => heard.push(event.hookEventId));
    receiver.subscribe(() => {
      throw new Error('a broken listener');
    });
    await receiver.receive(boot(1));
    await receiver.receive(boot(1));
    await expect(receiver.receive(boot(2), () => Promise.reject(new Error('database down')))).rejects.toThrow('database down');
    await receiver.receive(boot(2), () => 'ok');
    stop();
    await receiver.receive(boot(3));
    expect(heard).toEqual(['1', '2']);
  });
});

describe('createMemorySeenStore', () => {
  it('forgets an id after its TTL', async () => {
    let time = 1_000_000;
    const store = createMemorySeenStore({ now: () => time });
    expect(await store.markSeen('a', 60)).toBe(true);
    time += 59_999;
    expect(await store.markSeen('a', 60)).toBe(false);
    time += 1;
    expect(await store.markSeen('a', 60)).toBe(true);
  });

  it('evicts the oldest ids beyond maxEntries', async () => {
    const store = createMemorySeenStore({ maxEntries: 3 });
    for (const id of ['a', 'b', 'c', 'd']) expect(await store.markSeen(id, 60)).toBe(true);
    expect(await store.markSeen('b', 60)).toBe(false);
    expect(await store.markSeen('c', 60)).toBe(false);
    expect(await store.markSeen('d', 60)).toBe(false);
    expect(await store.markSeen('a', 60)).toBe(true);
  });

  it('release forgets an id at once', async () => {
    const store = createMemorySeenStore();
    await store.markSeen('x', 60);
    await store.release('x');
    expect(await store.markSeen('x', 60)).toBe(true);
  });
});
