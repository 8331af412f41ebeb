import type { VirtFusion } from '../../client';
import { NotFoundError } from '../../core/errors';
import { HypervisorId } from '../../resources/ids';
import type { HypervisorGroup, Package, TemplateGroup } from '../../resources/models';
import { ProviderError } from '../errors';
import type { Image, Plan, Region } from '../types';
import { toImages, toPlan, toRegion } from './records';

const PROVIDER = 'virtfusion';

class Cached<T> {
  #value: Promise<T> | undefined;
  #at = 0;
  constructor(
    private readonly load: () => Promise<T>,
    private readonly ttlMs: number,
  ) {}
  get(): Promise<T> {
    if (this.#value === undefined || Date.now() - this.#at > this.ttlMs) {
      const value = this.load();
      this.#value = value;
      this.#at = Date.now();
      value.catch(() => {
        if (this.#value === value) this.#value = undefined;
      });
    }
    return this.#value;
  }
}

function invalid(field: string, message: string): ProviderError {
  return new ProviderError({ code: 'VALIDATION_ERROR', provider: PROVIDER, field, message });
}

function numericId(value: string, field: string): number {
  if (!/^\d+$/.test(value) || Number(value) < 1) throw invalid(field, `${field} ${JSON.stringify(value)} is not an id of this provider (a positive integer).`);
  return Number(value);
}

/** What a create needs from the catalogue, checked. */
export interface CheckedPlacement {
  pkg: Package;
  group: HypervisorGroup;
  templateId: number;
}

/**
 * Packages (plans), hypervisor groups (regions) and the templates each package allows (images),
 * read once and kept for `ttlMs`, as panels change them rarely.
 */
export class Catalog {
  readonly #client: VirtFusion;
  readonly #ttlMs: number;
  readonly #plansByRegion: Record<string, readonly string[]> | undefined;
  readonly #packages: Cached<Package[]>;
  readonly #groups: Cached<HypervisorGroup[]>;
  readonly #templates = new Map<number, Cached<TemplateGroup[]>>();

  constructor(client: VirtFusion, ttlMs: number, plansByRegion: Record<string, readonly string[]> | undefined) {
    this.#client = client;
    this.#ttlMs = ttlMs;
    this.#plansByRegion = plansByRegion;
    this.#packages = new Cached(() => client.packages.list(), ttlMs);
    this.#groups = new Cached(() => client.hypervisors.groups.list().toArray({ limit: 10_000 }), ttlMs);
  }

  packages(): Promise<Package[]> {
    return this.#packages.get();
  }

  groups(): Promise<HypervisorGroup[]> {
    return this.#groups.get();
  }

  templates(packageId: number): Promise<TemplateGroup[]> {
    let cached = this.#templates.get(packageId);
    if (cached === undefined) {
      cached = new Cached(() => this.#client.media.templates(packageId), this.#ttlMs);
      this.#templates.set(packageId, cached);
    }
    return cached.get();
  }

  /** Whether a plan may be placed in a region, by the `plansByRegion` allow-list (all, without one). */
  allows(regionId: string, planId: string): boolean {
    const allowed = this.#plansByRegion?.[regionId];
    return allowed === undefined || allowed.includes(planId);
  }

  async plans(): Promise<Plan[]> {
    const [packages, groups] = await Promise.all([this.packages(), this.groups()]);
    const open = groups.filter((g) => g.enabled).map((g) => String(g.id));
    return packages.filter((p) => p.enabled).map((p) => toPlan(p, open.filter((region) => this.allows(region, String(p.id)))));
  }

  async regions(): Promise<Region[]> {
    return (await this.groups()).map(toRegion);
  }

  async images(planId?: string): Promise<Image[]> {
    if (planId !== undefined) {
      const pkg = await this.plan(planId, 'planId');
      return toImages(await this.templates(pkg.id));
    }
    const seen = new Map<string, Image>();
    for (const pkg of (await this.packages()).filter((p) => p.enabled)) for (const image of toImages(await this.templates(pkg.id))) seen.set(image.id, image);
    return [...seen.values()];
  }

  /** An enabled package by id, or a `VALIDATION_ERROR` naming `field`. */
  async plan(planId: string, field: string): Promise<Package> {
    const id = numericId(planId, field);
    const pkg = (await this.packages()).find((p) => p.id === id);
    if (pkg === undefined) throw invalid(field, `There is no plan ${planId}.`);
    if (!pkg.enabled) throw invalid(field, `Plan ${planId} (${pkg.name}) is disabled.`);
    return pkg;
  }

  /** An enabled hypervisor group by id, or a `VALIDATION_ERROR` naming `field`. */
  async region(regionId: string, field: string): Promise<HypervisorGroup> {
    const id = numericId(regionId, field);
    const group = (await this.groups()).find((g) => g.id === id);
    if (group === undefined) throw invalid(field, `There is no region ${regionId} (regions are hypervisor groups; a hypervisor id is not a region).`);
    if (!group.enabled) throw invalid(field, `Region ${regionId} (${group.name}) does not accept new servers.`);
    return group;
  }

  /** Checks plan, region, the plan in the region and the image for the plan, before anything is created. */
  async check(input: { planId: string; regionId: string; imageId: string }): Promise<CheckedPlacement> {
    const [pkg, group] = await Promise.all([this.plan(input.planId, 'planId'), this.region(input.regionId, 'regionId')]);
    if (!this.allows(String(group.id), String(pkg.id))) throw invalid('planId', `Plan ${input.planId} (${pkg.name}) is not offered in region ${input.regionId} (${group.name}).`);
    const templateId = numericId(input.imageId, 'imageId');
    const images = toImages(await this.templates(pkg.id));
    if (!images.some((image) => image.id === String(templateId))) {
      throw invalid('imageId', `Image ${input.imageId} is not available for plan ${input.planId} (${pkg.name}); it offers ${images.map((i) => i.id).join(', ') || 'none'}.`);
    }
    return { pkg, group, templateId };
  }

  /**
   * The region of a hypervisor reference as VirtFusion reads `hypervisorId` on create: a group
   * with that id, else the group of the hypervisor (node) with that id, else undefined.
   */
  async regionOfHost(id: number): Promise<string | undefined> {
    if ((await this.groups()).some((g) => g.id === id)) return String(id);
    try {
      return String((await this.#client.hypervisors.get(HypervisorId(id))).group.id);
    } catch (error) {
      if (error instanceof NotFoundError) return undefined;
      throw error;
    }
  }
}
