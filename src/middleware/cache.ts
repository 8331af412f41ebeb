import { RAW_PATH } from '../core/raw-path';
import { LRUCache } from 'lru-cache';
import { AbortError, ConfigurationError } from '../core/errors';
import type { Middleware, Next, RequestContext } from '../core/middleware';
import { redactUrl } from '../core/redact';
import { answerBodyIfRead, attachAnswerBody, parseAnswerText, type AnswerBody } from '../core/answer-body';
import { deepFreeze } from '../core/parsed-body';
import { readText } from '../core/transport';
import { bufferedResponse } from '../core/buffered-response';
import { DEFAULT_CACHE_TTLS, type ReadRoute } from './cache-ttl';
import { ANSWERED_LOCALLY, CACHE_OUTCOME } from './events';

/** Settings of {@link cache}. */
export interface CacheOptions {
  /**
   * Milliseconds to keep the answer of each read route, merged over {@link DEFAULT_CACHE_TTLS};
   * 0 turns caching off for a route.
   */
  ttl?: Partial<Record<ReadRoute, number>> | undefined;
  /** Milliseconds for read routes that neither `ttl` nor the defaults list. Default 0 (not cached). */
  defaultTtl?: number | undefined;
  /** Most answers kept. Default 500. */
  maxEntries?: number | undefined;
  /** Most memory kept, in bytes (2 per character of headers, 4 of body: as text and parsed). Default 5 000 000. */
  maxBytes?: number | undefined;
}

/** Counters of a {@link CacheMiddleware}. */
export interface CacheStats {
  /** Reads answered from the cache. */
  hits: number;
  /** Reads of a cached route that had to be sent. */
  misses: number;
  /** Reads that joined an identical read already on the wire instead of sending their own. */
  coalesced: number;
  /** Cached answers dropped because a write changed their resource. */
  invalidated: number;
  /** Answers held now. */
  entries: number;
  /** Memory the held answers take, in bytes (estimated). */
  bytes: number;
  maxEntries: number;
  maxBytes: number;
}

/** A cache middleware, with its counters and a way to empty it. */
export interface CacheMiddleware extends Middleware {
  stats(): CacheStats;
  /** Drops every cached answer. */
  clear(): void;
}

/** An answer kept as data, so that each reader gets a Response of its own (a body can be read once). */
interface Snapshot {
  status: number;
  statusText: string;
  headers: [string, string][];
  body: string;
  /** How many attempts the read took, passed on to whoever shares it. */
  attempts: number;
  /** The body parsed and deep-frozen, once the answer is stored: hits hand it out without a parse or a copy. */
  parsed?: AnswerBody | undefined;
}

interface Entry {
  snapshot: Snapshot;
  scope: string;
  expiresAt: number;
  bytes: number;
}

interface Flight {
  promise: Promise<Snapshot>;
  /** Present when the first caller can abort: then the request is aborted once every caller has. */
  controller: AbortController | undefined;
  /** Waiting callers. */
  waiting: number;
  /** The answer itself, for the first caller to resume; the others get copies. */
  original: Response | undefined;
  /** The collection the read belongs to, so that a write to it drops the flight. */
  scope: string;
}

const READS = new Set(['GET', 'HEAD']);

function nonNegative(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || Number.isNaN(value) || value < 0) {
    throw new ConfigurationError({ message: `cache({ ${name} }) must be a number of at least 0 (got ${String(value)}).` });
  }
  return value;
}

/**
 * The collection a request touches, on this panel: the first segment of its route, e.g.
 * `https://panel.example.com/api/v1/servers` for `PUT /servers/{serverId}/modify/name`.
 * A write invalidates every cached read in the same collection.
 */
const templates = new Map<string, string[]>();

function scopeOf(ctx: RequestContext): string {
  // A raw call's path (literal ids included) is not kept: only the document's templates are.
  const rawPath = ctx.state.get(RAW_PATH) as string | undefined;
  let template = rawPath === undefined ? templates.get(ctx.route) : rawPath.split('/').filter(Boolean);
  if (template === undefined) {
    template = ctx.route.slice(ctx.route.indexOf(' ') + 1).split('/').filter(Boolean);
    templates.set(ctx.route, template);
  }
  const path = ctx.url.pathname.split('/');
  const base = path.slice(0, Math.max(1, path.length - template.length)).join('/');
  return `${ctx.url.origin}${base}/${template[0] ?? ''}`;
}

function toResponse(snapshot: Snapshot): Response {
  const response = bufferedResponse(snapshot.body, { status: snapshot.status, statusText: snapshot.statusText, headers: snapshot.headers });
  return snapshot.parsed === undefined ? response : attachAnswerBody(response, snapshot.parsed);
}

/** The answer's JSON, parsed (once: the retry layer may have done it) and frozen for sharing. */
async function parseForSharing(response: Response, text: string): Promise<AnswerBody> {
  const answer = (await answerBodyIfRead(response)) ?? parseAnswerText(text);
  if (answer.kind === 'json') deepFreeze(answer.value);
  return answer;
}

async function snapshotOf(response: Response, attempts: number): Promise<Snapshot> {
  return { status: response.status, statusText: response.statusText, headers: [...response.headers], body: await readText(response), attempts };
}

function isStorable(snapshot: Snapshot): boolean {
  if (snapshot.status !== 200) return false;
  const control = snapshot.headers.find(([name]) => name === 'cache-control')?.[1] ?? '';
  return !/\bno-store\b/i.test(control);
}

/**
 * Keeps answers of read routes in memory for a time set per route, so that catalogue lookups
 * (packages, templates, hypervisor groups, currencies) do not cost a request each. The key holds
 * the method, the URL and a fingerprint of the token, never the token. A successful write
 * invalidates the cached reads of its collection; identical reads in flight at the same time
 * share one request; `cache: false` on a call bypasses it.
 *
 * @example
 * ```ts
 * const answers = cache({ ttl: { 'GET /servers/{serverId}': 10_000 } });
 * const vf = new VirtFusion({ url, token, middleware: [answers, retry(), rateLimit()] });
 * await vf.request('GET /packages');
 * await vf.request('GET /packages'); // from memory
 * console.log(answers.stats()); // { hits: 1, misses: 1, ... }
 * ```
 */
export function cache(options: CacheOptions = {}): CacheMiddleware {
  const ttls = new Map<string, number>(Object.entries({ ...DEFAULT_CACHE_TTLS, ...options.ttl }));
  for (const [route, ttl] of ttls) nonNegative(`ttl['${route}']`, ttl, 0);
  const defaultTtl = nonNegative('defaultTtl', options.defaultTtl, 0);
  const maxEntries = Math.max(1, Math.floor(nonNegative('maxEntries', options.maxEntries, 500)));
  const maxBytes = Math.max(1, Math.floor(nonNegative('maxBytes', options.maxBytes, 5_000_000)));
  // Expiry is checked here rather than by lru-cache, against the clock of the moment.
  const entries = new LRUCache<string, Entry>({ max: maxEntries, maxSize: maxBytes, sizeCalculation: (entry) => entry.bytes });
  const flights = new Map<string, Flight>();
  /** Bumped by each write to a scope, so a read that was in flight during the write is not stored. */
  const generations = new Map<string, number>();
  const counts = { hits: 0, misses: 0, coalesced: 0, invalidated: 0 };

  const invalidate = (scope: string) => {
    generations.set(scope, (generations.get(scope) ?? 0) + 1);
    for (const [key, entry] of entries.entries()) {
      if (entry.scope !== scope) continue;
      entries.delete(key);
      counts.invalidated += 1;
    }
    for (const [key, flight] of flights) if (flight.scope === scope) flights.delete(key);
  };

  const fly = (ctx: RequestContext, next: Next, key: string, scope: string, ttl: number): Flight => {
    // A first caller that cannot abort keeps the request alive whoever else leaves.
    const controller = ctx.signal === undefined ? undefined : new AbortController();
    const generation = generations.get(scope) ?? 0;
    const inner: RequestContext = { ...ctx, signal: controller?.signal };
    const promise = next(inner)
      .then(async (response) => {
        const snapshot = await snapshotOf(response, inner.attempt);
        // The transport's answers are buffered and still readable; any other was read just now.
        flight.original = response.bodyUsed ? undefined : response;
        if (ttl > 0 && isStorable(snapshot)) snapshot.parsed = await parseForSharing(response, snapshot.body);
        return snapshot;
      })
      .then((snapshot) => {
        if (ttl > 0 && isStorable(snapshot) && (generations.get(scope) ?? 0) === generation) {
          if (snapshot.parsed !== undefined && snapshot.parsed.kind !== 'unreadable') {
            if (flight.original !== undefined) attachAnswerBody(flight.original, snapshot.parsed);
            const bytes = 4 * snapshot.body.length + 2 * snapshot.headers.reduce((sum, [name, value]) => sum + name.length + value.length, 0);
            entries.set(key, { snapshot, scope, expiresAt: performance.now() + ttl, bytes });
          }
        }
        return snapshot;
      })
      .finally(() => {
        if (flights.get(key) === flight) flights.delete(key);
      });
    promise.catch(() => undefined); // every caller may have left; nobody else needs to hear of it
    const flight: Flight = { promise, controller, waiting: 0, original: undefined, scope };
    flights.set(key, flight);
    return flight;
  };

  const join = (ctx: RequestContext, key: string, flight: Flight): Promise<Snapshot> => {
    flight.waiting += 1;
    const signal = ctx.signal;
    if (signal === undefined) return flight.promise;
    return new Promise<Snapshot>((resolve, reject) => {
      const leave = () => {
        flight.waiting -= 1;
        if (flight.waiting === 0) {
          if (flights.get(key) === flight) flights.delete(key);
          flight.controller?.abort(signal.reason);
        }
        reject(
          new AbortError({ method: ctx.method, url: redactUrl(ctx.url), route: ctx.route, message: `${ctx.route} was aborted by the caller.`, cause: signal.reason }),
        );
      };
      if (signal.aborted) return leave();
      signal.addEventListener('abort', leave, { once: true });
      flight.promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', leave));
    });
  };

  const middleware: Middleware = async (ctx, next) => {
    if (!READS.has(ctx.method)) {
      const response = await next();
      if (response.status >= 200 && response.status < 300) invalidate(scopeOf(ctx));
      return response;
    }
    if (ctx.options.cache === false) return next();

    // The URL holds the origin and everything that makes the read distinct; the scope is worked out on a miss only.
    const key = `${ctx.method} ${ctx.url.href}\u0000${ctx.credentialId}`;
    const ttl = ttls.get(ctx.route) ?? defaultTtl;
    if (ttl > 0) {
      const entry = entries.get(key);
      if (entry !== undefined && entry.expiresAt > performance.now()) {
        counts.hits += 1;
        ctx.state.set(ANSWERED_LOCALLY, true);
        ctx.state.set(CACHE_OUTCOME, 'hit');
        return toResponse(entry.snapshot);
      }
      if (entry !== undefined) entries.delete(key);
      counts.misses += 1;
    }
    let flight = flights.get(key);
    if (flight === undefined) {
      if (ttl > 0) ctx.state.set(CACHE_OUTCOME, 'miss');
      flight = fly(ctx, next, key, scopeOf(ctx), ttl);
    } else {
      counts.coalesced += 1;
      ctx.state.set(CACHE_OUTCOME, 'coalesced');
    }
    const snapshot = await join(ctx, key, flight);
    ctx.attempt = snapshot.attempts;
    const original = flight.original;
    flight.original = undefined;
    return original ?? toResponse(snapshot);
  };

  return Object.assign(middleware, {
    stats: (): CacheStats => ({ ...counts, entries: entries.size, bytes: entries.calculatedSize, maxEntries, maxBytes }),
    clear: () => {
      for (const scope of new Set([...entries.values()].map((entry) => entry.scope))) generations.set(scope, (generations.get(scope) ?? 0) + 1);
      entries.clear();
    },
  });
}
