import { ResponseValidationError } from '../core/errors';
import type { DataOf } from './invoker';

/** The `data` of an enveloped answer; a typed error when the envelope is missing. */
export function unwrap<B>(body: B, route: string): DataOf<B> {
  if (body === null || typeof body !== 'object' || !('data' in body)) {
    throw new ResponseValidationError({
      route,
      message: `The panel's answer to ${route} has no \`data\` envelope (got ${body === undefined ? 'an empty body' : typeof body}).`,
      details: [`(body): expected an object with data`],
    });
  }
  return (body as { data: DataOf<B> }).data;
}

/** The `data` of an answer that may also come back empty (several panel 7.1 writes). */
export function unwrapOptional<B>(body: B): DataOf<B> | undefined {
  if (body !== null && typeof body === 'object' && 'data' in body) return (body as { data: DataOf<B> }).data;
  return undefined;
}
