import { ProviderError } from '../errors';
import { CREATE_UNTIL, type ActionParams, type CreateInstanceOptions, type DestroyOptions } from '../types';
import { serverIdOf } from './json';
import { PROVIDER } from './context';

function invalid(field: string, message: string): ProviderError {
  return new ProviderError({ code: 'VALIDATION_ERROR', provider: PROVIDER, field, message });
}

/** Instance ids are strings; anything else is a caller's mistake, not an unknown instance. */
export function checkIdType(id: unknown): asserts id is string {
  if (typeof id !== 'string') throw invalid('id', `id must be an instance id, a string such as "42"; got ${id === null ? 'null' : typeof id}.`);
}

export function checkActionParams(params: unknown): asserts params is ActionParams {
  if (params === null || typeof params !== 'object') throw invalid('params', 'performAction params must be an object ({ imageId?, until?, signal? }).');
  const { until, imageId } = params as ActionParams;
  if (until !== undefined && until !== 'done' && until !== 'accepted') throw invalid('until', `until must be 'done' or 'accepted'; got ${JSON.stringify(until)}.`);
  if (imageId !== undefined && typeof imageId !== 'string') throw invalid('imageId', 'imageId must be a string id.');
}

export function checkFindQuery(query: unknown): { name: string; owner: string | undefined } {
  if (query === null || typeof query !== 'object') throw invalid('query', 'findInstance takes { name, owner? }.');
  const { name, owner } = query as { name?: unknown; owner?: unknown };
  if (typeof name !== 'string' || name === '') throw invalid('name', 'findInstance needs name, a non-empty string.');
  if (owner !== undefined && typeof owner !== 'string') throw invalid('owner', 'owner must be an account reference, a string.');
  return { name, owner };
}

/** Refuses create options of the wrong type before anything is read or sent. */
export function checkCreateOptions(options: unknown): asserts options is CreateInstanceOptions {
  if (options === null || typeof options !== 'object') {
    throw invalid('options', 'createInstance options must be an object ({ until, signal, onProgress, isOurs }).');
  }
  const { until, isOurs, onProgress, signal } = options as Record<string, unknown>;
  if (until !== undefined && !CREATE_UNTIL.includes(until as never)) {
    throw invalid('until', `until must be one of ${CREATE_UNTIL.map((u) => `'${u}'`).join(', ')}; got ${JSON.stringify(until) ?? String(until)}.`);
  }
  for (const [field, value] of [['isOurs', isOurs], ['onProgress', onProgress]] as const) {
    if (value !== undefined && typeof value !== 'function') {
      throw invalid(field, `${field} must be a function.`);
    }
  }
  if (signal !== undefined && !(signal instanceof AbortSignal)) {
    throw invalid('signal', 'signal must be an AbortSignal.');
  }
}

/** The server id of a destroy, with its options checked: malformed ids are refused, not taken as already gone. */
export function checkDestroy(id: unknown, options: unknown): number {
  checkIdType(id);
  const numeric = serverIdOf(id);
  if (numeric === undefined) throw invalid('id', `id ${JSON.stringify(id)} is not an instance id of this provider (a server id such as "42").`);
  if (options === null || typeof options !== 'object') throw invalid('options', "destroyInstance options must be an object ({ whenBusy: 'wait' | 'fail', signal }).");
  const { whenBusy } = options as DestroyOptions;
  if (whenBusy !== undefined && whenBusy !== 'wait' && whenBusy !== 'fail') throw invalid('whenBusy', `whenBusy must be 'wait' or 'fail'; got ${JSON.stringify(whenBusy)}.`);
  return numeric;
}
