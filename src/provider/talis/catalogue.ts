import type { VirtFusion } from '../../client';
import type { ComputeProvider, Image, Plan, Region, SshKey } from '../types';

/** A hypervisor (node) as placement needs it. */
export interface Node {
  id: number;
  name: string;
  groupId: string;
  /** Enabled and not in maintenance. */
  accepting: boolean;
  maxMemoryMb: number | undefined;
  maxCpu: number | undefined;
}

/** The VirtFusion client under a provider, when it is the VirtFusion provider. */
function virtFusionClient(provider: ComputeProvider): VirtFusion | undefined {
  const client = (provider as { client?: unknown }).client;
  return provider.type === 'virtfusion' && typeof client === 'object' && client !== null && 'hypervisors' in client ? (client as VirtFusion) : undefined;
}

/** The provider's catalogue, each part read once per file and only when an entry needs it. */
export class FileCatalogue {
  readonly #provider: ComputeProvider;
  readonly #images = new Map<string, Promise<Image[]>>();
  readonly #keys = new Map<string, Promise<SshKey[]>>();
  #regions: Promise<Region[]> | undefined;
  #plans: Promise<Plan[]> | undefined;
  #nodes: Promise<Node[] | undefined> | undefined;

  constructor(provider: ComputeProvider) {
    this.#provider = provider;
  }

  regions(): Promise<Region[]> {
    return (this.#regions ??= this.#provider.getRegions());
  }

  plans(): Promise<Plan[]> {
    return (this.#plans ??= this.#provider.getPlans());
  }

  images(planId: string): Promise<Image[]> {
    let images = this.#images.get(planId);
    if (images === undefined) this.#images.set(planId, (images = this.#provider.getImages({ planId })));
    return images;
  }

  sshKeys(owner: string): Promise<SshKey[]> {
    let keys = this.#keys.get(owner);
    if (keys === undefined) this.#keys.set(owner, (keys = this.#provider.listSshKeys(owner)));
    return keys;
  }

  /** Every hypervisor, or undefined when the provider has none (it is not VirtFusion). */
  nodes(): Promise<Node[] | undefined> {
    return (this.#nodes ??= this.#readNodes());
  }

  async #readNodes(): Promise<Node[] | undefined> {
    const client = virtFusionClient(this.#provider);
    if (client === undefined) return undefined;
    const nodes: Node[] = [];
    for await (const hv of client.hypervisors.list()) {
      nodes.push({ id: hv.id, name: hv.name, groupId: String(hv.group?.id), accepting: hv.enabled && !hv.maintenance, maxMemoryMb: hv.maxMemory, maxCpu: hv.maxCpu });
    }
    return nodes;
  }
}
