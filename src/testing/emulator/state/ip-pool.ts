import type { EmulatorStore } from './store';
import type { GroupRecord, IpBlockRecord, ServerIpv4Record, ServerIpv6Record } from './records';

export function ipv4ToInt(text: string): number | undefined {
  const parts = text.trim().split('.');
  if (parts.length !== 4) return undefined;
  let value = 0;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part) || Number(part) > 255) return undefined;
    value = value * 256 + Number(part);
  }
  return value;
}

export function intToIpv4(value: number): string {
  return [value >>> 24, (value >>> 16) & 255, (value >>> 8) & 255, value & 255].join('.');
}

export function blockTotal(block: IpBlockRecord): number {
  return block.ranges.reduce((sum, range) => sum + range.end - range.start + 1, 0);
}

export function blockFree(block: IpBlockRecord): number {
  return block.type === 4 && block.enabled ? blockTotal(block) - block.assigned.size : 0;
}

export function inRanges(block: IpBlockRecord, address: number): boolean {
  return block.ranges.some((range) => address >= range.start && address <= range.end);
}

/** The IPv4 blocks a group's servers draw from, in order. */
export function groupBlocks(store: EmulatorStore, group: GroupRecord): IpBlockRecord[] {
  return group.ipBlockIds.map((id) => store.ipBlocks.get(id)).filter((b): b is IpBlockRecord => b !== undefined && b.type === 4 && b.enabled);
}

export function groupFreeIpv4(store: EmulatorStore, group: GroupRecord): number {
  return groupBlocks(store, group).reduce((sum, block) => sum + blockFree(block), 0);
}

/** Takes `count` free addresses from the group's blocks, lowest first; undefined when there are not enough. */
export function allocateIpv4(store: EmulatorStore, group: GroupRecord, serverId: number, count: number, firstOrder = 1): ServerIpv4Record[] | undefined {
  if (count === 0) return [];
  if (groupFreeIpv4(store, group) < count) return undefined;
  const taken: ServerIpv4Record[] = [];
  for (const block of groupBlocks(store, group)) {
    for (const range of block.ranges) {
      for (let address = range.start; address <= range.end && taken.length < count; address += 1) {
        if (block.assigned.has(address)) continue;
        block.assigned.set(address, serverId);
        taken.push({ id: store.nextId('ipv4'), blockId: block.id, address, order: firstOrder + taken.length });
      }
      if (taken.length === count) return taken;
    }
  }
  return taken;
}

/** Assigns one specific address, if a block of the group holds it and it is free. */
export function claimIpv4(store: EmulatorStore, group: GroupRecord, serverId: number, address: number, order: number): ServerIpv4Record | undefined {
  const block = groupBlocks(store, group).find((b) => inRanges(b, address));
  if (block === undefined || block.assigned.has(address)) return undefined;
  block.assigned.set(address, serverId);
  return { id: store.nextId('ipv4'), blockId: block.id, address, order };
}

export function releaseIpv4(store: EmulatorStore, records: readonly ServerIpv4Record[]): void {
  for (const record of records) {
    const block = store.ipBlocks.get(record.blockId);
    block?.assigned.delete(record.address);
    block?.rdns.delete(record.address);
  }
}

/** Carves the next subnet out of the group's first IPv6 block. */
export function allocateIpv6(store: EmulatorStore, group: GroupRecord): ServerIpv6Record | undefined {
  const block = group.ipBlockIds.map((id) => store.ipBlocks.get(id)).find((b) => b?.type === 6 && b.enabled && b.ipv6);
  if (block?.ipv6 === undefined) return undefined;
  const index = block.ipv6.nextSubnet;
  block.ipv6.nextSubnet += 1;
  block.ipv6.assigned += 1;
  return {
    id: store.nextId('ipv6'),
    blockId: block.id,
    subnet: `${block.ipv6.prefix}${index.toString(16)}::`,
    cidr: block.ipv6.to,
    gateway: block.gateway ?? `${block.ipv6.prefix}:1`,
  };
}

export function releaseIpv6(store: EmulatorStore, records: readonly ServerIpv6Record[]): void {
  for (const record of records) {
    const block = store.ipBlocks.get(record.blockId);
    if (block?.ipv6) block.ipv6.assigned = Math.max(0, block.ipv6.assigned - 1);
  }
}
