import { describe, expect, it } from 'vitest';
import { RESPONSE_SCHEMAS } from '../../src/generated/schemas';
import type { Route } from '../../src/index';
import { vendorSuccessExamples } from '../helpers/vendor-examples';

const examples = vendorSuccessExamples().filter(({ example }) => typeof example !== 'string' || example.trim() !== '');

describe('every success example of the vendor export parses under strict response validation', () => {
  it('finds the examples', () => {
    expect(examples.length).toBeGreaterThanOrEqual(45);
  });

  it.each(examples.map((e) => [`${e.route} ${e.status}`, e] as const))('%s', (_name, { route, status, example }) => {
    const schema = RESPONSE_SCHEMAS[route as Route]?.[status];
    expect(schema, `no response schema for ${route} ${status}`).toBeDefined();
    const body = typeof example === 'string' ? JSON.parse(example) : example;
    const result = schema!().safeParse(body);
    expect(result.success ? [] : result.error.issues).toEqual([]);
  });
});
