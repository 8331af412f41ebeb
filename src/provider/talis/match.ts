import type { Image, Plan, SshKey } from '../types';

/** What an entry asks of a server: memory in MB, cores, main disk in GB. */
export interface Wanted {
  memoryMb?: number | undefined;
  cpu?: number | undefined;
  diskGb?: number | undefined;
}

/** The smallest plan of the region that has at least what is wanted. */
export function smallestPlan(plans: Plan[], regionId: string, wanted: Wanted): Plan | undefined {
  return plans
    .filter((p) => p.regionIds.includes(regionId))
    .filter((p) => (p.memoryMb ?? 0) >= (wanted.memoryMb ?? 0) && (p.vcpus ?? 0) >= (wanted.cpu ?? 0) && (p.diskGb ?? 0) >= (wanted.diskGb ?? 0))
    .sort((a, b) => (a.memoryMb ?? 0) - (b.memoryMb ?? 0) || (a.vcpus ?? 0) - (b.vcpus ?? 0) || (a.diskGb ?? 0) - (b.diskGb ?? 0))[0];
}

/** A plan by id or by name (any case). */
export function planNamed(plans: Plan[], ref: string | number): Plan | undefined {
  const wanted = String(ref).trim().toLowerCase();
  return plans.find((p) => p.id === wanted) ?? plans.find((p) => p.name.toLowerCase() === wanted);
}

/**
 * Memory and cores of a DigitalOcean size slug (`s-2vcpu-4gb`, `s-1vcpu-512mb-10gb`), the sizes
 * talis's files name; talis's VirtFusion branch maps them to memory and cores the same way.
 */
export function sizeSlug(size: string): { cpu: number; memoryMb: number } | undefined {
  const match = /^[a-z0-9]+-(\d+)vcpu-(\d+)(gb|mb)\b/i.exec(size.trim());
  if (match === null) return undefined;
  const amount = Number(match[2]);
  return { cpu: Number(match[1]), memoryMb: match[3]!.toLowerCase() === 'gb' ? amount * 1024 : amount };
}

const ARCH = /x86[_-]64|amd64|x64/g;

function words(text: string): string[] {
  return text.toLowerCase().replace(ARCH, ' ').split(/[^a-z0-9]+/).filter((w) => w !== '');
}

/**
 * The images an `image` reference names. Digits are a template id (as talis's ximera path reads
 * them); otherwise an exact id, slug or name, else every image whose name and slug hold all the
 * reference's words (`ubuntu-22-04-x64` names "Ubuntu Server 22.04 LTS").
 */
export function imagesNamed(images: Image[], ref: string | number): Image[] {
  const wanted = String(ref).trim().toLowerCase();
  if (/^\d+$/.test(wanted)) return images.filter((i) => i.id === wanted);
  const exact = images.filter((i) => i.id === wanted || i.slug === wanted || i.name.toLowerCase() === wanted);
  if (exact.length > 0) return exact;
  const asked = words(wanted);
  if (asked.length === 0) return [];
  return images.filter((i) => {
    const has = new Set(words(`${i.name} ${i.slug ?? ''}`));
    return asked.every((w) => has.has(w));
  });
}

/** A key of the owner by name, else by id (talis's ximera file gives the key's id: `"4"`). */
export function keyNamed(keys: SshKey[], ref: string): SshKey | undefined {
  return keys.find((k) => k.name === ref) ?? keys.find((k) => k.id === ref.trim());
}
