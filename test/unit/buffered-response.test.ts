import { describe, expect, it } from 'vitest';
import { bufferedResponse } from '../../src/core/buffered-response';

const init = { status: 200, statusText: 'OK', headers: { 'content-type': 'application/json' } };

describe('bufferedResponse(): a read answer that behaves as any Response', () => {
  it('gives its text once, like a body, and refuses a second read or a clone after it', async () => {
    const response = bufferedResponse('{"a":1}', init);
    expect(response.bodyUsed).toBe(false);
    const copy = response.clone();
    await expect(response.json()).resolves.toEqual({ a: 1 });
    expect(response.bodyUsed).toBe(true);
    await expect(response.text()).rejects.toThrow(TypeError);
    expect(() => response.clone()).toThrow(TypeError);
    await expect(copy.text()).resolves.toBe('{"a":1}');
    expect([copy.status, copy.statusText, copy.headers.get('content-type')]).toEqual([200, 'OK', 'application/json']);
  });

  it('streams, and gives bytes and blobs, of the same text', async () => {
    await expect(new Response(bufferedResponse('héllo', init).body).text()).resolves.toBe('héllo');
    expect(new TextDecoder().decode(await bufferedResponse('héllo', init).arrayBuffer())).toBe('héllo');
    expect(await (await bufferedResponse('héllo', init).blob()).text()).toBe('héllo');
    expect(bufferedResponse('', { status: 204 }).body).toBeNull();
  });
});
