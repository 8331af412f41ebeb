import { describe, expect, it } from 'vitest';
import { RESPONSE_CHECKS } from '../../src/generated/checks';
import { answerIssues } from '../../src/resources/validate';
import type { Route } from '../../src/index';
import { vendorSuccessExamples } from '../helpers/vendor-examples';

const examples = vendorSuccessExamples().filter(({ example }) => typeof example !== 'string' || example.trim() !== '');

describe('every success example of the vendor export parses under strict response validation', () => {
  it('finds the examples', () => {
    expect(examples.length).toBeGreaterThanOrEqual(45);
  });

  it.each(examples.map((e) => [`${e.route} ${e.status}`, e] as const))('%s', (_name, { route, status, example }) => {
    expect(RESPONSE_CHECKS[route as Route]?.[status], `no response check for ${route} ${status}`).toBeDefined();
    const body = typeof example === 'string' ? JSON.parse(example) : example;
    expect(answerIssues(route as Route, status, body)).toEqual([]);
  });
});
