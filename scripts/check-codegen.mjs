// Turns the JSON Schemas of openapi/virtfusion.yaml into plain checking functions for answers
// ("model" mode: tolerant; unknown fields and enum values pass, ranges are not enforced; what
// fails is a missing required field or a wrong type). They only read: no copy of the answer is
// made, which is what made zod's parse of a page of 200 servers cost more than fetching it.

import { operationsOf } from './openapi-operations.mjs';

export function createCheckCodegen(document) {
  const components = document.components?.schemas ?? {};
  const emitted = new Map();
  let counter = 0;

  const refName = (ref) => {
    const match = /^#\/components\/schemas\/(.+)$/.exec(ref);
    if (!match) throw new Error(`Unsupported $ref ${ref}`);
    return match[1];
  };
  const resolveResponse = (response) => {
    if (!response.$ref) return response;
    const match = /^#\/components\/responses\/(.+)$/.exec(response.$ref);
    if (!match || !document.components?.responses?.[match[1]]) throw new Error(`Unsupported $ref ${response.$ref}`);
    return document.components.responses[match[1]];
  };
  const fresh = () => `v${(counter += 1)}`;
  const typesOf = (schema) => {
    const types = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
    let concrete = types.filter((t) => t !== 'null');
    if (concrete.length === 0 && (schema.properties || schema.additionalProperties !== undefined)) concrete = ['object'];
    if (concrete.length === 0 && schema.items) concrete = ['array'];
    if (concrete.length === 0 && schema.enum) concrete = [...new Set(schema.enum.filter((v) => v !== null).map((v) => (typeof v === 'number' ? 'number' : typeof v)))];
    return { concrete, nullable: types.includes('null') || Boolean(schema.enum?.includes(null)) };
  };
  const TEST = { string: (v) => `typeof ${v} === 'string'`, number: (v) => `typeof ${v} === 'number'`, integer: (v) => `typeof ${v} === 'number'`, boolean: (v) => `typeof ${v} === 'boolean'`, array: (v) => `Array.isArray(${v})`, object: (v) => `isObject(${v})` };

  // The path is a stack shared by every check of one answer: `p` holds the keys down to the
  // current function, `keys` the JS expressions of the keys below it within the function. Keys are
  // pushed only around calls, and an issue copies the path, so a valid answer allocates nothing.
  const pathOf = (keys) => (keys.length === 0 ? 'p.slice()' : `[...p, ${keys.join(', ')}]`);
  const descend = (keys, call) => (keys.length === 0 ? call : `p.push(${keys.join(', ')}); ${call} p.length -= ${keys.length};`);

  /** Statements that check the value in variable `v` at path `keys` below `p`, pushing issues into `out`. */
  function statements(schema, v, keys, into, out = 'i') {
    if (schema === undefined || schema === true) return '';
    if (schema.$ref) {
      const name = refName(schema.$ref);
      into.add(name);
      return descend(keys, `check${name}(${v}, p, ${out});`);
    }
    if (schema.allOf) return schema.allOf.map((part) => statements(part, v, keys, into, out)).join('\n');
    const variants = schema.oneOf ?? schema.anyOf;
    if (variants) {
      if (variants.length === 1) return statements(variants[0], v, keys, into, out);
      // Passes when one variant records no issue; a variant that fails has its issues taken back.
      const mark = fresh();
      let chain = `${out}.push({ path: ${pathOf(keys)}, message: \`Invalid input: \${kind(${v})} matches none of the documented shapes\` });`;
      for (const variant of [...variants].reverse()) {
        chain = `${statements(variant, v, keys, into, out)}\nif (${out}.length !== ${mark}) { ${out}.length = ${mark};\n${chain} }`;
      }
      return `{ const ${mark} = ${out}.length;\n${chain} }`;
    }
    if (schema.const !== undefined) return `if (${v} !== ${JSON.stringify(schema.const)}) issue(${pathOf(keys)}, ${JSON.stringify(JSON.stringify(schema.const))}, ${v}, ${out});`;
    const { concrete, nullable } = typesOf(schema);
    if (concrete.length === 0) return nullable ? `if (${v} !== null) issue(${pathOf(keys)}, 'null', ${v}, ${out});` : '';
    const guard = [...(nullable ? [`${v} === null`] : []), ...concrete.map((type) => (TEST[type] ?? (() => 'true'))(v))].join(' || ');
    const expected = [...concrete.map((t) => (t === 'integer' ? 'number' : t)), ...(nullable ? ['null'] : [])].join(' | ');
    const inner = concrete.length === 1 ? deeper(concrete[0], schema, v, keys, into, out) : '';
    return `if (!(${guard})) issue(${pathOf(keys)}, ${JSON.stringify(expected)}, ${v}, ${out});${inner ? `\nelse if (${v} !== null) {\n${inner}\n}` : ''}`;
  }

  function deeper(type, schema, v, keys, into, out) {
    if (type === 'array') {
      const item = fresh();
      const k = fresh();
      const body = statements(schema.items, item, [...keys, k], into, out);
      return body ? `for (let ${k} = 0; ${k} < ${v}.length; ${k} += 1) { const ${item} = ${v}[${k}];\n${body}\n}` : '';
    }
    if (type !== 'object') return '';
    const lines = [];
    const record = `${v}`;
    const required = new Set(schema.required ?? []);
    for (const [key, value] of Object.entries(schema.properties ?? {})) {
      const field = fresh();
      const below = [...keys, JSON.stringify(key)];
      const check = statements(value, field, below, into, out);
      const access = `const ${field} = (${record} as Record<string, unknown>)[${JSON.stringify(key)}];`;
      if (required.has(key)) lines.push(`{ ${access}\nif (${field} === undefined) issue(${pathOf(below)}, ${JSON.stringify(expectedOf(value))}, ${field}, ${out});\nelse { ${check} } }`);
      else if (check) lines.push(`{ ${access}\nif (${field} !== undefined) { ${check} } }`);
    }
    const additional = schema.additionalProperties;
    if (additional && additional !== true) {
      const known = Object.keys(schema.properties ?? {});
      const field = fresh();
      const key = fresh();
      const check = statements(additional, field, [...keys, key], into, out);
      const other = known.length === 0 ? check : `if (!(${known.map((name) => `${key} === ${JSON.stringify(name)}`).join(' || ')})) { ${check} }`;
      if (check) lines.push(`for (const ${key} in ${record} as Record<string, unknown>) { if (!Object.hasOwn(${record}, ${key})) continue; const ${field} = (${record} as Record<string, unknown>)[${key}];\n${other} }`);
    }
    return lines.join('\n');
  }

  function expectedOf(schema) {
    if (schema.$ref) return expectedOf(components[refName(schema.$ref)] ?? {});
    if (schema.oneOf || schema.anyOf || schema.allOf) return 'a value';
    const { concrete, nullable } = typesOf(schema);
    return [...concrete.map((t) => (t === 'integer' ? 'number' : t)), ...(nullable ? ['null'] : [])].join(' | ') || 'a value';
  }

  function component(name) {
    if (emitted.has(name)) return;
    const schema = components[name];
    if (schema === undefined) throw new Error(`Unknown schema ${name}`);
    emitted.set(name, null);
    const into = new Set();
    const body = statements(schema, 'v', [], into);
    emitted.set(name, { body, description: schema.description });
    for (const dependency of into) component(dependency);
  }

  function render() {
    const responses = [];
    const inline = [];
    for (const { op, route } of operationsOf(document)) {
      const entries = Object.entries(op.responses ?? {})
        .filter(([code]) => /^2\d\d$/.test(code))
        .map(([code, reference]) => {
          const schema = resolveResponse(reference).content?.['application/json']?.schema;
          if (!schema) return `${code}: checkEmpty`;
          if (schema.$ref) {
            component(refName(schema.$ref));
            return `${code}: check${refName(schema.$ref)}`;
          }
          const into = new Set();
          const body = statements(schema, 'v', [], into);
          for (const dependency of into) component(dependency);
          const name = `checkInline${inline.length + 1}`;
          inline.push(`function ${name}(v: unknown, p: Path, i: Issue[]): void {\n${body}\n}`);
          return `${code}: ${name}`;
        });
      responses.push(`  ${JSON.stringify(route)}: { ${entries.join(', ')} },`);
    }
    const functions = [...emitted.entries()]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([name, { body, description }]) => `/** \`${name}\`${description ? `: ${description.replace(/\s+/g, ' ').replace(/\*\//g, '*\\/').trim()}` : ''} */\nfunction check${name}(v: unknown, p: Path, i: Issue[]): void {\n${body}\n}`);
    return { functions: [...functions, ...inline].join('\n\n'), responses: responses.join('\n') };
  }

  return { render };
}
