import type { EpaProtocolKind } from '../../../core/db/epa-records-schema.ts';
import { isProtocolKind } from '../../../modules/epa-protocol/actions.ts';
import type { ProtocolQuery } from '../record-api.ts';

/** What the Protokoll shows, as its address says: `/epa/protokoll?von=&bis=&art=&seite=`. */
export interface ProtocolState {
  /** YYYY-MM-DD as typed; the record service checks it and names a wrong one */
  von: string;
  bis: string;
  art: EpaProtocolKind | '';
  seite: number;
}

function one(value: unknown, max: number): string {
  const text = Array.isArray(value) ? value[0] : value;
  return typeof text === 'string' ? text.slice(0, max) : '';
}

/** The state of a request's query; a kind or page the screen does not offer is the default. */
export function protocolState(query: unknown): ProtocolState {
  const q = (query ?? {}) as Record<string, unknown>;
  const art = one(q.art, 20);
  const seite = Number(one(q.seite, 6));
  return { von: one(q.von, 20), bis: one(q.bis, 20), art: isProtocolKind(art) ? art : '', seite: Number.isInteger(seite) && seite > 0 ? seite : 1 };
}

/** The record API's query for the state. */
export function protocolQuery(state: ProtocolState): ProtocolQuery {
  return { von: state.von || undefined, bis: state.bis || undefined, art: state.art || undefined, page: state.seite };
}

/** The address of the state with `change`, at `path` (the page, or its PDF, which takes no page). */
export function protocolHref(state: ProtocolState, change: Partial<ProtocolState> = {}, path = '/epa/protokoll'): string {
  const next = { ...state, ...change };
  const params = new URLSearchParams();
  if (next.von) params.set('von', next.von);
  if (next.bis) params.set('bis', next.bis);
  if (next.art) params.set('art', next.art);
  if (next.seite > 1 && path === '/epa/protokoll') params.set('seite', String(next.seite));
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}
