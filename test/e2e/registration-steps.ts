/**
 * Manual 000 steps 1–7 as a person does them in a browser: fields found by their
 * label, buttons and links by role and name. Shared by the e2e test and
 * scripts/screenshots.ts; each step asserts what the person sees, so a broken
 * flow fails in both places.
 */
import assert from 'node:assert/strict';
import { hasPdftotext, pdfFileText } from '../support/pdf.ts';
import { join } from 'node:path';
import type { Download, Page } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import { openMailInMailbox } from './steps/mailbox.ts';
import { describedByText } from './steps/page.ts';
import { fillEmployerForm } from './steps/registration.ts';
import { confirmationSubject } from '../../src/modules/registration/mails.ts';
import { arbeitgeberWords } from '../../src/portals/arbeitgeber/words.ts';

const CONFIRMATION_SUBJECT = confirmationSubject(arbeitgeberWords('AOK'));

export const PASSWORD = 'Korrekt-Pferd-Batterie-42';
export const WIZARD_TITLE = 'Registrierung Firmenkunde (Administrator)';
export { CONFIRMATION_SUBJECT };

export interface Person {
  insurer: string;
  insurerAddress: string[];
  betriebsnummer: string;
  salutation: string;
  title: string;
  firstName: string;
  lastName: string;
  email: string;
  password: string;
}

export function person(tag: string): Person {
  return {
    insurer: 'AOK Niedersachsen',
    insurerAddress: ['Hildesheimer Straße 273', '30519 Hannover'],
    betriebsnummer: '09912342',
    salutation: 'Frau',
    title: 'Dr.',
    firstName: 'Anna-Lena',
    lastName: 'Müller',
    email: `a.mueller.${tag}@firma-beispiel.de`,
    password: PASSWORD,
  };
}

/** Called once per page the person sees, after the page is checked: screenshots, axe. */
export type PageHook = (name: string, page: Page) => Promise<void>;

/**
 * Serious and critical axe findings of the page, as "rule (impact): target – help" lines.
 * The mailbox's mail frame is left out: it is sandboxed without scripts, so axe cannot
 * run inside it (and would wait for it forever); the mail is the test mailbox's view.
 */
export async function axeFindings(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).exclude('iframe.mail-frame').analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.map((n) => `${v.id} (${v.impact}): ${n.target.join(' ')} – ${v.help}`));
}

export { describedByText };

async function currentStep(page: Page): Promise<string> {
  return ((await page.locator('.stepper [aria-current="step"]').textContent()) ?? '').replace(/\s+/g, ' ').trim();
}

/** Step 1: the start page offers "Registrieren". */
export async function openStartPage(page: Page, baseUrl: string, hook: PageHook) {
  await page.goto(`${baseUrl}/arbeitgeber/`);
  await page.getByRole('heading', { level: 1, name: 'Mein AOK Arbeitgeberservice' }).waitFor();
  await page.getByRole('link', { name: 'Registrieren' }).waitFor();
  await hook('start', page);
}

/** Step 1 → 2: click "Registrieren", the form "Persönliche Daten" opens. */
export async function clickRegister(page: Page) {
  await page.getByRole('link', { name: 'Registrieren' }).click();
  await page.waitForURL(/\/arbeitgeber\/registrierung\?flow=/);
  await page.getByRole('heading', { level: 1, name: WIZARD_TITLE }).waitFor();
  await page.getByRole('heading', { level: 2, name: 'Persönliche Daten' }).waitFor();
  assert.match(await currentStep(page), /Persönliche Daten/);
}

/** Step 2: fills every field by its label. */
export async function fillRegistrationForm(page: Page, p: Person, passwordRepeat = p.password) {
  await fillEmployerForm(page, { ...p, passwordRepeat });
}

export async function submitRegistrationForm(page: Page) {
  await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name: 'Weiter' }).click()]);
}

/**
 * Bad input: wrong check digit and differing passwords. The summary appears, each
 * message is at its field, typed values stay, the password fields are empty.
 */
export async function expectRegistrationErrors(page: Page, p: Person, wrongBetriebsnummer: string) {
  const summary = page.locator('.error-summary');
  await summary.getByRole('heading', { name: 'Bitte korrigieren Sie Ihre Eingaben' }).waitFor();
  assert.equal(await summary.getAttribute('role'), 'alert');
  assert.match(await page.title(), /^Fehler: /);
  const summaryText = (await summary.textContent()) ?? '';
  assert.match(summaryText, /Ihre Betriebsnummer: Die Prüfziffer der Betriebsnummer stimmt nicht/);
  assert.match(summaryText, /Passwort wiederholen: Die beiden Passwörter stimmen nicht überein/);
  assert.equal(await summary.getByRole('link').count(), 2, summaryText);
  assert.equal(await summary.getByRole('link', { name: /Ihre Betriebsnummer/ }).getAttribute('href'), '#f-betriebsnummer');

  const bnr = page.getByLabel('Ihre Betriebsnummer');
  assert.equal(await bnr.getAttribute('aria-invalid'), 'true');
  assert.match(await describedByText(page, bnr), /Fehler: Die Prüfziffer der Betriebsnummer stimmt nicht\./);
  const repeat = page.getByLabel('Passwort wiederholen');
  assert.equal(await repeat.getAttribute('aria-invalid'), 'true');
  assert.match(await describedByText(page, repeat), /Fehler: Die beiden Passwörter stimmen nicht überein\./);

  // what was typed is still there, except the passwords
  assert.equal(await bnr.inputValue(), wrongBetriebsnummer);
  assert.equal(await page.getByLabel('Ihre AOK').locator('option:checked').textContent(), p.insurer);
  assert.equal(await page.getByLabel('Anrede').inputValue(), p.salutation);
  assert.equal(await page.getByLabel('Akademischer Titel').inputValue(), p.title);
  assert.equal(await page.getByLabel('Vorname').inputValue(), p.firstName);
  assert.equal(await page.getByLabel('Nachname').inputValue(), p.lastName);
  assert.equal(await page.getByLabel('E-Mail-Adresse').inputValue(), p.email);
  assert.equal(await page.getByLabel('Passwort', { exact: true }).inputValue(), '');
  assert.equal(await page.getByLabel('Passwort wiederholen').inputValue(), '');
  assert.ok(await page.getByLabel('Ich habe die Nutzungsbedingungen gelesen und akzeptiere sie.').isChecked());
  assert.ok(await page.getByLabel('Ich habe die Datenschutzhinweise zur Kenntnis genommen.').isChecked());
  // the fields without a problem are not marked
  assert.equal(await page.getByLabel('Vorname').getAttribute('aria-invalid'), null);
}

/** Step 3: after "Weiter" the notice that the address is to be confirmed. */
export async function expectConfirmNotice(page: Page, p: Person, hook: PageHook) {
  await page.waitForURL(/\/arbeitgeber\/registrierung\/email-bestaetigen\?flow=/);
  await page.getByRole('heading', { level: 2, name: 'Bitte bestätigen Sie Ihre E-Mail-Adresse' }).waitFor();
  await page.getByText('Vielen Dank für Ihre Registrierung.').waitFor();
  assert.match((await page.locator('main').textContent()) ?? '', new RegExp(`E-Mail an ${p.email.replace(/\./g, '\\.')} gesendet`));
  await hook('email-bestaetigen', page);
}

/** Step 4: the person opens the inbox, the mail by its subject, and clicks the button in the mail. */
export async function confirmThroughMailbox(page: Page, baseUrl: string, p: Person, hook: PageHook) {
  const { mail } = await openMailInMailbox(page, baseUrl, p.email, CONFIRMATION_SUBJECT, {
    onInbox: async () => {
      assert.equal(await page.getByRole('row').filter({ hasText: p.email }).count(), 1, `one mail to ${p.email} in the inbox`);
      await hook('mailbox', page);
    },
  });
  await mail.getByRole('link', { name: 'Zum Registrierungsstatus →' }).waitFor();
  await mail.getByText('Ihre AOK Niedersachsen - Die Gesundheitskasse').waitFor();
  await hook('mail', page);

  // the button in the mail navigates the top window
  await mail.getByRole('link', { name: 'Bestätigung E-Mail-Adresse' }).click();
  await page.waitForURL(/\/arbeitgeber\/registrierung\/bestaetigung\?token=/);
  await page.getByRole('heading', { level: 1, name: 'Bestätigung E-Mail-Adresse' }).waitFor();
  await page.getByText('E-Mail-Adresse bestätigt', { exact: true }).waitFor();
  await page.getByText('Sie haben Ihre E-Mail-Adresse erfolgreich bestätigt.').waitFor();
  await hook('email-bestaetigt', page);
}

/** Step 5 → 6: "Registrierung fortsetzen" opens the certificate step. */
export async function continueRegistration(page: Page, hook: PageHook) {
  await page.getByRole('link', { name: 'Registrierung fortsetzen' }).click();
  await page.waitForURL(/\/arbeitgeber\/registrierung\/bescheinigung$/);
  await page.getByRole('heading', { level: 2, name: 'Arbeitgeberbescheinigung', exact: true }).waitFor();
  assert.match(await currentStep(page), /Arbeitgeberbescheinigung Download/);
  assert.equal(await page.locator('.stepper__step--done').count(), 1);
  await page.getByText('Noch keine Datei hochgeladen.').waitFor();
  await hook('bescheinigung', page);
}

export { hasPdftotext, pdfFileText as pdfText };

/** Step 6: "PDF herunterladen"; returns where the download was saved. */
export async function downloadCertificate(page: Page, p: Person, dir: string): Promise<string> {
  const [download]: [Download, unknown] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'PDF herunterladen' }).click(),
  ]);
  assert.equal(download.suggestedFilename(), `Arbeitgeberbescheinigung_${p.betriebsnummer}.pdf`);
  const file = join(dir, download.suggestedFilename());
  await download.saveAs(file);
  return file;
}

export function expectCertificateText(text: string, p: Person) {
  for (const expected of [
    'Arbeitgeberbescheinigung',
    p.betriebsnummer,
    `${p.salutation} ${p.title} ${p.firstName} ${p.lastName}`,
    p.email,
    p.insurer,
    ...p.insurerAddress,
  ]) {
    assert.ok(text.includes(expected), `"${expected}" in the certificate:\n${text}`);
  }
}

export interface UploadFile {
  name: string;
  mimeType: string;
  buffer: Buffer;
}

/**
 * Step 7: choose two files. With JavaScript the choice uploads them at once by XHR, with
 * progress, and lists them without a reload; without it "Hochladen" posts the form. Either
 * way both files end up listed as attachments.
 */
export async function uploadFiles(page: Page, files: UploadFile[], js: boolean, hook: PageHook) {
  const sent = page.waitForRequest((r) => r.method() === 'POST' && r.url().endsWith('/arbeitgeber/registrierung/bescheinigung/upload'));
  await page.getByLabel('Datei auswählen').setInputFiles(files);
  if (!js) await page.getByRole('button', { name: 'Hochladen' }).click();
  const request = await sent;
  assert.equal(request.resourceType(), js ? 'xhr' : 'document', 'the upload is sent by the page script only with JavaScript');
  if (!js) await page.waitForURL(new RegExp(`/arbeitgeber/registrierung/bescheinigung\\?hochgeladen=${files.length}$`));
  await page.getByText('Die Dateien wurden hochgeladen und als Anhang gespeichert.').waitFor();
  if (js) assert.match(page.url(), /\/arbeitgeber\/registrierung\/bescheinigung$/, 'no reload');
  const attachments = page.getByRole('list', { name: 'Hochgeladene Dateien' }).getByRole('listitem');
  assert.equal(await attachments.count(), files.length);
  for (const f of files) {
    assert.equal(await attachments.filter({ hasText: f.name }).count(), 1, `${f.name} is listed`);
    await page.getByRole('button', { name: `${f.name} löschen` }).waitFor();
  }
  assert.match(await currentStep(page), /Arbeitgeberbescheinigung Download/);
  await hook('bescheinigung-hochgeladen', page);
}

/** "Weiter" on the certificate page (the form's submit button): the next wizard step, Geräteregistrierung (manual 000 step 8). */
export async function continueToDeviceStep(page: Page, hook: PageHook) {
  await page.getByRole('button', { name: 'Weiter' }).click();
  await page.waitForURL(/\/arbeitgeber\/registrierung\/geraet$/);
  await page.getByRole('heading', { level: 2, name: 'Geräteregistrierung' }).waitFor();
  assert.match(await currentStep(page), /Geräteregistrierung/);
  assert.equal(await page.locator('.stepper__step--done').count(), 2, 'Persönliche Daten and the certificate are done');
  await hook('geraeteregistrierung', page);
}

/**
 * The status page, reached as the manual says for later: the second link in the mail,
 * „Zum Registrierungsstatus“. ✔ for e-mail, download and upload; device and activation open.
 */
export async function openStatusFromMail(page: Page, baseUrl: string, p: Person, js: boolean, hook: PageHook) {
  const { mail } = await openMailInMailbox(page, baseUrl, p.email, CONFIRMATION_SUBJECT);
  await mail.getByRole('link', { name: 'Zum Registrierungsstatus →' }).click();
  // the link's secret leaves the address bar at once
  await page.waitForURL(/\/arbeitgeber\/registrierung\/status$/);
  await page.getByRole('heading', { level: 1, name: 'Status Ihrer Registrierung' }).waitFor();
  const item = (label: string) => page.locator('.status-list__item').filter({ hasText: label });
  for (const label of ['Bestätigung Ihrer E-Mail-Adresse', 'Download Arbeitgeberbescheinigung', 'Upload Arbeitgeberbescheinigung']) {
    const icon = item(label).locator('.status-list__icon');
    assert.equal((await icon.textContent())?.trim(), '✔', `${label} is checked`);
    assert.match((await item(label).getAttribute('class')) ?? '', /status-list__item--done/);
    if (js) {
      // the check is green (reading the style needs a script in the page)
      const color = await icon.evaluate((el) => getComputedStyle(el).color);
      const [r, g, b] = (color.match(/\d+/g) ?? []).map(Number);
      assert.ok(g! > 100 && g! > r! * 2 && g! > b! * 1.5, `${label}: ✔ is green (${color})`);
    }
  }
  await item('Bestätigung Ihrer E-Mail-Adresse').getByText('Erfolgreich abgeschlossen').waitFor();
  await item('Download Arbeitgeberbescheinigung').getByRole('link', { name: 'Dokument (erneut) herunterladen' }).waitFor();
  await item('Upload Arbeitgeberbescheinigung').getByRole('link', { name: 'Dokument (erneut) hochladen' }).waitFor();
  const device = item('Geräteregistrierung');
  assert.equal((await device.locator('.status-list__icon').textContent())?.trim(), '○');
  await device.getByRole('link', { name: 'Authentifikations-Gerät hinzufügen' }).waitFor();
  const activation = item('Aktivierung durch AOK-Administrator');
  assert.equal((await activation.locator('.status-list__icon').textContent())?.trim(), '○');
  await activation.getByText('Steht noch aus').waitFor();
  assert.equal(await page.locator('.status-list__item--done').count(), 3);
  await page.getByText(`Registriert für ${p.insurer}, Betriebsnummer ${p.betriebsnummer}.`).waitFor();
  await hook('status', page);
}
