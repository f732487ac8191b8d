import type { FormBody } from '../../../platform/http/forms.ts';
import { emailField, textField } from '../../../platform/http/forms.ts';
import { checkBetriebsnummer } from '../../../platform/identifiers/checks.ts';
import { checkPassword } from '../../../platform/accounts/password-rules.ts';
import { consentDocuments } from '../../../platform/consents/documents.ts';
import type { RegistrationInput } from '../../../platform/registration/service.ts';
import type { Insurer } from '../../../platform/config/insurers.ts';

export const salutations = ['Herr', 'Frau', 'Divers', 'keine Angabe'] as const;
export const titles = ['', 'Dr.', 'Prof.', 'Prof. Dr.'] as const;

/** The manual's words for each field; also used by the error summary. */
export const fieldLabels: Record<string, string> = {
  insurerId: 'Ihre AOK',
  betriebsnummer: 'Ihre Betriebsnummer',
  salutation: 'Anrede',
  title: 'Akademischer Titel',
  firstName: 'Vorname',
  lastName: 'Nachname',
  email: 'E-Mail-Adresse',
  password: 'Passwort',
  passwordRepeat: 'Passwort wiederholen',
  termsAccepted: 'Nutzungsbedingungen',
  privacyAccepted: 'Datenschutzhinweise',
};

/** What the form shows again after an error: everything typed except the passwords. */
export type FormValues = Partial<Record<keyof typeof fieldLabels, string>>;

export type ParsedRegistration =
  | { ok: true; input: RegistrationInput; values: FormValues }
  | { ok: false; errors: Record<string, string>; values: FormValues };

/** Step "Persönliche Daten": every field checked, every failure named by its code. */
export function parseRegistrationForm(body: FormBody, insurers: Insurer[]): ParsedRegistration {
  const errors: Record<string, string> = {};
  const values: FormValues = {
    insurerId: (body.insurerId ?? '').slice(0, 100),
    betriebsnummer: (body.betriebsnummer ?? '').slice(0, 100),
    salutation: (body.salutation ?? '').slice(0, 100),
    title: (body.title ?? '').slice(0, 100),
    firstName: (body.firstName ?? '').slice(0, 200),
    lastName: (body.lastName ?? '').slice(0, 200),
    email: (body.email ?? '').slice(0, 300),
    termsAccepted: body.termsAccepted === 'ja' ? 'ja' : '',
    privacyAccepted: body.privacyAccepted === 'ja' ? 'ja' : '',
  };

  const insurer = insurers.find((i) => i.id === body.insurerId);
  if (!body.insurerId) errors.insurerId = 'field.required';
  else if (!insurer) errors.insurerId = 'field.invalid_choice';

  const bnr = checkBetriebsnummer(body.betriebsnummer ?? '');
  if (!bnr.ok) errors.betriebsnummer = bnr.code;

  if (!body.salutation) errors.salutation = 'field.required';
  else if (!(salutations as readonly string[]).includes(body.salutation)) errors.salutation = 'field.invalid_choice';
  if (body.title && !(titles as readonly string[]).includes(body.title)) errors.title = 'field.invalid_choice';

  const firstName = textField(body.firstName, { max: 100 });
  if (!firstName.ok) errors.firstName = firstName.code;
  const lastName = textField(body.lastName, { max: 100 });
  if (!lastName.ok) errors.lastName = lastName.code;
  const email = emailField(body.email);
  if (!email.ok) errors.email = email.code;

  const password = body.password ?? '';
  const rules = checkPassword(password, email.ok ? email.value : (body.email ?? ''));
  if (!rules.ok) errors.password = rules.code;
  else if (password !== (body.passwordRepeat ?? '')) errors.passwordRepeat = 'password.mismatch';

  if (values.termsAccepted !== 'ja') errors.termsAccepted = 'consent.required';
  if (values.privacyAccepted !== 'ja') errors.privacyAccepted = 'consent.required';

  if (Object.keys(errors).length > 0 || !bnr.ok || !firstName.ok || !lastName.ok || !email.ok || !insurer) {
    return { ok: false, errors, values };
  }
  return {
    ok: true,
    values,
    input: {
      insurerId: insurer.id,
      identifier: bnr.value,
      salutation: body.salutation!,
      title: body.title ? body.title : null,
      firstName: firstName.value,
      lastName: lastName.value,
      email: email.value,
      password,
      consents: [
        { document: 'nutzungsbedingungen', version: consentDocuments.nutzungsbedingungen.version },
        { document: 'datenschutzhinweise', version: consentDocuments.datenschutzhinweise.version },
      ],
    },
  };
}
