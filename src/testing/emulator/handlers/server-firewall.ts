import type { Route } from '../../../generated/operations';
import { created, invalid, noContent, notFound, ok } from '../answers';
import { createRandom } from '../random';
import { byPriority, copyRuleset, sameRule, type FirewallRuleFields } from '../state/firewall';
import type { InterfaceFirewallRuleRecord, InterfaceRecord, ServerRecord } from '../state/records';
import { BodyReader } from './body';
import { idParam, requireIdleServer, requireInterface, requireServer, type Handler, type HandlerContext } from './context';

const RULESET_REFUSED = 'Invalid or disabled firewall ruleset';
const PORT = /^\d{1,5}(:\d{1,5})?$/;
const CIDR = /^[0-9a-f.:]+(\/\d{1,3})?$/i;

function presentRule(rule: InterfaceFirewallRuleRecord) {
  return { ...rule };
}

function requireRule(ctx: HandlerContext, nic: InterfaceRecord): InterfaceFirewallRuleRecord {
  const rule = nic.firewallRules.find((r) => r.id === idParam(ctx, 'ruleId'));
  if (rule === undefined) throw notFound('firewall rule not found');
  return rule;
}

/** What a push to the hypervisor answers; a server that is not running has nothing to push to. */
function push(server: ServerRecord, nic: InterfaceRecord) {
  if (server.power !== 'running') throw invalid('The server is not running; the rules are stored and will apply when it starts.');
  return { applied: true, rules: nic.firewallRules.filter((r) => r.enabled).length };
}

function readRule(body: unknown): { fields: FirewallRuleFields; apply: boolean } {
  const reader = new BodyReader(body);
  const protocol = reader.string('protocol', { required: true, oneOf: ['tcp', 'udp', 'icmp', 'all'] });
  const direction = reader.string('direction', { required: true, oneOf: ['in', 'out'] }) as 'in' | 'out' | undefined;
  const action = reader.string('action', { required: true, oneOf: ['allow', 'deny'] }) as 'allow' | 'deny' | undefined;
  const ipType = reader.integer('ipType', { required: true, min: 4, max: 6 });
  const sourceAddress = reader.string('sourceAddress', { pattern: CIDR, message: 'The source address field must be an address or a network.' });
  const destinationAddress = reader.string('destinationAddress', { pattern: CIDR, message: 'The destination address field must be an address or a network.' });
  const sourcePort = reader.string('sourcePort', { pattern: PORT, message: 'The source port field must be a port or a range.' });
  const destinationPort = reader.string('destinationPort', { pattern: PORT, message: 'The destination port field must be a port or a range.' });
  const priority = reader.integer('priority', { min: 0, max: 65535 });
  const enabled = reader.boolean('enabled');
  const apply = reader.boolean('apply');
  if (ipType !== undefined && ipType !== 4 && ipType !== 6) reader.reject('The ip type field must be 4 or 6.');
  reader.finish();
  return {
    fields: {
      protocol: protocol!,
      direction: direction!,
      action: action!,
      ipType: ipType as 4 | 6,
      sourceAddress: sourceAddress ?? null,
      destinationAddress: destinationAddress ?? null,
      sourcePort: sourcePort ?? null,
      destinationPort: destinationPort ?? null,
      priority: priority ?? 100,
      enabled: enabled ?? true,
      rulesetId: null,
    },
    apply: apply ?? false,
  };
}

export const serverFirewallHandlers = {
  'GET /servers/{serverId}/firewall/{interface}': (ctx) => {
    const nic = requireInterface(ctx, requireServer(ctx));
    return ok({ data: { enabled: nic.firewallEnabled, rules: byPriority(nic.firewallRules).map(presentRule) } });
  },

  'POST /servers/{serverId}/firewall/{interface}/enable': (ctx) => {
    const server = requireIdleServer(ctx);
    requireInterface(ctx, server).firewallEnabled = true;
    server.updated = ctx.now;
    return { status: 200 };
  },

  'POST /servers/{serverId}/firewall/{interface}/disable': (ctx) => {
    const server = requireIdleServer(ctx);
    requireInterface(ctx, server).firewallEnabled = false;
    server.updated = ctx.now;
    return { status: 200 };
  },

  'GET /servers/{serverId}/firewall/{interface}/rules': (ctx) => {
    const nic = requireInterface(ctx, requireServer(ctx));
    return ok({ data: byPriority(nic.firewallRules).map(presentRule) });
  },

  'POST /servers/{serverId}/firewall/{interface}/rules': (ctx) => {
    const server = requireIdleServer(ctx);
    const nic = requireInterface(ctx, server);
    if (new BodyReader(ctx.body).has('rulesets')) {
      // The deprecated 7.0 form: flush, then copy each ruleset's rules.
      const reader = new BodyReader(ctx.body);
      const rulesets = reader.integerList('rulesets', { required: true, min: 1 });
      reader.finish();
      const copies = [...new Set(rulesets)].map((id) => copyRuleset(ctx.store, id));
      if (copies.some((copy) => copy === undefined)) throw invalid(RULESET_REFUSED);
      nic.firewallRulesets = [...new Set(rulesets)];
      nic.firewallRules = copies.flatMap((copy) => copy ?? []);
      server.updated = ctx.now;
      return created();
    }
    const { fields, apply } = readRule(ctx.body);
    const existing = nic.firewallRules.find((rule) => sameRule(rule, fields));
    if (existing !== undefined) return ok({ data: presentRule(existing), created: false });
    const rule: InterfaceFirewallRuleRecord = { id: ctx.store.nextId('firewallRule'), ...fields };
    nic.firewallRules.push(rule);
    server.updated = ctx.now;
    if (apply) push(server, nic);
    return created({ data: presentRule(rule), created: true });
  },

  'PUT /servers/{serverId}/firewall/{interface}/rules/{ruleId}': (ctx) => {
    const server = requireServer(ctx);
    const nic = requireInterface(ctx, server);
    const rule = requireRule(ctx, nic);
    const reader = new BodyReader(ctx.body);
    const enabled = reader.boolean('enabled', { required: true });
    const apply = reader.boolean('apply');
    reader.finish();
    rule.enabled = enabled!;
    server.updated = ctx.now;
    if (apply === true) push(server, nic);
    return ok({ data: presentRule(rule) });
  },

  'DELETE /servers/{serverId}/firewall/{interface}/rules/{ruleId}': (ctx) => {
    const server = requireServer(ctx);
    const nic = requireInterface(ctx, server);
    const rule = requireRule(ctx, nic);
    const reader = new BodyReader(ctx.body ?? {});
    const apply = reader.boolean('apply');
    reader.finish();
    nic.firewallRules = nic.firewallRules.filter((r) => r !== rule);
    server.updated = ctx.now;
    if (apply !== true) return noContent();
    // The removal stands whether or not the push succeeds.
    return ok({ data: server.power === 'running' ? push(server, nic) : { applied: false, reason: 'The server is not running.' } });
  },

  'POST /servers/{serverId}/firewall/{interface}/rulesets': (ctx) => {
    const server = requireServer(ctx);
    const nic = requireInterface(ctx, server);
    const reader = new BodyReader(ctx.body);
    const rulesetId = reader.integer('rulesetId', { required: true, min: 1 });
    const apply = reader.boolean('apply');
    reader.finish();
    const copies = copyRuleset(ctx.store, rulesetId!);
    if (copies === undefined) throw invalid(RULESET_REFUSED);
    const added = copies.filter((copy) => !nic.firewallRules.some((rule) => sameRule(rule, copy)));
    nic.firewallRules.push(...added);
    server.updated = ctx.now;
    if (apply === true) push(server, nic);
    return created({ data: added.map(presentRule) });
  },

  'POST /servers/{serverId}/firewall/{interface}/apply': (ctx) => {
    const server = requireIdleServer(ctx);
    return ok({ data: push(server, requireInterface(ctx, server)) });
  },

  'GET /servers/{serverId}/firewall/{interface}/counters': (ctx) => {
    const server = requireServer(ctx);
    const nic = requireInterface(ctx, server);
    const random = createRandom(`${server.uuid}/${nic.tag}/firewall`);
    const rules = byPriority(nic.firewallRules).map((rule) => {
      const packets = nic.firewallEnabled && rule.enabled && server.power === 'running' ? random.int(0, 500_000) : 0;
      return { ruleId: rule.id, packets, bytes: packets * random.int(60, 1500) };
    });
    return ok({ data: { tag: String(nic.tag), enabled: nic.firewallEnabled, rules } });
  },
} satisfies Partial<Record<Route, Handler>>;
