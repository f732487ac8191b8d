/**
 * Manual 004 for a released employer, one function a step: the Stellenverwaltung's "Hinzufügen", the
 * Unternehmensdaten ("Persönliche Daten") with "Upload Firmenlogo" and "Ihre Ansprechpartner",
 * "Hauptansprechpartner wechseln" with the successor's mailed link, and "Profil löschen".
 */
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import sharp from 'sharp';
import type { TestSystem } from '../../support/system.ts';
import { newId } from '../../../src/core/ids/secrets.ts';
import { createJobPostings } from '../../../src/modules/job-postings/service.ts';
import type { PostingValues } from '../../../src/modules/job-postings/form.ts';
import { JM_ANSWER, JM_PASSWORD, jobmasterAccount } from '../../modules/jobmaster-login/accounts.ts';
import { heading } from './page.ts';
import { followMailLink, openMailInMailbox } from './mailbox.ts';
import { fillPerson, signInToJobmaster, type JobmasterLogin } from './jobmaster.ts';

export interface ContactFields {
  salutation: string;
  firstName: string;
  lastName: string;
  phone: string;
  email: string;
}

/** A company's Hauptansprechpartner as the registration stores it. */
export async function addMainContact(t: TestSystem, employerId: string, c: ContactFields): Promise<string> {
  const id = newId();
  await t.system.deps.db
    .insertInto('jobmaster_contacts')
    .values({ id, employer_id: employerId, salutation: c.salutation, title: null, first_name: c.firstName, last_name: c.lastName, phone: c.phone, email: c.email, is_main: true, created_at: t.clock.now() })
    .execute();
  return id;
}

export interface ReleasedEmployer extends JobmasterLogin {
  accountId: string;
  employerId: string;
  /** the Kennwortfrage's answer */
  answer: string;
}

/**
 * An employer as the clerk's release leaves it, written to the database (the registration and the
 * release are walked in jobmaster-registration.e2e.test.ts): the login and the company with its
 * Hauptansprechpartner, Frau Erika Mustermann.
 */
export async function releasedEmployer(t: TestSystem): Promise<ReleasedEmployer> {
  const { db, config } = t.system.deps;
  const { id: accountId, email } = await jobmasterAccount(db, { role: 'employer', insurerId: config.JOBMASTER_INSURER });
  const { company } = await db.selectFrom('accounts').select('company').where('id', '=', accountId).executeTakeFirstOrThrow();
  await addMainContact(t, company!, { salutation: 'Frau', firstName: 'Erika', lastName: 'Mustermann', phone: '040 1234', email });
  return { accountId, employerId: company!, email, password: JM_PASSWORD, answer: JM_ANSWER };
}

/** A released employer, logged in: the page is on the Stellenverwaltung. */
export async function signInAsReleasedEmployer(t: TestSystem, page: Page): Promise<ReleasedEmployer> {
  const employer = await releasedEmployer(t);
  await signInToJobmaster(page, t.baseUrl, employer);
  return employer;
}

/** An active posting of the employer, through the Stellenverwaltung's service; its id. */
export async function publishPosting(t: TestSystem, accountId: string, values: PostingValues): Promise<string> {
  const postings = createJobPostings(t.system.deps, 'jobmaster');
  const employer = (await postings.employerOf(accountId))!;
  const id = await postings.create(employer, values, null);
  await postings.setActive(employer, id, true, null);
  return id;
}

export interface PostingFields {
  title: string;
  /** the Art as the select shows it */
  kind: string;
  /** Beginn, 'YYYY-MM' */
  start: string;
  city: string;
  postalCode: string;
  description: string;
  /** Bewerbungsschluss, 'YYYY-MM-DD' */
  applyUntil: string;
}

/** On the Stellenverwaltung, "Hinzufügen", the form (`onForm` sees it filled), "Speichern": back on the Stellenverwaltung. */
export async function addPosting(page: Page, p: PostingFields, onForm?: () => Promise<void>): Promise<void> {
  await page.getByRole('link', { name: 'Hinzufügen', exact: true }).click();
  await heading(page, 'Stellenangebot hinzufügen', 1);
  await page.getByLabel('Titel', { exact: true }).fill(p.title);
  await page.getByLabel('Art', { exact: true }).selectOption({ label: p.kind });
  await page.getByLabel('Beginn (optional)', { exact: true }).fill(p.start);
  await page.getByLabel('Ort', { exact: true }).fill(p.city);
  await page.getByLabel('PLZ', { exact: true }).fill(p.postalCode);
  await page.getByLabel('Beschreibung', { exact: true }).fill(p.description);
  await page.getByLabel('Bewerbungsschluss', { exact: true }).fill(p.applyUntil);
  await onForm?.();
  await page.getByRole('button', { name: 'Speichern', exact: true }).click();
  await heading(page, 'Stellenverwaltung', 1);
}

/** "Konto" › "Persönliche Daten": the Unternehmensdaten. */
export async function openUnternehmensdaten(page: Page, baseUrl: string): Promise<void> {
  await page.goto(`${baseUrl}/jobmaster/konto`);
  await page.getByRole('link', { name: 'Persönliche Daten', exact: true }).click();
  await heading(page, 'Unternehmensdaten', 1);
}

/** A logo of one colour, as a PNG. */
export function plainLogo(width: number, height: number, background: { r: number; g: number; b: number }): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background } }).png().toBuffer();
}

/** On the Unternehmensdaten: "Upload Firmenlogo", the file, "Hochladen"; back with the logo shown. */
export async function uploadCompanyLogo(page: Page, png: Buffer): Promise<void> {
  await page.getByRole('link', { name: 'Upload Firmenlogo', exact: true }).click();
  await heading(page, 'Upload Firmenlogo', 1);
  await page.getByLabel('Firmenlogo', { exact: true }).setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: png });
  await page.getByRole('button', { name: 'Hochladen' }).click();
  await heading(page, 'Unternehmensdaten', 1);
  await page.getByRole('img', { name: /Firmenlogo von/ }).waitFor();
}

/** On the Unternehmensdaten, "Ihre Ansprechpartner" › "Hinzufügen", the person, "Speichern"; back with the notice. */
export async function addContact(page: Page, c: ContactFields): Promise<void> {
  await page.getByRole('link', { name: 'Hinzufügen', exact: true }).click();
  await heading(page, 'Ansprechpartner hinzufügen', 1);
  await fillPerson(page, c);
  await page.getByRole('button', { name: 'Speichern' }).click();
  await heading(page, 'Unternehmensdaten', 1);
  await page.getByText('Der Ansprechpartner wurde hinzugefügt.').waitFor();
}

/**
 * On the Unternehmensdaten, "Hauptansprechpartner wechseln": the answer to the Kennwortfrage, "Neue
 * Person eingeben" with the successor's data, and the button; the page says where the link went.
 */
export async function changeMainContact(page: Page, answer: string, successor: ContactFields): Promise<void> {
  await page.getByRole('link', { name: /^Hauptansprechpartner wechseln/ }).click();
  await heading(page, 'Hauptansprechpartner wechseln', 1);
  await page.getByLabel('Antwort', { exact: true }).fill(answer);
  await page.getByLabel('Neuer Hauptansprechpartner', { exact: true }).selectOption({ label: 'Neue Person eingeben' });
  await fillPerson(page, successor);
  await page.getByRole('button', { name: 'Hauptansprechpartner wechseln', exact: true }).click();
  await page.getByText(`Wir haben ${successor.email} einen Link gesendet`).waitFor();
}

/** The successor's mail "Sie werden Hauptansprechpartner im Jobmaster", its link, a password and a Kennwortfrage: "Login übernommen". */
export async function takeOverLogin(page: Page, baseUrl: string, successor: JobmasterLogin & { question: string; answer: string }): Promise<void> {
  const { mail } = await openMailInMailbox(page, baseUrl, successor.email, 'Sie werden Hauptansprechpartner im Jobmaster');
  await followMailLink(page, mail, 'Login übernehmen', /\/jobmaster\/hauptansprechpartner\?token=/);
  await heading(page, 'Login übernehmen', 1);
  await page.getByLabel('Passwort', { exact: true }).fill(successor.password);
  await page.getByLabel('Passwort wiederholen', { exact: true }).fill(successor.password);
  await page.getByLabel('Kennwortfrage', { exact: true }).selectOption({ label: successor.question });
  await page.getByLabel('Antwort', { exact: true }).fill(successor.answer);
  await page.getByRole('button', { name: 'Login übernehmen', exact: true }).click();
  await heading(page, 'Login übernommen', 1);
}

/** On the Unternehmensdaten, "Profil löschen": the password, the checkbox, the button; "Profil gelöscht". */
export async function deleteProfile(page: Page, password: string): Promise<void> {
  await page.getByRole('link', { name: /^Profil löschen/ }).click();
  await heading(page, 'Profil löschen', 1);
  await page.getByLabel('Passwort', { exact: true }).fill(password);
  await page.getByLabel('Ich möchte mein Profil und alle Stellenanzeigen endgültig löschen.').check();
  await page.getByRole('button', { name: 'Profil löschen', exact: true }).click();
  await heading(page, 'Profil gelöscht', 1);
  assert.match(await page.locator('main').innerText(), /Auf Wiedersehen!/);
}
