/**
 * Set in `ctx.state` of a `vf.raw` call: the path it was given (a template or a literal path), for
 * middleware that needs a route's shape, such as the cache's invalidation scope.
 */
export const RAW_PATH = Symbol.for('virtfusion-sdk.rawPath');
