import type { Route, RouteOperations } from '../generated/operations';
import type { CallOptions } from './middleware';

type Operation<R extends Route> = RouteOperations[R];
type Parameters_<R extends Route> = Operation<R> extends { parameters: infer P } ? P : never;

type Part<P, K extends string, As extends string> = K extends keyof P
  ? [Exclude<P[K], undefined>] extends [never]
    ? { [k in As]?: never }
    : {} extends Pick<P, K>
      ? { [k in As]?: Exclude<P[K], undefined> }
      : { [k in As]: P[K] }
  : { [k in As]?: never };

/** The JSON body an operation takes. */
export type RequestBody<R extends Route> = Operation<R> extends { requestBody?: infer B }
  ? [Exclude<B, undefined>] extends [never]
    ? never
    : Exclude<B, undefined> extends { content: { 'application/json': infer J } }
      ? J
      : never
  : never;

type BodyPart<R extends Route> = [RequestBody<R>] extends [never]
  ? { body?: never }
  : {} extends Pick<Operation<R>, 'requestBody' & keyof Operation<R>>
    ? { body?: RequestBody<R> }
    : { body: RequestBody<R> };

/** Path parameters of an operation, e.g. `{ serverId: number }`. */
export type PathParams<R extends Route> = Exclude<Parameters_<R> extends { path?: infer P } ? P : never, undefined>;
/** Query parameters of an operation. Arrays are sent PHP-style (`name[]=1&name[]=2`). */
export type QueryParams<R extends Route> = Exclude<Parameters_<R> extends { query?: infer Q } ? Q : never, undefined>;

/** Options of `vf.request(route, options)`: parameters and body typed by the route, plus call controls. */
export type RequestOptions<R extends Route> = Part<Parameters_<R>, 'path', 'path'> &
  Part<Parameters_<R>, 'query', 'query'> &
  BodyPart<R> &
  CallOptions;

type SuccessStatus = 200 | 201 | 202 | 203 | 204 | 205 | 206;

/** What `vf.request(route)` resolves to: the parsed JSON of any success answer, or undefined when empty. */
export type ResponseBody<R extends Route> = Operation<R> extends { responses: infer Responses }
  ? {
      [S in keyof Responses]: S extends SuccessStatus
        ? Responses[S] extends { content: { 'application/json': infer J } }
          ? J
          : undefined
        : never;
    }[keyof Responses]
  : never;

/** The arguments after the route: optional when the route needs no parameters or body. */
export type RequestArgs<R extends Route> = {} extends RequestOptions<R>
  ? [options?: RequestOptions<R>]
  : [options: RequestOptions<R>];
