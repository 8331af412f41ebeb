import type { Attributes } from '@opentelemetry/api';

/** Attribute names: the stable HTTP semantic conventions, and the SDK's own under `virtfusion.`. */
export const ATTR = {
  method: 'http.request.method',
  template: 'url.template',
  address: 'server.address',
  port: 'server.port',
  status: 'http.response.status_code',
  errorType: 'error.type',
  resendCount: 'http.request.resend_count',
  operationId: 'virtfusion.operation_id',
  attempts: 'virtfusion.attempts',
  cacheOutcome: 'virtfusion.cache.outcome',
  limiterWait: 'virtfusion.limiter.wait_ms',
  limiterReason: 'virtfusion.limiter.reason',
} as const;

/**
 * The route's path template as an absolute path of the panel (`/api/v1/servers/{serverId}`):
 * the call's own path with its last segments, the filled-in parameters, replaced by the
 * template's. Each parameter fills one segment (slashes in values are escaped).
 */
export function urlTemplate(route: string, url: URL): string {
  const template = route.slice(route.indexOf(' ') + 1);
  const path = url.pathname;
  let cut = path.length;
  for (let i = 0; i < template.length; i += 1) {
    if (template.charCodeAt(i) === 47 /* / */) cut = path.lastIndexOf('/', cut - 1);
  }
  return cut <= 0 ? template : path.slice(0, cut) + template;
}

export function serverPort(url: URL): number {
  if (url.port !== '') return Number(url.port);
  return url.protocol === 'https:' ? 443 : 80;
}

/** `error.type` of a failure with no answer: the SDK error's code (`timeout`, `connection_error`, `aborted`...), else the class name. */
export function errorTypeOf(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && code !== '') return code;
  return error instanceof Error ? error.name : '_OTHER';
}

/** Attributes of an answer: its status and, from 400 up, `error.type`. */
export function answerAttributes(target: Attributes, status: number): Attributes {
  target[ATTR.status] = status;
  if (status >= 400) target[ATTR.errorType] = String(status);
  return target;
}
