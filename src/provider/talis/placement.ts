import type { Region } from '../types';
import type { FileCatalogue } from './catalogue';
import { talisError } from './errors';
import type { Notes } from './notes';
import type { TalisEntry } from './request';

interface PlacementContext {
  provider: string;
  catalogue: FileCatalogue;
  notes: Notes;
  /** The region of entries that name none (`options.regionId`, CLI `--region`), already checked. */
  fallback: Region | undefined;
}

const list = (regions: Region[]) => regions.map((r) => `${r.id} (${r.name})`).join(', ');

function regionNamed(regions: Region[], ref: string | number): Region | undefined {
  const wanted = String(ref).trim().toLowerCase();
  return regions.find((r) => r.id === wanted) ?? regions.find((r) => r.name.toLowerCase() === wanted);
}

function open(context: PlacementContext, region: Region, field: string): string {
  if (!region.available) throw talisError(context.provider, field, `region ${region.id} (${region.name}) takes no new servers.`);
  return region.id;
}

/** `hypervisor_id` is a hypervisor's own id (talis's VirtFusion branch): the server goes to its group. */
async function onHypervisor(context: PlacementContext, regions: Region[], id: number, path: string): Promise<string> {
  const field = `${path}.hypervisor_id`;
  const nodes = await context.catalogue.nodes();
  if (nodes === undefined) throw talisError(context.provider, field, `${context.provider} has no hypervisors to choose from; give region or hypervisor_group instead.`);
  const node = nodes.find((n) => n.id === id);
  if (node === undefined) {
    throw talisError(context.provider, field, `there is no hypervisor ${id} (hypervisor_id is a hypervisor's id; a group goes in hypervisor_group). Hypervisors: ${nodes.map((n) => `${n.id} (${n.name})`).join(', ')}.`);
  }
  if (!node.accepting) throw talisError(context.provider, field, `hypervisor ${id} (${node.name}) is disabled or in maintenance.`);
  const region = regions.find((r) => r.id === node.groupId);
  if (region === undefined) throw talisError(context.provider, field, `hypervisor ${id} (${node.name}) is in no region this provider lists.`);
  context.notes.add('hypervisor_id', field, "the create names the hypervisor's group, and the panel picks the node in it: VirtFusion's create API takes a group, not a hypervisor.");
  return open(context, region, field);
}

/**
 * The region of an entry: its hypervisor (`hypervisor_id`, which wins as in talis's VirtFusion
 * branch), else `hypervisor_group`, else `region` when it names a group, else the fallback.
 */
export async function placeEntry(context: PlacementContext, entry: TalisEntry, path: string): Promise<string> {
  const regions = await context.catalogue.regions();
  if (entry.hypervisor_id !== undefined) {
    const placed = await onHypervisor(context, regions, entry.hypervisor_id, path);
    if (entry.hypervisor_group !== undefined && regionNamed(regions, entry.hypervisor_group)?.id !== placed) {
      context.notes.add('hypervisor_group', `${path}.hypervisor_group`, "hypervisor_id wins over hypervisor_group, as in talis's VirtFusion branch; not applied.");
    }
    if (entry.region !== undefined && regionNamed(regions, entry.region)?.id !== placed) {
      context.notes.add('region', `${path}.region`, 'the hypervisor (or hypervisor group) of the entry decides the region; not applied.');
    }
    return placed;
  }
  if (entry.hypervisor_group !== undefined) {
    const field = `${path}.hypervisor_group`;
    const region = regionNamed(regions, entry.hypervisor_group);
    if (region === undefined) throw talisError(context.provider, field, `no region (hypervisor group) is called or numbered ${JSON.stringify(entry.hypervisor_group)}; there are ${list(regions)}.`);
    if (entry.region !== undefined && regionNamed(regions, entry.region)?.id !== region.id) {
      context.notes.add('region', `${path}.region`, 'the hypervisor (or hypervisor group) of the entry decides the region; not applied.');
    }
    return open(context, region, field);
  }
  const field = `${path}.region`;
  const named = entry.region === undefined ? undefined : regionNamed(regions, entry.region);
  if (named !== undefined) return open(context, named, field);
  if (context.fallback !== undefined) {
    if (entry.region !== undefined) {
      context.notes.add('region', field, `names no hypervisor group of this panel; the servers go to region ${context.fallback.id} (${context.fallback.name}) from options.regionId (--region), as talis takes its group from its environment.`);
    }
    return context.fallback.id;
  }
  throw talisError(
    context.provider,
    field,
    entry.region === undefined
      ? `the entry names no place: give region or hypervisor_group (a hypervisor group's id or name) or hypervisor_id, or pass options.regionId (CLI --region). Regions: ${list(regions)}.`
      : `${JSON.stringify(entry.region)} names no hypervisor group (there are ${list(regions)}); pass the region for such entries in options.regionId (CLI --region).`,
  );
}
