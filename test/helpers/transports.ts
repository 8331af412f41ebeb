import { fetchTransport, kyTransport, type FetchLike, type VirtFusionOptions } from '../../src/index';

/**
 * The transports the request-core tests run over: the `fetch` shorthand (ky, the default) and
 * `fetchTransport()`. `connect(fetch)` gives the client options that send through `fetch`
 * (the global fetch when undefined).
 */
export const TRANSPORTS: { name: string; connect: (fetch?: FetchLike) => Pick<VirtFusionOptions, 'fetch' | 'transport'> }[] = [
  { name: 'default transport (ky, `fetch` shorthand)', connect: (fetch) => (fetch === undefined ? {} : { fetch }) },
  { name: 'kyTransport()', connect: (fetch) => ({ transport: kyTransport({ fetch }) }) },
  { name: 'fetchTransport()', connect: (fetch) => ({ transport: fetchTransport({ fetch }) }) },
];
