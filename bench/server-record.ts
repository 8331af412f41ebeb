/**
 * A synthetic server record with the fields and nesting of a real `GET /servers/{id}` answer
 * (settings, resources, network interfaces with addresses), sized like one. Benchmark input only.
 */
export function serverRecord(id: number): Record<string, unknown> {
  return {
    id,
    ownerId: 12,
    hypervisorId: 3,
    name: `bench-server-${id}`,
    hostname: `bench-${id}.example.net`,
    commissionStatus: 3,
    uuid: `0f8a4c1e-1b7d-4f33-9e2a-${String(id).padStart(12, '0')}`,
    state: 'complete',
    migrateLevel: 0,
    deleteLevel: 0,
    configLevel: 0,
    rebuild: false,
    suspended: false,
    protected: false,
    buildFailed: false,
    primaryNetworkDhcp4: false,
    primaryNetworkDhcp6: false,
    built: '2026-03-02T10:11:12+00:00',
    created: '2026-03-02T10:09:58+00:00',
    updated: '2026-03-02T10:13:40+00:00',
    settings: {
      osTemplateInstall: true,
      osTemplateInstallId: 28,
      encryptedPassword: 'eyJpdiI6IjdYb3B3dFc0b1U5a2x2T0VzVTJ4Z1E9PSIsInZhbHVlIjoi',
      backupPlan: 0,
      uefi: false,
      cloudInit: true,
      resources: { memory: 2048, storage: 40, traffic: 2000, cpuCores: 2, networkSpeedInbound: 1000, networkSpeedOutbound: 1000 },
      config: { 'kvm.cpu.type': 'host-passthrough', 'kvm.machine.type': 'q35', 'kvm.disk.cache': 'none' },
    },
    network: {
      interfaces: [
        {
          id: 901,
          type: 'public',
          name: 'eth0',
          mac: '00:16:3e:4a:9b:01',
          inTrafficCount: true,
          outTrafficCount: true,
          enabled: true,
          ipv4: [{ id: 4411, order: 1, blockId: 2, address: '203.0.113.10', gateway: '203.0.113.1', netmask: '255.255.255.0', resolver1: '1.1.1.1', resolver2: '9.9.9.9', rdns: null, mac: null }],
          ipv6: [{ id: 77, subnet: '2001:db8:10::', cidr: 64, gateway: '2001:db8:10::1', resolver1: '2606:4700:4700::1111', resolver2: '2620:fe::fe', addresses: ['2001:db8:10::2'] }],
        },
      ],
    },
    storage: [{ id: 6001, enabled: true, primary: true, capacity: 40, drive: 'vda', bus: 'virtio', cache: 'none', datastoreId: 1 }],
    hypervisor: { id: 3, name: 'hv-ams-03', hostname: 'hv-ams-03.example.net', group: { id: 1, name: 'Amsterdam' } },
  };
}

const PAGE_ROWS = new Map<number, string>();

/** A Laravel page of `perPage` synthetic servers out of `total`, as the panel writes it. */
export function pageOfServers(page: number, perPage: number, total: number): string {
  const size = Math.max(1, Math.min(200, perPage));
  const lastPage = Math.ceil(total / size);
  const from = (page - 1) * size + 1;
  const to = Math.min(total, page * size);
  let rows = PAGE_ROWS.get(size);
  if (rows === undefined) {
    rows = JSON.stringify(Array.from({ length: size }, (_, i) => serverRecord(i + 1)));
    PAGE_ROWS.set(size, rows);
  }
  const url = (n: number) => `https://panel.example.com/api/v1/servers?page=${n}`;
  const data = page > lastPage ? '[]' : rows;
  return `{"current_page":${page},"data":${data},"first_page_url":"${url(1)}","from":${page > lastPage ? null : from},"last_page":${lastPage},"last_page_url":"${url(lastPage)}","links":[],"next_page_url":${page < lastPage ? `"${url(page + 1)}"` : null},"path":"https://panel.example.com/api/v1/servers","per_page":${size},"prev_page_url":${page > 1 ? `"${url(page - 1)}"` : null},"to":${page > lastPage ? null : to},"total":${total}}`;
}
