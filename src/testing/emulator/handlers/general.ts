import type { Route } from '../../../generated/operations';
import { ok } from '../answers';
import { isoOffset } from '../time';
import type { Handler } from './context';

export const generalHandlers = {
  'GET /connect': () => ok([]),

  'GET /status': ({ store, now }) => {
    const checks = [
      { name: 'database', healthy: store.healthy },
      { name: 'queue', healthy: store.healthy },
      { name: 'cache', healthy: true },
    ];
    const body = { data: { healthy: store.healthy, checked: isoOffset(now), checks } };
    return store.healthy ? ok(body) : { status: 503, body };
  },
} satisfies Partial<Record<Route, Handler>>;
