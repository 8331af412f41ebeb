import type { Invoker, ResourceCallOptions } from './invoker';
import type { FirewallRuleset } from './models';
import { PagePromise, toPage, type LaravelPage } from './page';
import { unwrap } from './unwrap';

/**
 * The panel's firewall rulesets (panel 7.1 and later; their shape was not captured).
 *
 * @example
 * ```ts
 * for await (const ruleset of vf.firewallRulesets.list()) console.log(ruleset);
 * ```
 */
export class FirewallRulesets {
  readonly #invoker: Invoker;
  constructor(invoker: Invoker) {
    this.#invoker = invoker;
  }

  /** @since 7.1.0 */
  list(options: ResourceCallOptions & { results?: number } = {}): PagePromise<unknown> {
    const { results, ...call } = options;
    return new PagePromise(
      async (page, perPage, signal) =>
        toPage((await this.#invoker.call('GET /firewall/rulesets', { ...call, signal, query: { results: perPage, page } })) as LaravelPage<unknown>),
      { perPage: results, signal: call.signal },
    );
  }

  /** One ruleset with its rules. @since 7.1.0 */
  async get(rulesetId: number, options: ResourceCallOptions = {}): Promise<FirewallRuleset> {
    return unwrap(await this.#invoker.call('GET /firewall/rulesets/{rulesetId}', { ...options, path: { rulesetId } }), 'GET /firewall/rulesets/{rulesetId}');
  }
}
