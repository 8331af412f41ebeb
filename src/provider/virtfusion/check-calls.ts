import { ProviderError } from '../errors';
import type { ActionParams } from '../types';
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
