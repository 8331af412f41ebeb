import { describe, expect, it } from 'vitest';
import { createTestDelivery } from '../../src/webhooks/index';

describe('createTestDelivery', () => {
  it('builds the request the panel sends: POST, JSON envelope, five X-VirtFusion-* headers, Hookshot agent, Bearer base64(token)', async () => {
    const request = createTestDelivery('server.assign.ipv4', { server: { id: 42 }, 'ipv4.ip': '203.0.113.7' }, {
      token: 'my-token',
      created: new Date(Date.UTC(2024, 10, 5, 10, 11, 12, 123)),
      hookId: 3,
      hookEventId: 812,
      eventStatus: 'fail',
      url: 'http://127.0.0.1:8080/hooks',
    });
    expect([request.method, request.url]).toEqual(['POST', 'http://127.0.0.1:8080/hooks']);
    expect(Object.fromEntries(request.headers)).toEqual({
      accept: 'application/json',
      authorization: 'Bearer bXktdG9rZW4=',
      'content-type': 'application/json',
      'user-agent': 'VirtFusion-Hookshot/virtfusion-sdk-test',
      'x-virtfusion-created': '2024-11-05T10:11:12.123000Z',
      'x-virtfusion-event': 'server.assign.ipv4',
      'x-virtfusion-event-status': 'fail',
      'x-virtfusion-hook': '3',
      'x-virtfusion-hook-event': '812',
    });
    expect(await request.text()).toBe(
      '{"event":"server.assign.ipv4","created":"2024-11-05T10:11:12.123000Z","hookId":3,"hookEventId":812,"eventStatus":"fail",' +
        '"controlDomain":"panel.example","controlName":"VirtFusion","controlSupportLink":"https://panel.example/support",' +
        '"data":{"errors":[],"server":{"id":42},"ipv4.ip":"203.0.113.7"}}',
    );
  });

  it('sends no Authorization without a token, and defaults the rest', async () => {
    const before = Date.now();
    const request = createTestDelivery('catch.all');
    expect(request.headers.get('authorization')).toBeNull();
    expect(request.url).toBe('https://receiver.example/webhooks/virtfusion');
    const body = (await request.json()) as { hookId: number; hookEventId: number; eventStatus: string; created: string; data: unknown };
    expect([body.hookId, body.eventStatus, body.data]).toEqual([1, 'success', { errors: [] }]);
    expect(Number.isInteger(body.hookEventId) && body.hookEventId > 0).toBe(true);
    expect(request.headers.get('x-virtfusion-hook-event')).toBe(String(body.hookEventId));
    expect(body.created).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/);
    expect(Date.parse(body.created)).toBeGreaterThanOrEqual(before - 1);
    expect(request.headers.get('x-virtfusion-created')).toBe(body.created);
  });

  it('uses a created string and ids as given', async () => {
    const request = createTestDelivery('user.create', { user: false }, { created: 'not-a-date', hookEventId: 'evt-1', userAgent: 'VirtFusion-Hookshot/6.2.0' });
    expect([request.headers.get('x-virtfusion-created'), request.headers.get('x-virtfusion-hook-event'), request.headers.get('user-agent')]).toEqual([
      'not-a-date',
      'evt-1',
      'VirtFusion-Hookshot/6.2.0',
    ]);
    expect(((await request.json()) as { hookEventId: unknown }).hookEventId).toBe('evt-1');
  });
});
