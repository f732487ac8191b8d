import { AsyncLocalStorage } from 'node:async_hooks';

export type Locale = 'de' | 'en';
export const LOCALES: readonly Locale[] = ['de', 'en'];

/** The browser's choice from the language switch, kept for the browser session. */
export const LOCALE_COOKIE = 'sprache';

export function isLocale(value: unknown): value is Locale {
  return value === 'de' || value === 'en';
}

/**
 * The language of a request: the one chosen with the switch, else the first of German or English
 * in Accept-Language by its weight, else German (the portals' first language).
 */
export function negotiateLocale(chosen: string | undefined, acceptLanguage: string | undefined): Locale {
  if (isLocale(chosen)) return chosen;
  const offers = String(acceptLanguage ?? '')
    .split(',')
    .map((part, i) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim().match(/^q=([0-9.]+)$/)).find(Boolean);
      return { lang: tag.trim().toLowerCase().split('-')[0]!, q: q ? Number(q[1]) : 1, i };
    })
    .filter((o) => o.q > 0 && isLocale(o.lang))
    .sort((a, b) => b.q - a.q || a.i - b.i);
  return (offers[0]?.lang as Locale | undefined) ?? 'de';
}

/** What a page being rendered may ask about its request without each route handing it down. */
export interface PageContext {
  locale: Locale;
  /** path and query of the request, for the switch's way back */
  path: string;
  /** false where the pages stay German whatever was chosen (the insurer's back office) */
  switchable: boolean;
}

export const pageContext = new AsyncLocalStorage<PageContext>();

export function currentPage(): PageContext | undefined {
  return pageContext.getStore();
}
