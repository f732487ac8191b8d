import { AppError, type ErrorCode } from '../../core/errors/app-error.ts';
import { emailField, linesField, textField } from '../../core/http/forms.ts';
import { checkKvnr, checkPostleitzahl } from '../../core/identifiers/checks.ts';
import type { IdentityCheck } from '../../core/db/values.ts';
import { IDENTITY_CHECKS } from '../../core/db/values.ts';

export const MAX_NAME = 100;
/** Longest Straße und Hausnummer, and longest Ort. */
export const MAX_STREET = 100;
export const MAX_CITY = 100;

/** The postal address the activation letter is posted to. */
export interface Address {
  /** Straße und Hausnummer */
  street: string;
  /** five digits */
  postalCode: string;
  city: string;
}

/** What staff enter of an insured person, in the form or in a line of the import file. */
export interface PersonFields {
  kvnr: string;
  lastName: string;
  firstName: string;
  /** 'YYYY-MM-DD' */
  birthDate: string;
  email: string;
  /** null: none given (an import line without one) */
  address: Address | null;
}
export type AddressField = keyof Address;
export type PersonField = Exclude<keyof PersonFields, 'address'> | AddressField;
export type PersonErrors = Partial<Record<PersonField, ErrorCode>>;

/** The words staff read for each way of checking identity (the letter says it in a sentence). */
export const IDENTITY_CHECK_LABELS: Record<IdentityCheck, string> = {
  in_person: 'vor Ort mit Ausweis',
  egk_pin: 'eGK mit PIN',
  eid: 'Online-Ausweis',
};

/** Longest reason for a lock, an unlock or a device's removal (the form's maxlength). */
export const MAX_REASON = 500;

/** The reason staff give for a lock, an unlock or a device's removal: required, lines kept; refused at the field `reason`. */
export function checkReason(reason: string): string {
  const checked = linesField(reason, { max: MAX_REASON });
  if (checked.ok) return checked.value;
  const code = checked.code === 'field.required' ? 'insured.reason_required' : checked.code;
  throw new AppError(code, 422, { reason: code });
}

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

/** A stored address (the three columns), or null while the person has none. */
export function addressOf(row: { street: string | null; postal_code: string | null; city: string | null }): Address | null {
  return row.street !== null && row.postal_code !== null && row.city !== null ? { street: row.street, postalCode: row.postal_code, city: row.city } : null;
}

/**
 * Checks an address, each field on its own. All three empty is no address: refused with the code of
 * each field where one is `required`, else null. One field given asks for the other two.
 */
export function checkAddress(values: Partial<Record<AddressField, string>>, required: boolean): { ok: true; value: Address | null } | { ok: false; errors: PersonErrors } {
  const blank = (['street', 'postalCode', 'city'] as const).every((f) => (values[f] ?? '').trim() === '');
  if (blank && !required) return { ok: true, value: null };
  const errors: PersonErrors = {};
  const street = textField(values.street, { max: MAX_STREET });
  if (!street.ok) errors.street = street.code;
  const postalCode = checkPostleitzahl(values.postalCode);
  if (!postalCode.ok) errors.postalCode = postalCode.code;
  const city = textField(values.city, { max: MAX_CITY });
  if (!city.ok) errors.city = city.code;
  if (!street.ok || !postalCode.ok || !city.ok) return { ok: false, errors };
  return { ok: true, value: { street: street.value, postalCode: postalCode.value, city: city.value } };
}

/**
 * Checks a person's fields, each on its own: the values, or the code of every field that is wrong.
 * The address is `required` for a person staff create; an import line may leave it out.
 */
export function checkPerson(
  values: Partial<Record<PersonField, string>>,
  today: string,
  options: { address: 'required' | 'optional' } = { address: 'optional' },
): { ok: true; value: PersonFields } | { ok: false; errors: PersonErrors } {
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
  const address = checkAddress(values, options.address === 'required');
  if (!address.ok) Object.assign(errors, address.errors);
  if (Object.keys(errors).length || !kvnr.ok || !email.ok || !born || !address.ok) return { ok: false, errors };
  return { ok: true, value: { kvnr: kvnr.value, lastName, firstName, birthDate: born, email: email.value, address: address.value } };
}
