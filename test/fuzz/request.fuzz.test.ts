import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isInputValidationError, OPERATIONS, VirtFusion, type Logger, type ParamRule, type Route } from '../../src/index';
import { leaksIn } from '../helpers/leaks';
import { json, PANEL, recordingFetch, TOKEN, type RecordedRequest } from '../helpers/recording-fetch';
import { fittingValue, hostileBody, hostileString, hostileValue, ownEntries, PROTOTYPE_NAMES, queryKeys } from './arbitraries';
import { check, checkFailure, checkWire, TOKEN_FORMS } from './wire';

const ROUTES = Object.keys(OPERATIONS) as Route[];
const RUNS = 3_000;

/** How the stand-in panel answers: success, the usual errors, and answers that echo what they were sent. */
type Answer = 'ok' | 'empty' | '404' | '422' | '500' | 'html' | 'not-json';
const answers = fc.constantFrom<Answer>('ok', 'empty', '404', '422', '500', 'html', 'not-json');

function answer(kind: Answer, request: RecordedRequest): Response {
  const echo = `${request.method} ${request.url.pathname}${request.url.search}`;
  switch (kind) {
    case 'ok':
      return json({ data: { id: 1 } });
    case 'empty':
      return new Response(null, { status: 204 });
    case '404':
      return json({ msg: `not found: ${echo}` }, { status: 404 });
    case '422':
      return json({ errors: { [request.url.searchParams.keys().next().value ?? 'field']: [`bad ${echo}`] } }, { status: 422 });
    case '500':
      return json({ message: 'Server Error' }, { status: 500 });
    case 'html':
      return new Response(`<html><body>502 ${echo}</body></html>`, { status: 502, headers: { 'content-type': 'text/html' } });
    case 'not-json':
      return new Response(`<b>Warning</b> ${echo} {"data":`, { status: 200 });
  }
}

/** A client over a recording fetch, with a logger whose every line is checked for the token. */
function fuzzClient(kind: { current: Answer }) {
  const recorder = recordingFetch((request) => answer(kind.current, request));
  const logged: string[] = [];
  const line = (details: unknown, message?: string) => logged.push(`${JSON.stringify(details)} ${String(message)}`);
  const logger: Logger = { debug: line, info: line, warn: line, error: line };
  const vf = new VirtFusion({ url: PANEL, token: TOKEN, fetch: recorder.fetch, middleware: [], validate: 'strict', logger });
  return { vf, requests: recorder.requests, logged };
}

/** Mostly values the operation accepts (so that calls go out and the wire is checked), often hostile ones. */
const call = fc.constantFrom(...ROUTES).chain((route) => {
  const operation = OPERATIONS[route];
  const pathEntry = ([name, rule]: [string, ParamRule]) => fc.tuple(fc.constant(name), fc.oneof({ weight: 4, arbitrary: fittingValue(rule) }, { weight: 1, arbitrary: hostileValue }));
  const queryEntry = fc.oneof(
    ...Object.entries(operation.queryParams).map(([name, rule]) => ({ weight: 4, arbitrary: fc.tuple(fc.constant(name), fittingValue(rule)) })),
    { weight: 1, arbitrary: fc.tuple(queryKeys(Object.keys(operation.queryParams)), hostileValue) },
  );
  const noBody = fc.constant(undefined);
  return fc.record({
    route: fc.constant(route),
    path: fc.oneof(
      { weight: 9, arbitrary: fc.tuple(...Object.entries(operation.pathParams).map(pathEntry)).map(ownEntries) },
      { weight: 1, arbitrary: fc.array(fc.tuple(queryKeys(Object.keys(operation.pathParams)), hostileValue), { maxLength: 3 }).map(ownEntries) },
    ),
    query: fc.oneof({ weight: 1, arbitrary: fc.constant(undefined) }, { weight: 3, arbitrary: fc.array(queryEntry, { maxLength: 4 }).map(ownEntries) }),
    body: operation.body === 'required' ? hostileBody : fc.oneof({ weight: 4, arbitrary: noBody }, { weight: 1, arbitrary: hostileBody }),
    answer: answers,
  });
});

describe('fuzz: vf.request with hostile path ids, query keys and values, and bodies', () => {
  it('throws only typed errors without the token, sends nothing on bad input, and sends only the operation asked for', async () => {
    const kind = { current: 'ok' as Answer };
    const { vf, requests, logged } = fuzzClient(kind);
    let sent = 0;
    await fc.assert(
      fc.asyncProperty(call, async ({ route, path, query, body, answer: answerKind }) => {
        kind.current = answerKind;
        requests.length = 0;
        logged.length = 0;
        const options = { path, query, ...(body === undefined ? {} : { body }) };
        const outcome = await (vf.request as (r: Route, o: unknown) => Promise<unknown>)(route, options).then(
          () => undefined,
          (error: unknown) => ({ error }),
        );
        if (outcome !== undefined) checkFailure(outcome.error, requests);
        check(requests.length <= 1, `${requests.length} requests for one call without retry`);
        sent += requests.length;
        for (const request of requests) {
          checkWire(OPERATIONS[route], request);
          if (body !== undefined && request.body !== '') check(request.body === JSON.stringify(body), `${route}: the body on the wire differs from the one given`);
        }
        const leaking = logged.filter((line) => leaksIn({ line }, TOKEN_FORMS).length > 0);
        check(leaking.length === 0, `the token is in a log line: ${leaking[0]}`);
      }),
      { numRuns: RUNS },
    );
    // The wire checks above only bite on calls that went out: enough of the hostile inputs must be valid.
    expect(sent).toBeGreaterThan(RUNS / 6);
  }, 30_000);
});

describe('fuzz: undeclared query keys', () => {
  it('are an InputValidationError naming the key, before anything is sent', async () => {
    const kind = { current: 'ok' as Answer };
    const { vf, requests } = fuzzClient(kind);
    const undeclared = fc.constantFrom(...ROUTES).chain((route) =>
      fc.tuple(
        fc.constant(route),
        fc.oneof(fc.constantFrom(...PROTOTYPE_NAMES), hostileString).filter((key) => !Object.hasOwn(OPERATIONS[route].queryParams, key)),
        fc.oneof(fc.integer({ min: 1, max: 99 }), fc.constantFrom('1', 'true', 'x')),
      ),
    );
    await fc.assert(
      fc.asyncProperty(undeclared, async ([route, key, value]) => {
        requests.length = 0;
        const operation = OPERATIONS[route];
        const path = Object.fromEntries(Object.keys(operation.pathParams).map((name) => [name, 1]));
        const body = operation.body === 'none' ? {} : { body: {} };
        const error = await (vf.request as (r: Route, o: unknown) => Promise<unknown>)(route, { path, query: ownEntries([[key, value]]), ...body }).then(
          () => undefined,
          (caught: unknown) => caught,
        );
        check(isInputValidationError(error), `${route} with query key ${JSON.stringify(key)}: ${error === undefined ? 'sent' : String(error)}`);
        check(requests.length === 0, `${route}: a request went out`);
        // A key holding the token is named with the token redacted.
        const named = TOKEN_FORMS.some((form) => key.includes(form)) ? (part: unknown) => String(part).includes('[REDACTED]') : (part: unknown) => part === key;
        check(
          error.issues.some((issue) => issue.path.some(named)),
          `${route}: no issue names ${JSON.stringify(key)}: ${JSON.stringify(error.issues)}`,
        );
      }),
      { numRuns: 1_000 },
    );
  }, 30_000);
});
