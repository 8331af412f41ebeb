// Names the guides' code samples use without defining them: the client made in the README's
// "First steps", values a sample is "given", and the reader's own application functions. SDK
// names are never declared here: a sample imports what it uses from the package, as a reader's
// code must. scripts/samples/run-preload.ts defines the same names for samples marked `run`.
import type { Server, User, VirtFusion } from 'virtfusion-sdk';
import type { WebhookHandlerMap, WebhookReceiver } from 'virtfusion-sdk/webhooks';
import type { Express, Response as ExpressResponse } from 'express';
import type { ComputeProvider } from 'virtfusion-sdk/provider';

declare global {
  /** The client of the README's "First steps". */
  const vf: VirtFusion;
  /** The panel's address and API token. */
  const url: string;
  const token: string;
  /** A server and a user the sample works on. */
  const server: Server;
  const user: User;
  /** A webhook receiver, its handlers, and a delivery. */
  const receiver: WebhookReceiver;
  const handlers: WebhookHandlerMap;
  const request: Request;
  const handleWebhook: (request: Request) => Promise<Response>;
  /** An Express app and the response of the route a sample runs in. */
  const app: Express;
  const res: ExpressResponse;
  /** The reader's own application code. */
  // A webhook's server id is `number | undefined` (the panel's objects are typed loosely).
  function markBuilt(serverId: number | undefined): Promise<void>;
  function suspendLocally(serverId: number | undefined): Promise<void>;
  function forget(serverId: number | undefined): Promise<void>;
  function assignIp(serverId: number | undefined, ip: unknown): void;
  function syncUser(before: unknown, after: unknown): void;
  function alertOps(type: unknown, hypervisor: unknown): void;
  const db: { server: { update(query: { where: { virtfusionId: number | undefined }; data: Record<string, unknown> }): Promise<unknown> } };
  const servers: { upsert(server: unknown): Promise<void> };
  const crm: { update(before: unknown, after?: unknown): Promise<void> };
  const metrics: { histogram(name: string, value: number, labels?: Record<string, string | number>): void };
  /** One of your customers, and an SSH key of the panel. */
  const customer: { id: number; name: string; email: string };
  const key: { id: number };
  const log: { info(...args: unknown[]): void; warn(...args: unknown[]): void };
  /** A provider (docs/provider.md), and the reader's own implementation of one. */
  const provider: ComputeProvider;
  function createMyProvider(): ComputeProvider;
  /** Where a relay forwards deliveries. */
  const target: string;
  /** Bun and Deno, for the samples that show them. */
  const Bun: { serve(options: { fetch: (request: Request) => Response | Promise<Response> }): unknown };
  const Deno: { serve(handler: (request: Request) => Response | Promise<Response>): unknown };
}
