import type { ErrorCode } from '../../core/errors/app-error.ts';
import { emailField, textField } from '../../core/http/forms.ts';
import { checkKvnr } from '../../core/identifiers/checks.ts';
import type { IdentityCheck } from '../../core/db/values.ts';
import { IDENTITY_CHECKS } from '../../core/db/values.ts';

export const MAX_NAME = 100;

/** What staff enter of an insured person, in the form or in a line of the import file. */
export interface PersonFields {
  kvnr: string;
  lastName: string;
  firstName: string;
  /** 'YYYY-MM-DD' */
  birthDate: string;
  email: string;
}
export type PersonField = keyof PersonFields;
export type PersonErrors = Partial<Record<PersonField, ErrorCode>>;

/** The words staff read for each way of checking identity (the letter says it in a sentence). */
export const IDENTITY_CHECK_LABELS: Record<IdentityCheck, string> = {
  in_person: 'vor Ort mit Ausweis',
  egk_pin: 'eGK mit PIN',
  eid: 'Online-Ausweis',
};

/** Longest reason for a lock or an unlock (the form's maxlength). */
export const MAX_REASON = 500;

export function isIdentityCheck(value: unknown): value is IdentityCheck {
  return typeof value === 'string' && (IDENTITY_CHECKS as readonly string[]).includes(value);
}

/**
 * A birth date as people write it (TT.MM.JJJJ, also T.M.JJJJ) or as files carry it (JJJJ-MM-TT):
 * a real calendar day from 1900 up to `today` ('YYYY-MM-DD', Europe/Berlin); null otherwise.
 */
export function birthDate(value: string | undefined, today: string): string | null {
  const v = (value ?? '').trim();
  const german = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(v);
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
  const parts = german ? [german[3]!, german[2]!, german[1]!] : iso ? [iso[1]!, iso[2]!, iso[3]!] : null;
  if (!parts) return null;
  const [year, month, day] = parts.map(Number) as [number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  const real = date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  const text = `${parts[0]}-${parts[1]!.padStart(2, '0')}-${parts[2]!.padStart(2, '0')}`;
  return real && year >= 1900 && text <= today ? text : null;
}

/** 'YYYY-MM-DD' → 'TT.MM.JJJJ', for pages, the letter and the search. */
export function germanDate(iso: string): string {
  return iso.split('-').reverse().join('.');
}

/** Checks a person's fields, each on its own: the values, or the code of every field that is wrong. */
export function checkPerson(values: Partial<Record<PersonField, string>>, today: string): { ok: true; value: PersonFields } | { ok: false; errors: PersonErrors } {
  const errors: PersonErrors = {};
  const kvnr = checkKvnr(values.kvnr);
  if (!kvnr.ok) errors.kvnr = kvnr.code;
  const name = (field: 'lastName' | 'firstName') => {
    const r = textField(values[field], { max: MAX_NAME });
    if (!r.ok) errors[field] = r.code;
    return r.ok ? r.value : '';
  };
  const lastName = name('lastName');
  const firstName = name('firstName');
  const born = birthDate(values.birthDate, today);
  if (!born) errors.birthDate = (values.birthDate ?? '').trim() ? 'insured.birth_date' : 'field.required';
  const email = emailField(values.email);
  if (!email.ok) errors.email = email.code;
  if (Object.keys(errors).length || !kvnr.ok || !email.ok || !born) return { ok: false, errors };
  return { ok: true, value: { kvnr: kvnr.value, lastName, firstName, birthDate: born, email: email.value } };
}
