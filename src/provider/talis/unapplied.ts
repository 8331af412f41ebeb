import type { Notes } from './notes';
import { SERVER_SET_KEYS, type TalisEntry } from './request';

const ANSIBLE_KEY = "the private key talis's Ansible run logs in with; only public keys (ssh_key_name) are used here.";
const MOUNTS = "talis's Ansible run formats and mounts its volumes; here the disks are attached unformatted and unmounted.";

/** Fields of an entry this tool never applies, each with why, when the entry holds them. */
const NEVER: Record<string, { why: string; when?: (value: unknown) => boolean }> = {
  tags: { why: 'VirtFusion servers carry no tags; not applied.', when: (v) => Array.isArray(v) && v.length > 0 },
  provision: { why: "talis runs its Ansible playbook after the create; this tool does not: run it against the returned addresses.", when: (v) => v === true },
  payload_path: { why: "talis copies this script to the servers during its Ansible run; not done here.", when: (v) => v !== '' },
  execute_payload: { why: "talis runs the payload during its Ansible run; not done here.", when: (v) => v === true },
  ssh_key_type: { why: ANSIBLE_KEY, when: (v) => v !== '' },
  ssh_key_path: { why: ANSIBLE_KEY, when: (v) => v !== '' },
  user_data: { why: "VirtFusion's create and build take no user data; not applied.", when: (v) => v !== '' },
  userData: { why: "VirtFusion's create and build take no user data; not applied.", when: (v) => v !== '' },
};

/** Keys the entry mapping reads; anything else is reported. */
const READ = new Set([
  'name',
  'provider',
  'owner_id',
  'project_name',
  'region',
  'size',
  'package',
  'memory',
  'cpu',
  'disk',
  'image',
  'template',
  'number_of_instances',
  'volumes',
  'ssh_key_name',
  'ssh_keys',
  'sshKeys',
  'hypervisor_id',
  'hypervisor_group',
  'network',
  'resources',
  ...Object.keys(NEVER),
]);

const NETWORK_READ = new Set(['profile_id', 'bandwidth', 'firewall_rulesets', 'public_ip']);
const VOLUME_READ = new Set(['name', 'size_gb', 'region', 'filesystem', 'mount_point']);
const SERVER_SET = new Set<string>(SERVER_SET_KEYS);

function present(value: unknown): boolean {
  return value !== undefined && value !== null && value !== '' && value !== 0 && !(Array.isArray(value) && value.length === 0);
}

/** Notes for every field of the entry that is not applied and that the mapping does not report itself. */
export function noteUnapplied(notes: Notes, entry: TalisEntry, path: string): void {
  const record = entry as Record<string, unknown>;
  for (const [key, value] of Object.entries(record)) {
    const never = NEVER[key];
    if (never !== undefined) {
      if (value !== undefined && (never.when?.(value) ?? true)) notes.add(key, `${path}.${key}`, never.why);
    } else if (SERVER_SET.has(key)) {
      if (present(value)) notes.add(key, `${path}.${key}`, 'set by the talis server, not read from a request; ignored.');
    } else if (!READ.has(key)) {
      notes.add(`?${key}`, `${path}.${key}`, "not a field of talis's instance request; ignored.");
    }
  }
  if (entry.network?.bandwidth !== undefined) notes.add('network.bandwidth', `${path}.network.bandwidth`, "ignored; the plan's network speed applies.");
  if (entry.network?.firewall_rulesets?.length) notes.add('network.firewall_rulesets', `${path}.network.firewall_rulesets`, "ignored; the plan's firewall rulesets apply.");
  for (const key of Object.keys(entry.network ?? {})) {
    if (!NETWORK_READ.has(key)) notes.add(`?network.${key}`, `${path}.network.${key}`, "not a field of talis's network settings; ignored.");
  }
  entry.volumes?.forEach((volume, index) => {
    const at = `${path}.volumes[${index}]`;
    if (volume.mount_point) notes.add('volumes[].mount_point', `${at}.mount_point`, MOUNTS);
    if (volume.filesystem) notes.add('volumes[].filesystem', `${at}.filesystem`, MOUNTS);
    if (volume.name) notes.add('volumes[].name', `${at}.name`, 'VirtFusion disks carry no names; not applied.');
    if (volume.region) notes.add('volumes[].region', `${at}.region`, "a server's disks are where the server is; not applied.");
    for (const key of Object.keys(volume)) if (!VOLUME_READ.has(key)) notes.add(`?volumes[].${key}`, `${at}.${key}`, "not a field of talis's volumes; ignored.");
  });
}
