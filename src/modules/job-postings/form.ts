import { z } from 'zod';
import { input } from '../../core/http/input.ts';
import { KINDS } from '../job-search/service.ts';
import type { PostingKind } from '../../core/db/values.ts';

export const MAX_TITLE = 150;
export const MAX_CITY = 100;
export const MAX_DESCRIPTION = 10_000;
export const MAX_REQUIREMENTS = 2_000;
export const MAX_LINK = 500;

/** The form's fields, by the names the page sends. */
export const postingFields = {
  titel: input.text({ max: MAX_TITLE }),
  art: input.raw(40),
  beginn: input.raw(20),
  ort: input.text({ max: MAX_CITY }),
  plz: input.raw(20),
  beschreibung: input.lines({ max: MAX_DESCRIPTION }),
  anforderungen: z
    .string()
    .optional()
    .transform((value, ctx) => {
      const text = (value ?? '').replace(/\r\n?/g, '\n').normalize('NFC').trim();
      if ([...text].length > MAX_REQUIREMENTS) ctx.addIssue({ code: 'custom', message: 'field.too_long' });
      else if (/[\p{Cc}\p{Cf}\p{Co}\p{Cs}\u2028\u2029]/u.test(text.replace(/[\n\t]/g, ' '))) ctx.addIssue({ code: 'custom', message: 'field.invalid_chars' });
      return text;
    }),
  bewerbungsschluss: input.raw(20),
  ansprechpartner: input.raw(64),
  link: input.raw(MAX_LINK + 1),
  email: input.optionalEmail,
};

export const FIELD_LABELS: Record<keyof typeof postingFields, string> = {
  titel: 'Titel',
  art: 'Art',
  beginn: 'Beginn',
  ort: 'Ort',
  plz: 'PLZ',
  beschreibung: 'Beschreibung',
  anforderungen: 'Anforderungen',
  bewerbungsschluss: 'Bewerbungsschluss',
  ansprechpartner: 'Ansprechpartner',
  link: 'Bewerbungslink',
  email: 'Bewerbungs-E-Mail',
};

export type PostingField = keyof typeof postingFields;
export type PostingErrors = Partial<Record<PostingField, string>>;

/** What is stored of a checked form. */
export interface PostingValues {
  title: string;
  kind: PostingKind;
  startsOn: string | null;
  startsMonth: boolean;
  city: string;
  postalCode: string;
  description: string;
  requirements: string;
  applyUntil: string;
  contactId: string | null;
  applyUrl: string | null;
  applyEmail: string | null;
}

/** A real calendar day 'YYYY-MM-DD' (also written 'TT.MM.JJJJ'), or null. */
export function calendarDay(value: string): string | null {
  const v = value.trim();
  const iso = /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/.exec(v);
  const de = /^([0-9]{1,2})\.([0-9]{1,2})\.([0-9]{4})$/.exec(v);
  const [y, m, d] = iso ? [iso[1]!, iso[2]!, iso[3]!] : de ? [de[3]!, de[2]!.padStart(2, '0'), de[1]!.padStart(2, '0')] : [];
  if (!y || !m || !d) return null;
  const date = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
  if (date.getUTCFullYear() !== Number(y) || date.getUTCMonth() + 1 !== Number(m) || date.getUTCDate() !== Number(d)) return null;
  if (Number(y) < 2000 || Number(y) > 2100) return null;
  return `${y}-${m}-${d}`;
}

/** Beginn: a day, or a month 'YYYY-MM' (also 'MM.JJJJ'), stored as its first day with starts_month. */
export function startOf(value: string): { on: string; month: boolean } | null {
  const v = value.trim();
  const day = calendarDay(v);
  if (day) return { on: day, month: false };
  const iso = /^([0-9]{4})-([0-9]{2})$/.exec(v);
  const de = /^([0-9]{1,2})\.([0-9]{4})$/.exec(v);
  const [y, m] = iso ? [iso[1]!, iso[2]!] : de ? [de[2]!, de[1]!.padStart(2, '0')] : [];
  if (!y || !m || Number(m) < 1 || Number(m) > 12 || Number(y) < 2000 || Number(y) > 2100) return null;
  return { on: `${y}-${m}-01`, month: true };
}

export function isKind(value: string): value is PostingKind {
  return KINDS.some((k) => k.value === value);
}

/** An https link with a host, as the browser would open it; anything else is refused. */
export function httpsLink(value: string): string | null {
  const v = value.trim();
  if (v.length > MAX_LINK || /\s/.test(v)) return null;
  try {
    const url = new URL(v);
    return url.protocol === 'https:' && url.hostname.includes('.') && !url.username && !url.password ? url.toString() : null;
  } catch {
    return null;
  }
}
