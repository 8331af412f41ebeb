/**
 * Test helpers for code that uses the SDK.
 *
 * @packageDocumentation
 */
export { createMockFetch, type MockAnswer, type MockCall, type MockFetch, type MockHandler, type MockRequest } from './mock-fetch';
