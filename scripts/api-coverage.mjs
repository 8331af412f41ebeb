#!/usr/bin/env node
// Writes docs/api-coverage.md from openapi/virtfusion.yaml: each operation with the panel version
// that added it, the SDK method(s) that call it and whether the emulator answers it, then what the
// vendor's 7.1 reference lists that the document does not describe yet. SDK methods are found in
// src/ (the route strings each method passes to the invoker); emulator handlers in
// src/testing/emulator/handlers/. With --check, writes nothing and exits 1 when the file is stale.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const documentPath = join(root, 'openapi/virtfusion.yaml');
const target = join(root, 'docs/api-coverage.md');
const check = process.argv.includes('--check');
import { HTTP_METHODS, operationsOf } from './openapi-operations.mjs';
const ROUTE = /'((?:GET|PUT|POST|DELETE|PATCH) \/[^']*)'/g;

const document = parse(readFileSync(documentPath, 'utf8'));
const read = (file) => readFileSync(join(root, file), 'utf8');
const sourceFiles = (dir) => readdirSync(join(root, dir)).filter((f) => f.endsWith('.ts')).map((f) => `${dir}/${f}`);

/** Each class of a file: its name, the accessors it holds (`readonly firewall: ServerFirewall`) and the routes each method calls. */
function classesOf(text) {
  const classes = [];
  let current;
  let method;
  for (const line of text.split('\n')) {
    const opened = /^export class (\w+)/.exec(line);
    if (opened) {
      current = { name: opened[1], children: {}, routes: {} };
      classes.push(current);
      method = undefined;
      continue;
    }
    if (!current) continue;
    if (line === '}') {
      current = undefined;
      continue;
    }
    const child = /^ {2}readonly (\w+): (\w+);/.exec(line) ?? /^ {2}get (\w+)\(\): (\w+) \{/.exec(line);
    if (child) current.children[child[1]] = child[2];
    const member = /^ {2}(?:async )?(?!constructor\b)([a-z]\w*)(?:<[^>]*>)?\(/.exec(line);
    if (member) method = member[1];
    if (method) for (const [, route] of line.matchAll(ROUTE)) (current.routes[route] ??= new Set()).add(method);
  }
  return classes;
}

/**
 * Routes a class takes from a table by variant (`new BillingGroupProfiles(invoker, 'hourly')` with
 * `{ hourly: { add: 'POST …' } }`): each route with the field holding that variant and the method.
 */
function variantRoutes(text) {
  const found = [];
  let variant;
  for (const line of text.split('\n')) {
    const opened = /^ {2}(\w+): \{$/.exec(line);
    if (opened) variant = opened[1];
    const entry = /^ {4}(\w+): '((?:GET|PUT|POST|DELETE|PATCH) \/[^']*)',$/.exec(line);
    if (entry && variant) found.push({ variant, method: entry[1], route: entry[2] });
  }
  const holders = [...text.matchAll(/this\.(\w+) = new (\w+)\(invoker, '(\w+)'\)/g)].map(([, field, type, variant]) => ({ field, type, variant }));
  return found.flatMap((r) => holders.filter((h) => h.variant === r.variant).map((h) => ({ ...r, field: h.field, type: h.type })));
}

function sdkMethods() {
  const files = [...sourceFiles('src/resources'), 'src/client.ts'];
  const classes = files.flatMap((file) => classesOf(read(file)));
  const byName = new Map(classes.map((c) => [c.name, c]));
  const paths = new Map([['VirtFusion', 'vf']]);
  const queue = ['VirtFusion'];
  while (queue.length > 0) {
    const name = queue.shift();
    for (const [field, type] of Object.entries(byName.get(name)?.children ?? {})) {
      if (paths.has(type) || !byName.has(type)) continue;
      paths.set(type, `${paths.get(name)}.${field}`);
      queue.push(type);
    }
  }
  const methods = new Map();
  for (const c of classes) {
    const prefix = paths.get(c.name);
    if (prefix === undefined) continue;
    for (const [route, names] of Object.entries(c.routes)) for (const n of names) (methods.get(route) ?? methods.set(route, []).get(route)).push(`${prefix}.${n}()`);
  }
  for (const file of files) {
    for (const r of variantRoutes(read(file))) {
      const holder = classes.find((c) => c.children[r.field] === r.type);
      const prefix = holder && paths.get(holder.name);
      if (prefix !== undefined) (methods.get(r.route) ?? methods.set(r.route, []).get(r.route)).push(`${prefix}.${r.field}.${r.method}()`);
    }
  }
  return methods;
}

function emulatorRoutes() {
  const routes = new Set();
  for (const file of sourceFiles('src/testing/emulator/handlers')) for (const [, route] of read(file).matchAll(/^ {2}'((?:GET|PUT|POST|DELETE|PATCH) \/[^']*)': /gm)) routes.add(route);
  return routes;
}

const methods = sdkMethods();
const emulator = emulatorRoutes();
const rows = [];
for (const { op, route } of operationsOf(document)) {
  const since = op['x-since'] ?? (op['x-outside-export'] ? 'before 7.1, not in the export' : 'v1 (vendor export)');
  rows.push({ route, id: op.operationId, since, sdk: methods.get(route) ?? [], emulator: emulator.has(route), deprecated: op.deprecated === true });
}
rows.sort((a, b) => (a.route.split(' ')[1] === b.route.split(' ')[1] ? HTTP_METHODS.indexOf(a.route.split(' ')[0].toLowerCase()) - HTTP_METHODS.indexOf(b.route.split(' ')[0].toLowerCase()) : a.route.split(' ')[1] < b.route.split(' ')[1] ? -1 : 1));

const cell = (text) => String(text).replace(/\|/g, '\\|');
const count = (predicate) => rows.filter(predicate).length;
const missing = document['x-reference-operations-not-described'] ?? [];
const lines = [
  '<!-- Generated by `npm run docs:coverage` from openapi/virtfusion.yaml, src/ and the emulator. Do not edit by hand. -->',
  '',
  '# API coverage',
  '',
  `The OpenAPI document describes ${rows.length} operations: ${count((r) => r.since === 'v1 (vendor export)')} from the vendor's export, ${count((r) => r.since === '7.1.0')} added in panel 7.1.0, ${count((r) => r.since.startsWith('before'))} older one the export lacks. ${count((r) => r.sdk.length > 0)} have an SDK method (every operation can also be called with \`vf.request('METHOD /path', …)\`), and the emulator answers ${count((r) => r.emulator)}.`,
  '',
  '| Operation | operationId | Since | SDK method | Emulator |',
  '| --- | --- | --- | --- | --- |',
  ...rows.map((r) => `| \`${cell(r.route)}\` | ${r.id}${r.deprecated ? ' (deprecated)' : ''} | ${cell(r.since)} | ${r.sdk.length > 0 ? r.sdk.map((m) => `\`${m}\``).join(', ') : '—'} | ${r.emulator ? 'yes' : 'no'} |`),
  '',
  '## Listed by the vendor\'s 7.1 reference, not described yet',
  '',
  missing.length === 0 ? 'None.' : '| Operation | Since | Why not yet |',
  ...(missing.length === 0 ? [] : ['| --- | --- | --- |', ...missing.map((m) => `| ${cell(m.operation)} | ${cell(m.since)} | ${cell(m.reason)} |`)]),
  '',
];
const contents = lines.join('\n');
const current = existsSync(target) ? readFileSync(target, 'utf8') : undefined;
if (check) {
  if (current !== contents) {
    console.error(`stale: ${relative(root, target)} differs from what ${relative(root, documentPath)} and src/ produce. Run \`npm run docs:coverage\` and commit it.`);
    process.exit(1);
  }
  console.log(`${relative(root, target)} is up to date`);
} else if (current !== contents) {
  writeFileSync(target, contents);
  console.log(`wrote ${relative(root, target)}`);
}
