/**
 * Test helpers for code that uses the SDK: a stateful VirtFusion emulator (a real HTTP server on
 * loopback that answers every operation of the API) and a route-keyed mock `fetch` for unit tests.
 *
 * @packageDocumentation
 */
export { createMockFetch, type MockAnswer, type MockCall, type MockFetch, type MockHandler, type MockRequest } from './mock-fetch';
export {
  createManualClock,
  FAULT_KINDS,
  MANUAL_CLOCK_START,
  startEmulator,
  systemClock,
  WEBHOOK_USER_AGENT,
  type Clock,
  type Emulator,
  type EmulatorCounts,
  type EmulatorOptions,
  type EmulatorRecord,
  type EmulatorScope,
  type EmulatorSeed,
  type EmulatorStateView,
  type EmulatorToken,
  type FaultControls,
  type FaultKind,
  type FaultRule,
  type JournalEntry,
  type JournalOptions,
  type JournalStats,
  type ManualClock,
  type RateLimitOptions,
  type ResolvedSeed,
  type WebhookAttempt,
  type WebhookDelivery,
  type WebhookReceiverConfig,
} from './emulator';
