import { AppError, type Checked } from '../errors/app-error.ts';

/** A parsed urlencoded body: only plain strings, everything else is a malformed request. */
export type FormBody = Record<string, string>;

const MAX_FIELDS = 50;

export function formBody(body: unknown): FormBody {
  if (body === undefined || body === null) return {};
  if (typeof body !== 'object' || Array.isArray(body)) throw new AppError('request.malformed', 400);
  const entries = Object.entries(body as Record<string, unknown>);
  if (entries.length > MAX_FIELDS) throw new AppError('request.malformed', 400);
  const out: FormBody = {};
  for (const [key, value] of entries) {
    if (typeof value !== 'string') throw new AppError('request.malformed', 400);
    out[key] = value;
  }
  return out;
}

/**
 * Control, bidi-override and other invisible format characters: no field of a portal takes them (a NUL
 * would not even reach the database, which refuses it in text). A multi-line field keeps its own tab,
 * CR and LF; a single-line field takes none of them either.
 */
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Co}\p{Cs}\u2028\u2029]/u;
export function hasInvisibleChars(text: string, options: { multiline?: boolean } = {}): boolean {
  return INVISIBLE.test(options.multiline ? text.replace(/[\t\r\n]/g, ' ') : text);
}

/** Trims, normalises to NFC and refuses control characters; returns the field code on failure. */
export function textField(
  value: string | undefined,
  options: { max: number; required?: boolean },
): Checked<string, 'field.required' | 'field.too_long' | 'field.invalid_chars'> {
  const v = (value ?? '').normalize('NFC').trim();
  if (!v) return options.required === false ? { ok: true, value: '' } : { ok: false, code: 'field.required' };
  if ([...v].length > options.max) return { ok: false, code: 'field.too_long' };
  if (hasInvisibleChars(v)) return { ok: false, code: 'field.invalid_chars' };
  return { ok: true, value: v };
}

/**
 * A multi-line text (a description, a reason): line breaks and tabs are kept (CRLF and CR become LF),
 * every other rule of `textField` holds; the limit counts characters as `textField` does.
 */
export function linesField(value: string | undefined, options: { max: number; required?: boolean }): Checked<string, 'field.required' | 'field.too_long' | 'field.invalid_chars'> {
  const text = (value ?? '').replace(/\r\n?/g, '\n');
  const checked = textField(text.replace(/[\n\t]/g, ' '), options);
  return checked.ok ? { ok: true, value: text.normalize('NFC').trim() } : checked;
}

/** Deliberately plain: one @, no spaces, a dot in the domain, at most 254 characters. */
export function emailField(value: string | undefined): Checked<string, 'field.required' | 'field.too_long' | 'field.invalid_chars' | 'email.invalid'> {
  const v = (value ?? '').trim();
  if (!v) return { ok: false, code: 'field.required' };
  if (v.length > 254) return { ok: false, code: 'field.too_long' };
  if (hasInvisibleChars(v)) return { ok: false, code: 'field.invalid_chars' };
  if (!/^[^\s@<>()[\]\\,;:"]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?)+$/.test(v)) {
    return { ok: false, code: 'email.invalid' };
  }
  return { ok: true, value: v };
}

/** Longest return target kept; a longer one is not a page of ours. */
const MAX_RETURN_PATH = 2000;

/**
 * A return target taken from the request (`weiter` and the like), used for a redirect. Only a local
 * path passes: one leading "/" (not "//" or "/\", which browsers read as another host), no scheme, only
 * visible ASCII (no control characters, which would break the Location header, no spaces, no
 * backslashes). Anything else gives the fallback, never an error: the user lands on the portal start.
 */
export function localReturnPath(value: unknown, fallback: string): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_RETURN_PATH) return fallback;
  if (!/^\/(?![/\\])[\x21-\x7e]*$/.test(value) || value.includes('\\')) return fallback;
  // the browser's own reading must agree: same origin, same path
  try {
    const base = 'http://pforte.invalid';
    const url = new URL(value, base);
    if (url.origin !== base) return fallback;
  } catch {
    return fallback;
  }
  return value;
}
