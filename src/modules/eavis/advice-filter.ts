import { checkIk } from '../../core/identifiers/checks.ts';
import type { FieldErrors } from '../../core/errors/app-error.ts';
import { parseDay, parseMoney } from './days-and-money.ts';

export const ADVICE_PAGE_SIZE = 20;

export interface AdviceFilter {
  box: 'neu' | 'archiv';
  ik?: string;
  from?: string;
  to?: string;
  minCents?: number;
  maxCents?: number;
  page: number;
}

/**
 * The list filter from a query string (Neu / Archiv, IK, Zeitraum von/bis, Betrag von/bis).
 * Returns the filter and the raw values to show again, plus field problems: an IK that is
 * not one of `allowedIks`, a day that is none, an amount that is none, from after to.
 */
export function parseAdviceFilter(query: Record<string, unknown>, allowedIks: string[] | null) {
  const s = (k: string, max = 40) => (typeof query[k] === 'string' ? (query[k] as string).trim().slice(0, max) : '');
  const values = { box: s('box') === 'archiv' ? 'archiv' : 'neu', ik: s('ik', 9), von: s('von', 10), bis: s('bis', 10), betragVon: s('betragVon', 20), betragBis: s('betragBis', 20) };
  const errors: FieldErrors = {};
  const filter: AdviceFilter = { box: values.box as 'neu' | 'archiv', page: Math.min(10_000, Math.max(1, Number.parseInt(s('seite', 6) || '1', 10) || 1)) };
  if (values.ik) {
    const ik = checkIk(values.ik);
    if (!ik.ok) errors.ik = ik.code;
    else if (allowedIks && !allowedIks.includes(ik.value)) errors.ik = 'eavis.filter_ik';
    else filter.ik = ik.value;
  }
  for (const [key, target] of [['von', 'from'], ['bis', 'to']] as const) {
    if (!values[key]) continue;
    const d = parseDay(values[key]);
    if (d) filter[target] = d;
    else errors[key] = 'eavis.date_invalid';
  }
  if (filter.from && filter.to && filter.from > filter.to) errors.bis = 'eavis.filter_range';
  for (const [key, target] of [['betragVon', 'minCents'], ['betragBis', 'maxCents']] as const) {
    if (!values[key]) continue;
    const m = parseMoney(values[key]);
    if (m.ok) filter[target] = m.cents;
    else errors[key] = m.code;
  }
  if (filter.minCents !== undefined && filter.maxCents !== undefined && filter.minCents > filter.maxCents) errors.betragBis = 'eavis.filter_range';
  return { filter, values, errors };
}
