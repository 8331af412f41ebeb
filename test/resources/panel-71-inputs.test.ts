import { describe, expect, it } from 'vitest';
import { ExtRelationId, VirtFusion } from '../../src/index';
import { PANEL, TOKEN, recordingFetch } from '../helpers/recording-fetch';
import { refusal } from '../helpers/refusal';

// What the SDK lets through for the panel 7.1 request forms, and what it refuses before sending.

function client(answer: () => Response = () => new Response(null, { status: 204 })) {
  const { fetch, requests } = recordingFetch(answer);
  return { vf: new VirtFusion({ url: PANEL, token: TOKEN, fetch, validate: 'strict' }), requests };
}


describe('interfaceRef', () => {
  it('takes primary, secondary and a ten-digit tag', async () => {
    const { vf, requests } = client(() => Response.json({ data: [] }));
    await vf.servers.firewall.rules(42, 'primary');
    await vf.servers.firewall.rules(42, 'secondary');
    await vf.servers.interfaces.vlans(42, '1234567890');
    expect(requests.map((r) => r.url.pathname)).toEqual([
      '/api/v1/servers/42/firewall/primary/rules',
      '/api/v1/servers/42/firewall/secondary/rules',
      '/api/v1/servers/42/interfaces/1234567890/vlans',
    ]);
  });

  it.each(['eth0', '123456789', '12345678901', 'Primary', '1234567890 '])('refuses %j naming the three accepted forms, before sending', async (ref) => {
    const { vf, requests } = client();
    const error = await refusal(vf.servers.firewall.enable(42, ref));
    expect(error.issues).toEqual([{ path: ['path', 'interface'], message: `must be one of "primary", "secondary" or a ten-digit interface tag, got ${JSON.stringify(ref)}` }]);
    expect(requests).toHaveLength(0);
  });
});

describe('firewall rules (7.1 form)', () => {
  const rule = { protocol: 'tcp', direction: 'in', action: 'allow', ipType: 4, destinationPort: '22', sourceAddress: '203.0.113.0/24' } as const;

  it('sends one rule with apply, and tells a new rule from an existing identical one', async () => {
    let status = 201;
    const { vf, requests } = client(() => Response.json({ data: { id: 5, ...rule }, created: status === 201 }, { status }));
    expect(await vf.servers.firewall.addRule(42, 'primary', rule, { apply: true })).toEqual({ rule: { id: 5, ...rule }, created: true });
    status = 200;
    expect((await vf.servers.firewall.addRule(42, 'primary', rule)).created).toBe(false);
    expect(JSON.parse(requests[0]!.body)).toEqual({ ...rule, apply: true });
    expect(JSON.parse(requests[1]!.body)).toEqual(rule);
  });

  it('refuses a rule without ipType or with an unknown direction, naming the fields', async () => {
    const { vf, requests } = client();
    const error = await refusal(vf.servers.firewall.addRule(42, 'primary', { protocol: 'tcp', direction: 'sideways', action: 'allow' } as never));
    expect(error.message).toMatch(/direction/);
    expect(error.message).toMatch(/ipType/);
    expect(requests).toHaveLength(0);
  });
});

describe('request forms production integrations send', () => {
  it('sends IPv4 addresses without an interface', async () => {
    const { vf, requests } = client();
    await vf.servers.ipv4.add(42, { ip: ['10.100.0.10', '10.100.0.11'] });
    await vf.servers.ipv4.remove(42, { ip: ['10.100.0.10'] });
    expect(requests.map((r) => JSON.parse(r.body))).toEqual([{ ip: ['10.100.0.10', '10.100.0.11'] }, { ip: ['10.100.0.10'] }]);
  });

  it('clears a PTR record with ptr: null, and still refuses a missing ptr', async () => {
    const { vf, requests } = client();
    await vf.ipBlocks.setReverseDns({ address: '192.168.4.77', ptr: null });
    expect(JSON.parse(requests[0]!.body)).toEqual({ address: '192.168.4.77', ptr: null });
    await refusal(vf.ipBlocks.setReverseDns({ address: '192.168.4.77' } as never));
  });

  it('takes reference_1 as digits in a string, but not as free text', async () => {
    const { vf, requests } = client(() => Response.json({ data: { id: 3 } }, { status: 201 }));
    await vf.billing.credit.add(ExtRelationId(1042), { tokens: 10, reference_1: '400' });
    expect(JSON.parse(requests[0]!.body)).toEqual({ tokens: 10, reference_1: '400' });
    const error = await refusal(vf.billing.credit.add(ExtRelationId(1042), { tokens: 10, reference_1: 'INV-400' }));
    expect(error.message).toMatch(/reference_1/);
  });

  it('resets the password of administrator in lower case, and refuses other accounts', async () => {
    const { vf } = client(() => Response.json({ data: { expectedPassword: 'x', queueId: 1 } }));
    await vf.servers.resetPassword(42, { user: 'administrator', sendMail: false });
    await refusal(vf.servers.resetPassword(42, { user: 'admin' } as never));
  });

  it('creates a user with selfServiceHourlyResourcePack: null', async () => {
    const { vf, requests } = client(() => Response.json({ data: { id: 9, name: 'N', email: 'n@example.org' } }, { status: 201 }));
    await vf.users.create({ name: 'N', email: 'n@example.org', selfServiceHourlyResourcePack: null });
    expect(JSON.parse(requests[0]!.body)).toMatchObject({ selfServiceHourlyResourcePack: null });
  });

  it('grows a disk by drive letter or, without one, the primary drive; refuses a drive id', async () => {
    const { vf, requests } = client(() => new Response(null, { status: 201 }));
    await vf.servers.modify.storage(69, { drive: 'a', size: 200 });
    await vf.servers.modify.storage(69, { size: 200 });
    expect(requests.map((r) => JSON.parse(r.body))).toEqual([{ drive: 'a', size: 200 }, { size: 200 }]);
    await refusal(vf.servers.modify.storage(69, { drive: 1, size: 200 } as never));
  });

  it('confirms the removal of an active disk only when asked', async () => {
    const { vf, requests } = client();
    await vf.servers.disks.delete(1, 'b');
    await vf.servers.disks.delete(1, 'b', { confirm: true });
    expect(requests.map((r) => r.body)).toEqual(['', '{"confirm":true}']);
  });
});

describe('GET /servers takes only the parameters the panel has', () => {
  it.each(['user', 'perPage', 'detailed'])('refuses %s, which clients send and the panel ignores, naming the accepted keys', async (key) => {
    const { vf, requests } = client(() => Response.json({ data: [] }));
    const error = await refusal(vf.request('GET /servers', { query: { [key]: 1 } } as never));
    expect(error.issues).toEqual([{ path: ['query', key], message: 'is not a query parameter of GET /servers; it takes type, hypervisorId, results, page' }]);
    expect(requests).toHaveLength(0);
  });
});
