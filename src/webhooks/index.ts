/**
 * Receive VirtFusion webhooks on any runtime (Node, Bun, Deno, edge workers): verify the Bearer
 * token and freshness, parse typed events, drop duplicates, answer with the right status; and sign
 * or verify relayed deliveries (Standard Webhooks, `X-VF-Signature`). Web platform APIs only.
 *
 * @packageDocumentation
 */
export { DEFAULT_TOLERANCE_SECONDS, type WebhookClock } from './clock';
export { toFetchHandler } from './fetch-handler';
export {
  type WebhookEventHandler,
  type WebhookHandlerMap,
  type WebhookHandlerOptions,
  type WebhookHandlers,
  type WebhookResponseBody,
} from './dispatch';
export {
  isWebhookVerificationError,
  WebhookVerificationError,
  type WebhookVerificationErrorOptions,
  type WebhookVerificationReason,
} from './errors';
export { isWebhookEventName, WEBHOOK_EVENT_NAMES, WEBHOOK_EVENTS, type WebhookEventName } from './event-names';
export type {
  AnyKnownWebhookEvent,
  GenericWebhookEvent,
  KnownWebhookEvent,
  ServerCreateEventData,
  ServerEventData,
  ServerIpv4EventData,
  ServerIpv6EventData,
  ServerMigrationEventData,
  SystemBackupEventData,
  SystemMonitorHypervisorEventData,
  UserCreateEventData,
  UserDeleteEventData,
  UserModifyEventData,
  WebhookDataIssue,
  WebhookEvent,
  WebhookEventDataBase,
  WebhookEventDataMap,
  WebhookEventEnvelope,
  WebhookEventOf,
  WebhookEventStatus,
  WebhookHypervisor,
  WebhookIpv4Assignment,
  WebhookIpv6Assignment,
  WebhookMigrationHypervisors,
  WebhookServer,
  WebhookUser,
  WebhookUserChange,
} from './event-types';
export {
  toExpressHandler,
  toFastifyHandler,
  toHonoHandler,
  toNextRouteHandler,
  type FastifyWebhookRequest,
  type FastifyWebhookReply,
} from './frameworks';
export { DEFAULT_MAX_BODY_BYTES, type RawWebhookBody, type WebhookHeaders, type WebhookInput } from './input';
export { toNodeHandler, type NodeWebhookRequest, type NodeWebhookResponse } from './node-handler';
export { parseWebhookEvent } from './parse-event';
export {
  createWebhookReceiver,
  type WebhookReceipt,
  type WebhookReceiver,
  type WebhookReceiverOptions,
  type WebhookSeenOptions,
} from './receiver';
export { createSignedWebhookReceiver, type SignedWebhookReceiverOptions } from './signed-receiver';
export type { WebhookSecret } from './secrets';
export { createMemorySeenStore, type MemorySeenStoreOptions, type WebhookSeenStore } from './seen-store';
export {
  signWebhook,
  verifySignedWebhook,
  type SignWebhookOptions,
  type StandardWebhookHeaders,
  type VerifiedSignedWebhook,
  type VerifySignedWebhookOptions,
} from './standard-webhooks';
export { createTestDelivery, type TestDeliveryOptions } from './test-delivery';
export {
  signVfSignature,
  VF_SIGNATURE_HEADER,
  verifyVfSignature,
  type VerifiedVfSignature,
  type VerifyVfSignatureOptions,
} from './vf-signature';
export { VIRTFUSION_HEADERS, verifyWebhook, type VerifyWebhookOptions } from './verify';
