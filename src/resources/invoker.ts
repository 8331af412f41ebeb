import type { CallOptions } from '../core/middleware';
import type { RequestOptions, ResponseBody } from '../core/request-types';
import type { Route } from '../generated/operations';

/** How answers are checked against the response schemas: throw, log a warning, or not at all. */
export type ValidateMode = 'strict' | 'warn' | 'off';

/** Options every resource method takes as its last argument. */
export interface ResourceCallOptions extends CallOptions {
  /** Overrides the client's `validate` for this call. */
  validate?: ValidateMode | undefined;
}

/** What resource namespaces need from the client. Internal: not part of the public API. */
export interface Invoker {
  /** Sends one operation and returns its checked body. */
  call<R extends Route>(route: R, options: RequestOptions<R> & { validate?: ValidateMode | undefined }): Promise<ResponseBody<R>>;
  /** The panel origin, for URLs users open in a browser. */
  readonly panelOrigin: string;
}

/** The `data` of an enveloped answer. */
export type DataOf<B> = B extends { data: infer D } ? D : never;
