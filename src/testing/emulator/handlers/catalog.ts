import type { Route } from '../../../generated/operations';
import { invalid, noContent, notFound, ok } from '../answers';
import { presentBackup, presentDnsService, presentIso, presentPackage, presentQueueItem, presentTemplateGroups } from '../present/catalog';
import type { PackageRecord } from '../state/records';
import { BodyReader } from './body';
import { idParam, requireServer, type Handler, type HandlerContext } from './context';

function requirePackage(ctx: HandlerContext, name = 'packageId'): PackageRecord {
  const pkg = ctx.store.packages.get(idParam(ctx, name));
  if (pkg === undefined) throw notFound('package not found');
  return pkg;
}

export const catalogHandlers = {
  'GET /packages': (ctx) => ok({ data: [...ctx.store.packages.values()].map(presentPackage) }),

  'GET /packages/{packageId}': (ctx) => ok({ data: presentPackage(requirePackage(ctx)) }),

  'DELETE /packages/{packageId}': (ctx) => {
    const pkg = requirePackage(ctx);
    const reader = new BodyReader(ctx.body);
    const confirm = reader.boolean('confirm', { required: true });
    const force = reader.boolean('force') ?? false;
    reader.finish();
    if (confirm !== true) throw invalid('The deletion must be confirmed with confirm: true.');
    const inUse = [...ctx.store.servers.values()].filter((s) => s.packageId === pkg.id).length;
    if (inUse > 0 && !force) throw invalid(`The package is used by ${inUse} server(s); send force: true to delete it anyway.`);
    ctx.store.packages.delete(pkg.id);
    return noContent();
  },

  'GET /media/templates/fromServerPackageSpec/{serverPackageId}': (ctx) => {
    const pkg = requirePackage(ctx, 'serverPackageId');
    return ok({ data: presentTemplateGroups(ctx.store, pkg.templateIds) });
  },

  'GET /media/iso/{isoId}': (ctx) => {
    const iso = ctx.store.isos.get(idParam(ctx, 'isoId'));
    if (iso === undefined) throw notFound('iso not found');
    return ok({ data: presentIso(iso) });
  },

  'GET /dns/services/{serviceId}': (ctx) => {
    const service = ctx.store.dnsServices.get(idParam(ctx, 'serviceId'));
    if (service === undefined) throw notFound('dns service not found');
    return ok({ data: presentDnsService(service) });
  },

  'GET /backups/server/{serverId}': (ctx) => {
    const server = requireServer(ctx);
    return ok({ data: [...ctx.store.backups.values()].filter((b) => b.serverId === server.id).map(presentBackup) });
  },

  'GET /queue/{queueId}': (ctx) => {
    const item = ctx.store.queue.get(idParam(ctx, 'queueId'));
    if (item === undefined) throw notFound('queue item not found');
    return ok({ data: presentQueueItem(item, ctx.now) });
  },
} satisfies Partial<Record<Route, Handler>>;
