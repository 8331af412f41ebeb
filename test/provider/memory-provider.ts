import { ProviderError } from '../../src/provider/errors';
import { parseCreateInput } from '../../src/provider/input';
import type { ComputeProvider, CreatedInstance, Instance, InstanceStatus, SshKey } from '../../src/provider/types';

// A small in-memory cloud written for the tests: it shares no code with the VirtFusion adapter, so
// the conformance suite passing against both shows the interface holds no VirtFusion assumption.

interface Machine {
  instance: Instance;
  owner: string;
  /** Status the machine reaches when its transition ends. */
  next?: InstanceStatus;
  ready?: number;
}

const TYPE = 'memory';
const fail = (code: ProviderError['code'], message: string, field?: string) => new ProviderError({ code, provider: TYPE, message, field });

export function createMemoryProvider(options: { transitionMs?: number } = {}): ComputeProvider {
  const transition = options.transitionMs ?? 30;
  const machines = new Map<string, Machine>();
  const keys = new Map<string, SshKey[]>();
  let nextId = 1;
  const sleep = (ms: number, signal?: AbortSignal) =>
    new Promise<void>((resolve, reject) => {
      if (signal?.aborted) return reject(fail('ABORTED', 'aborted'));
      const timer = setTimeout(resolve, ms);
      signal?.addEventListener('abort', () => (clearTimeout(timer), reject(fail('ABORTED', 'aborted'))), { once: true });
    });
  const tick = (m: Machine) => {
    if (m.next !== undefined && Date.now() >= (m.ready ?? 0)) {
      if (m.next === 'terminating') machines.delete(m.instance.id);
      else m.instance.status = m.next;
      m.next = undefined;
    }
  };
  const find = (id: string) => {
    const m = machines.get(id);
    if (m) tick(m);
    return machines.get(id);
  };
  const shift = (m: Machine, now: InstanceStatus, then: InstanceStatus) => {
    m.instance.status = now;
    m.next = then;
    m.ready = Date.now() + transition;
  };
  const pending = new Map<string, Promise<CreatedInstance>>();
  const PLANS = [{ id: 'small', name: 'Small', vcpus: 1, memoryMb: 1024, diskGb: 25, transferGb: 1000, regionIds: ['ams', 'nyc'], raw: null }];

  return {
    type: TYPE,
    features: { createInstance: ['ssh_key', 'hostname', 'password'], actions: ['boot', 'shutdown', 'reboot', 'suspend', 'unsuspend'], resize: false, sshKeys: true },
    validateCredentials: async () => true,
    async *listInstances(filter = {}) {
      for (const m of [...machines.values()]) {
        tick(m);
        if (machines.has(m.instance.id) && (filter.owner === undefined || m.owner === filter.owner)) yield structuredClone(m.instance);
      }
    },
    getInstance: async (id) => structuredClone(find(id)?.instance),
    findInstance: async ({ name, owner }) => structuredClone([...machines.values()].find((m) => m.instance.name === name && (owner === undefined || m.owner === owner))?.instance),
    async createInstance(raw, { signal, onProgress } = {}) {
      if (signal?.aborted) throw fail('ABORTED', 'aborted before start');
      const input = parseCreateInput(TYPE, raw);
      if (!PLANS.some((p) => p.id === input.planId)) throw fail('VALIDATION_ERROR', 'unknown plan', 'planId');
      if (!['ams', 'nyc'].includes(input.regionId)) throw fail('VALIDATION_ERROR', 'unknown region', 'regionId');
      if (input.imageId !== 'debian-12') throw fail('VALIDATION_ERROR', 'unknown image', 'imageId');
      const key = `${input.owner}/${input.name}`;
      const existing = [...machines.values()].find((m) => m.owner === input.owner && m.instance.name === input.name);
      if (existing) return structuredClone(existing.instance);
      const inFlight = pending.get(key);
      if (inFlight) return inFlight;
      const work = (async (): Promise<CreatedInstance> => {
        const id = `m-${nextId++}`;
        const m: Machine = {
          owner: input.owner,
          instance: {
            id,
            name: input.name,
            status: 'provisioning',
            hostname: input.hostname,
            ipv4: [`10.0.0.${nextId}`],
            ipv6: [],
            planId: input.planId,
            imageId: input.imageId,
            regionId: input.regionId,
            specs: { vcpus: 1, memoryMb: 1024, diskGb: 25, transferGb: 1000 },
            createdAt: new Date().toISOString(),
            raw: null,
          },
        };
        machines.set(id, m);
        onProgress?.({ step: 'created', instanceId: id });
        try {
          await sleep(transition, signal);
        } catch (error) {
          throw new ProviderError({ code: 'ABORTED', provider: TYPE, message: 'aborted while provisioning', serverId: id, cause: error });
        }
        m.instance.status = 'running';
        onProgress?.({ step: 'ready', instanceId: id });
        return structuredClone(m.instance);
      })();
      pending.set(key, work);
      try {
        return await work;
      } finally {
        pending.delete(key);
      }
    },
    async destroyInstance(id) {
      const m = find(id);
      if (m && m.next !== 'terminating') shift(m, 'terminating', 'terminating');
    },
    async performAction(id, action, params = {}) {
      const m = find(id);
      if (!m) throw fail('NOT_FOUND', `no instance ${id}`, 'id');
      if (action === 'shutdown' || action === 'poweroff') shift(m, 'stopped', 'stopped');
      else if (action === 'boot') shift(m, 'provisioning', 'running');
      else if (action === 'reboot') shift(m, 'rebooting', 'running');
      else if (action === 'suspend') m.instance.status = 'suspended';
      else if (action === 'unsuspend') m.instance.status = 'running';
      else if (action === 'reinstall' && params.imageId === undefined) throw fail('VALIDATION_ERROR', 'reinstall needs imageId', 'imageId');
      else throw fail('VALIDATION_ERROR', `unsupported action ${action}`, 'action');
    },
    resizeInstance: async () => {
      throw fail('VALIDATION_ERROR', 'resizing is not supported', 'planId');
    },
    getPlans: async () => structuredClone(PLANS),
    getImages: async () => [{ id: 'debian-12', name: 'Debian 12', slug: 'debian-12', distribution: 'Debian', version: '12', description: undefined, minDiskGb: 10, public: true, raw: null }],
    getRegions: async () => [
      { id: 'ams', name: 'Amsterdam', description: undefined, country: 'NL', available: true, raw: null },
      { id: 'nyc', name: 'New York', description: undefined, country: 'US', available: true, raw: null },
    ],
    listSshKeys: async (owner) => structuredClone(keys.get(owner) ?? []),
    async importSshKey(owner, key) {
      const list = keys.get(owner) ?? [];
      const same = list.find((k) => k.publicKey === key.publicKey);
      if (same) return same;
      const stored = { id: `k-${list.length + 1}`, name: key.name, publicKey: key.publicKey };
      keys.set(owner, [...list, stored]);
      return stored;
    },
  };
}
