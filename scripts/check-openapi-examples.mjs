#!/usr/bin/env node
// Checks openapi/virtfusion.yaml:
//   1. our examples: every JSON success response whose shape is known carries an example, and every
//      example of the document validates against the schema beside it (JSON Schema 2020-12);
//   2. when the vendor's export is present (../shared, absent in a user's clone): coverage (every
//      vendor operation exists in our document) and every vendor response example validates
//      against our schema for the same method, path and status.
// Prints one line per failure and a summary; exits 1 on any failure, 2 when our document is missing.
//
// Usage: node scripts/check-openapi-examples.mjs [--vendor <file>] [--ours <file>]
// Environment: VIRTFUSION_VENDOR_OPENAPI, VIRTFUSION_OPENAPI (same meaning as the flags).
import { readFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { parse } from 'yaml';
import { HTTP_METHODS, operationsOf } from './openapi-operations.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
/** A vendor export may carry methods the panel's own routes do not use. */
const METHODS = [...HTTP_METHODS, 'head', 'options'];

function flag(name) {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const oursPath = flag('--ours') ?? process.env.VIRTFUSION_OPENAPI ?? join(root, 'openapi/virtfusion.yaml');
const vendorCandidates = [
  flag('--vendor'),
  process.env.VIRTFUSION_VENDOR_OPENAPI,
  // shared/ sits beside the checkout, on developers' machines and in CI alike.
  join(root, '../shared/reference/virtfusion-openapi.vendor.yaml'),
].filter(Boolean);
const vendorPath = vendorCandidates.find((p) => existsSync(p));

if (!existsSync(oursPath)) {
  console.error(`missing: our document ${oursPath}`);
  process.exit(2);
}
const ours = parse(readFileSync(oursPath, 'utf8'));
const vendor = vendorPath ? parse(readFileSync(vendorPath, 'utf8')) : undefined;

/** Follows local `$ref`s (`#/...`) inside one document. */
function deref(document, node) {
  let current = node;
  const seen = new Set();
  while (current && typeof current === 'object' && typeof current.$ref === 'string') {
    if (seen.has(current.$ref)) throw new Error(`circular $ref ${current.$ref}`);
    seen.add(current.$ref);
    if (!current.$ref.startsWith('#/')) throw new Error(`external $ref not supported: ${current.$ref}`);
    const segments = current.$ref.slice(2).split('/').map((s) => decodeURIComponent(s).replace(/~1/g, '/').replace(/~0/g, '~'));
    current = segments.reduce((value, key) => value?.[key], document);
    if (current === undefined) throw new Error(`unresolvable $ref ${node.$ref}`);
  }
  return current;
}

function operations(document) {
  return [...operationsOf(document, METHODS)];
}

const key = (method, path) => `${method.toUpperCase()} ${path}`;
const failures = [];
const fail = (line) => {
  failures.push(line);
  console.log(`FAIL ${line}`);
};

// ------------------------------------------------------------------ schema compiler
const ROOT_ID = 'https://virtfusion-sdk.invalid/openapi.json';
const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true });
addFormats(ajv);
ajv.addFormat('int32', { type: 'number', validate: (n) => Number.isInteger(n) && n >= -(2 ** 31) && n < 2 ** 31 });
ajv.addFormat('int64', { type: 'number', validate: (n) => Number.isInteger(n) });
ajv.addSchema({ $id: ROOT_ID, components: { schemas: ours.components?.schemas ?? {} } });

const compiled = new Map();
function validatorFor(schema) {
  const text = JSON.stringify(schema).replaceAll('"$ref":"#/', `"$ref":"${ROOT_ID}#/`);
  if (!compiled.has(text)) compiled.set(text, ajv.compile(JSON.parse(text)));
  return compiled.get(text);
}

// Every named schema must compile (catches broken $refs and invalid keywords early).
for (const name of Object.keys(ours.components?.schemas ?? {})) {
  try {
    validatorFor({ $ref: `#/components/schemas/${name}` });
  } catch (error) {
    fail(`components/schemas/${name} does not compile: ${error.message}`);
  }
}

// ------------------------------------------------------------------ helpers
/** The examples of one media object of `document`, `examples` entries resolved. */
function examplesOf(document, media) {
  const out = [];
  if (media && 'example' in media) out.push({ name: 'example', value: media.example });
  for (const [name, entry] of Object.entries(media?.examples ?? {})) {
    const resolved = deref(document, entry);
    if (resolved && 'value' in resolved) out.push({ name, value: resolved.value });
  }
  return out;
}

const isJsonType = (type) => /^application\/([\w.+-]+\+)?json\b/i.test(type);

function describe(errors) {
  return (errors ?? [])
    .slice(0, 5)
    .map((e) => `${e.instancePath || '(root)'} ${e.message}${e.params?.allowedValues ? ` ${JSON.stringify(e.params.allowedValues)}` : ''}`)
    .join('; ');
}

// ------------------------------------------------------------------ our own examples
const UNCAPTURED = '#/components/schemas/Uncaptured';
let ownChecked = 0;
let ownMissing = 0;
function checkOwnMedia(where, media, needsExample) {
  const schema = media?.schema;
  if (!schema) return;
  const examples = examplesOf(ours, media);
  if (examples.length === 0) {
    if (needsExample && schema.$ref !== UNCAPTURED) {
      ownMissing += 1;
      fail(`${where}: our document gives no example for this response`);
    }
    return;
  }
  for (const example of examples) {
    ownChecked += 1;
    let validate;
    try {
      validate = validatorFor(schema);
    } catch (error) {
      fail(`${where} (${example.name}): our schema does not compile: ${error.message}`);
      continue;
    }
    if (!validate(example.value)) fail(`${where} (${example.name}): ${describe(validate.errors)}`);
  }
}
for (const { method, path, op } of operations(ours)) {
  for (const [status, rawResponse] of Object.entries(op.responses ?? {})) {
    if (rawResponse?.$ref) continue; // shared responses are checked once, below
    for (const [mediaType, media] of Object.entries(rawResponse?.content ?? {})) {
      if (isJsonType(mediaType)) checkOwnMedia(`ours ${key(method, path)} ${status}`, media, /^2\d\d$/.test(status));
    }
  }
}
for (const [name, response] of Object.entries(ours.components?.responses ?? {})) {
  for (const [mediaType, media] of Object.entries(response?.content ?? {})) {
    if (isJsonType(mediaType)) checkOwnMedia(`ours components/responses/${name}`, media, false);
  }
}
console.log(`our examples: ${ownChecked} checked, ${ownMissing} success responses without one`);

if (vendor) {
  // ------------------------------------------------------------------ coverage
  const ourOps = operations(ours);
  const ourIndex = new Map(ourOps.map((row) => [key(row.method, row.path), row]));
  const vendorOps = operations(vendor);
  let missing = 0;
  for (const { method, path } of vendorOps) {
    if (!ourIndex.has(key(method, path))) {
      missing += 1;
      fail(`coverage: ${key(method, path)} is in the vendor export but not in our document`);
    }
  }
  const vendorKeys = new Set(vendorOps.map(({ method, path }) => key(method, path)));
  const extra = ourOps.filter(({ method, path }) => !vendorKeys.has(key(method, path)));
  // `x-outside-export` marks an operation older than 7.1 that the export simply lacks (its value says why we know it).
  const extraWithoutSince = extra.filter(({ op }) => !op['x-since'] && !op['x-outside-export']);
  for (const { method, path } of extraWithoutSince) {
    fail(`coverage: ${key(method, path)} is not in the vendor export and has neither x-since nor x-outside-export`);
  }
  const sinceCounts = {};
  for (const { op } of extra) if (op['x-since']) sinceCounts[op['x-since']] = (sinceCounts[op['x-since']] ?? 0) + 1;

  // ------------------------------------------------------------------ examples
  /** The vendor sometimes files JSON under another media type, as text. Returns { empty } or { value }. */
  function decode(value, mediaType) {
    if (typeof value === 'string' && !isJsonType(mediaType)) {
      if (value.trim() === '') return { empty: true };
      try {
        return { value: JSON.parse(value) };
      } catch {
        return { value };
      }
    }
    if (value === '' || value === null || value === undefined) return { empty: true };
    return { value };
  }

  function ourResponse(method, path, status) {
    const row = ourIndex.get(key(method, path));
    if (!row) return undefined;
    const responses = row.op.responses ?? {};
    const raw = responses[status] ?? responses[`${String(status)[0]}XX`];
    return raw ? deref(ours, raw) : undefined;
  }

  let checked = 0;
  let failedExamples = 0;
  for (const { method, path, op } of vendorOps) {
    for (const [status, rawResponse] of Object.entries(op.responses ?? {})) {
      // The vendor's shared 401 component carries a plain-text placeholder, not an API body.
      if (rawResponse?.$ref) continue;
      const response = deref(vendor, rawResponse);
      for (const [mediaType, media] of Object.entries(response?.content ?? {})) {
        for (const example of examplesOf(vendor, media)) {
          checked += 1;
          const where = `${key(method, path)} ${status} (${mediaType}, ${example.name})`;
          const mine = ourResponse(method, path, status);
          if (!mine) {
            failedExamples += 1;
            fail(`${where}: status ${status} is not documented in our document`);
            continue;
          }
          const decoded = decode(example.value, mediaType);
          const content = mine.content ?? {};
          if (decoded.empty) {
            if (Object.keys(content).length > 0) {
              failedExamples += 1;
              fail(`${where}: the vendor shows an empty body but our response declares content`);
            }
            continue;
          }
          const jsonMedia = Object.entries(content).find(([type]) => isJsonType(type));
          if (!jsonMedia) {
            failedExamples += 1;
            fail(`${where}: the vendor shows a body but our response declares no JSON content`);
            continue;
          }
          const schema = jsonMedia[1].schema ?? {};
          let validate;
          try {
            validate = validatorFor(schema);
          } catch (error) {
            failedExamples += 1;
            fail(`${where}: our schema does not compile: ${error.message}`);
            continue;
          }
          if (!validate(decoded.value)) {
            failedExamples += 1;
            fail(`${where}: ${describe(validate.errors)}`);
          }
        }
      }
    }
  }
  const sinceText = Object.entries(sinceCounts)
    .map(([version, count]) => `${count} x-since ${version}`)
    .join(', ');
  console.log(
    `coverage: ${vendorOps.length - missing}/${vendorOps.length} vendor operations present; ` +
      `ours: ${ourOps.length} operations (${ourOps.length - extra.length} from the vendor export${sinceText ? `, ${sinceText}` : ''})`,
  );
  console.log(`vendor examples: ${checked} checked, ${failedExamples} failed`);
} else {
  console.log(`skipped: vendor coverage and examples (no vendor export at ${vendorCandidates.join(', ')}; a clone without ../shared checks our own examples only)`);
}

// ------------------------------------------------------------------ summary
process.exit(failures.length > 0 ? 1 : 0);
