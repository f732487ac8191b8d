import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import type { TestSystem } from '../../support/system.ts';
import { PIN, person } from '../../support/journeys.ts';
import { auditAreas } from '../../../src/core/audit/actions.ts';
import { browsers } from '../steps/browser.ts';
import { inOrder, type JourneyOptions } from '../steps/journey.ts';
import { backofficeNav, describedByText, downloadedFile, heading, rowContaining as rowOf } from '../steps/page.ts';
import { openMailInMailbox } from '../steps/mailbox.ts';
import { activateTerminalApp, showActivationCode, terminalAppCode } from '../steps/app.ts';
import { signIn } from '../steps/login.ts';
import { addStaff, staffLogin } from '../steps/staff.ts';
import { confirmAddressFromMail, continueToCertificate, continueToCompletion, downloadCertificate, registerEmployer, uploadCertificate, walkDevicePages } from '../steps/registration.ts';

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

export interface BackofficeJourneyOptions extends JourneyOptions<BackofficeScreen> {
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

export const REJECTION_REASON = 'Die Bescheinigung ist nicht unterschrieben.';
export const CSV_HEADER = 'id;zeit;akteur;aktion;betroffen;ip;ergebnis;daten;akteur_name;akteur_email;aktion_text;betroffen_name;betroffen_email;betroffen_angaben';
const PORTAL_NAME = 'Mein AOK Arbeitgeberservice';

/** Manual 000 steps 1–7 (and 8–13 with `device`) in the employer's browser, AOK Bayern; the terminal app's state with a device. */
async function registerWithCertificate(t: TestSystem, page: Page, fields: ReturnType<typeof person>, device: boolean): Promise<string | undefined> {
  await registerEmployer(page, t.baseUrl, { ...fields, insurer: 'AOK Bayern' });
  await confirmAddressFromMail(page, t.baseUrl, fields.email);
  await continueToCertificate(page, 'arbeitgeber');
  // the certificate is downloaded (a step of its own) and uploaded, signed
  await downloadCertificate(page, `Arbeitgeberbescheinigung_${fields.betriebsnummer}.pdf`);
  await uploadCertificate(page, 'Arbeitgeberbescheinigung unterschrieben.pdf', 'Arbeitgeberbescheinigung unterschrieben');
  if (!device) return undefined;
  await walkDevicePages(page, 'arbeitgeber');
  const state = await activateTerminalApp(t, fields.email, await showActivationCode(page), PIN, 'pforte-bo-e2e-');
  await continueToCompletion(page, 'arbeitgeber', 'Der Login ist erst nach Prüfung durch Ihre AOK möglich');
  return state;
}

export async function runBackofficeJourney(t: TestSystem, browser: Browser, options: BackofficeJourneyOptions = {}): Promise<BackofficeJourneyResult> {
  const onScreen = options.onScreen ?? (async () => {});
  const viewport = options.viewport ?? { width: 1280, height: 900 };
  const a1 = options.employer ?? person({ insurerId: 'by' });
  const a2 = options.secondEmployer ?? person({ insurerId: 'by', betriebsnummer: '37421159', salutation: 'Herr', title: '', firstName: 'Klaus', lastName: 'Bauer' });
  const step = options.step ?? inOrder;
  const open = browsers(browser);
  const states: string[] = [];
  const newPage = () => open.page({ viewport });

  try {
    const [clerk, otherClerk, admin] = await step('staff accounts are made with the operator’s CLI', () =>
      Promise.all([
        addStaff(t, { email: 'sabine.schmidt@aok-bayern.example', name: 'Sabine Schmidt', role: 'clerk', aok: 'by' }),
        addStaff(t, { email: 'thomas.becker@aok-hessen.example', name: 'Thomas Becker', role: 'clerk', aok: 'he' }),
        addStaff(t, { email: 'petra.wagner@kasse.example', name: 'Petra Wagner', role: 'admin' }),
      ]),
    );
    const [employer, employer2, b, c, d] = await Promise.all([newPage(), newPage(), newPage(), newPage(), newPage()]);

    // ── 1. A registers with the terminal app as device; A2 registers and uploads, without a device yet
    const stateA = await step('the employer registers through the pages, with the terminal app as device', async () => {
      const state = await registerWithCertificate(t, employer, a1, true);
      states.push(state!);
      return state!;
    });
    await step('a second employer registers and uploads the certificate, without a device yet', () => registerWithCertificate(t, employer2, a2, false));

    // ── 2. B (AOK Bayern) sees both; C (AOK Hessen) sees neither and cannot open A's
    const detailPath = await step('a wrong staff password is shown at its field; the clerk sees both registrations of the AOK in the work list', async () => {
      await staffLogin(t, b, clerk, { wrongPasswordFirst: true, onScreen });
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

    await step('a clerk of another AOK neither sees nor opens the registration', async () => {
      await staffLogin(t, c, otherClerk);
      await c.getByText('Sachbearbeitung, AOK Hessen').waitFor();
      await c.getByText('Keine Registrierungen gefunden.').waitFor();
      assert.equal(await c.getByText(a1.email).count(), 0, 'another AOK does not see A');
      const response = await c.goto(`${t.baseUrl}${detailPath}`);
      assert.equal(response?.status(), 404, 'another AOK gets "not found" for the registration');
      assert.equal(await c.getByText(a1.email).count(), 0);
    });

    await step('the clerk checks the registration, opens the upload as PDF and activates it', async () => {
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
    await step('the activation mail leads to the login; the employer signs in with the terminal app’s code', async () => {
      const { mail } = await openMailInMailbox(employer, t.baseUrl, a1.email, 'wurde aktiviert');
      await heading(employer, `Ihr Zugang zu „${PORTAL_NAME}“ wurde aktiviert`, 1);
      await mail.getByText('Ihre AOK Bayern - Die Gesundheitskasse', { exact: false }).waitFor();
      const toLogin = mail.getByRole('link', { name: 'Zum Login', exact: true });
      await toLogin.waitFor();
      await onScreen('aktivierungsmail', employer);
      await toLogin.click();
      await employer.waitForURL(/\/arbeitgeber\/login\?flow=/);
      await signIn(employer, 'arbeitgeber', a1, () => terminalAppCode(t, a1.email, PIN, stateA));
    });

    // ── 4. A2 is rejected with a reason, reads it, uploads a corrected certificate; back in B's list
    await step('rejecting needs a reason at its field; the rejected registration leaves the work list', async () => {
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

    await step('the rejection mail and the status page give the reason; the employer uploads a corrected certificate', async () => {
      const { mail } = await openMailInMailbox(employer2, t.baseUrl, a2.email, 'Bitte korrigieren');
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

    await step('the corrected registration is back in the work list, the first upload archived', async () => {
      await backofficeNav(b, 'Registrierungen').click();
      await heading(b, 'Registrierungen zur Prüfung', 1);
      assert.equal(await rowOf(b, a2.email).count(), 1, 'A2 is back in the list');
      await onScreen('registrierungen-korrigiert', b);
      await rowOf(b, a2.email).getByRole('link', { name: a2.betriebsnummer }).click();
      await heading(b, `Registrierung ${a2.betriebsnummer}`, 1);
      await b.getByRole('listitem').filter({ hasText: 'Arbeitgeberbescheinigung unterschrieben.pdf' }).getByText('archiviert', { exact: false }).waitFor();
      await b.getByText('Arbeitgeberbescheinigung mit Unterschrift.pdf', { exact: true }).waitFor();
    });

    // ── 5. Administrator D: lock A in "Zugänge" (A's session ends), unlock; the "Protokoll"
    const accountPath = await step('an administrator locks the account in „Zugänge“ (its session ends) and unlocks it', async () => {
      await staffLogin(t, d, admin);
      await d.getByText('Administration (alle Kassen)').waitFor();
      await backofficeNav(d, 'Zugänge').click();
      await heading(d, 'Zugänge', 1);
      await d.getByLabel('Suche (E-Mail-Adresse, Name, Betriebsnummer)', { exact: true }).fill(a1.email);
      await d.getByRole('button', { name: 'Suchen', exact: true }).click();
      await d.waitForURL(/\/backoffice\/zugaenge\?q=/);
      const row = rowOf(d, a1.email);
      assert.equal(await row.count(), 1);
      assert.match(await row.innerText(), /AOK Bayern\s+Mein AOK Arbeitgeberservice\s+aktiv/);
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

    await step('a device reset the employer asks for waits in „Geräte-Rücksetzungen“ for a new certificate', async () => {
      // unlocked, A can log in again; A reports the device as lost (manual 001: "Keinen Zugriff …")
      await employer.getByLabel('Benutzername/E-Mail-Adresse', { exact: true }).fill(a1.email);
      await employer.getByLabel('Passwort', { exact: true }).fill(a1.password);
      await employer.getByRole('button', { name: 'Login', exact: true }).click();
      await heading(employer, 'Eingabe Sicherheitscode', 1);
      await employer.getByRole('link', { name: /Keinen Zugriff auf Authentifikations-Gerät/ }).click();
      await employer.getByRole('button', { name: 'Gerät zurücksetzen', exact: true }).click();
      await heading(employer, 'Status Ihrer Registrierung', 1);

      await backofficeNav(d, 'Geräte-Rücksetzungen').click();
      await heading(d, 'Geräte-Rücksetzungen', 1);
      const request = d.getByRole('region', { name: `Antrag ${a1.email}` });
      await request.waitFor();
      await request.getByText('Neue Arbeitgeberbescheinigung: fehlt noch').waitFor();
      assert.ok(await request.getByRole('button', { name: 'Bestätigen', exact: true }).isDisabled(), 'no new certificate yet: Bestätigen is not possible');
      assert.equal(await request.getByRole('link', { name: 'Zugang ansehen' }).getAttribute('href'), accountPath);
      await onScreen('geraete-ruecksetzungen', d);
    });

    const csv = await step('the Protokoll filters by kind, names who did what to whom and exports every row as CSV', async () => {
      await backofficeNav(d, 'Protokoll').click();
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
      const text = (await downloadedFile(download)).toString('utf8').replace(/^\uFEFF/, '');
      const lines = text.split(/\r?\n/).filter(Boolean);
      assert.equal(lines[0], CSV_HEADER);
      assert.ok(lines.some((l) => l.includes(';registration.activated;')), 'registration.activated in the CSV');
      assert.ok(lines.some((l) => l.includes(';registration.rejected;') && l.includes('nicht unterschrieben')), 'registration.rejected with its reason in the CSV');
      assert.equal(lines.length - 1, total, 'the CSV has every row of the filter');
      return { header: lines[0]!, lines: lines.length - 1 };
    });

    return { employer: a1.email, secondEmployer: a2.email, csvHeader: csv.header, csvLines: csv.lines };
  } finally {
    await open.close();
    for (const dir of states) rmSync(dir, { recursive: true, force: true });
  }
}
