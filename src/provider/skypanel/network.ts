import type { VirtFusion } from '../../client';
import { list, object, str } from '../virtfusion/json';
import type { PanelMembersContext, ServerIdReader } from './context';
import { invalidArgument, notFound, notSupported } from './errors';
import type { SkyPanelAllocateIpRequest, SkyPanelIpAddress, SkyPanelIpv6Range, SkyPanelPage } from './shapes';

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

const records = (value: unknown) => list(value).map(object);

function prefixOf(netmask: string | undefined): number {
  if (netmask === undefined || !IPV4.test(netmask)) return 32;
  return netmask.split('.').reduce((bits, octet) => bits + Number(octet).toString(2).replace(/0/g, '').length, 0);
}

/** The addresses of one server record: IPv4 one by one, IPv6 as the subnets VirtFusion assigns. */
export function serverIps(record: unknown): SkyPanelIpAddress[] {
  const server = object(record);
  const network = object(server.network);
  const region = object(server.hypervisor).groupId;
  const base = { instanceId: String(server.id), region: region === undefined || region === null ? '' : String(region) };
  const nics = [...records(network.interfaces).map((nic) => ({ nic, public: true })), ...records(network.secondaryInterfaces).map((nic) => ({ nic, public: false }))];
  return nics.flatMap(({ nic, public: isPublic }) => [
    ...records(nic.ipv4).flatMap((ip): SkyPanelIpAddress[] => {
      const address = str(ip.address);
      if (address === undefined) return [];
      const gateway = str(ip.gateway);
      const netmask = str(ip.netmask);
      return [{ address, ...(gateway ? { gateway } : {}), ...(netmask ? { subnetMask: netmask } : {}), prefix: prefixOf(netmask), type: 'ipv4', public: isPublic, rdns: str(ip.rdns) ?? null, ...base }];
    }),
    ...records(nic.ipv6).flatMap((subnet): SkyPanelIpAddress[] => {
      const address = str(subnet.subnet);
      if (address === undefined) return [];
      const gateway = str(subnet.gateway);
      return [{ address, ...(gateway ? { gateway } : {}), prefix: Number(subnet.cidr ?? 64), type: 'ipv6/range', public: isPublic, rdns: null, ...base }];
    }),
  ]);
}

function positiveInteger(value: unknown, field: string, fallback: number, max: number, provider: string): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > max) throw invalidArgument(provider, field, `${field} must be an integer from 1 to ${max}.`);
  return value;
}

/**
 * IP members of the gvps-cloud fork over VirtFusion. An account's addresses are those assigned to
 * its servers (the panel's free pool is not the account's), read from the full server list: one
 * request per 200 servers for each listing or look-up.
 */
export class SkyPanelNetwork<P extends string> {
  readonly #client: VirtFusion;
  readonly #provider: P;
  readonly #serverId: ServerIdReader;

  constructor(on: PanelMembersContext<P>) {
    ({ client: this.#client, provider: this.#provider, serverId: this.#serverId } = on);
  }

  async #all(): Promise<SkyPanelIpAddress[]> {
    const out: SkyPanelIpAddress[] = [];
    for await (const server of this.#client.servers.list({ type: 'full', results: 200 })) out.push(...serverIps(server));
    return out;
  }

  async #ofServer(id: number): Promise<SkyPanelIpAddress[]> {
    return serverIps(await this.#client.servers.get(id));
  }

  #ipv4(address: unknown, member: string): string {
    if (typeof address !== 'string') throw invalidArgument(this.#provider, 'address', 'address must be an IP address, a string.');
    if (!IPV4.test(address)) {
      if (address.includes(':')) throw notSupported(this.#provider, member, 'VirtFusion assigns IPv6 as whole subnets and its API has no per-address IPv6 operation.');
      throw invalidArgument(this.#provider, 'address', `address ${JSON.stringify(address)} is not an IPv4 address.`);
    }
    return address;
  }

  async listIPs(page?: number, pageSize?: number): Promise<SkyPanelPage<SkyPanelIpAddress>> {
    const size = positiveInteger(pageSize, 'pageSize', 100, 500, this.#provider);
    const number = positiveInteger(page, 'page', 1, Number.MAX_SAFE_INTEGER, this.#provider);
    const all = await this.#all();
    return { data: all.slice((number - 1) * size, number * size), pages: Math.max(1, Math.ceil(all.length / size)), total: all.length };
  }

  async getIPAddress(address: string): Promise<SkyPanelIpAddress> {
    if (typeof address !== 'string' || address === '') throw invalidArgument(this.#provider, 'address', 'address must be an IP address, a string.');
    const found = (await this.#all()).find((ip) => ip.address === address);
    if (found === undefined) throw notFound(this.#provider, 'address', `No server of this panel holds the address ${address}.`);
    return found;
  }

  async allocateIP(request: SkyPanelAllocateIpRequest): Promise<SkyPanelIpAddress> {
    if (request === null || typeof request !== 'object') throw invalidArgument(this.#provider, 'request', 'allocateIP takes { instanceId, public, type }.');
    const id = this.#serverId(request.instanceId, 'instanceId');
    if (request.type === 'ipv6') throw notSupported(this.#provider, 'allocateIP', "VirtFusion's API adds IPv6 only as subnets chosen at build time.");
    if (request.type !== 'ipv4') throw invalidArgument(this.#provider, 'type', "type must be 'ipv4' or 'ipv6'.");
    if (request.public !== true) throw notSupported(this.#provider, 'allocateIP', 'VirtFusion allocates public IPv4 addresses from the server’s IP blocks; private addresses are not allocated through its API.');
    const before = new Set((await this.#ofServer(id)).map((ip) => ip.address));
    await this.#client.servers.ipv4.addQuantity(id, { interface: 'primary', quantity: 1 });
    const added = (await this.#ofServer(id)).find((ip) => ip.type === 'ipv4' && !before.has(ip.address));
    if (added === undefined) throw notFound(this.#provider, 'address', `The panel accepted an IPv4 address for server ${id}, but its record shows none new.`);
    return added;
  }

  async deleteIPAddress(instanceId: string, address: string): Promise<void> {
    const id = this.#serverId(instanceId, 'instanceId');
    await this.#client.servers.ipv4.remove(id, { ip: [this.#ipv4(address, 'deleteIPAddress')] });
  }

  async updateIPReverseDNS(address: string, rdns: string | null): Promise<SkyPanelIpAddress> {
    const ipv4 = this.#ipv4(address, 'updateIPReverseDNS');
    if (rdns !== null && (typeof rdns !== 'string' || rdns.trim() === '')) throw invalidArgument(this.#provider, 'rdns', 'rdns must be a host name, or null to remove the record.');
    await this.#client.ipBlocks.setReverseDns({ address: ipv4, ptr: rdns });
    return this.getIPAddress(ipv4);
  }

  async listIPv6Ranges(): Promise<SkyPanelIpv6Range[]> {
    return (await this.#all())
      .filter((ip) => ip.type === 'ipv6/range')
      .map((ip) => ({ range: ip.address, prefixLength: ip.prefix, instanceId: ip.instanceId, instanceIds: ip.instanceId === null ? [] : [ip.instanceId], routeTarget: null, region: ip.region, created: '' }));
  }
}
