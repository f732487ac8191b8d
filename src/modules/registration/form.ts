import type { FormBody } from '../../core/http/forms.ts';
import { emailField, textField } from '../../core/http/forms.ts';
import { checkPassword } from '../../core/passwords/password-rules.ts';
import type { ConsentDocument } from '../../core/consents/documents.ts';
import type { RegistrationInput } from './service.ts';
import type { CompanyFields } from '../../core/portal/definition.ts';
import type { FieldErrors } from '../../core/errors/app-error.ts';

export const salutations = ['Herr', 'Frau', 'Divers', 'keine Angabe'] as const;
export const titles = ['', 'Dr.', 'Prof.', 'Prof. Dr.'] as const;

/** The manual's words for the personal fields; the portal adds its company fields. */
export const personalLabels: Record<string, string> = {
  salutation: 'Anrede',
  title: 'Akademischer Titel',
  firstName: 'Vorname',
  lastName: 'Nachname',
  email: 'E-Mail-Adresse',
  password: 'Passwort',
  passwordRepeat: 'Passwort wiederholen',
  termsAccepted: 'Nutzungsbedingungen',
};

export function formLabels(company: CompanyFields, consents: { privacy: ConsentDocument }): Record<string, string> {
  return { ...company.labels, ...personalLabels, privacyAccepted: consents.privacy.title };
}

/** What the form shows again after an error: everything typed except the passwords. */
export type FormValues = Record<string, string | undefined>;

export type ParsedRegistration =
  | { ok: true; input: RegistrationInput; values: FormValues }
  | { ok: false; errors: FieldErrors; values: FormValues };

/** Step "Persönliche Daten": every field checked, every failure named by its code. */
export async function parseRegistrationForm(
  body: FormBody,
  company: CompanyFields,
  consents: { terms: ConsentDocument; privacy: ConsentDocument },
): Promise<ParsedRegistration> {
  const errors: FieldErrors = {};
  const values: FormValues = {
    salutation: (body.salutation ?? '').slice(0, 100),
    title: (body.title ?? '').slice(0, 100),
    firstName: (body.firstName ?? '').slice(0, 200),
    lastName: (body.lastName ?? '').slice(0, 200),
    email: (body.email ?? '').slice(0, 300),
    termsAccepted: body.termsAccepted === 'ja' ? 'ja' : '',
    privacyAccepted: body.privacyAccepted === 'ja' ? 'ja' : '',
  };
  for (const name of Object.keys(company.labels)) values[name] = (body[name] ?? '').slice(0, 100);

  const companyResult = await company.parse(body);
  if (!companyResult.ok) Object.assign(errors, companyResult.errors);

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

  if (Object.keys(errors).length > 0 || !companyResult.ok || !firstName.ok || !lastName.ok || !email.ok) {
    return { ok: false, errors, values };
  }
  return {
    ok: true,
    values,
    input: {
      insurerId: companyResult.insurerId,
      identifier: companyResult.identifier,
      company: companyResult.company,
      companyInsurerId: companyResult.companyInsurerId,
      salutation: body.salutation!,
      title: body.title ? body.title : null,
      firstName: firstName.value,
      lastName: lastName.value,
      email: email.value,
      password,
      consents: [
        { document: consents.terms.id, version: consents.terms.version },
        { document: consents.privacy.id, version: consents.privacy.version },
      ],
    },
  };
}
