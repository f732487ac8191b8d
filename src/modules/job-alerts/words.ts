import { kindLabel } from '../job-search/service.ts';

/** "Was: Pflege · Wo: 20095 · Umkreis: 25 km": a saved search in words. */
export function querySummary(query: Record<string, string>): string {
  const parts: string[] = [];
  if (query.was) parts.push(`Was: ${query.was}`);
  if (query.wo) parts.push(`Wo: ${query.wo}`);
  if (query.wo) parts.push(`Umkreis: ${query.umkreis === 'bundesweit' ? 'bundesweit' : `${query.umkreis || '25'} km`}`);
  if (query.art) parts.push(`Art: ${kindLabel(query.art)}`);
  if (query.beginn) parts.push(`Beginn ab: ${query.beginn}`);
  return parts.length ? parts.join(' · ') : 'Alle Stellenangebote';
}

/** A Suchauftrag's name, or its search in words where it has none. */
export function alertTitle(alert: { name: string | null; query: Record<string, string> }): string {
  return alert.name || querySummary(alert.query);
}

/** The search page's address for a saved search. */
export function searchPath(base: string, query: Record<string, string>): string {
  const params = new URLSearchParams(query).toString();
  return `${base}/suche${params ? `?${params}` : ''}`;
}
