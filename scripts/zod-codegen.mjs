// Turns the JSON Schemas of openapi/virtfusion.yaml into zod 4 source code, on `zod/mini`'s
// functional API (`z.optional(x)`, `x.check(z.minLength(1))`), which bundlers tree-shake: the
// classic API and its locales would weigh more than the rest of the SDK. Each named schema is
// built on first use (`lazy`), so importing the SDK builds none of them.
// Two modes: 'input' keeps every constraint (what the panel would reject is rejected before
// sending); 'model' is tolerant (unknown fields and enum values pass, ranges are not enforced).
// Only 'input' is rendered: answers are checked by the plain functions of check-codegen.mjs.

import { operationsOf } from './openapi-operations.mjs';


/** The zod string schema for an OpenAPI `format`; inputs are checked against every format the document states. */
const STRING_FORMATS = {
  email: 'z.email()',
  hostname: 'z.hostname()',
  ipv4: 'z.ipv4()',
  ipv6: 'z.ipv6()',
  uri: 'z.url()',
  'date-time': 'z.iso.datetime({ offset: true })',
  date: 'z.iso.date()',
};

function stringWithFormat(format) {
  if (format === undefined) return 'z.string()';
  const schema = STRING_FORMATS[format];
  if (schema === undefined) throw new Error(`zod-codegen: string format "${format}" has no check; add it to STRING_FORMATS`);
  return schema;
}

export function createZodCodegen(document) {
  const components = document.components?.schemas ?? {};
  const emitted = { input: new Map(), model: new Map() };

  const refName = (ref) => {
    const match = /^#\/components\/schemas\/(.+)$/.exec(ref);
    if (!match) throw new Error(`Unsupported $ref ${ref}`);
    return match[1];
  };
  const identifier = (name, mode) => `${name}${mode === 'input' ? 'Input' : ''}Schema`;
  /** A checked value: `base.check(z.a(), z.b())`, or `base` when there is nothing to check. */
  const checked = (base, checks) => (checks.length === 0 ? base : `${base}.check(${checks.join(', ')})`);
  /** The inline object schema of an allOf part, when it is one (properties of its own, no $ref). */
  const inlineObject = (part) => !part.$ref && !part.allOf && !part.oneOf && !part.anyOf && (part.type === 'object' || part.properties) && part.additionalProperties === undefined;

  function expression(schema, mode, into) {
    if (schema === undefined || schema === true) return 'z.unknown()';
    if (schema.$ref) {
      const name = refName(schema.$ref);
      into.add(name);
      return `${identifier(name, mode)}()`;
    }
    if (schema.allOf) {
      // An object extended by objects (a page: the paginator plus its `data`) is one flat object:
      // zod's intersection merges two parses, which made it the costliest part of a paged walk.
      const [first, ...rest] = schema.allOf;
      if (rest.length > 0 && rest.every(inlineObject)) {
        const fields = rest.flatMap((part) => objectFields(part, mode, into));
        return `z.extend(${expression(first, mode, into)}, { ${fields.join(', ')} })`;
      }
      const parts = schema.allOf.map((part) => expression(part, mode, into));
      return parts.length === 1 ? parts[0] : parts.reduce((a, b) => `z.intersection(${a}, ${b})`);
    }
    const variants = schema.oneOf ?? schema.anyOf;
    if (variants) {
      const parts = variants.map((part) => expression(part, mode, into));
      return parts.length === 1 ? parts[0] : `z.union([${parts.join(', ')}])`;
    }
    if (schema.const !== undefined) return `z.literal(${JSON.stringify(schema.const)})`;

    const types = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
    const nullable = types.includes('null');
    let concrete = types.filter((t) => t !== 'null');
    if (concrete.length === 0 && (schema.properties || schema.additionalProperties !== undefined)) concrete = ['object'];
    if (concrete.length === 0 && schema.items) concrete = ['array'];
    if (concrete.length === 0 && schema.enum) concrete = [...new Set(schema.enum.filter((v) => v !== null).map((v) => (typeof v === 'number' ? 'number' : typeof v)))];
    if (concrete.length === 0) return nullable ? 'z.null()' : 'z.unknown()';

    const parts = concrete.map((type) => single(type, schema, mode, into));
    let out = parts.length === 1 ? parts[0] : `z.union([${parts.join(', ')}])`;
    if (nullable || (schema.enum && schema.enum.includes(null))) out = `z.nullable(${out})`;
    return out;
  }

  /** `"key": schema` for each property, optional unless required. */
  function objectFields(schema, mode, into) {
    const required = new Set(schema.required ?? []);
    return Object.entries(schema.properties ?? {}).map(([key, value]) => {
      const field = expression(value, mode, into);
      return `${JSON.stringify(key)}: ${required.has(key) ? field : `z.optional(${field})`}`;
    });
  }

  function single(type, schema, mode, into) {
    const strict = mode === 'input';
    const values = schema.enum?.filter((v) => typeof v === (type === 'integer' ? 'number' : type));
    switch (type) {
      case 'string': {
        if (strict && values?.length) return `z.enum(${JSON.stringify(values)})`;
        if (!strict) return 'z.string()';
        const checks = [];
        if (schema.minLength !== undefined) checks.push(`z.minLength(${schema.minLength})`);
        if (schema.maxLength !== undefined) checks.push(`z.maxLength(${schema.maxLength})`);
        if (schema.pattern !== undefined) checks.push(`z.regex(new RegExp(${JSON.stringify(schema.pattern)}))`);
        return checked(stringWithFormat(schema.format), checks);
      }
      case 'integer':
      case 'number': {
        if (strict && values?.length) return values.length === 1 ? `z.literal(${values[0]})` : `z.union([${values.map((v) => `z.literal(${v})`).join(', ')}])`;
        if (!strict) return 'z.number()';
        const checks = [];
        if (schema.minimum !== undefined) checks.push(`z.gte(${schema.minimum})`);
        if (schema.maximum !== undefined) checks.push(`z.lte(${schema.maximum})`);
        if (schema.exclusiveMinimum !== undefined) checks.push(`z.gt(${schema.exclusiveMinimum})`);
        if (schema.exclusiveMaximum !== undefined) checks.push(`z.lt(${schema.exclusiveMaximum})`);
        return checked(type === 'integer' ? 'z.int()' : 'z.number()', checks);
      }
      case 'boolean':
        return 'z.boolean()';
      case 'array': {
        const checks = [];
        if (strict && schema.minItems !== undefined) checks.push(`z.minLength(${schema.minItems})`);
        if (strict && schema.maxItems !== undefined) checks.push(`z.maxLength(${schema.maxItems})`);
        return checked(`z.array(${expression(schema.items, mode, into)})`, checks);
      }
      case 'object': {
        const additional = schema.additionalProperties;
        if (Object.keys(schema.properties ?? {}).length === 0 && additional && additional !== true) {
          return `z.record(z.string(), ${expression(additional, mode, into)})`;
        }
        const shape = `{ ${objectFields(schema, mode, into).join(', ')} }`;
        let object;
        if (additional === false && strict) object = `z.strictObject(${shape})`;
        else if (additional && additional !== true) object = `z.catchall(z.object(${shape}), ${expression(additional, mode, into)})`;
        else object = `z.looseObject(${shape})`;
        if (!strict || !(schema.minProperties > 0)) return object;
        const least = schema.minProperties;
        const message = least === 1 ? 'must hold at least one field' : `must hold at least ${least} fields`;
        return `${object}.check(z.refine((value) => Object.keys(value).length >= ${least}, { message: ${JSON.stringify(message)} }))`;
      }
      default:
        return 'z.unknown()';
    }
  }

  function component(name, mode) {
    const store = emitted[mode];
    if (store.has(name)) return;
    const schema = components[name];
    if (schema === undefined) throw new Error(`Unknown schema ${name}`);
    store.set(name, null);
    const dependencies = new Set();
    const code = expression(schema, mode, dependencies);
    for (const dependency of dependencies) component(dependency, mode);
    store.set(name, { code, dependencies, description: schema.description });
  }

  /** A schema getter: a named schema's own (`XSchema`), else one made on first use. */
  function thunk(code) {
    const named = /^(\w+Schema)\(\)$/.exec(code);
    return named ? named[1] : `/* @__PURE__ */ lazy(() => ${code})`;
  }

  /** Source of one schema used inline by an operation, registering the components it needs. */
  function inline(schema, mode) {
    const dependencies = new Set();
    const code = expression(schema, mode, dependencies);
    for (const dependency of dependencies) component(dependency, mode);
    return code;
  }

  function render() {
    const requestBodies = [];
    for (const { op, route } of operationsOf(document)) {
      const requestBody = op.requestBody?.$ref ? undefined : op.requestBody;
      if (op.requestBody?.$ref) throw new Error(`${route}: requestBody $ref is not supported`);
      const body = requestBody?.content?.['application/json']?.schema;
      if (body) requestBodies.push(`  ${JSON.stringify(route)}: ${thunk(inline(body, 'input'))},`);
      // Answers are checked by the plain functions of check-codegen.mjs, not by zod.
    }
    const lines = [];
    for (const mode of ['model', 'input']) {
      const ordered = [];
      const visited = new Set();
      const visit = (name) => {
        if (visited.has(name)) return;
        visited.add(name);
        for (const dependency of emitted[mode].get(name).dependencies) visit(dependency);
        ordered.push(name);
      };
      for (const name of [...emitted[mode].keys()].sort()) visit(name);
      for (const name of ordered) {
        const { code, description } = emitted[mode].get(name);
        const kind = mode === 'input' ? 'Input accepted by the panel' : 'Answer from the panel';
        lines.push(`/** ${kind}: \`${name}\`${description ? `. ${description.replace(/\s+/g, ' ').replace(/\*\//g, '*\\/').trim()}` : ''} */`);
        lines.push(`export const ${identifier(name, mode)} = /* @__PURE__ */ lazy(() => ${code});`, '');
      }
    }
    return {
      schemas: lines.join('\n'),
      requestBodies: requestBodies.join('\n'),
    };
  }

  return { render };
}
