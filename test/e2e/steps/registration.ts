/**
 * Registration through the pages (manual 000 steps 1–10, manual 002 §2.1–§2.3): the form filled
 * field by field by its label, the address confirmed through the mail, the certificate uploaded,
 * the device pages walked to the activation code.
 */
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { linkAfter, waitForMail } from '../../support/mailbox.ts';
import { samplePdf } from '../../support/samples.ts';
import { heading } from './page.ts';
import type { Portal } from './login.ts';

export interface EmployerFields {
  /** the AOK as the select shows it */
  insurer: string;
  betriebsnummer: string;
  salutation: string;
  title?: string;
  firstName: string;
  lastName: string;
  email: string;
  password: string;
  passwordRepeat?: string;
}

/** The person's part of a registration or invitation form: salutation, title, names, address, password twice. */
export async function fillPerson(page: Page, p: Omit<ProviderFields, 'email'> & { email?: string }): Promise<void> {
  await page.getByLabel('Anrede', { exact: true }).selectOption({ label: p.salutation });
  if (p.title) await page.getByLabel('Akademischer Titel', { exact: true }).selectOption({ label: p.title });
  await page.getByLabel('Vorname', { exact: true }).fill(p.firstName);
  await page.getByLabel('Nachname', { exact: true }).fill(p.lastName);
  if (p.email !== undefined) await page.getByLabel('E-Mail-Adresse', { exact: true }).fill(p.email);
  await page.getByLabel('Passwort', { exact: true }).fill(p.password);
  await page.getByLabel('Passwort wiederholen', { exact: true }).fill(p.passwordRepeat ?? p.password);
}

/** Manual 000 step 2: Unternehmensdaten and persönliche Informationen, every field by its label. */
export async function fillEmployerForm(page: Page, p: EmployerFields): Promise<void> {
  await page.getByLabel('Ihre AOK', { exact: true }).selectOption({ label: p.insurer });
  await page.getByLabel('Ihre Betriebsnummer', { exact: true }).fill(p.betriebsnummer);
  await fillPerson(page, p);
  await page.getByLabel('Ich habe die Nutzungsbedingungen gelesen und akzeptiere sie.', { exact: true }).check();
  await page.getByLabel('Ich habe die Datenschutzhinweise zur Kenntnis genommen.', { exact: true }).check();
}

export type ProviderFields = Omit<EmployerFields, 'insurer' | 'betriebsnummer'>;

/** Manual 002 §2.1: the LE-Admin's persönliche Daten (the IK is typed before, its institution shown). */
export async function fillProviderForm(page: Page, p: ProviderFields): Promise<void> {
  await fillPerson(page, p);
  await page.getByLabel('Ich habe die Nutzungsbedingungen gelesen und akzeptiere sie.', { exact: true }).check();
  await page.getByLabel('Ich habe die Datenverarbeitungsbedingungen gelesen und akzeptiere sie.', { exact: true }).check();
}

/** The invitation page from the mail's link: the address it is for, the person's data, "Weiter" to the device step. */
export async function acceptInvitation(page: Page, email: string, p: { salutation: string; firstName: string; lastName: string; password: string }, onForm?: () => Promise<void>): Promise<void> {
  await heading(page, 'Einladung annehmen', 1);
  await page.getByText(email, { exact: true }).waitFor();
  await fillPerson(page, p);
  await onForm?.();
  await page.getByRole('button', { name: 'Weiter', exact: true }).click();
  await heading(page, 'Geräteregistrierung', 2);
}

/** Manual 000 steps 1–3: "Registrieren" on the start page, the form, "Weiter", the notice to confirm the address. */
export async function registerEmployer(page: Page, baseUrl: string, p: EmployerFields): Promise<void> {
  await page.goto(`${baseUrl}/arbeitgeber/`);
  await page.getByRole('link', { name: 'Registrieren', exact: true }).click();
  await heading(page, 'Persönliche Daten', 2);
  await fillEmployerForm(page, p);
  await page.getByRole('button', { name: 'Weiter', exact: true }).click();
  await heading(page, 'Bitte bestätigen Sie Ihre E-Mail-Adresse', 2);
}

/** The confirmation link from the mail, opened in this browser: the address is confirmed. */
export async function confirmAddressFromMail(page: Page, baseUrl: string, email: string, subject = 'Bestätigung Ihrer E-Mail-Adresse'): Promise<void> {
  const mail = await waitForMail(baseUrl, email, { subject });
  await page.goto(linkAfter(mail.text, 'Bestätigung E-Mail-Adresse:'));
  await page.getByText('Sie haben Ihre E-Mail-Adresse erfolgreich bestätigt.').waitFor();
}

/** "Registrierung fortsetzen": the certificate step. */
export async function continueToCertificate(page: Page, portal: Portal): Promise<void> {
  await page.getByRole('link', { name: 'Registrierung fortsetzen', exact: true }).click();
  await page.waitForURL(new RegExp(`/${portal}/registrierung/bescheinigung$`));
  await heading(page, 'Arbeitgeberbescheinigung', 2);
}

/** "Datei auswählen" on the certificate page: the page script uploads the file at once and lists it. */
export async function uploadCertificate(page: Page, name: string, text = 'Arbeitgeberbescheinigung unterschrieben'): Promise<void> {
  await page.getByLabel('Datei auswählen', { exact: true }).setInputFiles({ name, mimeType: 'application/pdf', buffer: Buffer.from(await samplePdf(text)) });
  await page.getByText('Die Datei wurde hochgeladen und als Anhang gespeichert.').waitFor();
  await page.getByRole('list', { name: 'Hochgeladene Dateien' }).getByText(name).waitFor();
}

/** "PDF herunterladen" on a certificate page; the file name the browser is offered, checked. */
export async function downloadCertificate(page: Page, fileName: string | RegExp) {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'PDF herunterladen', exact: true }).click()]);
  if (typeof fileName === 'string') assert.equal(download.suggestedFilename(), fileName);
  else assert.match(download.suggestedFilename(), fileName);
  return download;
}

/** From the certificate page ("Weiter") through the device pages to the activation code page. */
export async function walkDevicePages(page: Page, portal: Portal): Promise<void> {
  await page.getByRole('button', { name: 'Weiter', exact: true }).click();
  await page.waitForURL(new RegExp(`/${portal}/registrierung/geraet$`));
  await page.getByRole('link', { name: 'Weiter', exact: true }).click();
  await page.waitForURL(new RegExp(`/${portal}/registrierung/geraet/app$`));
  await page.getByRole('link', { name: 'Weiter', exact: true }).click();
  await page.waitForURL(new RegExp(`/${portal}/registrierung/geraet/aktivierungscode$`));
}

/** "Weiter" after the device: the Abschluss, with the login only after the AOK's check. */
export async function continueToCompletion(page: Page, portal: Portal, notice: string, exact = false): Promise<void> {
  await page.getByRole('link', { name: 'Weiter', exact: true }).click();
  await page.waitForURL(new RegExp(`/${portal}/registrierung/abschluss$`));
  await heading(page, 'Abschluss', 2);
  await page.getByText(notice, { exact }).waitFor();
}
