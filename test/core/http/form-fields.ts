import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** The field names in the sources, and values a person might type in them: for the route fuzzer (hostile-input.test.ts). */

/** Field names a source reads: form inputs, request fields and the keys of field schemas. */
export function namesIn(text: string): string[] {
  const names = [...text.matchAll(/\bname="([A-Za-z_][\w-]{0,40})"/g), ...text.matchAll(/\b(?:body|query|b|form\.fields)\.([a-z][A-Za-z]{1,40})\b/g)];
  return [...names, ...text.matchAll(/^\s+([a-z][A-Za-z]{1,40}): (?:input\.|coded\(|z\.)/gm)].map((m) => m[1]!);
}
export const sources = (dir: string): string[] =>
  readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? sources(p) : /\.tsx?$/.test(n) ? [p] : [];
  });

/** A value a person might type in a field of that name, so that a form's other fields pass their checks. */
const PLAUSIBLE: [RegExp, string][] = [
  [/kvnr/i, 'A123456780'],
  [/email|replyTo|identifier/i, 'fuzz@example.org'],
  [/password/i, 'Fuzz-Passwort-2026!'],
  [/^(birthDate|von|bis|date|adviceDate|valueDate|applyUntil|bewerbungsschluss)$/, '12.08.2026'],
  [/^(beginn|startsFrom)$/, '2026-12'],
  [/^ik$/, '260326822'],
  [/betriebsnummer/, '09912342'],
  [/iban/, 'DE89370400440532013000'],
  [/^(postalCode|plz)$/, '10115'],
  [/^(aok|insurerId)$/, 'bw'],
  [/identityCheck/, 'in_person'],
  [/^(id|postingId|contactId|deviceId|accountId|person)$/, '3f0c1a52-8d4e-4c1b-9a7e-2b5d6c7e8f90'],
  [/Accepted$|^(marketing|confirm|available|flag)$/, '1'],
  [/^(seite|page|index|limit|anzahl|umkreis|radiusKm)$/, '1'],
  [/betrag|total/, '100,00'],
  [/^(pin|pinRepeat|code)$/, '470815'],
  [/activationCode/, 'K7MP-Q2XD-9HTA'],
  [/phone|number/, '0301234567'],
  [/salutation/, 'Frau'],
];
export const plausible = (name: string) => PLAUSIBLE.find(([pattern]) => pattern.test(name))?.[1] ?? 'Erika Muster';
/** Names that are the query builder's, not a form's. */
const NOT_FIELDS = new Set(['where', 'select', 'orderBy', 'executeTakeFirst', 'limit', '_csrf']);
const COMMON_FIELDS = ['email', 'password', 'passwordRepeat', 'q', 'reason', 'code', 'flow', 'token', 'weiter', 'id', 'seite'];

/**
 * The fields a route's form may have: those its registering folders (and their subfolders) read, and the
 * shared ones, in groups of at most 45 (a form takes 50 fields).
 */
export function formFieldsOf(folders: readonly string[]): string[][] {
  const names = new Set<string>();
  for (const folder of folders.filter((f) => f !== 'src')) for (const file of sources(folder)) for (const n of namesIn(readFileSync(file, 'utf8'))) names.add(n);
  for (const n of COMMON_FIELDS) names.add(n);
  const list = [...names].filter((n) => !NOT_FIELDS.has(n));
  return Array.from({ length: Math.ceil(list.length / 45) }, (_, i) => list.slice(i * 45, i * 45 + 45));
}
