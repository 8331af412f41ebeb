import { AbortError, InputValidationError } from '../core/errors';

/** One page of a paged list, with the paginator's numbers in camelCase. */
export interface Page<T> {
  data: T[];
  currentPage: number;
  lastPage: number;
  perPage: number;
  total: number;
}

/** Fetches page `page` with `perPage` rows (undefined: the panel's default). */
export type PageFetcher<T> = (page: number, perPage: number | undefined, signal: AbortSignal | undefined) => Promise<Page<T>>;

/** The largest page the panel serves, and what iteration asks for (the fewest requests). */
export const MAX_PAGE_SIZE = 200;

/** How a {@link PagePromise} pages: the caller's page size and signal. */
export interface PagePromiseOptions {
  /** Rows per page the caller asked for; iteration uses it too when given. */
  perPage: number | undefined;
  signal: AbortSignal | undefined;
}

/**
 * A paged list. `await` it for the first page; `for await` over it for every item across every
 * page, fetched one page at a time; `.pages()` for the pages; `.toArray({ limit })` for a capped
 * array. Nothing is requested until one of those is used.
 *
 * @example
 * ```ts
 * const first = await vf.servers.list();            // { data, currentPage, lastPage, perPage, total }
 * for await (const server of vf.servers.list()) {    // every server, 200 per request
 *   if (server.suspended) break;                     // no further page is fetched
 * }
 * const some = await vf.servers.list().toArray({ limit: 500 });
 * ```
 */
export class PagePromise<T> implements PromiseLike<Page<T>>, AsyncIterable<T> {
  readonly #fetch: PageFetcher<T>;
  readonly #options: PagePromiseOptions;
  #first: Promise<Page<T>> | undefined;

  constructor(fetch: PageFetcher<T>, options: PagePromiseOptions) {
    this.#fetch = fetch;
    this.#options = options;
  }

  // biome-ignore lint/suspicious/noThenProperty: a PagePromise is awaitable by design.
  then<A = Page<T>, B = never>(
    onFulfilled?: ((page: Page<T>) => A | PromiseLike<A>) | null,
    onRejected?: ((reason: unknown) => B | PromiseLike<B>) | null,
  ): Promise<A | B> {
    this.#first ??= this.#fetch(1, this.#options.perPage, this.#options.signal);
    return this.#first.then(onFulfilled, onRejected);
  }

  catch<B = never>(onRejected?: ((reason: unknown) => B | PromiseLike<B>) | null): Promise<Page<T> | B> {
    return this.then(undefined, onRejected);
  }

  finally(onFinally?: (() => void) | null): Promise<Page<T>> {
    return this.then().finally(onFinally);
  }

  /** Every page in order, each requested only when the previous one has been consumed. */
  async *pages(): AsyncGenerator<Page<T>, void, undefined> {
    const perPage = this.#options.perPage ?? MAX_PAGE_SIZE;
    const signal = this.#options.signal;
    // `page` lives outside the loop so that it can be let go before the next fetch: a generator may
    // otherwise keep the last value of a block's binding, and with it a whole page, while it waits.
    let page: Page<T> | undefined;
    for (let number = 1; ; ) {
      if (signal?.aborted) throw new AbortError({ message: 'Paging was aborted by the caller.', cause: signal.reason });
      page = undefined;
      page = await this.#fetch(number, perPage, signal);
      const last = page.data.length === 0 || page.currentPage >= page.lastPage;
      number = page.currentPage + 1;
      yield page;
      if (last) return;
    }
  }

  /**
   * Every item across every page. Written out rather than as `yield*` in an async generator, which
   * costs several promises an item: on a long walk that garbage keeps each page alive through more
   * collections, and the heap grows with it.
   */
  [Symbol.asyncIterator](): AsyncIterator<T, void, undefined> {
    const perPage = this.#options.perPage ?? MAX_PAGE_SIZE;
    const signal = this.#options.signal;
    let items: readonly T[] = [];
    let index = 0;
    let number: number | undefined = 1;
    const nextPage = async (): Promise<IteratorResult<T, void>> => {
      // The page just walked is let go before the next one is fetched: holding both doubles what each collection copies.
      items = [];
      index = 0;
      while (number !== undefined) {
        if (signal?.aborted) throw new AbortError({ message: 'Paging was aborted by the caller.', cause: signal.reason });
        const page = await this.#fetch(number, perPage, signal);
        number = page.data.length === 0 || page.currentPage >= page.lastPage ? undefined : page.currentPage + 1;
        if (page.data.length > 0) {
          items = page.data;
          return { value: items[index++] as T, done: false };
        }
      }
      return { value: undefined, done: true };
    };
    return {
      next: () => (index < items.length ? Promise.resolve({ value: items[index++] as T, done: false }) : nextPage()),
      return: async () => {
        items = [];
        number = undefined;
        return { value: undefined, done: true };
      },
    };
  }

  /** Collects items across pages, stopping at `limit`. The cap is required: lists can be large. */
  async toArray(options: { limit: number }): Promise<T[]> {
    const limit = options?.limit;
    if (typeof limit !== 'number' || !Number.isSafeInteger(limit) || limit < 1) {
      throw new InputValidationError({
        issues: [{ path: ['limit'], message: `must be a positive integer, got ${JSON.stringify(limit)}` }],
        message: 'toArray({ limit }) needs a positive integer cap; iterate with for await to walk a list of any size.',
      });
    }
    const items: T[] = [];
    for await (const item of this) {
      items.push(item);
      if (items.length >= limit) break;
    }
    return items;
  }
}

/** The Laravel paginator fields a page answer carries. */
export interface LaravelPage<T> {
  current_page: number;
  data: T[];
  last_page: number;
  per_page: number | string;
  total: number;
}

/** Converts the panel's paginator to a {@link Page}. */
export function toPage<T>(answer: LaravelPage<T>): Page<T> {
  return {
    data: answer.data,
    currentPage: answer.current_page,
    lastPage: answer.last_page,
    perPage: Number(answer.per_page),
    total: answer.total,
  };
}
