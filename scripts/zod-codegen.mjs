// Turns the JSON Schemas of openapi/virtfusion.yaml into zod 4 source code.
// Two modes: 'input' keeps every constraint (what the panel would reject is rejected before
// sending); 'model' is for answers and stays tolerant: unknown fields and enum values pass,
// ranges are not enforced, so a panel that grows does not break its clients.

const METHODS = ['get', 'put', 'post', 'delete', 'patch'];


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
  const resolveResponse = (response) => {
    const match = /^#\/components\/responses\/(.+)$/.exec(response.$ref ?? '');
    if (!response.$ref) return response;
    if (!match || !document.components?.responses?.[match[1]]) throw new Error(`Unsupported $ref ${response.$ref}`);
    return document.components.responses[match[1]];
  };
  const identifier = (name, mode) => `${name}${mode === 'input' ? 'Input' : ''}Schema`;

  function expression(schema, mode, into) {
    if (schema === undefined || schema === true) return 'z.unknown()';
    if (schema.$ref) {
      const name = refName(schema.$ref);
      into.add(name);
      return identifier(name, mode);
    }
    if (schema.allOf) {
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
    if (nullable || (schema.enum && schema.enum.includes(null))) out = `${out}.nullable()`;
    return out;
  }

  function single(type, schema, mode, into) {
    const strict = mode === 'input';
    const values = schema.enum?.filter((v) => typeof v === (type === 'integer' ? 'number' : type));
    switch (type) {
      case 'string': {
        if (strict && values?.length) return `z.enum(${JSON.stringify(values)})`;
        let out = strict ? stringWithFormat(schema.format) : 'z.string()';
        if (strict && schema.minLength !== undefined) out += `.min(${schema.minLength})`;
        if (strict && schema.maxLength !== undefined) out += `.max(${schema.maxLength})`;
        if (strict && schema.pattern !== undefined) out += `.regex(new RegExp(${JSON.stringify(schema.pattern)}))`;
        return out;
      }
      case 'integer':
      case 'number': {
        if (strict && values?.length) return values.length === 1 ? `z.literal(${values[0]})` : `z.union([${values.map((v) => `z.literal(${v})`).join(', ')}])`;
        let out = type === 'integer' && strict ? 'z.number().int()' : 'z.number()';
        if (strict && schema.minimum !== undefined) out += `.min(${schema.minimum})`;
        if (strict && schema.maximum !== undefined) out += `.max(${schema.maximum})`;
        if (strict && schema.exclusiveMinimum !== undefined) out += `.gt(${schema.exclusiveMinimum})`;
        if (strict && schema.exclusiveMaximum !== undefined) out += `.lt(${schema.exclusiveMaximum})`;
        return out;
      }
      case 'boolean':
        return 'z.boolean()';
      case 'array': {
        let out = `z.array(${expression(schema.items, mode, into)})`;
        if (strict && schema.minItems !== undefined) out += `.min(${schema.minItems})`;
        if (strict && schema.maxItems !== undefined) out += `.max(${schema.maxItems})`;
        return out;
      }
      case 'object': {
        const properties = Object.entries(schema.properties ?? {});
        const required = new Set(schema.required ?? []);
        const additional = schema.additionalProperties;
        if (properties.length === 0 && additional && additional !== true) {
          return `z.record(z.string(), ${expression(additional, mode, into)})`;
        }
        const fields = properties.map(([key, value]) => {
          const field = expression(value, mode, into);
          return `${JSON.stringify(key)}: ${required.has(key) ? field : `${field}.optional()`}`;
        });
        const shape = `{ ${fields.join(', ')} }`;
        if (additional === false && strict) return `z.strictObject(${shape})`;
        if (additional && additional !== true) return `z.object(${shape}).catchall(${expression(additional, mode, into)})`;
        return `z.looseObject(${shape})`;
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

  /** Source of one schema used inline by an operation, registering the components it needs. */
  function inline(schema, mode) {
    const dependencies = new Set();
    const code = expression(schema, mode, dependencies);
    for (const dependency of dependencies) component(dependency, mode);
    return code;
  }

  function render() {
    const requestBodies = [];
    const responses = [];
    for (const [path, item] of Object.entries(document.paths ?? {})) {
      for (const method of METHODS) {
        const op = item[method];
        if (!op) continue;
        const route = `${method.toUpperCase()} ${path}`;
        const requestBody = op.requestBody?.$ref ? undefined : op.requestBody;
        if (op.requestBody?.$ref) throw new Error(`${route}: requestBody $ref is not supported`);
        const body = requestBody?.content?.['application/json']?.schema;
        if (body) requestBodies.push(`  ${JSON.stringify(route)}: ${inline(body, 'input')},`);
        const statuses = Object.entries(op.responses ?? {}).filter(([code]) => /^2\d\d$/.test(code));
        const entries = statuses.map(([code, reference]) => {
          const response = resolveResponse(reference);
          const schema = response.content?.['application/json']?.schema;
          return `${code}: ${schema ? inline(schema, 'model') : 'z.undefined()'}`;
        });
        responses.push(`  ${JSON.stringify(route)}: { ${entries.join(', ')} },`);
      }
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
        lines.push(`export const ${identifier(name, mode)} = ${code};`, '');
      }
    }
    return {
      schemas: lines.join('\n'),
      requestBodies: requestBodies.join('\n'),
      responses: responses.join('\n'),
    };
  }

  return { render };
}
