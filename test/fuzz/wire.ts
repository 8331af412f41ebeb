import { isInputValidationError, isVirtFusionError, type OperationInfo } from '../../src/index';
import { leaksIn, renderingsOf, secretForms } from '../helpers/leaks';
import { PANEL, TOKEN, type RecordedRequest } from '../helpers/recording-fetch';
import { PROTOTYPE_NAMES } from './arbitraries';

export const TOKEN_FORMS = secretForms(TOKEN);

/** Fails (throws a plain Error, which fast-check reports with the counterexample) when `condition` is false. */
export function check(condition: boolean, message: string): asserts condition {
  if (!condition) throw new Error(message);
}

/** A rejection must be a VirtFusionError without the token anywhere; an input error must have sent nothing. */
export function checkFailure(error: unknown, sent: readonly RecordedRequest[]): void {
  check(isVirtFusionError(error), `untyped throw: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`);
  const leaks = leaksIn(renderingsOf(error), TOKEN_FORMS);
  check(leaks.length === 0, `the token is in the error's ${leaks.join(', ')}: ${(error as Error).message}`);
  if (isInputValidationError(error)) check(sent.length === 0, `an InputValidationError was thrown after ${sent.length} request(s) went out`);
}

/**
 * What went out for one call of `operation` must be that operation and nothing else: its method,
 * under /api/v1 of the panel, the template's fixed segments intact and one segment per parameter,
 * only declared query keys, the token only in Authorization, and a body only where one is taken.
 */
export function checkWire(operation: OperationInfo, request: RecordedRequest): void {
  const where = `${operation.method} ${operation.path} sent ${request.method} ${request.url.href}`;
  check(request.method === operation.method, `${where}: method changed`);
  check(request.url.origin === new URL(PANEL).origin, `${where}: left the panel's origin`);
  check(request.url.hash === '', `${where}: a fragment reached the wire`);
  const template = `/api/v1${operation.path}`.split('/');
  const sent = request.url.pathname.split('/');
  check(sent.length === template.length, `${where}: ${sent.length - 1} path segments instead of ${template.length - 1}`);
  template.forEach((segment, index) => {
    const actual = sent[index]!;
    if (/^\{[^}]+\}$/.test(segment)) {
      check(actual !== '' && actual !== '.' && actual !== '..' && !/%2e%2e|^%2e$/i.test(actual), `${where}: parameter segment ${JSON.stringify(actual)}`);
    } else {
      check(actual === segment, `${where}: fixed segment ${JSON.stringify(segment)} became ${JSON.stringify(actual)}`);
    }
  });
  for (const key of new Set(request.url.searchParams.keys())) {
    const name = key.endsWith('[]') ? key.slice(0, -2) : key;
    check(Object.hasOwn(operation.queryParams, name), `${where}: undeclared query key ${JSON.stringify(key)}`);
    check(!(PROTOTYPE_NAMES as readonly string[]).includes(name), `${where}: prototype-named query key ${JSON.stringify(key)}`);
  }
  check(request.headers.get('authorization') === `Bearer ${TOKEN}`, `${where}: Authorization is not the client's`);
  const names = [...request.headers.keys()].sort();
  const expected = ['accept', 'authorization', ...(request.body === '' ? [] : ['content-type']), 'user-agent'];
  check(names.join() === expected.join(), `${where}: headers ${names.join(', ')} instead of ${expected.join(', ')}`);
  for (const [name, value] of request.headers) {
    if (name !== 'authorization') check(!TOKEN_FORMS.some((form) => value.includes(form)), `${where}: the token is in header ${name}`);
  }
  if (operation.body === 'none') check(request.body === '', `${where}: a body went to an operation that takes none`);
}
