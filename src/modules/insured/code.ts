import { randomInt } from 'node:crypto';
import { hmac } from '../../core/ids/secrets.ts';

/**
 * The activation letter's one-time code: twelve characters in three groups of four ("K7MP-Q2XD-9HTA"),
 * from an alphabet without the characters people confuse on paper (0/O, 1/I/L). 31¹² ≈ 2⁵⁹ codes; the
 * attempt limits per KVNR and per address make guessing hopeless. Stored only as an HMAC under the
 * server's key and bound to the person, so a stolen table neither reveals codes nor lets them be tried offline.
 */
export const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
const LENGTH = 12;
const GROUP = 4;
const VALID = new RegExp(`^[${CODE_ALPHABET}]{${LENGTH}}$`);

/** A fresh code, written in its groups. */
export function newActivationCode(): string {
  let code = '';
  for (let i = 0; i < LENGTH; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return groupCode(code);
}

/** "K7MPQ2XD9HTA" → "K7MP-Q2XD-9HTA". */
export function groupCode(code: string): string {
  return code.match(new RegExp(`.{1,${GROUP}}`, 'g'))!.join('-');
}

/** What a person typed (any case, with or without spaces and hyphens), or null when it cannot be a code. */
export function normalizeActivationCode(input: unknown): string | null {
  if (typeof input !== 'string' || input.length > 64) return null;
  const code = input.replace(/[\s\-‐–]/g, '').toUpperCase();
  return VALID.test(code) ? code : null;
}

/** The stored form of a code: keyed, and bound to the person it was issued to. */
export function activationCodeHash(key: string, insuredId: string, code: string): string {
  return hmac(key, `ident-activation:${insuredId}:${code.replace(/-/g, '')}`);
}
