import type { FormBody } from '../../core/http/forms.ts';
import { emailField, textField } from '../../core/http/forms.ts';
import type { FieldErrors } from '../../core/errors/app-error.ts';
import { checkBetriebsnummer } from '../../core/identifiers/checks.ts';
import { checkPassword } from '../../core/passwords/password-rules.ts';
import { checkAnswer, isSecurityQuestion, type SecurityQuestionCode } from '../../core/passwords/security-question.ts';
import { salutations, titles } from '../registration/form.ts';

export { salutations, titles };

/** What a form shows again after an error: everything typed except passwords and the answer. */
export type Values = Record<string, string>;

export type Parsed<T> = { ok: true; value: T; values: Values } | { ok: false; errors: FieldErrors; values: Values };

export const labels: Record<string, string> = {
  companyName: 'Firmenname',
  betriebsnummer: 'Betriebsnummer',
  street: 'Straße',
  houseNumber: 'Hausnummer',
  postalCode: 'PLZ',
  city: 'Ort',
  salutation: 'Anrede',
  title: 'Titel',
  firstName: 'Vorname',
  lastName: 'Nachname',
  phone: 'Telefon',
  email: 'E-Mail',
  password: 'Passwort',
  passwordRepeat: 'Passwort wiederholen',
  question: 'Kennwortfrage',
  answer: 'Antwort',
  privacyAccepted: 'Datenschutzhinweise',
  termsAccepted: 'Nutzungsbedingungen',
  marketingAccepted: 'Einwilligungserklärung',
};

const cut = (body: FormBody, name: string, max: number) => (body[name] ?? '').slice(0, max);

function text(body: FormBody, errors: FieldErrors, name: string, max: number): string {
  const checked = textField(body[name], { max });
  if (!checked.ok) {
    errors[name] = checked.code;
    return '';
  }
  return checked.value;
}

export interface CompanyInput {
  companyName: string;
  betriebsnummer: string;
  street: string;
  houseNumber: string;
  postalCode: string;
  city: string;
}

/** Part 1 "Firmeninformationen": every field checked, the Betriebsnummer by every rule of its check. */
export function parseCompany(body: FormBody): Parsed<CompanyInput> {
  const values: Values = {
    companyName: cut(body, 'companyName', 200),
    betriebsnummer: cut(body, 'betriebsnummer', 20),
    street: cut(body, 'street', 200),
    houseNumber: cut(body, 'houseNumber', 20),
    postalCode: cut(body, 'postalCode', 10),
    city: cut(body, 'city', 200),
  };
  const errors: FieldErrors = {};
  const companyName = text(body, errors, 'companyName', 150);
  const bnr = checkBetriebsnummer(body.betriebsnummer ?? '');
  if (!bnr.ok) errors.betriebsnummer = bnr.code;
  const street = text(body, errors, 'street', 100);
  const houseNumber = text(body, errors, 'houseNumber', 10);
  const postalCode = (body.postalCode ?? '').trim();
  if (!postalCode) errors.postalCode = 'field.required';
  else if (!/^[0-9]{5}$/.test(postalCode)) errors.postalCode = 'plz.invalid';
  const city = text(body, errors, 'city', 100);
  if (Object.keys(errors).length > 0 || !bnr.ok) return { ok: false, errors, values };
  return { ok: true, values, value: { companyName, betriebsnummer: bnr.value, street, houseNumber, postalCode, city } };
}

/** An employer's contact person (or, without Titel and Telefon, an applicant). */
export interface ContactPerson {
  salutation: string;
  title: string | null;
  firstName: string;
  lastName: string;
  phone: string;
  email: string;
}

/**
 * A contact person's fields, each checked, its errors at the field. Without `withContact` (an
 * applicant) there is no Titel and no Telefon. Used wherever an employer names a person.
 */
export function parseContactPerson(body: FormBody, errors: FieldErrors, options = { withContact: true }): ContactPerson {
  const salutation = body.salutation ?? '';
  if (!salutation) errors.salutation = 'field.required';
  else if (!(salutations as readonly string[]).includes(salutation)) errors.salutation = 'field.invalid_choice';
  const title = options.withContact ? (body.title ?? '') : '';
  if (title && !(titles as readonly string[]).includes(title)) errors.title = 'field.invalid_choice';
  const firstName = text(body, errors, 'firstName', 100);
  const lastName = text(body, errors, 'lastName', 100);
  let phone = '';
  if (options.withContact) {
    phone = text(body, errors, 'phone', 40);
    if (phone && !/^\+?[0-9 ()/-]{3,40}$/.test(phone)) errors.phone = 'phone.invalid';
  }
  const email = emailField(body.email);
  if (!email.ok) errors.email = email.code;
  return { salutation, title: title || null, firstName, lastName, phone, email: email.ok ? email.value : '' };
}

export interface PersonInput extends ContactPerson {
  password: string;
  question: SecurityQuestionCode;
  answer: string;
  marketing: boolean;
}

/**
 * Part 2 "Ansprechpartner" (employers, `withContact`) or the applicant's page: the person, the
 * password twice, the Kennwortfrage and its answer, and the consents.
 */
export function parsePerson(body: FormBody, options: { withContact: boolean }): Parsed<PersonInput> {
  const values: Values = {
    salutation: cut(body, 'salutation', 30),
    firstName: cut(body, 'firstName', 200),
    lastName: cut(body, 'lastName', 200),
    email: cut(body, 'email', 300),
    question: cut(body, 'question', 40),
    privacyAccepted: body.privacyAccepted === 'ja' ? 'ja' : '',
    termsAccepted: body.termsAccepted === 'ja' ? 'ja' : '',
    marketingAccepted: body.marketingAccepted === 'ja' ? 'ja' : '',
  };
  if (options.withContact) {
    values.title = cut(body, 'title', 30);
    values.phone = cut(body, 'phone', 60);
  }
  const errors: FieldErrors = {};
  const person = parseContactPerson(body, errors, options);
  const password = body.password ?? '';
  const rules = checkPassword(password, errors.email ? (body.email ?? '') : person.email);
  if (!rules.ok) errors.password = rules.code;
  else if (password !== (body.passwordRepeat ?? '')) errors.passwordRepeat = 'password.mismatch';
  const question = body.question;
  if (!question) errors.question = 'field.required';
  else if (!isSecurityQuestion(question)) errors.question = 'field.invalid_choice';
  const answer = checkAnswer(body.answer);
  if (!answer.ok) errors.answer = answer.code;
  if (values.privacyAccepted !== 'ja') errors.privacyAccepted = 'consent.required';
  if (values.termsAccepted !== 'ja') errors.termsAccepted = 'consent.required';
  if (Object.keys(errors).length > 0 || !answer.ok || !isSecurityQuestion(question)) return { ok: false, errors, values };
  return {
    ok: true,
    values,
    value: {
      ...person,
      password,
      question,
      answer: answer.value,
      marketing: values.marketingAccepted === 'ja',
    },
  };
}

/** Part 2's values kept in the flow when going back: no password, no answer, no consent. */
export function keptContact(values: Values) {
  const { salutation = '', title = '', firstName = '', lastName = '', phone = '', email = '', question = '' } = values;
  return { salutation, title, firstName, lastName, phone, email, question };
}
