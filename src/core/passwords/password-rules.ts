/**
 * Password rules of SPEC §2 "Accounts": 12 to 128 characters, not a common
 * password, not the user's own e-mail address. Pure and synchronous, so the
 * same function backs the form's error message and the server-side check.
 * The password is never trimmed, truncated or normalised here: what the user
 * typed is what gets hashed.
 */
import { dictionary as common } from '@zxcvbn-ts/language-common';

export const PASSWORD_CODES = [
  'password.required',
  'password.too_short',
  'password.too_long',
  'password.blocklisted',
  'password.contains_email',
] as const;

export type PasswordCode = (typeof PASSWORD_CODES)[number];
export type PasswordResult = { ok: true } | { ok: false; code: PasswordCode };

export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 128;

/**
 * Code points, not UTF-16 units, so an emoji counts as one character as the
 * user sees it. Stops counting past `limit`: a megabyte-long input costs no
 * more than a 129-character one.
 */
function codePointsUpTo(s: string, limit: number): number {
  let n = 0;
  for (const _ of s) if (++n > limit) break;
  return n;
}

let blocklist: Set<string> | undefined;

// language-de ships only dictionary words and names, no password list, so the
// blocklist is the common list (about 49,000 leaked passwords). Some builds of
// the package ship the list as one comma-separated string, hence both shapes.
function loadBlocklist(): Set<string> {
  if (!blocklist) {
    const raw: unknown = common.passwords;
    const words = typeof raw === 'string' ? raw.split(',') : (raw as string[]);
    blocklist = new Set(words.filter((w) => w !== '').map((w) => w.toLowerCase()));
  }
  return blocklist;
}

export function blocklistSize(): number {
  return loadBlocklist().size;
}

// "Passwort1234!" is the listed word "passwort" with a decoration users add to
// pass length rules; stripping trailing digits, punctuation and symbols finds it.
const TRAILING_DECORATION = /[\p{Nd}\p{P}\p{S}\s]+$/u;

function isBlocklisted(password: string): boolean {
  const list = loadBlocklist();
  const lower = password.toLowerCase();
  if (list.has(lower)) return true;
  const base = lower.replace(TRAILING_DECORATION, '');
  return base !== '' && base !== lower && list.has(base);
}

/**
 * Equal to the address or its local part, containing the whole address, or
 * containing a local part of at least four characters (shorter ones such as
 * "ab" occur in too many good passwords by chance).
 */
function containsEmail(password: string, email: string): boolean {
  const address = email.trim().toLowerCase();
  if (address === '') return false;
  const at = address.lastIndexOf('@');
  const local = at > 0 ? address.slice(0, at) : address;
  const pw = password.toLowerCase();
  if (pw === address || pw === local || pw.includes(address)) return true;
  return codePointsUpTo(local, 4) >= 4 && pw.includes(local);
}

/**
 * Checks run in the order of the codes above; the first failing rule wins.
 * Length comes before the list lookup so the suffix regex and the Set lookup
 * only ever see at most 128 code points, whatever size of input arrives.
 */
export function checkPassword(password: string, email: string): PasswordResult {
  if (typeof password !== 'string' || password === '') return { ok: false, code: 'password.required' };
  const length = codePointsUpTo(password, PASSWORD_MAX);
  if (length < PASSWORD_MIN) return { ok: false, code: 'password.too_short' };
  if (length > PASSWORD_MAX) return { ok: false, code: 'password.too_long' };
  if (isBlocklisted(password)) return { ok: false, code: 'password.blocklisted' };
  if (typeof email === 'string' && containsEmail(password, email)) return { ok: false, code: 'password.contains_email' };
  return { ok: true };
}
