import { describe, expect, it } from 'vitest';
import { emulatorPerTest } from './helpers';

// Behaviour of the panel 7.1 operations and of the request forms real integrations send.

const { emu, json } = emulatorPerTest();

const tagOf = async (serverId: number): Promise<string> => (await json('GET', `/servers/${serverId}/interfaces`)).body.data[0].tag;

describe('server interfaces and their tags', () => {
  it('lists interfaces with a ten-digit tag that every interface route accepts', async () => {
    const tag = await tagOf(1);
    expect(tag).toMatch(/^\d{10}$/);
    expect((await json('GET', `/servers/1/interfaces/${tag}`)).body.data).toMatchObject({ tag, primary: true, name: 'eth0' });
    expect((await json('GET', `/servers/1/interfaces/${tag}/vlans`)).body.data).toEqual([]);
    expect((await json('GET', `/servers/1/firewall/${tag}`)).status).toBe(200);
    expect(await json('GET', '/servers/1/interfaces/9999999999')).toMatchObject({ status: 404, body: { msg: 'interface not found' } });
    expect((await json('GET', '/servers/1/interfaces/eth0')).status).toBe(404);
  });

  it('changes an interface\'s settings and refuses what the panel refuses', async () => {
    const tag = await tagOf(1);
    const { body } = await json('PUT', `/servers/1/interfaces/${tag}`, { name: 'wan0', inAverage: 12_500, portIsolated: true, driver: null, apply: true });
    expect(body.data).toMatchObject({ tag, name: 'wan0', inAverage: 12_500, portIsolated: true, driver: null });
    expect(await json('PUT', '/servers/1/interfaces/primary', { processQueues: 64, hypervisorNetworkId: 999 })).toMatchObject({
      status: 422,
      body: { errors: ['The process queues field must be 1 to 40, or 1000 for automatic.', "The selected hypervisor network id is not a network of the server's hypervisor."] },
    });
  });

  it('tags a VLAN once per interface', async () => {
    expect(await json('POST', '/servers/1/interfaces/primary/vlans', { vlanId: 20 })).toMatchObject({ status: 201, body: { data: { vlanId: 20, nativeMode: 0 } } });
    expect(await json('POST', '/servers/1/interfaces/primary/vlans', { vlanId: 20 })).toMatchObject({ status: 422, body: { errors: ['VLAN 20 is already tagged on this interface.'] } });
    expect(await json('POST', '/servers/1/interfaces/primary/vlans', { vlanId: 4095 })).toMatchObject({ status: 422, body: { errors: ['The vlan id field must be between 1 and 4094.'] } });
    expect((await json('GET', '/servers/1/interfaces/primary/vlans')).body.data.map((v: { vlanId: number }) => v.vlanId)).toEqual([20]);
  });
});

describe('firewall rules, panel 7.1 form', () => {
  const ssh = { protocol: 'tcp', direction: 'in', action: 'allow', ipType: 4, destinationPort: '22', sourceAddress: '203.0.113.0/24' };

  it('adds a rule once, answers an identical one with created: false, and lists by priority', async () => {
    const first = await json('POST', '/servers/1/firewall/primary/rules', ssh);
    expect(first).toMatchObject({ status: 201, body: { created: true, data: { ...ssh, enabled: true, priority: 100 } } });
    const again = await json('POST', '/servers/1/firewall/primary/rules', ssh);
    expect(again).toMatchObject({ status: 200, body: { created: false, data: { id: first.body.data.id } } });
    await json('POST', '/servers/1/firewall/primary/rules', { protocol: 'all', direction: 'in', action: 'deny', ipType: 4, priority: 500 });
    const rules = (await json('GET', '/servers/1/firewall/primary/rules')).body.data;
    expect(rules.map((r: { priority: number; action: string }) => `${r.priority}:${r.action}`)).toEqual(['500:deny', '100:allow']);
  });

  it('refuses a malformed rule with one message per field', async () => {
    expect(await json('POST', '/servers/1/firewall/primary/rules', { protocol: 'gre', direction: 'both', action: 'allow', ipType: 5, destinationPort: 'ssh' })).toMatchObject({
      status: 422,
      body: {
        errors: [
          'The selected protocol is invalid.',
          'The selected direction is invalid.',
          'The destination port field must be a port or a range.',
          'The ip type field must be 4 or 6.',
        ],
      },
    });
  });

  it('switches, removes, copies rulesets onto and pushes an interface', async () => {
    const { body } = await json('POST', '/servers/1/firewall/primary/rules', ssh);
    const id = body.data.id;
    expect((await json('PUT', `/servers/1/firewall/primary/rules/${id}`, { enabled: false })).body.data.enabled).toBe(false);
    expect((await json('POST', '/servers/1/firewall/primary/rulesets', { rulesetId: 1 })).body.data).toHaveLength(2);
    expect(await json('POST', '/servers/1/firewall/primary/rulesets', { rulesetId: 4 })).toMatchObject({ status: 422, body: { errors: ['Invalid or disabled firewall ruleset'] } });
    expect((await json('POST', '/servers/1/firewall/primary/apply')).body.data).toEqual({ applied: true, rules: 2 });
    expect((await json('DELETE', `/servers/1/firewall/primary/rules/${id}`)).status).toBe(204);
    expect(await json('DELETE', `/servers/1/firewall/primary/rules/${id}`)).toMatchObject({ status: 404 });
    const counters = (await json('GET', '/servers/1/firewall/primary/counters')).body.data;
    expect(counters.rules).toHaveLength(2);
    expect(counters.rules.every((r: { packets: number }) => r.packets === 0)).toBe(true);
  });

  it('still takes the deprecated rulesets form, which replaces every rule', async () => {
    await json('POST', '/servers/1/firewall/primary/rules', ssh);
    expect((await json('POST', '/servers/1/firewall/primary/rules', { rulesets: [2] })).status).toBe(201);
    expect((await json('GET', '/servers/1/firewall/primary/rules')).body.data.map((r: { rulesetId: number }) => r.rulesetId)).toEqual([2]);
  });
});

describe('hypervisor settings, metrics and IP blocks', () => {
  it('changes known settings and refuses unknown fields', async () => {
    expect((await json('PUT', '/compute/hypervisors/1', { maintenance: true, maxServers: 40 })).body.data).toMatchObject({ maintenance: true, maxServers: 40 });
    expect(await json('PUT', '/compute/hypervisors/1', { ip: '10.0.0.9' })).toMatchObject({ status: 422, body: { errors: ['The ip field is not allowed.'] } });
  });

  it('answers metrics per minute up to a day and in 288 buckets beyond', async () => {
    expect((await json('GET', '/compute/hypervisors/1/metrics')).body.data.series).toHaveLength(30);
    const week = (await json('GET', '/compute/hypervisors/1/metrics', undefined, { minutes: 10_080 })).body.data;
    expect([week.averaged, week.series.length]).toEqual([true, 288]);
    expect(await json('GET', '/compute/hypervisors/1/metrics', undefined, { minutes: 40_321 })).toMatchObject({ status: 422 });
  });

  it('binds, orders, rebinds and unbinds blocks, seen from both sides', async () => {
    expect((await json('POST', '/compute/hypervisors/1/ipblocks', { blockId: 1 })).status).toBe(201);
    expect((await json('POST', '/compute/hypervisors/1/ipblocks', { blockId: 2, networkId: 1 })).status).toBe(201);
    expect(await json('POST', '/compute/hypervisors/1/ipblocks', { blockId: 2 })).toMatchObject({ status: 422, body: { errors: ['The IP block is already bound to this hypervisor.'] } });
    expect(await json('POST', '/compute/hypervisors/1/ipblocks', { blockId: 3, networkId: 999 })).toMatchObject({ status: 422 });
    await json('PUT', '/compute/hypervisors/1/ipblocks/order', { order: [2, 1] });
    expect(await json('PUT', '/compute/hypervisors/1/ipblocks/order', { order: [2] })).toMatchObject({ status: 422 });
    // The rebind page requires a network id: null (the primary network) is for binding only.
    expect(await json('PUT', '/compute/hypervisors/1/ipblocks/2', { networkId: null })).toMatchObject({ status: 422, body: { errors: ['The network id field is required.'] } });
    expect((await json('PUT', '/compute/hypervisors/1/ipblocks/1', { networkId: 1 })).status).toBe(200);
    expect((await json('GET', '/compute/hypervisors/1/ipblocks')).body.data.map((b: { blockId: number; networkId: number | null; order: number }) => [b.blockId, b.networkId, b.order])).toEqual([
      [2, 1, 1],
      [1, 1, 2],
    ]);
    expect((await json('GET', '/connectivity/ipblocks/1/hypervisors')).body.data).toMatchObject([{ hypervisorId: 1, order: 2 }]);
    expect((await json('DELETE', '/compute/hypervisors/1/ipblocks/1')).status).toBe(204);
    expect((await json('GET', '/connectivity/ipblocks/1/hypervisors')).body.data).toEqual([]);
  });
});

describe('IP block administration', () => {
  it('creates, renames and deletes a block, refusing without confirmation or while addresses are assigned', async () => {
    const made = await json('POST', '/connectivity/ipblocks', { name: 'Lab', type: 4, gateway: '198.18.0.1', netmask: '255.255.255.0' });
    expect(made).toMatchObject({ status: 201, body: { data: { name: 'Lab', type: 4 } } });
    const id = made.body.data.id;
    expect((await json('PUT', `/connectivity/ipblocks/${id}`, { name: 'Lab 2' })).body.data.name).toBe('Lab 2');
    expect(await json('DELETE', `/connectivity/ipblocks/${id}`, { confirm: false })).toMatchObject({ status: 422, body: { errors: ['The confirm field must be true.'] } });
    expect(await json('DELETE', '/connectivity/ipblocks/1', { confirm: true })).toMatchObject({ status: 422, body: { errors: ['The IP block still has assigned addresses.'] } });
    expect((await json('DELETE', `/connectivity/ipblocks/${id}`, { confirm: true })).status).toBe(204);
    expect((await json('GET', `/connectivity/ipblocks/${id}`)).status).toBe(404);
  });

  it('pages through a block\'s IPv4 addresses with the server holding each', async () => {
    const page = (await json('GET', '/connectivity/ipblocks/1/ipv4', undefined, { results: 3 })).body;
    expect(page.per_page).toBe(3);
    expect(page.data).toHaveLength(3);
    const held = page.data.filter((a: { serverId: number | null }) => a.serverId !== null);
    expect(held.length).toBeGreaterThan(0);
  });
});

describe('request forms production integrations send', () => {
  it('adds and removes IPv4 addresses without an interface, on the primary one', async () => {
    const free = emu().state.freeIpv4(1);
    const wanted = free[free.length - 1]!;
    expect((await json('POST', '/servers/1/ipv4', { ip: [wanted] })).status).toBe(204);
    expect((emu().state.server(1) as any).network.interfaces[0].ipv4.map((ip: { address: string }) => ip.address)).toContain(wanted);
    expect((await json('DELETE', '/servers/1/ipv4', { ip: [wanted] })).status).toBe(204);
  });

  it('takes reference_1 as digits in a string, administrator in lower case and a null resource pack', async () => {
    expect((await json('POST', '/selfService/credit/byUserExtRelationId/1001', { tokens: 5, reference_1: '90002' })).status).toBe(201);
    expect(await json('POST', '/selfService/credit/byUserExtRelationId/1001', { tokens: 5, reference_1: 'INV-1' })).toMatchObject({ status: 422 });
    expect((await json('POST', '/servers/1/resetPassword', { user: 'administrator', sendMail: false })).status).toBe(200);
    expect((await json('POST', '/users', { name: 'Null Pack', email: 'null.pack@example.org', extRelationId: 7100, selfServiceHourlyResourcePack: null })).status).toBe(201);
  });

  it('clears a PTR record with ptr: null', async () => {
    const ip = (emu().state.server(1) as any).network.interfaces[0].ipv4[0].address;
    await json('PUT', '/connectivity/ipv4/rdns', { address: ip, ptr: 'mail.example.com' });
    expect((emu().state.server(1) as any).network.interfaces[0].ipv4[0].rdns).toBe('mail.example.com');
    expect((await json('PUT', '/connectivity/ipv4/rdns', { address: ip, ptr: null })).status).toBe(204);
    expect((emu().state.server(1) as any).network.interfaces[0].ipv4[0].rdns).toBeNull();
  });

  it('grows the primary drive when modify/storage names no drive, and refuses a smaller size', async () => {
    expect((await json('PUT', '/servers/1/modify/storage', { size: 60 })).status).toBe(201);
    expect(await json('PUT', '/servers/1/modify/storage', { size: 50 })).toMatchObject({ status: 422 });
    expect(await json('PUT', '/servers/1/modify/storage', { drive: 1, size: 70 })).toMatchObject({ status: 422, body: { errors: ['The drive field must be a string.'] } });
  });
});
