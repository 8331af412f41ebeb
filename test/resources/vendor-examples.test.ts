import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { RESPONSE_CHECKS } from '../../src/generated/checks';
import { answerIssues } from '../../src/resources/validate';
import type { Route } from '../../src/index';
import { successExamples, vendorExportPath, type VendorExample } from '../helpers/vendor-examples';

const OUR_DOCUMENT = fileURLToPath(new URL('../../openapi/virtfusion.yaml', import.meta.url));
const vendorFile = vendorExportPath();
if (vendorFile === undefined) console.log('skipped: vendor examples (no ../shared/reference beside this clone; our own document\'s examples are still checked)');

const nonEmpty = (examples: VendorExample[]) => examples.filter(({ example }) => typeof example !== 'string' || example.trim() !== '');

function parsesStrictly({ route, status, example }: VendorExample): void {
  expect(RESPONSE_CHECKS[route as Route]?.[status], `no response check for ${route} ${status}`).toBeDefined();
  const body = typeof example === 'string' ? JSON.parse(example) : example;
  expect(answerIssues(route as Route, status, body)).toEqual([]);
}

describe('every success example of our own OpenAPI document parses under strict response validation', () => {
  const ours = nonEmpty(successExamples(OUR_DOCUMENT));

  it('every JSON success response of the document carries an example', () => {
    expect(ours.length).toBeGreaterThanOrEqual(53);
  });

  it.each(ours.map((e) => [`${e.route} ${e.status}`, e] as const))('%s', (_name, example) => parsesStrictly(example));
});

describe.skipIf(vendorFile === undefined)('every success example of the vendor export parses under strict response validation', () => {
  const vendor = vendorFile === undefined ? [] : nonEmpty(successExamples(vendorFile));

  it('finds the examples', () => {
    expect(vendor.length).toBeGreaterThanOrEqual(45);
  });

  it.each(vendor.map((e) => [`${e.route} ${e.status}`, e] as const))('%s', (_name, example) => parsesStrictly(example));
});
