import { queryInteger, type Query } from './query';

/** Laravel's length-aware paginator, as the panel serialises it. */
export interface PaginatorPage {
  current_page: number;
  data: unknown[];
  first_page_url: string;
  from: number | null;
  last_page: number;
  last_page_url: string;
  links: { url: string | null; label: string; active: boolean }[];
  next_page_url: string | null;
  path: string;
  per_page: number;
  prev_page_url: string | null;
  to: number | null;
  total: number;
}

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 200;
const ON_EACH_SIDE = 3;

/** Page numbers to show, with `null` for Laravel's "..." gaps (its UrlWindow). */
function pageWindow(current: number, last: number): (number | null)[] {
  const range = (from: number, to: number): number[] => Array.from({ length: Math.max(0, to - from + 1) }, (_, i) => from + i);
  if (last < ON_EACH_SIDE * 2 + 8) return range(1, last);
  const window = ON_EACH_SIDE + 4;
  if (current <= window) return [...range(1, window + ON_EACH_SIDE), null, last - 1, last];
  if (current > last - window) return [1, 2, null, ...range(last - (window + (ON_EACH_SIDE - 1)), last)];
  return [1, 2, null, ...range(current - ON_EACH_SIDE, current + ON_EACH_SIDE), null, last - 1, last];
}

/**
 * Cuts one page out of `items` as the panel does, reading `results` (1-200, default 20) and
 * `page` (from 1) from the query; out-of-range values are a 422. The `*_url` fields are built on
 * `path`, the emulator's own address for the route.
 */
export function paginate<T>(items: readonly T[], query: Query, path: string, present: (item: T) => unknown): PaginatorPage {
  const perPage = queryInteger(query, 'results', 1, MAX_PAGE_SIZE) ?? DEFAULT_PAGE_SIZE;
  const current = queryInteger(query, 'page', 1, Number.MAX_SAFE_INTEGER) ?? 1;
  const total = items.length;
  const last = Math.max(1, Math.ceil(total / perPage));
  const offset = (current - 1) * perPage;
  const slice = offset < total ? items.slice(offset, offset + perPage) : [];
  const url = (page: number): string => `${path}?results=${perPage}&page=${page}`;
  const links: PaginatorPage['links'] = [{ url: current > 1 ? url(current - 1) : null, label: '&laquo; Previous', active: false }];
  for (const page of pageWindow(current, last)) {
    links.push(page === null ? { url: null, label: '...', active: false } : { url: url(page), label: String(page), active: page === current });
  }
  links.push({ url: current < last ? url(current + 1) : null, label: 'Next &raquo;', active: false });
  return {
    current_page: current,
    data: slice.map(present),
    first_page_url: url(1),
    from: slice.length > 0 ? offset + 1 : null,
    last_page: last,
    last_page_url: url(last),
    links,
    next_page_url: current < last ? url(current + 1) : null,
    path,
    per_page: perPage,
    prev_page_url: current > 1 ? url(current - 1) : null,
    to: slice.length > 0 ? offset + slice.length : null,
    total,
  };
}
