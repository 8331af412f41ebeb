import type { Clock } from './clock';
import { MASK } from './inspector/mask';
import { isoMicros } from './time';

/**
 * A webhook receiver the emulated panel sends deliveries to.
 *
 * @example
 * ```ts
 * const receiver: WebhookReceiverConfig = { url: 'http://127.0.0.1:8080/hooks', token: 'hook-secret', events: ['server.build'] };
 * ```
 */
export interface WebhookReceiverConfig {
  /** Where deliveries are POSTed (http or https). */
  url: string;
  /** Sent as `Authorization: Bearer base64(token)`, as the panel does; no header without it. */
  token?: string;
  /** Event names to deliver (`'server.build'`...); default, or `'catch.all'` in the list: every event. */
  events?: readonly string[];
  /** Attempts per delivery, the first included. Default 4. */
  maxAttempts?: number;
  /** Wait before the first retry in real milliseconds, doubled after each failure. Default 1000. */
  backoffMs?: number;
  /** Give up on an attempt after this many real milliseconds. Default 5000. */
  timeoutMs?: number;
}

/** One attempt to deliver an event. */
export interface WebhookAttempt {
  /** Wall-clock time of the attempt (ms since the epoch). */
  at: number;
  /** The receiver's status, when it answered. */
  status?: number;
  /** Why the attempt failed without a status (refused, timed out...). */
  error?: string;
}

/**
 * One event delivered (or being delivered) to one receiver.
 *
 * @example
 * ```ts
 * await emu.webhooksSettled();
 * const [first] = emu.deliveries(); // { event: 'server.create', state: 'delivered', attempts: [{ status: 204, ... }], ... }
 * ```
 */
export interface WebhookDelivery {
  /** The delivery id: `hookEventId` in the body, `X-VirtFusion-Hook-Event` in the headers. */
  id: number;
  /** The receiver's webhook id (its position in the options, from 1). */
  hookId: number;
  url: string;
  event: string;
  state: 'pending' | 'delivered' | 'failed';
  attempts: WebhookAttempt[];
  /** The JSON body sent. */
  body: Record<string, unknown>;
  /** The headers sent (lower-case names); the Bearer token of `authorization` is masked. */
  headers: Record<string, string>;
}

/** The `User-Agent` of the emulator's deliveries, in the panel's `VirtFusion-Hookshot/<build>` form. */
export const WEBHOOK_USER_AGENT = 'VirtFusion-Hookshot/7.1.0';

interface Receiver extends Required<Omit<WebhookReceiverConfig, 'token' | 'events'>> {
  token: string | undefined;
  events: ReadonlySet<string> | undefined;
  hookId: number;
}

function base64(text: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary);
}

function positive(value: number | undefined, fallback: number, label: string): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value < 0) throw new RangeError(`webhooks: ${label} must be a number of at least 0`);
  return value;
}

/**
 * Sends VirtFusion-format deliveries to the configured receivers and retries failures with
 * exponential backoff. Times in the payload come from the emulator's clock; waiting between
 * attempts uses real timers, because the receivers are real servers.
 */
export class WebhookDispatcher {
  readonly #receivers: Receiver[];
  readonly #clock: Clock;
  readonly #controlDomain: () => string;
  #deliveries: WebhookDelivery[] = [];
  #nextId = 0;
  readonly #pending = new Set<Promise<void>>();
  readonly #waits = new Map<ReturnType<typeof setTimeout>, () => void>();
  readonly #controllers = new Set<AbortController>();
  #stopped = false;

  constructor(receivers: readonly WebhookReceiverConfig[], clock: Clock, controlDomain: () => string) {
    this.#receivers = receivers.map((config, index) => {
      let url: URL;
      try {
        url = new URL(config.url);
      } catch {
        throw new TypeError(`webhooks[${index}].url is not a URL: ${JSON.stringify(config.url)}`);
      }
      if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new TypeError(`webhooks[${index}].url must be http:// or https://`);
      return {
        url: url.href,
        token: config.token,
        events: config.events === undefined || config.events.includes('catch.all') ? undefined : new Set(config.events),
        maxAttempts: Math.max(1, Math.floor(positive(config.maxAttempts, 4, 'maxAttempts'))),
        backoffMs: positive(config.backoffMs, 1000, 'backoffMs'),
        timeoutMs: positive(config.timeoutMs, 5000, 'timeoutMs'),
        hookId: index + 1,
      };
    });
    this.#clock = clock;
    this.#controlDomain = controlDomain;
  }

  /** Queues an event for every receiver that wants it. */
  emit(event: string, data: Record<string, unknown>): void {
    if (this.#stopped) return;
    for (const receiver of this.#receivers) {
      if (receiver.events && !receiver.events.has(event)) continue;
      this.#nextId += 1;
      const created = isoMicros(this.#clock.now());
      const domain = this.#controlDomain();
      const body = {
        event,
        created,
        hookId: receiver.hookId,
        hookEventId: this.#nextId,
        eventStatus: 'success',
        controlDomain: domain,
        controlName: 'VirtFusion Emulator',
        controlSupportLink: `http://${domain}/support`,
        data: { errors: [], ...structuredClone(data) },
      };
      const headers = deliveryHeaders(receiver, this.#nextId, event, created);
      const delivery: WebhookDelivery = {
        id: this.#nextId,
        hookId: receiver.hookId,
        url: receiver.url,
        event,
        state: 'pending',
        attempts: [],
        body,
        headers: headers.authorization === undefined ? { ...headers } : { ...headers, authorization: `Bearer ${MASK}` },
      };
      this.#deliveries.push(delivery);
      const run = this.#deliver(receiver, delivery, headers).finally(() => this.#pending.delete(run));
      this.#pending.add(run);
    }
  }

  async #deliver(receiver: Receiver, delivery: WebhookDelivery, headers: Record<string, string>): Promise<void> {
    const text = JSON.stringify(delivery.body);
    for (let attempt = 1; attempt <= receiver.maxAttempts && !this.#stopped; attempt += 1) {
      const record: WebhookAttempt = { at: Date.now() };
      delivery.attempts.push(record);
      const controller = new AbortController();
      this.#controllers.add(controller);
      const timer = setTimeout(() => controller.abort(), receiver.timeoutMs);
      try {
        const response = await fetch(receiver.url, { method: 'POST', headers, body: text, signal: controller.signal, redirect: 'manual' });
        await response.arrayBuffer().catch(() => undefined);
        record.status = response.status;
        if (response.ok) {
          delivery.state = 'delivered';
          return;
        }
      } catch (error) {
        record.error = controller.signal.aborted ? 'timed out' : describe(error);
      } finally {
        clearTimeout(timer);
        this.#controllers.delete(controller);
      }
      if (attempt < receiver.maxAttempts) await this.#sleep(receiver.backoffMs * 2 ** (attempt - 1));
    }
    delivery.state = 'failed';
  }

  #sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      if (this.#stopped) return resolve();
      const timer = setTimeout(() => {
        this.#waits.delete(timer);
        resolve();
      }, ms);
      this.#waits.set(timer, resolve);
    });
  }

  deliveries(): WebhookDelivery[] {
    return this.#deliveries.map((delivery) => structuredClone(delivery));
  }

  /** The live records, oldest first, for readers that copy what they keep. */
  records(): readonly WebhookDelivery[] {
    return this.#deliveries;
  }

  /** Resolves once no delivery is pending (retries included). */
  async settled(): Promise<void> {
    while (this.#pending.size > 0) await Promise.allSettled([...this.#pending]);
  }

  clear(): void {
    this.#deliveries = [];
  }

  /** Cancels waits and attempts in flight; pending deliveries end as failed. */
  async stop(): Promise<void> {
    this.#stopped = true;
    for (const [timer, resolve] of this.#waits) {
      clearTimeout(timer);
      resolve();
    }
    this.#waits.clear();
    for (const controller of this.#controllers) controller.abort();
    await Promise.allSettled([...this.#pending]);
  }
}

/** The headers of a delivery, the same on every attempt. */
function deliveryHeaders(receiver: Receiver, id: number, event: string, created: string): Record<string, string> {
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    accept: 'application/json',
    'user-agent': WEBHOOK_USER_AGENT,
    'x-virtfusion-hook': String(receiver.hookId),
    'x-virtfusion-created': created,
    'x-virtfusion-hook-event': String(id),
    'x-virtfusion-event': event,
    'x-virtfusion-event-status': 'success',
  };
  if (receiver.token !== undefined) headers.authorization = `Bearer ${base64(receiver.token)}`;
  return headers;
}

/** The tokens of the receivers, raw and as sent (base64), for masking. */
export function receiverSecrets(receivers: readonly WebhookReceiverConfig[]): string[] {
  return receivers.flatMap((receiver) => (receiver.token === undefined ? [] : [receiver.token, base64(receiver.token)]));
}

function describe(error: unknown): string {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current !== null && typeof current === 'object'; depth += 1) {
    const { code, cause } = current as { code?: unknown; cause?: unknown };
    if (typeof code === 'string') return code;
    current = cause;
  }
  return error instanceof Error ? error.message : String(error);
}
