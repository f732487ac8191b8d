/**
 * Manual 004 in the browser, one function a step: the Registrierung (Bewerber, or Arbeitgeber in two
 * parts), the mail to confirm it, the clerk's release and its mail, the Login and Ausloggen, and the
 * Suche. An employer's own pages (Stellenverwaltung, Unternehmensdaten, …) are in jobmaster-employer.ts.
 * Fields are found by their labels, buttons and links by role and name.
 */
import assert from 'node:assert/strict';
import type { FrameLocator, Page } from 'playwright-core';
import type { TestSystem } from '../../support/system.ts';
import { backofficeNav, heading } from './page.ts';
import { followMailLink, openMailInMailbox } from './mailbox.ts';
import { staffLogin, type Clerk } from './staff.ts';

export interface JobmasterLogin {
  email: string;
  password: string;
}

/** E-Mail and Passwort on the open login page, and "Login". */
async function enterLogin(page: Page, who: JobmasterLogin): Promise<void> {
  await page.getByLabel('E-Mail', { exact: true }).fill(who.email);
  await page.getByLabel('Passwort', { exact: true }).fill(who.password);
  await page.getByRole('button', { name: 'Login', exact: true }).click();
}

/** From anywhere: the login page, e-mail and password, "Login", until "Mein Konto" (or the Stellenverwaltung) shows. */
export async function signInToJobmaster(page: Page, baseUrl: string, who: JobmasterLogin): Promise<void> {
  await page.goto(`${baseUrl}/jobmaster/login`);
  await heading(page, 'Login', 1);
  await enterLogin(page, who);
  await page.waitForURL(/\/jobmaster\/(konto|stellenverwaltung)$/);
}

/** The login form refuses the address and password: the page stays on "Login" and says so. */
export async function loginRefused(page: Page, baseUrl: string, who: JobmasterLogin): Promise<void> {
  await page.goto(`${baseUrl}/jobmaster/login`);
  await enterLogin(page, who);
  await heading(page, 'Login', 1);
  await page.getByText('Benutzername/E-Mail-Adresse oder Passwort ist nicht korrekt.').first().waitFor();
  assert.match(page.url(), /\/jobmaster\/login/);
}

/** "Ausloggen" on "Mein Konto": back on the start page, and "Mein Konto" asks for the login again. */
export async function signOutOfJobmaster(page: Page, baseUrl: string): Promise<void> {
  await page.goto(`${baseUrl}/jobmaster/konto`);
  await heading(page, 'Mein Konto', 1);
  await page.getByRole('button', { name: 'Ausloggen', exact: true }).click();
  await page.waitForURL(/\/jobmaster\/$/);
  await page.goto(`${baseUrl}/jobmaster/konto`);
  await page.waitForURL(/\/jobmaster\/login/);
}

/** The person who registers: a Bewerber, or an employer's Ansprechpartner (with phone). */
export interface JobmasterPerson extends JobmasterLogin {
  salutation: string;
  firstName: string;
  lastName: string;
  phone?: string;
  /** the Kennwortfrage as the select shows it */
  question: string;
  answer: string;
}

/** Anrede, Vorname, Nachname, Telefon (where asked) and E-Mail: a person in a registration, a contact, a new main contact. */
export async function fillPerson(page: Page, p: { salutation: string; firstName: string; lastName: string; phone?: string; email: string }): Promise<void> {
  await page.getByLabel('Anrede', { exact: true }).selectOption(p.salutation);
  await page.getByLabel('Vorname', { exact: true }).fill(p.firstName);
  await page.getByLabel('Nachname', { exact: true }).fill(p.lastName);
  if (p.phone !== undefined) await page.getByLabel('Telefon', { exact: true }).fill(p.phone);
  await page.getByLabel('E-Mail', { exact: true }).fill(p.email);
}

/** The person, the Zugangsdaten (Passwort twice, Kennwortfrage, Antwort) and both consents: the Bewerber's page, the Arbeitgeber's second part. */
export async function fillPersonAndLogin(page: Page, p: JobmasterPerson): Promise<void> {
  await fillPerson(page, p);
  await page.getByLabel('Passwort', { exact: true }).fill(p.password);
  await page.getByLabel('Passwort wiederholen', { exact: true }).fill(p.password);
  await page.getByLabel('Kennwortfrage', { exact: true }).selectOption({ label: p.question });
  await page.getByLabel('Antwort', { exact: true }).fill(p.answer);
  await page.getByRole('checkbox', { name: /Datenschutzhinweise/ }).check();
  await page.getByRole('checkbox', { name: /Nutzungsbedingungen/ }).check();
}

/** "Registrieren" under the filled form: "Fast geschafft". */
export async function submitRegistration(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Registrieren', exact: true }).click();
  await heading(page, 'Fast geschafft', 1);
}

/** "Jetzt registrieren" on the start page, "Bewerber", the form, "Registrieren": "Fast geschafft". */
export async function registerAsBewerber(page: Page, baseUrl: string, p: JobmasterPerson): Promise<void> {
  await page.goto(`${baseUrl}/jobmaster/`);
  await page.getByRole('link', { name: 'Jetzt registrieren', exact: true }).click();
  await heading(page, 'Legen Sie ein Konto an.', 2);
  await page.getByRole('link', { name: 'Bewerber', exact: true }).click();
  await heading(page, 'Registrierung als Bewerber', 1);
  await fillPersonAndLogin(page, p);
  await submitRegistration(page);
}

export interface CompanyFields {
  company: string;
  betriebsnummer: string;
  street: string;
  houseNumber: string;
  postalCode: string;
  city: string;
}

/** "Registrierung" (`onChoice` sees it) › "Arbeitgeber": the first part, "Firmeninformationen". */
export async function chooseArbeitgeber(page: Page, baseUrl: string, onChoice?: () => Promise<void>): Promise<void> {
  await page.goto(`${baseUrl}/jobmaster/registrierung`);
  await heading(page, 'Legen Sie ein Konto an.', 2);
  await onChoice?.();
  await page.getByRole('link', { name: 'Arbeitgeber', exact: true }).click();
  await heading(page, 'Firmeninformationen', 2);
}

/** The first part: Firmenname, Betriebsnummer, Anschrift, and "Weiter" (to the second part, or back with the mistakes). */
export async function fillFirmeninformationen(page: Page, c: CompanyFields): Promise<void> {
  await page.getByLabel('Firmenname', { exact: true }).fill(c.company);
  await page.getByLabel('Betriebsnummer', { exact: true }).fill(c.betriebsnummer);
  await page.getByLabel('Straße', { exact: true }).fill(c.street);
  await page.getByLabel('Hausnummer', { exact: true }).fill(c.houseNumber);
  await page.getByLabel('PLZ', { exact: true }).fill(c.postalCode);
  await page.getByLabel('Ort', { exact: true }).fill(c.city);
  await page.getByRole('button', { name: 'Weiter', exact: true }).click();
}

export type EmployerRegistration = CompanyFields & JobmasterPerson & { phone: string };

/** The second part: the Ansprechpartner, the Zugangsdaten and the consents (not yet sent). */
export async function fillAnsprechpartner(page: Page, p: JobmasterPerson & { phone: string }): Promise<void> {
  await page.getByRole('group', { name: 'Ansprechpartner' }).waitFor();
  await fillPersonAndLogin(page, p);
}

/** Both parts of the employer's registration, "Registrieren": "Fast geschafft". */
export async function registerAsArbeitgeber(page: Page, baseUrl: string, e: EmployerRegistration): Promise<void> {
  await chooseArbeitgeber(page, baseUrl);
  await fillFirmeninformationen(page, e);
  await fillAnsprechpartner(page, e);
  await submitRegistration(page);
}

/** The mail "Bestätigung Ihrer Registrierung im Jobmaster" in the mailbox and its link: "Registrierung bestätigt". */
export async function confirmRegistrationFromMail(page: Page, baseUrl: string, email: string, onMail?: () => Promise<void>): Promise<void> {
  const { mail } = await openMailInMailbox(page, baseUrl, email, 'Bestätigung Ihrer Registrierung im Jobmaster');
  await onMail?.();
  await followMailLink(page, mail, 'Registrierung bestätigen', /\/jobmaster\/registrierung\/bestaetigung/);
  await heading(page, 'Registrierung bestätigt', 1);
}

/**
 * "… überprüft ein AOK-Mitarbeiter zeitnah Ihre Eingaben und gibt die Registrierung frei": the clerk logs
 * in, opens "Jobmaster-Arbeitgeber zur Freigabe", the employer's row (by its address) and presses "Freigeben".
 */
export async function releaseAsClerk(
  t: TestSystem,
  office: Page,
  clerk: Clerk,
  employer: { email: string; company: string },
  onScreen?: (screen: 'worklist' | 'employer', page: Page) => Promise<void>,
): Promise<void> {
  await staffLogin(t, office, clerk);
  await backofficeNav(office, 'Jobmaster-Arbeitgeber zur Freigabe').click();
  await heading(office, 'Jobmaster-Arbeitgeber zur Freigabe', 1);
  const row = office.getByRole('row').filter({ hasText: employer.email });
  await row.waitFor();
  await onScreen?.('worklist', office);
  await row.getByRole('link', { name: employer.company, exact: true }).click();
  await heading(office, employer.company, 1);
  await onScreen?.('employer', office);
  await office.getByRole('button', { name: 'Freigeben', exact: true }).click();
  await office.getByText('Der Arbeitgeber ist freigegeben').waitFor();
}

/** "Danach erhalten Sie eine E-Mail mit dem Hinweis, dass Sie ab sofort Stellenanzeigen in Ihrem Profil hochladen können." */
export async function openReleaseMail(page: Page, baseUrl: string, email: string): Promise<FrameLocator> {
  const { mail } = await openMailInMailbox(page, baseUrl, email, 'Ihre Registrierung im Jobmaster wurde freigegeben');
  await mail.getByText('dass Sie ab sofort Stellenanzeigen in Ihrem Profil hochladen können').waitFor();
  return mail;
}

/** "Loggen Sie sich dazu … ein": the mail's login link, the login, "Sie sehen direkt in der Navigationsleiste den Punkt „Stellenverwaltung“". */
export async function loginFromReleaseMail(page: Page, baseUrl: string, mail: FrameLocator, who: JobmasterLogin): Promise<void> {
  await followMailLink(page, mail, 'Zum Login', /\/jobmaster\/login/);
  await heading(page, 'Login', 1);
  await enterLogin(page, who);
  await page.waitForURL(/\/jobmaster\/(konto|stellenverwaltung)$/);
  await page.getByRole('link', { name: 'Stellenverwaltung', exact: true }).first().click();
  await heading(page, 'Stellenverwaltung', 1);
}

/** "Suche" from the start page: "Wo (Ort oder PLZ)", "Suchen", then the Umkreis ("25 km") and "Suchen" again, until the hits are counted. */
export async function searchByPlzAndUmkreis(page: Page, baseUrl: string, where: string, umkreis: string): Promise<void> {
  await page.goto(`${baseUrl}/jobmaster/`);
  await page.getByLabel('Wo (Ort oder PLZ)', { exact: true }).fill(where);
  await page.getByRole('button', { name: 'Suchen' }).click();
  await heading(page, 'Stellenangebote suchen', 1);
  await page.getByLabel('Umkreis', { exact: true }).selectOption({ label: umkreis });
  await page.getByRole('button', { name: 'Suchen' }).click();
  await page.getByRole('heading', { name: /\d+ Stellenangebote? bei/, level: 2 }).waitFor();
  assert.match(page.url(), new RegExp(`umkreis=${parseInt(umkreis, 10)}\\b`));
}
