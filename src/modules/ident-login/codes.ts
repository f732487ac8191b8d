import { randomInt } from 'node:crypto';
import { CODE_ALPHABET, groupCode } from '../insured/code.ts';

/**
 * The short code a person types in the app when no camera reads the QR code: eight characters of the
 * activation letter's alphabet (no 0/O, 1/I/L), shown in two groups ("K7MP-Q2XD"). 31⁸ ≈ 2³⁹ codes of
 * which a handful live for 90 seconds; the lookups per address are limited.
 */
const LENGTH = 8;
const VALID = new RegExp(`^[${CODE_ALPHABET}]{${LENGTH}}$`);

export function newShortCode(): string {
  let code = '';
  for (let i = 0; i < LENGTH; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return code;
}

/** As the page shows it. */
export const shortCodeShown = (code: string) => groupCode(code);

/** What a person typed (any case, with or without spaces and hyphens), or null when it cannot be a code. */
export function normalizeShortCode(input: unknown): string | null {
  if (typeof input !== 'string' || input.length > 32) return null;
  const code = input.replace(/[\s\-‐–]/g, '').toUpperCase();
  return VALID.test(code) ? code : null;
}

/**
 * Number matching: the page shows `number`, the app offers it among two others in ascending order, so
 * its place tells nothing. They are stored with the request, so opening it again shows the same three.
 */
export function newNumbers(): { number: number; choices: number[] } {
  const picked = new Set<number>();
  while (picked.size < 3) picked.add(randomInt(10, 100));
  const choices = [...picked];
  return { number: choices[randomInt(3)]!, choices: choices.sort((a, b) => a - b) };
}
