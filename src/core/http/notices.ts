import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { parseQuery } from './input.ts';

/**
 * The sentence a page shows after a redirect ("Der Nutzer ist gesperrt …"), named in the address by
 * a code. Pages used to turn the code into the sentence each in its own way; here each page's codes
 * and German sentences are declared once, the redirect can only name a declared code (it is typed),
 * and the next page reads it back. English comes, as for every text of a page, from the catalogue
 * in core/i18n: the sentence is the key, so it must stay exactly as it is.
 *
 * Two ways the address carries it, both kept as the links have always been:
 *   - `?hinweis=<code>` (most pages);
 *   - a flag per code, `?<code>=1` (`gesendet=1`, `aktiviert=1`, …).
 * The back office speaks German only (`germanOnly`).
 * A sentence may need a value only the page knows (the insurer's brand, a count): then it is a
 * function of that value.
 */
type Text<V> = string | ((values: V) => string);

export interface Notices<C extends string, V> {
  readonly page: string;
  readonly codes: readonly C[];
  /** The sentence the request's address names for this page; undefined for none or a code not declared. */
  read(request: FastifyRequest, ...values: V extends void ? [] : [V]): string | undefined;
  /** The code the request's address names, when it is one of this page's. */
  code(request: FastifyRequest): C | undefined;
  /** `path` with `code` for the next page, after its own query if it has one. */
  after(path: string, code: C): string;
  /** The sentence of a code (for a page that shows it without a redirect). */
  text(code: C, ...values: V extends void ? [] : [V]): string;
}

/** Every page's notices, by page: a test reads them all to check each sentence has its English. */
export const noticeRegistry = new Map<string, { codes: readonly string[]; text(code: string, values: unknown): string; sample?: unknown; germanOnly?: boolean }>();

export function defineNotices<C extends string, V = void>(
  page: string,
  texts: Record<C, Text<V>>,
  options: { flags?: boolean; sample?: V; germanOnly?: boolean } = {},
): Notices<C, V> {
  const codes = Object.keys(texts) as C[];
  const own = (code: string): code is C => Object.hasOwn(texts, code);
  const text = (code: C, values: V) => {
    const t: Text<V> = texts[code];
    return typeof t === 'function' ? t(values) : t;
  };
  const hinweis = z.string().refine(own);
  const readCode = (request: FastifyRequest): C | undefined => {
    if (options.flags) {
      const fields = Object.fromEntries(codes.map((c) => [c, z.literal('1')]));
      const given = parseQuery(request, fields);
      return codes.find((c) => given[c] === '1');
    }
    const code = parseQuery(request, { hinweis }).hinweis;
    return code !== undefined && own(code) ? code : undefined;
  };
  noticeRegistry.set(page, { codes, text: (code, values) => text(code as C, values as V), sample: options.sample, germanOnly: options.germanOnly });
  return {
    page,
    codes,
    code: readCode,
    read(request, ...values) {
      const code = readCode(request);
      return code === undefined ? undefined : text(code, values[0] as V);
    },
    after(path, code) {
      const sep = path.includes('?') ? '&' : '?';
      return options.flags ? `${path}${sep}${code}=1` : `${path}${sep}hinweis=${encodeURIComponent(code)}`;
    },
    text: (code, ...values) => text(code, values[0] as V),
  };
}
