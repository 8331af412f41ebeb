// The operations of an OpenAPI document, in document order, as every generator and check walks them.

/** The HTTP methods the panel's API uses, in the order routes of one path are listed. */
export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch'];

/** Each operation of `document`: `{ path, item, method, op, route }`, with `route` as `GET /path`. */
export function* operationsOf(document, methods = HTTP_METHODS) {
  for (const [path, item] of Object.entries(document.paths ?? {})) {
    for (const method of methods) {
      const op = item?.[method];
      if (op) yield { path, item, method, op, route: `${method.toUpperCase()} ${path}` };
    }
  }
}
