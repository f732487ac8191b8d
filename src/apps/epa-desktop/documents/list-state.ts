import type { FastifyRequest } from 'fastify';
import type { DocumentListQuery } from '../record-api.ts';

/** The columns of the table that sort, by their parameter (the record API's names). */
export const SORT_COLUMNS = [
  { sort: 'typ', label: 'Typ', first: 'asc' },
  { sort: 'titel', label: 'Titel', first: 'asc' },
  { sort: 'autor', label: 'Autor', first: 'asc' },
  { sort: 'zugriffe', label: 'Zugriffe', first: 'desc' },
  { sort: 'erstelldatum', label: 'Erstelldatum', first: 'desc' },
] as const;

export type SortColumn = (typeof SORT_COLUMNS)[number]['sort'];
export type Direction = 'asc' | 'desc';

/**
 * What the list shows, as its address says: the search, the filters, the sort and the page
 * (`/epa/dokumente?q=&typ=&von=&bis=&autor=&sort=&dir=&seite=`). The record API checks the search
 * and the filters and names a wrong one; a sort or page the table does not offer is the default.
 */
export interface ListState {
  q: string;
  typ: string;
  von: string;
  bis: string;
  autor: string;
  sort: SortColumn;
  dir: Direction;
  seite: number;
}

export const DEFAULT_STATE: ListState = { q: '', typ: '', von: '', bis: '', autor: '', sort: 'erstelldatum', dir: 'desc', seite: 1 };

function one(value: unknown, max: number): string {
  const text = Array.isArray(value) ? value[0] : value;
  return typeof text === 'string' ? text.slice(0, max) : '';
}

export function listState(query: unknown): ListState {
  const q = (query ?? {}) as Record<string, unknown>;
  const column = SORT_COLUMNS.find((c) => c.sort === one(q.sort, 20));
  const dir = one(q.dir, 4);
  const seite = Number(one(q.seite, 6));
  return {
    q: one(q.q, 300).trim(),
    typ: one(q.typ, 20),
    von: one(q.von, 20),
    bis: one(q.bis, 20),
    autor: one(q.autor, 300),
    sort: column?.sort ?? DEFAULT_STATE.sort,
    dir: dir === 'asc' || dir === 'desc' ? dir : column ? column.first : DEFAULT_STATE.dir,
    seite: Number.isInteger(seite) && seite >= 1 ? seite : 1,
  };
}

export function stateOf(request: FastifyRequest): ListState {
  return listState(request.query);
}

/** The state as the record API's query. */
export function apiQuery(state: ListState): DocumentListQuery {
  return { q: state.q, typ: state.typ, von: state.von, bis: state.bis, autor: state.autor, sort: state.sort, dir: state.dir, page: state.seite };
}

/** The list's address for a state: only what differs from the default, in a fixed order. */
export function listHref(state: ListState, changes: Partial<ListState> = {}, path = '/epa/dokumente'): string {
  const next = { ...state, ...changes };
  const params = new URLSearchParams();
  for (const key of ['q', 'typ', 'von', 'bis', 'autor', 'sort', 'dir', 'seite'] as const) {
    const value = String(next[key]);
    if (value !== '' && value !== String(DEFAULT_STATE[key])) params.set(key, value);
  }
  // a sort named keeps its direction even when that is the default's
  if (next.sort !== DEFAULT_STATE.sort && !params.has('dir')) params.set('dir', next.dir);
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

/** A column head's link: the same column turns the direction, another starts with its own first direction, both on page 1. */
export function sortHref(state: ListState, column: (typeof SORT_COLUMNS)[number]): string {
  const dir: Direction = state.sort === column.sort ? (state.dir === 'asc' ? 'desc' : 'asc') : column.first;
  return listHref(state, { sort: column.sort, dir, seite: 1 });
}

/** Whether a search or filter narrows the list. */
export function isNarrowed(state: ListState): boolean {
  return Boolean(state.q || state.typ || state.von || state.bis || state.autor);
}

/** The filter panel's fields are set. */
export function isFiltered(state: ListState): boolean {
  return Boolean(state.typ || state.von || state.bis || state.autor);
}
