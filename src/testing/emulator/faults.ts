import type { Route } from '../../generated/operations';
import { createRandom, type Random } from './random';

/**
 * What can go wrong on the way to the panel:
 * - `latency`: the answer comes `ms` later (default 200); combines with one other fault.
 * - `500`, `503`: Laravel's error answers (`{message}`), before the panel does anything.
 * - `html-502`: a proxy's HTML "502 Bad Gateway" page, before the panel does anything.
 * - `reset`: the connection is destroyed without an answer, before the panel does anything.
 * - `truncated-json`: the panel does the work, then the JSON body is cut short.
 * - `malformed-json`: the panel does the work, then a PHP warning is printed before the JSON.
 * - `slow-body`: the panel does the work and sends the headers and half the body, then stalls
 *   for `ms` (default 30 000) before the rest.
 */
export type FaultKind = 'latency' | '500' | '503' | 'html-502' | 'reset' | 'truncated-json' | 'malformed-json' | 'slow-body';

/** Every fault kind, in a stable order. */
export const FAULT_KINDS: readonly FaultKind[] = ['latency', '500', '503', 'html-502', 'reset', 'truncated-json', 'malformed-json', 'slow-body'];

/**
 * One fault-injection rule. A request is matched against `method` and `route`; a matching rule
 * fires with `probability`, drawn from the emulator's seeded generator, so a run repeats exactly.
 *
 * @example
 * ```ts
 * const rules: FaultRule[] = [
 *   { kind: '503', probability: 0.3, route: 'GET /servers/{serverId}' },
 *   { kind: 'reset', times: 1, route: '/servers/*' },
 *   { kind: 'latency', ms: 250 },
 * ];
 * ```
 */
export interface FaultRule {
  kind: FaultKind;
  /** Chance that a matching request is hit, from 0 to 1. Default 1. */
  probability?: number;
  /** Only these methods (`'GET'` or `['POST', 'PUT']`). Default: any. */
  method?: string | readonly string[];
  /**
   * Which requests: a route template (`'GET /servers/{serverId}'`), a template path
   * (`'/servers/{serverId}'`), or a glob on the path below `/api/v1` where `*` is one segment,
   * `**` any number and `{name}` one segment (`'/servers/*'`, `'POST /servers/{id}/power/**'`).
   * Default: every request.
   */
  route?: string;
  /** Fire at most this many times, then stay quiet. Default: no limit. */
  times?: number;
  /** Milliseconds of `latency`, or of the stall of `slow-body`. */
  ms?: number;
  /** With `503`: a `Retry-After` header in seconds, as a panel in maintenance mode may send. */
  retryAfter?: number;
}

/** The faults chosen for one request. */
export interface FaultDecision {
  latencyMs: number;
  /** At most one fault that changes the answer. */
  fault?: { kind: Exclude<FaultKind, 'latency'>; rule: FaultRule };
}

interface LiveRule {
  rule: FaultRule;
  fired: number;
  matches: (method: string, path: string, route: Route | undefined) => boolean;
}

const METHOD_PREFIX = /^(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\s+(.+)$/i;

function globToRegExp(glob: string): RegExp {
  const source = glob
    .split(/(\*\*|\*)/)
    .map((part) => (part === '**' ? '.*' : part === '*' ? '[^/]*' : part.replace(/[.+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]*\}/g, '[^/]+')))
    .join('');
  return new RegExp(`^${source}/?$`);
}

function compileRule(rule: FaultRule): LiveRule {
  if (!FAULT_KINDS.includes(rule.kind)) throw new TypeError(`Unknown fault kind ${JSON.stringify(rule.kind)}; use one of ${FAULT_KINDS.join(', ')}`);
  const probability = rule.probability ?? 1;
  if (!(probability >= 0 && probability <= 1)) throw new RangeError('FaultRule.probability must be between 0 and 1');
  if (rule.times !== undefined && !(Number.isInteger(rule.times) && rule.times >= 0)) throw new RangeError('FaultRule.times must be a whole number');
  if (rule.ms !== undefined && !(Number.isFinite(rule.ms) && rule.ms >= 0)) throw new RangeError('FaultRule.ms must be a number of milliseconds, at least 0');
  if (rule.retryAfter !== undefined && !(Number.isInteger(rule.retryAfter) && rule.retryAfter >= 0)) throw new RangeError('FaultRule.retryAfter must be a whole number of seconds');
  const methods = rule.method === undefined ? undefined : (typeof rule.method === 'string' ? [rule.method] : rule.method).map((m) => m.toUpperCase());
  let routeMethod: string | undefined;
  let pattern = rule.route?.trim();
  const prefixed = pattern === undefined ? null : METHOD_PREFIX.exec(pattern);
  if (prefixed) {
    routeMethod = prefixed[1]!.toUpperCase();
    pattern = prefixed[2]!;
  }
  const template = pattern !== undefined && pattern.includes('{') && !pattern.includes('*');
  const glob = pattern !== undefined && !template ? globToRegExp(pattern) : undefined;
  return {
    rule,
    fired: 0,
    matches(method, path, route) {
      if (methods && !methods.includes(method)) return false;
      if (routeMethod && routeMethod !== method) return false;
      if (pattern === undefined) return true;
      if (template) return route !== undefined && route.slice(route.indexOf(' ') + 1) === pattern;
      return glob!.test(path);
    },
  };
}

/**
 * Decides, request by request, which faults apply. Every matching rule with a probability below 1
 * draws one number from the generator, so the same rules, seed and requests give the same faults.
 */
export class FaultInjector {
  #rules: LiveRule[] = [];
  #random: Random;
  #seed: number | string;

  constructor(rules: readonly FaultRule[], seed: number | string) {
    this.#seed = seed;
    this.#random = createRandom(`${seed}/faults`);
    this.set(rules);
  }

  set(rules: readonly FaultRule[], seed?: number | string): void {
    const compiled = rules.map(compileRule);
    this.#rules = compiled;
    if (seed !== undefined) this.#seed = seed;
    this.#random = createRandom(`${this.#seed}/faults`);
  }

  add(rule: FaultRule): void {
    this.#rules.push(compileRule(rule));
  }

  clear(): void {
    this.#rules = [];
  }

  /** Removes the rule at `index` (from 0); false when there is none. */
  remove(index: number): boolean {
    if (!Number.isInteger(index) || index < 0 || index >= this.#rules.length) return false;
    this.#rules.splice(index, 1);
    return true;
  }

  list(): FaultRule[] {
    return this.#rules.map((live) => ({ ...live.rule }));
  }

  /** Every rule with how often it fired since it was added (or since the last rewind). */
  active(): { rule: FaultRule; fired: number }[] {
    return this.#rules.map((live) => ({ rule: { ...live.rule }, fired: live.fired }));
  }

  /** Starts the sequence again: counters to zero, generator to its seed. */
  rewind(): void {
    for (const live of this.#rules) live.fired = 0;
    this.#random = createRandom(`${this.#seed}/faults`);
  }

  /** `path` is below `/api/v1`; `route` is the matched template, if any. */
  decide(method: string, path: string, route: Route | undefined): FaultDecision {
    const decision: FaultDecision = { latencyMs: 0 };
    for (const live of this.#rules) {
      const { rule } = live;
      if (rule.kind !== 'latency' && decision.fault) continue;
      if (rule.times !== undefined && live.fired >= rule.times) continue;
      if (!live.matches(method, path, route)) continue;
      const probability = rule.probability ?? 1;
      if (probability < 1 && this.#random.next() >= probability) continue;
      live.fired += 1;
      if (rule.kind === 'latency') decision.latencyMs += rule.ms ?? 200;
      else decision.fault = { kind: rule.kind, rule };
    }
    return decision;
  }
}
