import type { EmulatorStore } from './store';
import type { FirewallRuleRecord, InterfaceFirewallRuleRecord } from './records';

/** A rule as panel 7.1 stores it on an interface, without its id. */
export type FirewallRuleFields = Omit<InterfaceFirewallRuleRecord, 'id'>;

/** A ruleset's rule in the interface form panel 7.1 keeps (`accept`/`drop` become `allow`/`deny`). */
export function fromRulesetRule(rule: FirewallRuleRecord, rulesetId: number, priority: number): FirewallRuleFields {
  return {
    protocol: rule.protocol === 'any' ? 'all' : rule.protocol,
    direction: rule.direction,
    action: rule.action === 'accept' ? 'allow' : 'deny',
    ipType: 4,
    sourceAddress: rule.source,
    destinationAddress: null,
    sourcePort: null,
    destinationPort: rule.port,
    priority,
    enabled: true,
    rulesetId,
  };
}

/** Whether two rules match the same traffic the same way (the panel does not add a rule twice). */
export function sameRule(a: FirewallRuleFields, b: FirewallRuleFields): boolean {
  const keys = ['protocol', 'direction', 'action', 'ipType', 'sourceAddress', 'destinationAddress', 'sourcePort', 'destinationPort', 'priority'] as const;
  return keys.every((key) => a[key] === b[key]);
}

/** Copies of a ruleset's rules with fresh ids, or undefined when the ruleset is unknown or disabled. */
export function copyRuleset(store: EmulatorStore, rulesetId: number): InterfaceFirewallRuleRecord[] | undefined {
  const ruleset = store.firewallRulesets.get(rulesetId);
  if (ruleset?.enabled !== true) return undefined;
  return ruleset.rules.map((rule, index) => ({ id: store.nextId('firewallRule'), ...fromRulesetRule(rule, rulesetId, 1000 - index) }));
}

/** Highest priority first, then oldest first. */
export function byPriority(rules: readonly InterfaceFirewallRuleRecord[]): InterfaceFirewallRuleRecord[] {
  return [...rules].sort((a, b) => b.priority - a.priority || a.id - b.id);
}
