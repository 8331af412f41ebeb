import type { components } from '../generated/openapi';
import type { Invoker, ResourceCallOptions } from './invoker';
import type { Firewall, FirewallRule } from './models';
import { unwrap, unwrapOptional } from './unwrap';

type Schemas = components['schemas'];

/**
 * A server interface: `'primary'`, `'secondary'` or, on panel 7.1 and later, the interface's
 * ten-digit tag (the `tag` of `vf.servers.interfaces.list()`). Anything else is refused with an
 * `InputValidationError` before a request is sent.
 */
export type InterfaceRef = 'primary' | 'secondary' | (string & {});
/** @deprecated Use {@link InterfaceRef}, which also takes an interface's ten-digit tag. */
export type InterfaceName = InterfaceRef;
/** A firewall rule to add (panel 7.1): `protocol`, `direction`, `action`, `ipType` and optional matches. */
export type FirewallRuleInput = Omit<Schemas['FirewallRuleRequest'], 'apply'>;
/** Push the interface's rules to the running server as part of the change (panel 7.1). */
export interface ApplyOption {
  apply?: boolean;
}
/** What adding a rule resolves with: the rule, and whether it is new (false: an identical rule was there). */
export interface AddedFirewallRule {
  rule: FirewallRule;
  created: boolean;
}

/** Options of the calls that take `sync`: apply the change on the hypervisor at once. */
export interface SyncOption extends ResourceCallOptions {
  sync?: boolean;
}

/**
 * The per-interface firewall of a server.
 *
 * @example
 * ```ts
 * const { rule } = await vf.servers.firewall.addRule(42, 'primary', { protocol: 'tcp', direction: 'in', action: 'allow', ipType: 4, destinationPort: '22' });
 * await vf.servers.firewall.enable(42, 'primary');
 * await vf.servers.firewall.apply(42, 'primary');
 * ```
 */
export class ServerFirewall {
  readonly #invoker: Invoker;
  constructor(invoker: Invoker) {
    this.#invoker = invoker;
  }

  /** Whether the firewall is on, and its rules. */
  async get(serverId: number, iface: InterfaceRef, options: SyncOption = {}): Promise<Firewall> {
    const { sync, ...call } = options;
    return unwrap(
      await this.#invoker.call('GET /servers/{serverId}/firewall/{interface}', { ...call, path: { serverId, interface: iface }, query: { sync } }),
      'GET /servers/{serverId}/firewall/{interface}',
    );
  }

  async enable(serverId: number, iface: InterfaceRef, options: SyncOption = {}): Promise<void> {
    const { sync, ...call } = options;
    await this.#invoker.call('POST /servers/{serverId}/firewall/{interface}/enable', { ...call, path: { serverId, interface: iface }, query: { sync } });
  }

  async disable(serverId: number, iface: InterfaceRef, options: SyncOption = {}): Promise<void> {
    const { sync, ...call } = options;
    await this.#invoker.call('POST /servers/{serverId}/firewall/{interface}/disable', { ...call, path: { serverId, interface: iface }, query: { sync } });
  }

  /** The interface's own rules, highest priority first. @since 7.1.0 */
  async rules(serverId: number, iface: InterfaceRef, options: ResourceCallOptions = {}): Promise<FirewallRule[]> {
    return unwrap(
      await this.#invoker.call('GET /servers/{serverId}/firewall/{interface}/rules', { ...options, path: { serverId, interface: iface } }),
      'GET /servers/{serverId}/firewall/{interface}/rules',
    );
  }

  /**
   * Adds one rule. An identical rule already on the interface is not added twice: it comes back
   * with `created: false`. @since 7.1.0
   */
  async addRule(serverId: number, iface: InterfaceRef, rule: FirewallRuleInput, options: ResourceCallOptions & ApplyOption = {}): Promise<AddedFirewallRule> {
    const { apply, ...call } = options;
    const body = await this.#invoker.call('POST /servers/{serverId}/firewall/{interface}/rules', {
      ...call,
      path: { serverId, interface: iface },
      body: apply === undefined ? rule : { ...rule, apply },
    });
    const answer = body as { data?: FirewallRule; created?: boolean } | undefined;
    return { rule: unwrap(answer, 'POST /servers/{serverId}/firewall/{interface}/rules') as FirewallRule, created: answer?.created !== false };
  }

  /**
   * Replaces the interface's rules with those of `body.rulesets`.
   * @deprecated The panel 7.0 form of `POST …/rules`. On panel 7.1 add rules with {@link addRule}
   * and copy a ruleset with {@link attachRuleset}; this form still works there.
   */
  async applyRulesets(serverId: number, iface: InterfaceRef, body: Schemas['ApplyFirewallRulesetsRequest'], options: SyncOption = {}): Promise<void> {
    const { sync, ...call } = options;
    await this.#invoker.call('POST /servers/{serverId}/firewall/{interface}/rules', { ...call, path: { serverId, interface: iface }, query: { sync }, body });
  }

  /** Switches one rule on or off. @since 7.1.0 */
  async setRuleEnabled(serverId: number, iface: InterfaceRef, ruleId: number, enabled: boolean, options: ResourceCallOptions & ApplyOption = {}): Promise<FirewallRule> {
    const { apply, ...call } = options;
    return unwrap(
      await this.#invoker.call('PUT /servers/{serverId}/firewall/{interface}/rules/{ruleId}', {
        ...call,
        path: { serverId, interface: iface, ruleId },
        body: apply === undefined ? { enabled } : { enabled, apply },
      }),
      'PUT /servers/{serverId}/firewall/{interface}/rules/{ruleId}',
    );
  }

  /** Removes one rule; with `apply` the push's outcome comes back (the removal stands either way). @since 7.1.0 */
  async deleteRule(serverId: number, iface: InterfaceRef, ruleId: number, options: ResourceCallOptions & ApplyOption = {}): Promise<unknown> {
    const { apply, ...call } = options;
    const body = await this.#invoker.call('DELETE /servers/{serverId}/firewall/{interface}/rules/{ruleId}', {
      ...call,
      path: { serverId, interface: iface, ruleId },
      ...(apply === undefined ? {} : { body: { apply } }),
    });
    return unwrapOptional(body);
  }

  /** Copies a ruleset's rules onto the interface, keeping those already there; does not turn the firewall on. @since 7.1.0 */
  async attachRuleset(serverId: number, iface: InterfaceRef, rulesetId: number, options: ResourceCallOptions & ApplyOption = {}): Promise<unknown> {
    const { apply, ...call } = options;
    const body = await this.#invoker.call('POST /servers/{serverId}/firewall/{interface}/rulesets', {
      ...call,
      path: { serverId, interface: iface },
      body: apply === undefined ? { rulesetId } : { rulesetId, apply },
    });
    return unwrapOptional(body);
  }

  /** Pushes the interface's stored rules to the running server now (the panel waits up to 30 s). @since 7.1.0 */
  async apply(serverId: number, iface: InterfaceRef, options: ResourceCallOptions = {}): Promise<unknown> {
    return unwrapOptional(await this.#invoker.call('POST /servers/{serverId}/firewall/{interface}/apply', { ...options, path: { serverId, interface: iface } }));
  }

  /** Packet and byte counters of the interface's rules, as the hypervisor reports them. @since 7.1.0 */
  async counters(serverId: number, iface: InterfaceRef, options: ResourceCallOptions = {}): Promise<Schemas['FirewallCounters']> {
    return unwrap(
      await this.#invoker.call('GET /servers/{serverId}/firewall/{interface}/counters', { ...options, path: { serverId, interface: iface } }),
      'GET /servers/{serverId}/firewall/{interface}/counters',
    );
  }
}
