import { afterEach, beforeEach } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { parse } from 'yaml';
import { createManualClock, startEmulator, type Emulator, type EmulatorOptions } from '../../src/testing';

/** One raw HTTP exchange with the emulator, as a panel client would see it. */
export interface RawAnswer {
  status: number;
  headers: Headers;
  text: string;
  json: unknown;
}

export interface RawCall {
  query?: Record<string, string | number | boolean | readonly (string | number)[]>;
  body?: unknown;
  token?: string | null;
}

/** Sends one request below `/api/v1` with the emulator's token (or `token`), bypassing the SDK. */
export async function raw(emu: Emulator, method: string, path: string, call: RawCall = {}): Promise<RawAnswer> {
  const url = new URL(`${emu.apiUrl}${path}`);
  for (const [name, value] of Object.entries(call.query ?? {})) {
    if (Array.isArray(value)) for (const item of value) url.searchParams.append(`${name}[]`, String(item));
    else url.searchParams.set(name, String(value));
  }
  const headers: Record<string, string> = { accept: 'application/json' };
  const token = call.token === undefined ? emu.token : call.token;
  if (token !== null) headers.authorization = `Bearer ${token}`;
  if (call.body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(url, { method, headers, body: call.body === undefined ? undefined : JSON.stringify(call.body) });
  const text = await response.text();
  let json: unknown;
  try {
    json = text === '' ? undefined : JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, text, json };
}

type Json = Record<string, any>;

/** The project's OpenAPI document, and validators for its response schemas. */
export function loadContract() {
  const document = parse(readFileSync(fileURLToPath(new URL('../../openapi/virtfusion.yaml', import.meta.url)), 'utf8')) as Json;
  const ROOT = 'https://virtfusion-sdk.invalid/openapi.json';
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addFormat('int64', { type: 'number', validate: (n: number) => Number.isInteger(n) });
  ajv.addSchema({ $id: ROOT, components: { schemas: document.components.schemas } });

  const deref = (node: Json): Json => {
    let current = node;
    while (current && typeof current.$ref === 'string') {
      current = current.$ref
        .slice(2)
        .split('/')
        .reduce((value: Json, key: string) => value?.[key], document);
    }
    return current;
  };

  /** The documented answer of an operation for a status, or undefined when the status is not documented. */
  function response(method: string, path: string, status: number): { schema: Json | undefined; uncaptured: boolean } | undefined {
    const raw = document.paths[path]?.[method.toLowerCase()]?.responses?.[String(status)];
    if (raw === undefined) return undefined;
    const resolved = deref(raw);
    const schema = resolved.content?.['application/json']?.schema as Json | undefined;
    return { schema, uncaptured: schema?.$ref === '#/components/schemas/Uncaptured' };
  }

  function validate(schema: Json, value: unknown): string[] {
    const text = JSON.stringify(schema).replaceAll('"$ref":"#/', `"$ref":"${ROOT}#/`);
    const check = ajv.compile(JSON.parse(text));
    if (check(value)) return [];
    return (check.errors ?? []).slice(0, 8).map((e) => `${e.instancePath || '(root)'} ${e.message}`);
  }

  return { document, response, validate };
}

/** An SDK client for the emulator, without retries or client-side limits so that every call is exactly one request. */
export async function sdkFor(emu: Emulator) {
  const { VirtFusion } = await import('../../src/index');
  return new VirtFusion({ url: emu.url, token: emu.token, middleware: [] });
}

const startedEmulators: Emulator[] = [];

/** Registers an emulator for `stopStartedEmulators()` (in afterEach). */
export function trackEmulator(emu: Emulator): Emulator {
  startedEmulators.push(emu);
  return emu;
}

/** Starts an emulator on a manual clock, stopped by `stopStartedEmulators()`. */
export async function trackedEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  return trackEmulator(await startEmulator({ clock: createManualClock(), ...options }));
}

export async function stopStartedEmulators(): Promise<void> {
  await Promise.all(startedEmulators.splice(0).map((emu) => emu.stop()));
}

/** One call below `/api/v1` read the way tests assert on it: the status, the parsed body and its text. */
export async function jsonCall(emu: Emulator, method: string, path: string, body?: unknown, query?: RawCall['query']) {
  const answer = await raw(emu, method, path, { body, query });
  return { status: answer.status, body: answer.json as any, text: answer.text };
}

/**
 * A fresh emulator on a manual clock for every test of the file (started before each, stopped
 * after), and `json` calls against it.
 */
export function emulatorPerTest(options: EmulatorOptions = {}) {
  let current: Emulator | undefined;
  beforeEach(async () => {
    current = await startEmulator({ clock: createManualClock(), ...options });
  });
  afterEach(async () => {
    await current?.stop();
  });
  const emu = (): Emulator => {
    if (current === undefined) throw new Error('the emulator runs only inside a test');
    return current;
  };
  const json = (method: string, path: string, body?: unknown, query?: RawCall['query']) => jsonCall(emu(), method, path, body, query);
  return { emu, json };
}
