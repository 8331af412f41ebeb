import { describe, expect, it } from 'vitest';
import { AuthenticationError, OPERATIONS, VirtFusion, type Route } from '../../src/index';
import { checkAnswer } from '../../src/resources/validate';
import { parseWebhookEvent } from '../../src/webhooks/index';
import { PANEL, TOKEN, recordingFetch } from '../helpers/recording-fetch';
import { SAMPLES_DIR, samplesAvailable, vendorSamples, type Sample } from './samples';

// Every vendor-evidence sample in ../shared/reference/real-world-samples through the SDK: requests
// must be accepted and sent as written, answers must parse under strict validation, webhook
// bodies must parse. The samples are not part of the project, so a fresh clone skips this suite.

const routeOf = (sample: Sample): Route => {
  const route = sample.meta.operation as Route;
  expect(Object.hasOwn(OPERATIONS, route), `${sample.name}: ${route} is not an operation of the document`).toBe(true);
  return route;
};

/** The body a sample stands for: `null` in a body file means the request has none. */
const bodyOf = (sample: Sample): unknown => {
  const value = JSON.parse(sample.text) as unknown;
  return value === null ? undefined : value;
};

const expandPath = (template: string, values: Record<string, string | number> = {}) =>
  template.replace(/\{([^}]+)\}/g, (_m, name: string) => encodeURIComponent(String(values[name])));

const suite = samplesAvailable() ? describe : describe.skip;
const title = 'vendor samples of ../shared/reference/real-world-samples through the SDK';
if (!samplesAvailable()) console.warn(`skipped: ${title}: ${SAMPLES_DIR} is absent (a clone without the shared reference folder)`);

suite(title, () => {
  const samples = samplesAvailable() ? vendorSamples() : [];
  const of = (kind: Sample['meta']['kind']) => samples.filter((s) => s.meta.kind === kind).map((s) => [s.name, s] as const);

  it('finds the vendor samples and no others', () => {
    expect(of('request').length).toBeGreaterThanOrEqual(30);
    expect(samples.every((s) => s.meta.provenance.startsWith('vendor'))).toBe(true);
  });

  it.each(of('request'))('request %s is accepted and sent as written', async (_name, sample) => {
    const route = routeOf(sample);
    const operation = OPERATIONS[route];
    const body = bodyOf(sample);
    const { fetch, requests } = recordingFetch(() => new Response(null, { status: operation.success.includes(204) ? 204 : operation.success[0]! }));
    const vf = new VirtFusion({ url: PANEL, token: TOKEN, fetch, validate: 'off' });
    await vf.request(route, { path: sample.meta.path, query: sample.meta.query, ...(body === undefined ? {} : { body }) } as never);
    expect(requests).toHaveLength(1);
    const sent = requests[0]!;
    expect(sent.method).toBe(operation.method);
    expect(sent.url.pathname).toBe(`/api/v1${expandPath(operation.path, sample.meta.path)}`);
    expect(Object.fromEntries(sent.url.searchParams)).toEqual(Object.fromEntries(Object.entries(sample.meta.query ?? {}).map(([k, v]) => [k, String(v)])));
    expect(sent.body === '' ? undefined : JSON.parse(sent.body)).toEqual(body);
  });

  it.each(of('response'))('answer %s parses under strict validation', async (_name, sample) => {
    const route = routeOf(sample);
    const status = sample.meta.status ?? 200;
    const answer = JSON.parse(sample.text) as unknown;
    const { fetch } = recordingFetch(() => Response.json(answer, { status }));
    const vf = new VirtFusion({ url: PANEL, token: TOKEN, fetch });
    const body = await vf.request(route, { path: sample.meta.path, ...(sample.meta.requestBody === undefined ? {} : { body: sample.meta.requestBody }) } as never);
    expect(body).toEqual(answer);
    expect(() => checkAnswer(route, status, body, 'strict', () => {})).not.toThrow();
  });

  it.each(of('error'))('error answer %s becomes its typed error', async (_name, sample) => {
    const route = routeOf(sample);
    const { fetch } = recordingFetch(() => new Response(sample.text, { status: sample.meta.status, headers: { 'content-type': sample.meta.contentType ?? 'application/json' } }));
    const vf = new VirtFusion({ url: PANEL, token: TOKEN, fetch });
    const error = await vf.request(route, { path: sample.meta.path } as never).catch((e: unknown) => e);
    expect(sample.meta.expectError).toBe('AuthenticationError');
    expect(error).toBeInstanceOf(AuthenticationError);
    expect((error as AuthenticationError).status).toBe(sample.meta.status);
  });

  it.each(of('webhook'))('webhook %s parses', (_name, sample) => {
    const event = parseWebhookEvent(sample.text);
    const body = JSON.parse(sample.text) as { event: string; hookId: string; hookEventId: string };
    expect(event).toMatchObject({ event: body.event, hookId: body.hookId, hookEventId: body.hookEventId });
  });
});
