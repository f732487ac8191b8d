/**
 * German identifiers: format, range and check-digit rules from
 * shared/IDENTIFIERS.md. Every check is pure and returns either the normalised
 * value or a stable code naming the first rule that failed. Rules run in the
 * order required → characters → length → format/range/date → check digit, so
 * the message always points at the most basic thing to fix first.
 */

export const IDENTIFIER_CODES = [
  'betriebsnummer.required',
  'betriebsnummer.not_digits',
  'betriebsnummer.length',
  'betriebsnummer.range',
  'betriebsnummer.check_digit',
  'ik.required',
  'ik.not_digits',
  'ik.length',
  'ik.check_digit',
  'kvnr.required',
  'kvnr.characters',
  'kvnr.length',
  'kvnr.format',
  'kvnr.check_digit',
  'versicherungsnummer.required',
  'versicherungsnummer.characters',
  'versicherungsnummer.length',
  'versicherungsnummer.format',
  'versicherungsnummer.date',
  'versicherungsnummer.check_digit',
  'iban.required',
  'iban.characters',
  'iban.country',
  'iban.length',
  'iban.format',
  'iban.check_digit',
  'plz.required',
  'plz.not_digits',
  'plz.length',
  'plz.range',
] as const;

export type IdentifierCode = (typeof IDENTIFIER_CODES)[number];

export type CheckResult = { ok: true; value: string } | { ok: false; code: IdentifierCode };

type Input = string | null | undefined;

const fail = (code: IdentifierCode): CheckResult => ({ ok: false, code });
const pass = (value: string): CheckResult => ({ ok: true, value });

// Plain character classes without the u flag: \d and [A-Za-z] match ASCII
// only, so fullwidth digits, Arabic-Indic digits and umlauts are refused.
const DIGITS = /^[0-9]+$/;
const ALNUM = /^[A-Za-z0-9]+$/;

// Upper-casing happens only after the ASCII character check: toUpperCase maps
// 'ı' to 'I', 'ſ' to 'S' and 'ß' to 'SS', which would let non-ASCII input through.
const trimmed = (input: Input): string => (typeof input === 'string' ? input.trim() : '');

/** Quersumme of a product of two single digits (at most 81). */
const qs = (n: number): number => Math.floor(n / 10) + (n % 10);

const digitAt = (s: string, i: number): number => s.charCodeAt(i) - 48;

/** A=01 … Z=26, as the KVNR and Versicherungsnummer expand their letter. */
const letterAsDigits = (letter: string): string => String(letter.charCodeAt(0) - 64).padStart(2, '0');

/** Σ qs(digit × weight) mod 10, the scheme shared by all four DEÜV-style numbers. */
const weightedQs = (digits: string, weights: readonly number[]): number => {
  let sum = 0;
  for (let i = 0; i < weights.length; i++) sum += qs(digitAt(digits, i) * weights[i]!);
  return sum % 10;
};

export function checkBetriebsnummer(input: Input): CheckResult {
  const v = trimmed(input);
  if (v === '') return fail('betriebsnummer.required');
  if (!DIGITS.test(v)) return fail('betriebsnummer.not_digits');
  if (v.length !== 8) return fail('betriebsnummer.length');
  const prefix = Number(v.slice(0, 3));
  if (prefix === 0 || (prefix >= 100 && prefix <= 110)) return fail('betriebsnummer.range');
  const c = weightedQs(v, [1, 2, 1, 2, 1, 2, 1]);
  const last = digitAt(v, 7);
  // Gemeinsame Grundsätze 1.3.2.2 allow c and c + 5 alike.
  if (last !== c && last !== (c + 5) % 10) return fail('betriebsnummer.check_digit');
  return pass(v);
}

export function checkIk(input: Input): CheckResult {
  const v = trimmed(input);
  if (v === '') return fail('ik.required');
  if (!DIGITS.test(v)) return fail('ik.not_digits');
  if (v.length !== 9) return fail('ik.length');
  // Only digits 3–8 carry the check digit; the classification digits do not.
  // No range rule on the region: insurer IKs (10…) use region digits above 16.
  if (digitAt(v, 8) !== weightedQs(v.slice(2, 8), [2, 1, 2, 1, 2, 1])) return fail('ik.check_digit');
  return pass(v);
}

/**
 * Region digits 3–4 of an IK (01–16 federal states, 00 abroad; insurer IKs
 * use other values too). Throws on anything that is not nine digits, because
 * a silently wrong region would route a provider to the wrong AOK.
 */
export function ikRegion(ik: string): string {
  const v = trimmed(ik);
  if (!DIGITS.test(v) || v.length !== 9) throw new RangeError('ikRegion expects a 9-digit IK');
  return v.slice(2, 4);
}

export function checkKvnr(input: Input): CheckResult {
  const raw = trimmed(input);
  if (raw === '') return fail('kvnr.required');
  if (!ALNUM.test(raw)) return fail('kvnr.characters');
  if (raw.length !== 10) return fail('kvnr.length');
  const v = raw.toUpperCase();
  if (!/^[A-Z][0-9]{9}$/.test(v)) return fail('kvnr.format');
  const n = letterAsDigits(v[0]!) + v.slice(1, 9);
  if (digitAt(v, 9) !== weightedQs(n, [1, 2, 1, 2, 1, 2, 1, 2, 1, 2])) return fail('kvnr.check_digit');
  return pass(v);
}

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * TTMMJJ of a Versicherungsnummer. When the serial numbers of a birthday run
 * out, the day is raised by 32 or 64, and the 1st of a month also by 96
 * (DRV rules), so 33–63, 65–95 and 97 are plausible days too.
 */
function plausibleVsnrDate(ttmmjj: string): boolean {
  const tt = Number(ttmmjj.slice(0, 2));
  const mm = Number(ttmmjj.slice(2, 4));
  const jj = Number(ttmmjj.slice(4, 6));
  if (mm < 1 || mm > 12) return false;
  const day = tt === 97 ? 1 : tt > 64 ? tt - 64 : tt > 32 ? tt - 32 : tt;
  if (day < 1 || day > DAYS_IN_MONTH[mm - 1]!) return false;
  // The century is unknown; 29 February is plausible whenever 19JJ or 20JJ is a leap year.
  return !(mm === 2 && day === 29 && jj % 4 !== 0);
}

export function checkVersicherungsnummer(input: Input): CheckResult {
  const raw = trimmed(input);
  if (raw === '') return fail('versicherungsnummer.required');
  if (!ALNUM.test(raw)) return fail('versicherungsnummer.characters');
  if (raw.length !== 12) return fail('versicherungsnummer.length');
  const v = raw.toUpperCase();
  if (!/^[0-9]{8}[A-Z][0-9]{3}$/.test(v)) return fail('versicherungsnummer.format');
  if (!plausibleVsnrDate(v.slice(2, 8))) return fail('versicherungsnummer.date');
  const x = v.slice(0, 8) + letterAsDigits(v[8]!) + v.slice(9, 11);
  const c = weightedQs(x, [2, 1, 2, 5, 7, 1, 2, 1, 2, 1, 2, 1]);
  if (digitAt(v, 11) !== c) return fail('versicherungsnummer.check_digit');
  return pass(v);
}

/** ISO 13616 mod 97 over the rearranged IBAN, computed piecewise to stay in safe integers. */
function ibanMod97(iban: string): number {
  const rearranged = iban.slice(4) + iban.slice(0, 4);
  let rest = 0;
  for (const ch of rearranged) {
    const code = ch.charCodeAt(0);
    const value = code >= 65 ? code - 55 : code - 48;
    rest = (rest * (value >= 10 ? 100 : 10) + value) % 97;
  }
  return rest;
}

export function checkIban(input: Input): CheckResult {
  // Any whitespace, not only ' ': IBANs copied from PDFs carry no-break spaces.
  const raw = trimmed(input).replace(/\s+/g, '');
  if (raw === '') return fail('iban.required');
  if (!ALNUM.test(raw)) return fail('iban.characters');
  const v = raw.toUpperCase();
  // Country before length: a valid foreign IBAN should hear "only German", not "wrong length".
  if (!v.startsWith('DE')) return fail('iban.country');
  if (v.length !== 22) return fail('iban.length');
  if (!/^DE[0-9]{20}$/.test(v)) return fail('iban.format');
  if (ibanMod97(v) !== 1) return fail('iban.check_digit');
  return pass(v);
}

/**
 * Masked IBAN for display: country code, check digits and the last four
 * characters stay, every other character becomes '*', in groups of four, e.g.
 * DE89370400440532013000 → "DE89 **** **** **** **30 00". Input of eight
 * characters or fewer is masked entirely, so a fragment never shows in full.
 */
export function maskIban(iban: string): string {
  const v = trimmed(iban).replace(/\s+/g, '').toUpperCase();
  const chars = [...v];
  const masked = chars.length <= 8
    ? chars.map(() => '*')
    : chars.map((ch, i) => (i < 4 || i >= chars.length - 4 ? ch : '*'));
  const groups: string[] = [];
  for (let i = 0; i < masked.length; i += 4) groups.push(masked.slice(i, i + 4).join(''));
  return groups.join(' ');
}

export function checkPostleitzahl(input: Input): CheckResult {
  const v = trimmed(input);
  if (v === '') return fail('plz.required');
  if (!DIGITS.test(v)) return fail('plz.not_digits');
  if (v.length !== 5) return fail('plz.length');
  // Postleitregion 00 is not assigned: German codes start at 01 (01067 Dresden is real).
  if (v.startsWith('00')) return fail('plz.range');
  return pass(v);
}
