import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as OTPAuth from 'otpauth';
import type { Browser, BrowserContext, Download, Page } from 'playwright-core';
import type { TestSystem } from '../../support/system.ts';
import { PIN, authenticator, person } from '../../support/journeys.ts';
import { linkAfter, waitForMail } from '../../support/mailbox.ts';
import { samplePdf } from '../../support/samples.ts';
import { main as pforteCli } from '../../../src/cli.ts';
import { auditAreas } from '../../../src/core/audit/actions.ts';

/**
 * Manual 000 steps 13–15 with the insurer's back office in between, in headless Chromium:
 * employer A registers and registers the terminal app as device; clerk B (AOK Bayern) finds the
 * registration in "Registrierungen zur Prüfung", looks at the upload and activates it; a clerk of
 * another AOK (C) neither sees nor opens it; A gets the mail and logs in. A second employer (A2)
 * is rejected with a reason, corrects the upload and is back in B's list. Administrator D locks
 * and unlocks A in "Zugänge", sees A's device-reset request and reads and exports the "Protokoll".
 * Shared by test/e2e/backoffice.e2e.test.ts (axe at every back-office screen) and
 * scripts/screenshots-backoffice.ts (pictures of it).
 */

/** Every screen the journey stops at; `onScreen` is called once the screen is shown and checked. */
export type BackofficeScreen =
  | 'login'
  | 'login-fehler'
  | 'einmalcode'
  | 'registrierungen'
  | 'registrierung-detail'
  | 'registrierung-aktiviert'
  | 'registrierung-ablehnen-fehler'
  | 'registrierungen-abgelehnt'
  | 'registrierungen-korrigiert'
  | 'zugaenge'
  | 'zugang'
  | 'zugang-gesperrt'
  | 'zugang-entsperrt'
  | 'geraete-ruecksetzungen'
  | 'protokoll'
  | 'aktivierungsmail';

/** The screens that are back-office pages (the mail is the test mailbox's viewer). */
export const BACKOFFICE_SCREENS: BackofficeScreen[] = [
  'login',
  'login-fehler',
  'einmalcode',
  'registrierungen',
  'registrierung-detail',
  'registrierung-aktiviert',
  'registrierung-ablehnen-fehler',
  'registrierungen-abgelehnt',
  'registrierungen-korrigiert',
  'zugaenge',
  'zugang',
  'zugang-gesperrt',
  'zugang-entsperrt',
  'geraete-ruecksetzungen',
  'protokoll',
];

export interface BackofficeJourneyOptions {
  onScreen?: (screen: BackofficeScreen, page: Page) => Promise<void>;
  viewport?: { width: number; height: number };
  /** Registration data of A and A2; fresh person()s by default. */
  employer?: ReturnType<typeof person>;
  secondEmployer?: ReturnType<typeof person>;
}

export interface BackofficeJourneyResult {
  employer: string;
  secondEmployer: string;
  csvHeader: string;
  csvLines: number;
}

export const STAFF_PASSWORD = 'Backoffice-Passwort-2026';
export const REJECTION_REASON = 'Die Bescheinigung ist nicht unterschrieben.';
export const CSV_HEADER = 'id;zeit;akteur;aktion;betroffen;ip;ergebnis;daten;akteur_name;akteur_email;aktion_text;betroffen_name;betroffen_email;betroffen_angaben';
const PORTAL_NAME = 'Mein AOK Arbeitgeberservice';

interface StaffLogin {
  email: string;
  secret: string;
  name: string;
}

/** Names the step a failure happened in, so a red test says where the journey broke. */
async function step<T>(name: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (error instanceof Error) error.message = `[${name}] ${error.message}`;
    throw error;
  }
}

/** A staff account through the operator's CLI, as in operations; returns the printed TOTP secret. */
export async function addStaff(t: TestSystem, input: { email: string; name: string; role: 'admin' | 'clerk'; aok?: string }): Promise<StaffLogin> {
  const lines: string[] = [];
  const args = ['staff', 'add', '--email', input.email, '--password', STAFF_PASSWORD, '--role', input.role, '--name', input.name, ...(input.aok ? ['--aok', input.aok] : [])];
  const code = await pforteCli(args, { database: t.system.database, fileKey: t.system.deps.fileKey, out: (l) => lines.push(l) });
  assert.equal(code, 0, lines.join('\n'));
  const secret = lines.find((l) => l.includes('base32'))?.split(': ')[1]?.trim();
  assert.ok(secret, `base32 secret printed:\n${lines.join('\n')}`);
  return { email: input.email, secret, name: input.name };
}

/** The code an authenticator app shows at the server's (test) clock. */
export function totpAt(t: TestSystem, secret: string, offsetMs = 0): string {
  return new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret), digits: 6, period: 30 }).generate({ timestamp: t.clock.now().getTime() + offsetMs });
}

async function heading(page: Page, name: string | RegExp, level?: number) {
  await page.getByRole('heading', { name, exact: typeof name === 'string' ? true : undefined, level }).waitFor();
}

/** Text of the element(s) the field's aria-describedby names. */
async function describedByText(page: Page, field: ReturnType<Page['getByLabel']>): Promise<string> {
  const ids = ((await field.getAttribute('aria-describedby')) ?? '').split(/\s+/).filter(Boolean);
  assert.ok(ids.length, 'the field has aria-describedby');
  const parts: string[] = [];
  for (const id of ids) parts.push(((await page.locator(`[id="${id}"]`).textContent()) ?? '').trim());
  return parts.join(' ');
}

/** Manual 000 steps 1–7 (and 8–13 with `device`) in the employer's browser, AOK Bayern. */
async function registerEmployer(t: TestSystem, page: Page, fields: ReturnType<typeof person>, options: { device: boolean }) {
  await page.goto(`${t.baseUrl}/arbeitgeber/`);
  await page.getByRole('link', { name: 'Registrieren', exact: true }).click();
  await heading(page, 'Persönliche Daten', 2);
  await page.getByLabel('Ihre AOK', { exact: true }).selectOption({ label: 'AOK Bayern' });
  await page.getByLabel('Ihre Betriebsnummer', { exact: true }).fill(fields.betriebsnummer);
  await page.getByLabel('Anrede', { exact: true }).selectOption({ label: fields.salutation });
  if (fields.title) await page.getByLabel('Akademischer Titel', { exact: true }).selectOption({ label: fields.title });
  await page.getByLabel('Vorname', { exact: true }).fill(fields.firstName);
  await page.getByLabel('Nachname', { exact: true }).fill(fields.lastName);
  await page.getByLabel('E-Mail-Adresse', { exact: true }).fill(fields.email);
  await page.getByLabel('Passwort', { exact: true }).fill(fields.password);
  await page.getByLabel('Passwort wiederholen', { exact: true }).fill(fields.passwordRepeat);
  await page.getByLabel(/Nutzungsbedingungen gelesen/).check();
  await page.getByLabel(/Datenschutzhinweise zur Kenntnis genommen/).check();
  await page.getByRole('button', { name: 'Weiter', exact: true }).click();
  await heading(page, 'Bitte bestätigen Sie Ihre E-Mail-Adresse', 2);

  const mail = await waitForMail(t.baseUrl, fields.email, { subject: 'Bestätigung Ihrer E-Mail-Adresse' });
  await page.goto(linkAfter(mail.text, 'Bestätigung E-Mail-Adresse:'));
  await page.getByText('Sie haben Ihre E-Mail-Adresse erfolgreich bestätigt.').waitFor();
  await page.getByRole('link', { name: 'Registrierung fortsetzen', exact: true }).click();
  await heading(page, 'Arbeitgeberbescheinigung', 2);

  // the certificate is downloaded (a step of its own) and uploaded, signed
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'PDF herunterladen', exact: true }).click()]);
  assert.equal(download.suggestedFilename(), `Arbeitgeberbescheinigung_${fields.betriebsnummer}.pdf`);
  await uploadCertificate(page, 'Arbeitgeberbescheinigung unterschrieben.pdf', 'Arbeitgeberbescheinigung unterschrieben');

  if (!options.device) return;
  await page.getByRole('button', { name: 'Weiter', exact: true }).click();
  await page.waitForURL(/\/arbeitgeber\/registrierung\/geraet$/);
  await page.getByRole('link', { name: 'Weiter', exact: true }).click();
  await page.waitForURL(/\/geraet\/app$/);
  await page.getByRole('link', { name: 'Weiter', exact: true }).click();
  await page.waitForURL(/\/geraet\/aktivierungscode$/);
  await page.getByRole('button', { name: 'Aktivierungscode anzeigen', exact: true }).click();
  const code = await page.locator('[data-code]').getAttribute('data-code');
  assert.match(code ?? '', /^\d{8}$/, 'activation code on the page');
  const state = mkdtempSync(join(tmpdir(), 'pforte-bo-e2e-'));
  const activated = await authenticator(['activate', '--server', t.baseUrl, '--email', fields.email, '--activation-code', code!, '--pin', PIN, '--state', state]);
  assert.equal(activated.code, 0, activated.err.join('\n'));
  await page.getByRole('link', { name: 'Weiter', exact: true }).click();
  await page.waitForURL(/\/registrierung\/abschluss$/);
  await heading(page, 'Abschluss', 2);
  await page.getByText('Der Login ist erst nach Prüfung durch Ihre AOK möglich').waitFor();
  return state;
}

/** "Datei auswählen" on the certificate page: the page script uploads the file at once and lists it. */
async function uploadCertificate(page: Page, name: string, text: string) {
  await page.getByLabel('Datei auswählen', { exact: true }).setInputFiles({ name, mimeType: 'application/pdf', buffer: Buffer.from(await samplePdf(text)) });
  await page.getByText('Die Datei wurde hochgeladen und als Anhang gespeichert.').waitFor();
  await page.getByRole('list', { name: 'Hochgeladene Dateien' }).getByText(name).waitFor();
}

/** The back-office login: e-mail and password, then the one-time code of the staff member's authenticator. */
async function staffLogin(t: TestSystem, page: Page, who: StaffLogin, onScreen?: (screen: BackofficeScreen, page: Page) => Promise<void>) {
  await page.goto(`${t.baseUrl}/backoffice/login`);
  await page.waitForURL(/\/backoffice\/login\?flow=/);
  await heading(page, 'Anmeldung für Mitarbeitende', 1);
  const email = page.getByLabel('E-Mail-Adresse', { exact: true });
  const password = page.getByLabel('Passwort', { exact: true });
  await email.fill(who.email);
  if (onScreen) {
    // a wrong password first: the message at the field, the address kept
    await password.fill('Falsches-Passwort-2026');
    await onScreen('login', page);
    await page.getByRole('button', { name: 'Weiter', exact: true }).click();
    await page.locator('.error-summary').getByRole('link', { name: /E-Mail-Adresse/ }).waitFor();
    assert.match(await page.title(), /^Fehler: /);
    assert.equal(await email.getAttribute('aria-invalid'), 'true');
    assert.match(await describedByText(page, email), /Fehler: /);
    assert.equal(await email.inputValue(), who.email);
    assert.equal(await password.inputValue(), '');
    await onScreen('login-fehler', page);
  }
  await password.fill(STAFF_PASSWORD);
  await page.getByRole('button', { name: 'Weiter', exact: true }).click();
  await page.waitForURL(/\/backoffice\/login\/code\?flow=/);
  await heading(page, 'Einmalcode', 1);
  await page.getByLabel('Einmalcode', { exact: true }).fill(totpAt(t, who.secret));
  if (onScreen) await onScreen('einmalcode', page);
  await page.getByRole('button', { name: 'Anmelden', exact: true }).click();
  await page.waitForURL(/\/backoffice\/registrierungen$/);
  await heading(page, 'Registrierungen zur Prüfung', 1);
  await page.getByText(`Angemeldet: ${who.name}`).waitFor();
}

/** The row of the work list (or of "Zugänge") with this e-mail address. */
function rowOf(page: Page, email: string) {
  return page.getByRole('row').filter({ hasText: email });
}

/** Opens a mail in the mailbox viewer (/mailbox) by recipient and subject; returns its HTML frame. */
async function openMailInMailbox(t: TestSystem, page: Page, to: string, subject: string) {
  await waitForMail(t.baseUrl, to, { subject });
  await page.goto(`${t.baseUrl}/mailbox`);
  await heading(page, 'Posteingang', 1);
  const row = page.getByRole('row').filter({ hasText: to }).filter({ hasText: subject });
  assert.equal(await row.count(), 1, `one mail "${subject}" to ${to}`);
  await row.getByRole('link', { name: new RegExp(subject.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) }).click();
  await page.waitForURL(/\/mailbox\/\d+$/);
  const frame = page.frameLocator('iframe.mail-frame');
  await frame.getByText('Guten Tag,').waitFor();
  return frame;
}

async function downloadedText(download: Download): Promise<string> {
  const path = await download.path();
  assert.ok(path, 'the download was saved');
  return readFileSync(path, 'utf8');
}

export async function runBackofficeJourney(t: TestSystem, browser: Browser, options: BackofficeJourneyOptions = {}): Promise<BackofficeJourneyResult> {
  const onScreen = options.onScreen ?? (async () => {});
  const viewport = options.viewport ?? { width: 1280, height: 900 };
  const a1 = options.employer ?? person({ insurerId: 'by' });
  const a2 = options.secondEmployer ?? person({ insurerId: 'by', betriebsnummer: '37421159', salutation: 'Herr', title: '', firstName: 'Klaus', lastName: 'Bauer' });
  const contexts: BrowserContext[] = [];
  const states: string[] = [];
  const newPage = async () => {
    const context = await browser.newContext({ locale: 'de-DE', timezoneId: 'Europe/Berlin', viewport, acceptDownloads: true });
    context.setDefaultTimeout(10_000);
    contexts.push(context);
    return context.newPage();
  };

  try {
    const [clerk, otherClerk, admin] = await step('Mitarbeitende anlegen', () =>
      Promise.all([
        addStaff(t, { email: 'sabine.schmidt@aok-bayern.example', name: 'Sabine Schmidt', role: 'clerk', aok: 'by' }),
        addStaff(t, { email: 'thomas.becker@aok-hessen.example', name: 'Thomas Becker', role: 'clerk', aok: 'he' }),
        addStaff(t, { email: 'petra.wagner@kasse.example', name: 'Petra Wagner', role: 'admin' }),
      ]),
    );
    const [employer, employer2, b, c, d] = await Promise.all([newPage(), newPage(), newPage(), newPage(), newPage()]);

    // ── 1. A registers with the terminal app as device; A2 registers and uploads, without a device yet
    const stateA = await step('A: Registrierung bis Abschluss', async () => {
      const state = await registerEmployer(t, employer, a1, { device: true });
      states.push(state!);
      return state!;
    });
    await step('A2: Registrierung mit Upload', () => registerEmployer(t, employer2, a2, { device: false }));

    // ── 2. B (AOK Bayern) sees both; C (AOK Hessen) sees neither and cannot open A's
    const detailPath = await step('B: Anmeldung und Arbeitsliste', async () => {
      await staffLogin(t, b, clerk, onScreen);
      await b.getByRole('status').filter({ hasText: '2 Registrierungen zur Prüfung' }).waitFor();
      const row = rowOf(b, a1.email);
      assert.equal(await row.count(), 1, 'A is in the list');
      assert.match(await row.innerText(), /AOK Bayern[\s\S]*registriert/);
      assert.match(await rowOf(b, a2.email).innerText(), /noch nicht registriert/);
      await onScreen('registrierungen', b);
      const href = await row.getByRole('link', { name: a1.betriebsnummer }).getAttribute('href');
      assert.match(href ?? '', /^\/backoffice\/registrierungen\/[0-9a-f-]{36}$/);
      return href!;
    });

    await step('C: andere AOK sieht nichts', async () => {
      await staffLogin(t, c, otherClerk);
      await c.getByText('Sachbearbeitung, AOK Hessen').waitFor();
      await c.getByText('Keine Registrierungen gefunden.').waitFor();
      assert.equal(await c.getByText(a1.email).count(), 0, 'another AOK does not see A');
      const response = await c.goto(`${t.baseUrl}${detailPath}`);
      assert.equal(response?.status(), 404, 'another AOK gets "not found" for the registration');
      assert.equal(await c.getByText(a1.email).count(), 0);
    });

    await step('B: Prüfen, Bescheinigung ansehen, Aktivieren', async () => {
      await rowOf(b, a1.email).getByRole('link', { name: a1.betriebsnummer }).click();
      await b.waitForURL(new RegExp(`${detailPath}$`));
      await heading(b, `Registrierung ${a1.betriebsnummer}`, 1);
      await b.getByText(`${a1.betriebsnummer} – Prüfziffer korrekt`).waitFor();
      await b.getByText(a1.email, { exact: true }).waitFor();
      for (const label of ['Bestätigung der E-Mail-Adresse', 'Download Arbeitgeberbescheinigung', 'Upload Arbeitgeberbescheinigung', 'Geräteregistrierung']) {
        assert.equal((await b.locator('.status-list__item').filter({ hasText: label }).locator('.status-list__icon').innerText()).trim(), '✔', label);
      }
      const activate = b.getByRole('button', { name: 'Aktivieren', exact: true });
      assert.ok(await activate.isEnabled(), 'Aktivieren is possible, every step is done');
      await onScreen('registrierung-detail', b);

      // "Ansehen" opens the upload in a new tab, as a PDF
      const file = b.getByRole('listitem').filter({ hasText: 'Arbeitgeberbescheinigung unterschrieben.pdf' });
      const [tab, response] = await Promise.all([
        b.context().waitForEvent('page'),
        b.context().waitForEvent('response', (r) => /\/backoffice\/registrierungen\/[0-9a-f-]{36}\/dateien\/[0-9a-f-]{36}$/.test(r.url())),
        file.getByRole('link', { name: /ansehen/i }).click(),
      ]);
      assert.equal(response.status(), 200);
      const headers = await response.allHeaders();
      assert.equal(headers['content-type'], 'application/pdf');
      assert.match(headers['content-disposition'] ?? '', /^inline/);
      assert.match(headers['content-security-policy'] ?? '', /sandbox/);
      assert.equal(tab.url(), response.url(), 'the tab shows the file');
      // what the tab gets is the PDF viewer's wrapper page: the bytes themselves, with B's session
      const bytes = await b.context().request.get(response.url());
      assert.equal((await bytes.body()).subarray(0, 5).toString('latin1'), '%PDF-');
      await tab.close();

      await activate.click();
      await b.waitForURL(new RegExp(`${detailPath}\\?aktiviert=1$`));
      await b.getByText('Der Zugang wurde aktiviert', { exact: false }).waitFor();
      await b.getByText('Dieser Zugang ist aktiviert.').waitFor();
      assert.equal(await b.getByRole('button', { name: 'Aktivieren', exact: true }).count(), 0);
      await onScreen('registrierung-aktiviert', b);
    });

    // ── 3. A: the activation mail in the mailbox, "Zum Login", password and the terminal app's code
    await step('A: Aktivierungsmail und Login', async () => {
      const mail = await openMailInMailbox(t, employer, a1.email, 'wurde aktiviert');
      await heading(employer, `Ihr Zugang zu „${PORTAL_NAME}“ wurde aktiviert`, 1);
      await mail.getByText('Ihre AOK Bayern - Die Gesundheitskasse', { exact: false }).waitFor();
      const toLogin = mail.getByRole('link', { name: 'Zum Login', exact: true });
      await toLogin.waitFor();
      await onScreen('aktivierungsmail', employer);
      await toLogin.click();
      await employer.waitForURL(/\/arbeitgeber\/login\?flow=/);
      await heading(employer, 'Login', 1);
      await employer.getByLabel('Benutzername/E-Mail-Adresse', { exact: true }).fill(a1.email);
      await employer.getByLabel('Passwort', { exact: true }).fill(a1.password);
      await employer.getByRole('button', { name: 'Login', exact: true }).click();
      await heading(employer, 'Eingabe Sicherheitscode', 1);
      const shown = await authenticator(['code', '--server', t.baseUrl, '--email', a1.email, '--pin', PIN, '--state', stateA]);
      assert.equal(shown.code, 0, shown.err.join('\n'));
      assert.match(shown.out[0] ?? '', /^\d{6}$/);
      await employer.getByLabel('Sicherheitscode', { exact: true }).fill(shown.out[0]!);
      await employer.getByRole('button', { name: 'Weiter', exact: true }).click();
      await employer.waitForURL(/\/arbeitgeber\/startseite$/);
      await heading(employer, `Startseite von ${PORTAL_NAME}`, 1);
    });

    // ── 4. A2 is rejected with a reason, reads it, uploads a corrected certificate; back in B's list
    await step('B: Ablehnen mit Grund', async () => {
      await b.getByRole('link', { name: '← Registrierungen zur Prüfung' }).click();
      await heading(b, 'Registrierungen zur Prüfung', 1);
      assert.equal(await rowOf(b, a1.email).count(), 0, 'the activated registration has left the list');
      await rowOf(b, a2.email).getByRole('link', { name: a2.betriebsnummer }).click();
      await heading(b, `Registrierung ${a2.betriebsnummer}`, 1);
      assert.ok(await b.getByRole('button', { name: 'Aktivieren', exact: true }).isDisabled(), 'no device yet: Aktivieren is not possible');
      const reason = b.getByLabel(/^Grund der Ablehnung/);
      await b.getByRole('button', { name: 'Ablehnen', exact: true }).click();
      await heading(b, `Registrierung ${a2.betriebsnummer}`, 1);
      await b.locator('#f-reason-error').waitFor();
      assert.match(await describedByText(b, reason), /Fehler: Bitte geben Sie einen Grund für die Ablehnung an\./);
      assert.equal(await b.locator('.field--error').filter({ has: b.locator('#f-reason') }).count(), 1, 'the message is at the field');
      await onScreen('registrierung-ablehnen-fehler', b);
      await reason.fill(REJECTION_REASON);
      await b.getByRole('button', { name: 'Ablehnen', exact: true }).click();
      await b.waitForURL(/\/backoffice\/registrierungen\?abgelehnt=1$/);
      await b.getByText('Keine Registrierungen gefunden.').waitFor();
      assert.equal(await rowOf(b, a2.email).count(), 0, 'the rejected registration has left the list');
      await onScreen('registrierungen-abgelehnt', b);
    });

    await step('A2: Ablehnungsmail, Status, neue Bescheinigung', async () => {
      const mail = await openMailInMailbox(t, employer2, a2.email, 'Bitte korrigieren');
      await mail.getByText(`Grund: ${REJECTION_REASON}`).waitFor();
      await mail.getByRole('link', { name: 'Zum Registrierungsstatus →', exact: true }).click();
      await employer2.waitForURL(/\/arbeitgeber\/registrierung\/status$/);
      await heading(employer2, 'Status Ihrer Registrierung', 1);
      await employer2.getByText('Ihre AOK konnte die Registrierung nicht freischalten.').waitFor();
      await employer2.getByText(`Grund: ${REJECTION_REASON}`).waitFor();
      await employer2.getByRole('link', { name: 'Dokument (erneut) hochladen', exact: true }).click();
      await heading(employer2, 'Arbeitgeberbescheinigung', 2);
      await uploadCertificate(employer2, 'Arbeitgeberbescheinigung mit Unterschrift.pdf', 'Arbeitgeberbescheinigung mit Unterschrift');
    });

    await step('B: korrigierte Registrierung wieder in der Liste', async () => {
      await b.getByRole('navigation', { name: 'Backoffice' }).getByRole('link', { name: 'Registrierungen', exact: true }).click();
      await heading(b, 'Registrierungen zur Prüfung', 1);
      assert.equal(await rowOf(b, a2.email).count(), 1, 'A2 is back in the list');
      await onScreen('registrierungen-korrigiert', b);
      await rowOf(b, a2.email).getByRole('link', { name: a2.betriebsnummer }).click();
      await heading(b, `Registrierung ${a2.betriebsnummer}`, 1);
      await b.getByRole('listitem').filter({ hasText: 'Arbeitgeberbescheinigung unterschrieben.pdf' }).getByText('archiviert', { exact: false }).waitFor();
      await b.getByText('Arbeitgeberbescheinigung mit Unterschrift.pdf', { exact: true }).waitFor();
    });

    // ── 5. Administrator D: lock A in "Zugänge" (A's session ends), unlock; the "Protokoll"
    const accountPath = await step('D: Zugang sperren und entsperren', async () => {
      await staffLogin(t, d, admin);
      await d.getByText('Administration (alle Kassen)').waitFor();
      await d.getByRole('navigation', { name: 'Backoffice' }).getByRole('link', { name: 'Zugänge', exact: true }).click();
      await heading(d, 'Zugänge', 1);
      await d.getByLabel('Suche (E-Mail-Adresse, Name, Betriebsnummer)', { exact: true }).fill(a1.email);
      await d.getByRole('button', { name: 'Suchen', exact: true }).click();
      await d.waitForURL(/\/backoffice\/zugaenge\?q=/);
      const row = rowOf(d, a1.email);
      assert.equal(await row.count(), 1);
      assert.match(await row.innerText(), /AOK Bayern\s+aktiv/);
      assert.equal(await d.locator('tbody tr').count(), 1, 'only A matches the address');
      await onScreen('zugaenge', d);
      await row.getByRole('link', { name: a1.email, exact: true }).click();
      await d.waitForURL(/\/backoffice\/zugaenge\/[0-9a-f-]{36}$/);
      const path = new URL(d.url()).pathname;
      await heading(d, a1.email, 1);
      await d.getByRole('heading', { name: 'Anmeldeverlauf', level: 2 }).waitFor();
      await d.getByRole('cell', { name: 'Anmeldung erfolgreich', exact: true }).first().waitFor();
      await d.getByText('Terminal-App, aktiv').waitFor();
      await onScreen('zugang', d);

      await d.getByRole('button', { name: 'Sperren', exact: true }).click();
      await d.waitForURL(/\?hinweis=gesperrt$/);
      await d.getByText('Der Zugang ist gesperrt; alle Sitzungen wurden beendet.').waitFor();
      await onScreen('zugang-gesperrt', d);

      // A's dashboard: the session has ended, a reload shows the login
      await employer.reload();
      await employer.waitForURL(/\/arbeitgeber\/login\?flow=[^&]+&hinweis=login\.required$/);
      await heading(employer, 'Login', 1);
      assert.equal(await employer.getByRole('heading', { name: `Startseite von ${PORTAL_NAME}` }).count(), 0);

      await d.getByRole('button', { name: 'Entsperren', exact: true }).click();
      await d.waitForURL(/\?hinweis=entsperrt$/);
      await d.getByText('Der Zugang ist entsperrt.').waitFor();
      await d.getByRole('cell', { name: 'Zugang gesperrt', exact: true }).waitFor();
      await d.getByRole('cell', { name: 'Zugang entsperrt', exact: true }).waitFor();
      await onScreen('zugang-entsperrt', d);
      return path;
    });

    await step('A: Gerät zurücksetzen beantragen; D: Geräte-Rücksetzungen', async () => {
      // unlocked, A can log in again; A reports the device as lost (manual 001: "Keinen Zugriff …")
      await employer.getByLabel('Benutzername/E-Mail-Adresse', { exact: true }).fill(a1.email);
      await employer.getByLabel('Passwort', { exact: true }).fill(a1.password);
      await employer.getByRole('button', { name: 'Login', exact: true }).click();
      await heading(employer, 'Eingabe Sicherheitscode', 1);
      await employer.getByRole('link', { name: /Keinen Zugriff auf Authentifikations-Gerät/ }).click();
      await employer.getByRole('button', { name: 'Gerät zurücksetzen', exact: true }).click();
      await heading(employer, 'Status Ihrer Registrierung', 1);

      await d.getByRole('navigation', { name: 'Backoffice' }).getByRole('link', { name: 'Geräte-Rücksetzungen', exact: true }).click();
      await heading(d, 'Geräte-Rücksetzungen', 1);
      const request = d.getByRole('region', { name: `Antrag ${a1.email}` });
      await request.waitFor();
      await request.getByText('Neue Arbeitgeberbescheinigung: fehlt noch').waitFor();
      assert.ok(await request.getByRole('button', { name: 'Bestätigen', exact: true }).isDisabled(), 'no new certificate yet: Bestätigen is not possible');
      assert.equal(await request.getByRole('link', { name: 'Zugang ansehen' }).getAttribute('href'), accountPath);
      await onScreen('geraete-ruecksetzungen', d);
    });

    const csv = await step('D: Protokoll filtern und exportieren', async () => {
      await d.getByRole('navigation', { name: 'Backoffice' }).getByRole('link', { name: 'Protokoll', exact: true }).click();
      await heading(d, 'Protokoll', 1);
      await d.getByLabel('Aktion', { exact: true }).selectOption('registration.');
      await d.getByRole('button', { name: 'Filtern', exact: true }).click();
      await d.waitForURL(/\/backoffice\/protokoll\?.*art=registration\./);
      await d.getByRole('cell', { name: 'Registrierung aktiviert', exact: true }).waitFor();
      await d.getByRole('cell', { name: 'Registrierung abgelehnt', exact: true }).waitFor();
      // who did what to whom: B activated A, by name and e-mail
      const activated = d.locator('tbody tr').filter({ has: d.getByRole('cell', { name: 'Registrierung aktiviert', exact: true }) });
      assert.match(await activated.first().innerText(), new RegExp(`Sabine Schmidt[\\s\\S]*Registrierung aktiviert[\\s\\S]*${a1.firstName} ${a1.lastName}[\\s\\S]*${a1.email.replace(/\./g, '\\.')}`));
      const words = auditAreas().find((a) => a.area === 'registration')!.actions.map((a) => a.label);
      const actions = await d.locator('tbody tr td:nth-child(3)').allInnerTexts();
      assert.ok(actions.length >= 2);
      for (const a of actions) assert.ok(words.includes(a), `only the kind filtered for: ${a}`);
      const total = Number((await d.getByRole('status').filter({ hasText: /^\d+ Einträge$/ }).innerText()).match(/^(\d+)/)?.[1]);
      assert.equal(actions.length, Math.min(total, 50), 'the first page shows the newest entries of the filter');
      await onScreen('protokoll', d);

      const [download] = await Promise.all([d.waitForEvent('download'), d.getByRole('link', { name: 'Als CSV exportieren', exact: true }).click()]);
      assert.match(download.suggestedFilename(), /^protokoll-\d{4}-\d{2}-\d{2}\.csv$/);
      const text = (await downloadedText(download)).replace(/^\uFEFF/, '');
      const lines = text.split(/\r?\n/).filter(Boolean);
      assert.equal(lines[0], CSV_HEADER);
      assert.ok(lines.some((l) => l.includes(';registration.activated;')), 'registration.activated in the CSV');
      assert.ok(lines.some((l) => l.includes(';registration.rejected;') && l.includes('nicht unterschrieben')), 'registration.rejected with its reason in the CSV');
      assert.equal(lines.length - 1, total, 'the CSV has every row of the filter');
      return { header: lines[0]!, lines: lines.length - 1 };
    });

    return { employer: a1.email, secondEmployer: a2.email, csvHeader: csv.header, csvLines: csv.lines };
  } finally {
    for (const context of contexts) await context.close().catch(() => {});
    for (const dir of states) rmSync(dir, { recursive: true, force: true });
  }
}
