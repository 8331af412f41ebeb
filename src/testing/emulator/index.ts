export { startEmulator, type Emulator, type EmulatorOptions, type FaultControls } from './emulator';
export { createManualClock, MANUAL_CLOCK_START, systemClock, type Clock, type ManualClock } from './clock';
export type { EmulatorScope, EmulatorToken } from './auth';
export { FAULT_KINDS, type FaultKind, type FaultRule } from './faults';
export type { JournalEntry, JournalOptions, JournalStats } from './journal';
export type { RateLimitOptions } from './rate-limit';
export type { EmulatorSeed, ResolvedSeed } from './seed';
export type { EmulatorCounts, EmulatorRecord, EmulatorStateView } from './state-view';
export { WEBHOOK_USER_AGENT, type WebhookAttempt, type WebhookDelivery, type WebhookReceiverConfig } from './webhooks';
