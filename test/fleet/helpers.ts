import { VirtFusion, retry } from '../../src/index';
import type { LocalServerRecord } from '../../src/fleet';
import type { Emulator } from '../../src/testing';

/** A client without a rate limit (the emulator has none), retrying as the default stack does unless told not to. */
export function emulatorClient(emu: Emulator, options: { retry?: boolean } = {}): VirtFusion {
  return new VirtFusion({ url: emu.url, token: emu.token, middleware: options.retry === false ? [] : [retry()], logger: { warn: () => {} } });
}

type Presented = Record<string, any>;

/** Your record of a panel server, as a panel database would hold it. */
export function localRecordOf(server: Presented): LocalServerRecord & { serverId: number; uuid: string } {
  const addresses: string[] = [];
  for (const nic of [...server.network.interfaces, ...server.network.secondaryInterfaces]) {
    for (const ip of nic.ipv4) addresses.push(ip.address);
    for (const net of nic.ipv6) addresses.push(`${net.subnet}/${net.cidr}`);
  }
  return {
    serverId: server.id,
    uuid: server.uuid,
    ownerRef: server.owner.extRelationId,
    hostname: server.hostname,
    state: server.state,
    suspended: server.suspended,
    addresses,
  };
}

export async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}
