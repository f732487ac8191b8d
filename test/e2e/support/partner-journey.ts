import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Download, Page } from 'playwright-core';
import type { TestSystem } from '../../support/system.ts';
import { waitForMail } from '../../support/mailbox.ts';
import { samplePdf } from '../../support/samples.ts';
import { hasPdftotext, pdfText } from '../registration-steps.ts';
import { browsers, newContext } from '../steps/browser.ts';
import { inOrder, type JourneyOptions } from '../steps/journey.ts';
import { backofficeNav, cellOf, definition, describedByText, downloadedFile, heading, rowOf } from '../steps/page.ts';
import { openMailInMailbox } from '../steps/mailbox.ts';
import { activateApp, activationCodeOnPage, codeFromApp, digits } from '../steps/app.ts';
import { signIn } from '../steps/login.ts';
import { acceptInvitation, fillProviderForm } from '../steps/registration.ts';
import { addStaff, staffLogin as backofficeLogin } from '../steps/staff.ts';
import { providerCertificateFileName } from '../../../src/portals/partner/certificate.ts';

/**
 * Manual 002 in headless Chromium, the provider portal "Mein AOK Gesundheitspartnerservice" from
 * the first visit to the first payment advice:
 *
 *  1. LE-Admin A (desktop browser): cookie notice, start page, registration with the IK lookup
 *     (live region while typing; "Prüfen" in a second browser without JavaScript), the mail in the
 *     mailbox, "Registrierung fortsetzen", certificate download and upload, device pages with the
 *     activation code; A's phone activates the 2-factor app (PWA at /app/, its own context).
 *  2. Clerk N (AOK Niedersachsen, the IK's region 03) activates the registration in the back office;
 *     A reads the activation mail, "Zur Startseite", logs in with the code from the app: dashboard.
 *  3. IK-Verwaltung: A adds the second IK (Bremen), downloads its certificate, uploads it; clerk B
 *     (AOK Bremen/Bremerhaven) "Freischalten"; A follows the mail, the IK is "freigeschaltet".
 *  4. Nutzerverwaltung: A invites user U; U accepts through the mail (own browser, own cookie notice),
 *     activates the app on U's phone; A gives U administration rights; U logs in and sees the
 *     administrator's cards.
 *  5. eAvis: A applies ("Zahlungsavis beantragen") for the second IK, B confirms, the IK shows "aktiv";
 *     B publishes an advice with two items; A follows the mail to the list, opens the advice and
 *     downloads it as PDF (checked with pdftotext when poppler-utils is there).
 *
 * Fields are found by their label, buttons and links by their accessible name. Shared by
 * test/e2e/partner.e2e.test.ts (axe, screenshots with PFORTE_SCREENSHOTS=1).
 */

/** Every screen the journey stops at; `onScreen` is called once the screen is shown and checked. */
export type PartnerScreen =
  | 'cookie-hinweis'
  | 'start'
  | 'registrierung'
  | 'registrierung-ik'
  | 'email-bestaetigen'
  | 'bescheinigung'
  | 'aktivierungscode'
  | 'abschluss'
  | 'backoffice-registrierung'
  | 'aktivierungsmail'
  | 'startseite'
  | 'ik-verwaltung'
  | 'ik-detail'
  | 'backoffice-ik-nummer'
  | 'ik-verwaltung-eavis'
  | 'nutzerverwaltung'
  | 'einladung'
  | 'nutzerverwaltung-admin'
  | 'nutzer-startseite'
  | 'backoffice-zahlungsavise-antrag'
  | 'backoffice-zahlungsavis-formular'
  | 'backoffice-zahlungsavise'
  | 'zahlungsavise'
  | 'zahlungsavis';

export interface PartnerJourneyOptions extends JourneyOptions<PartnerScreen> {
  /** Addresses of the LE-Admin and the invited user; fixed ones keep screenshots stable. */
  adminEmail?: string;
  userEmail?: string;
}

export interface PartnerJourneyResult {
  adminEmail: string;
  userEmail: string;
  adviceNumber: string;
  /** pdftotext of the downloaded advice, or null without poppler-utils */
  advicePdfText: string | null;
}

export const BRAND = 'AOK';
export const PORTAL_NAME = `Mein ${BRAND} Gesundheitspartnerservice`;
export const WIZARD_TITLE = 'Registrierung Leistungserbringer (Administrator)';
export const PASSWORD = 'Korrekt-Pferd-Batterie-42';
export const USER_PASSWORD = 'Praxis-Kollegin-2026!';
const ADMIN_PIN = '470815';
const USER_PIN = '582694';

/** The demo register (assets/demo/ik-register.csv): the IK and its institution, the AOK of its region. */
export const FIRST_IK = { ik: '260326822', institution: 'Praxis Dr. med. Maler Montag', address: 'Hauptstraße 12, 30159 Hannover', insurer: 'AOK Niedersachsen', insurerId: 'ni' } as const;
// Not 104940005 ("Physiotherapie am Markt", Bremen): its region digits are 49, so no AOK is responsible for it
// and the portal refuses it ("Für die Region dieser IK-Nummer ist keine AOK zuständig").
export const SECOND_IK = { ik: '330422055', institution: 'Physiotherapie Weserufer', address: 'Obernstraße 26, 28195 Bremen', insurer: 'AOK Bremen/Bremerhaven', insurerId: 'hb' } as const;

export const ADMIN = { salutation: 'Herr', title: 'Dr.', firstName: 'Maler', lastName: 'Montag' } as const;
export const USER = { salutation: 'Frau', firstName: 'Petra', lastName: 'Schmidt' } as const;

/** The advice clerk B publishes: two items whose payments add up to the total. */
export const ADVICE = {
  number: 'ZA-2026/0815',
  adviceDate: '20.11.2026',
  valueDate: '23.11.2026',
  iban: 'DE89370400440532013000',
  total: '1.500,00',
  items: [
    { invoiceNumber: 'R-1001', invoiceDate: '01.10.2026', invoiced: '1.000,00', deduction: '100,00', paid: '900,00', reason: 'Kürzung laut Prüfung', reference: 'A-77' },
    { invoiceNumber: 'R-1002', invoiceDate: '02.10.2026', invoiced: '600,00', deduction: '', paid: '600,00', reason: '', reference: '' },
  ],
} as const;

// ------------------------------------------------------------------ small helpers

/** A download's bytes and, with poppler-utils, its text. */
async function downloaded(download: Download): Promise<{ bytes: Buffer; text: string | null }> {
  const bytes = await downloadedFile(download);
  const path = (await download.path())!;
  assert.equal(bytes.subarray(0, 5).toString('latin1'), '%PDF-', `${download.suggestedFilename()} is a PDF`);
  return { bytes, text: hasPdftotext ? pdfText(path) : null };
}

// ------------------------------------------------------------------ portal steps

/** Manual 002 §1: the notice before any page; "Akzeptieren" goes on to the page asked for. */
export async function acceptCookieNotice(page: Page, onScreen?: () => Promise<void>) {
  await heading(page, 'Cookies', 1);
  await page.getByText('Die AOK verwendet die als Cookies bekannte Technologie.', { exact: false }).waitFor();
  await page.getByText('Bezeichnung des Cookies').waitFor();
  await onScreen?.();
  await page.getByRole('button', { name: 'Akzeptieren', exact: true }).click();
  await page.waitForURL((url) => !url.pathname.endsWith('/partner/cookies'));
}

/** Manual 002 §2.1 without JavaScript: "Prüfen" shows the institution after a round trip. */
export async function checkIkWithoutJavaScript(browser: Browser, baseUrl: string) {
  const context = await newContext(browser, { javaScriptEnabled: false });
  try {
    const page = await context.newPage();
    await page.goto(`${baseUrl}/partner/registrierung`);
    await acceptCookieNotice(page);
    await page.waitForURL(/\/partner\/registrierung\?flow=/);
    await heading(page, WIZARD_TITLE, 1);
    await page.getByLabel('IK-Nummer', { exact: true }).fill(FIRST_IK.ik);
    await page.getByRole('button', { name: 'Prüfen', exact: true }).click();
    await heading(page, 'Persönliche Daten', 2);
    const field = page.getByLabel('IK-Nummer', { exact: true });
    assert.equal(await field.inputValue(), FIRST_IK.ik, 'the IK stays in the field');
    assert.match(await describedByText(page, field), new RegExp(`Institution: ${FIRST_IK.institution.replace(/\./g, '\\.')}`));
    // Prüfen checks only the IK: no messages at the other fields
    assert.equal(await page.getByLabel('Vorname', { exact: true }).getAttribute('aria-invalid'), null);
  } finally {
    await context.close();
  }
}

/** The portal login (manual 002 §2.4 "Für den Login benutzen Sie Ihre bereits bekannten Daten") with the code from the app. */
export async function partnerLogin(page: Page, app: Page, who: { email: string; password: string; pin: string }) {
  await signIn(page, 'partner', who, async () => digits(await codeFromApp(app, who.pin)));
}

// ------------------------------------------------------------------ the journey

export async function runPartnerJourney(t: TestSystem, browser: Browser, options: PartnerJourneyOptions = {}): Promise<PartnerJourneyResult> {
  const onScreen = options.onScreen ?? (async () => {});
  const adminEmail = options.adminEmail ?? `m.montag.${Date.now()}@praxis-montag.example`;
  const userEmail = options.userEmail ?? `p.schmidt.${Date.now()}@praxis-montag.example`;
  const step = options.step ?? inOrder;
  const open = browsers(browser);
  const contexts = open.contexts;
  const newPage = (device: 'desktop' | 'phone') => open.page({ device });

  try {
    await t.system.deps.ikRegister.seedDemo();
    const [a, aPhone, n, b] = await Promise.all([newPage('desktop'), newPage('phone'), newPage('desktop'), newPage('desktop')]);
    const [clerkN, clerkB] = await Promise.all([
      addStaff(t, { email: 'n.sachbearbeitung@aok-ni.example', name: 'Nina Neumann', role: 'clerk', aok: FIRST_IK.insurerId }),
      addStaff(t, { email: 'b.sachbearbeitung@aok-hb.example', name: 'Bernd Brandt', role: 'clerk', aok: SECOND_IK.insurerId }),
    ]);

    // ── 1. A: cookie notice, start page, registration with the IK lookup (manual 002 §1, §2.1)
    await step('the cookie notice comes before the start page', async () => {
      await a.goto(`${t.baseUrl}/partner/`);
      await acceptCookieNotice(a, () => onScreen('cookie-hinweis', a));
      await a.waitForURL(/\/partner\/$/);
      await heading(a, PORTAL_NAME, 1);
      await a.getByRole('link', { name: 'Login', exact: true }).waitFor();
      await onScreen('start', a);
    });

    await step('without JavaScript „Prüfen“ shows the IK’s institution', () => checkIkWithoutJavaScript(browser, t.baseUrl));

    await step('typing the IK shows its institution in a live region; the form leads to the notice to confirm the address', async () => {
      await a.getByRole('link', { name: WIZARD_TITLE, exact: true }).click();
      await a.waitForURL(/\/partner\/registrierung\?flow=/);
      await heading(a, WIZARD_TITLE, 1);
      await heading(a, 'Persönliche Daten', 2);
      await onScreen('registrierung', a);

      // typing the nine digits: the institution appears in the live region the field points to
      const ik = a.getByLabel('IK-Nummer', { exact: true });
      await ik.pressSequentially(FIRST_IK.ik);
      const live = a.locator('#ik-institution');
      assert.equal(await live.getAttribute('aria-live'), 'polite');
      await live.getByText(`Institution: ${FIRST_IK.institution}, ${FIRST_IK.address}`, { exact: true }).waitFor();
      assert.match(await describedByText(a, ik), new RegExp(`Institution: ${FIRST_IK.institution.replace(/\./g, '\\.')}`));

      await fillProviderForm(a, { ...ADMIN, email: adminEmail, password: PASSWORD });
      await onScreen('registrierung-ik', a);
      await a.getByRole('button', { name: 'Weiter', exact: true }).click();
      await a.waitForURL(/\/partner\/registrierung\/email-bestaetigen\?flow=/);
      await heading(a, 'Bitte bestätigen Sie Ihre E-Mail-Adresse', 2);
      await a.getByText(adminEmail, { exact: true }).waitFor();
      await onScreen('email-bestaetigen', a);
    });

    await step('the confirmation mail’s link confirms the address', async () => {
      // manual 002 §2.3 names the confirmation "Ihre Registrierung"
      const { mail } = await openMailInMailbox(a, t.baseUrl, adminEmail, 'Ihre Registrierung');
      await mail.getByRole('link', { name: 'Zum Registrierungsstatus →', exact: true }).waitFor();
      await mail.getByRole('link', { name: 'Bestätigung E-Mail-Adresse', exact: true }).click();
      await a.waitForURL(/\/partner\/registrierung\/bestaetigung\?token=/);
      await a.getByText('Sie haben Ihre E-Mail-Adresse erfolgreich bestätigt.').waitFor();
      await a.getByRole('link', { name: 'Registrierung fortsetzen', exact: true }).click();
      await a.waitForURL(/\/partner\/registrierung\/bescheinigung$/);
      await heading(a, 'Arbeitgeberbescheinigung', 2);
    });

    await step('the certificate names the IK and the institution and uploads as soon as it is chosen; the device pages lead to the activation code', async () => {
      const [download] = await Promise.all([a.waitForEvent('download'), a.getByRole('link', { name: 'PDF herunterladen', exact: true }).click()]);
      assert.equal(download.suggestedFilename(), providerCertificateFileName(FIRST_IK.ik));
      const certificate = await downloaded(download);
      if (certificate.text !== null) {
        for (const expected of [FIRST_IK.ik, FIRST_IK.institution, adminEmail]) assert.ok(certificate.text.includes(expected), `"${expected}" in the certificate:\n${certificate.text}`);
      }

      await a.getByLabel('Datei auswählen', { exact: true }).setInputFiles([
        { name: 'Arbeitgeberbescheinigung unterschrieben.pdf', mimeType: 'application/pdf', buffer: Buffer.from(await samplePdf()) },
      ]);
      // manual 002 §2.2: "Die Bescheinigung wird anschließend automatisch hochgeladen."
      await a.getByText('Die Datei wurde hochgeladen und als Anhang gespeichert.').waitFor();
      await a.getByRole('list', { name: 'Hochgeladene Dateien' }).getByText('Arbeitgeberbescheinigung unterschrieben.pdf').waitFor();
      await onScreen('bescheinigung', a);

      await a.getByRole('button', { name: 'Weiter', exact: true }).click();
      await a.waitForURL(/\/partner\/registrierung\/geraet$/);
      await heading(a, 'Geräteregistrierung', 2);
      await a.getByRole('link', { name: 'Weiter', exact: true }).click();
      await a.waitForURL(/\/partner\/registrierung\/geraet\/app$/);
      await a.getByText(`Bitte laden Sie die ${BRAND} 2-Faktor App herunter und installieren Sie diese anschließend.`).waitFor();
      await a.getByRole('link', { name: 'Weiter', exact: true }).click();
      await a.waitForURL(/\/partner\/registrierung\/geraet\/aktivierungscode$/);
      // opening the page makes no code: the button does (a POST)
      await a.getByRole('button', { name: 'Aktivierungscode anzeigen', exact: true }).click();
      await a.locator('[data-code]').waitFor();
      await onScreen('aktivierungscode', a);
    });

    await step('the app on the phone is activated with the code from the page; the Abschluss says the AOK unlocks the login', async () => {
      const code = digits(await activationCodeOnPage(a, adminEmail));
      await activateApp(aPhone, t.baseUrl, adminEmail, code, ADMIN_PIN);
      await a.getByRole('link', { name: 'Weiter', exact: true }).click();
      await a.waitForURL(/\/partner\/registrierung\/abschluss$/);
      await heading(a, 'Abschluss', 2);
      // manual 002 §2.3/§2.4, not manual 000's Abschluss
      await a.getByText(`Damit ist die Registrierung Ihrerseits abgeschlossen. Das Einloggen ist jedoch erst nach Freischaltung durch die ${BRAND} möglich.`, { exact: true }).waitFor();
      await onScreen('abschluss', a);
    });

    // ── 2. Clerk N activates; A reads the mail of §2.4 and logs in
    await step('staff of the IK’s AOK see the registration in the work list and activate it', async () => {
      await backofficeLogin(t, n, clerkN);
      await heading(n, 'Registrierungen zur Prüfung', 1);
      const row = rowOf(n, adminEmail);
      assert.equal(await row.count(), 1, 'the registration is in the AOK Niedersachsen list');
      await row.getByRole('link', { name: FIRST_IK.ik, exact: true }).click();
      await heading(n, `Registrierung ${FIRST_IK.ik}`, 1);
      await n.getByText('Arbeitgeberbescheinigung unterschrieben.pdf', { exact: true }).waitFor();
      await onScreen('backoffice-registrierung', n);
      await n.getByRole('button', { name: 'Aktivieren', exact: true }).click();
      await n.waitForURL(/\?aktiviert=1$/);
      await n.getByText('Dieser Zugang ist aktiviert.').waitFor();
    });

    await step('the activation mail leads to the start page; the first login with the app’s code shows the administrator’s cards', async () => {
      const { mail } = await openMailInMailbox(a, t.baseUrl, adminEmail, 'abgeschlossen');
      await mail.getByText('Ihre Registrierung als Leistungserbringer (Administrator) wurde erfolgreich abgeschlossen.', { exact: true }).waitFor();
      await mail.getByText(`Sie können sich über den nachfolgenden Link nun bei "${PORTAL_NAME}" anmelden.`, { exact: true }).waitFor();
      await onScreen('aktivierungsmail', a);
      await mail.getByRole('link', { name: 'Zur Startseite', exact: true }).click();
      await a.waitForURL(/\/partner\/$/);
      await heading(a, PORTAL_NAME, 1);
      await a.getByRole('link', { name: 'Login', exact: true }).click();
      await a.waitForURL(/\/partner\/login\?flow=/);
      await partnerLogin(a, aPhone, { email: adminEmail, password: PASSWORD, pin: ADMIN_PIN });
      await a.getByText(`Willkommen, ${ADMIN.firstName} ${ADMIN.lastName} (LE-Admin).`).waitFor();
      for (const card of ['Zahlungsavise', 'Nutzerverwaltung', 'IK-Verwaltung']) await heading(a, card, 2);
      await a.getByText('Dies ist Ihre erste Anmeldung.').waitFor();
      assert.equal((await definition(a, 'Ihre AOK').innerText()).trim(), FIRST_IK.insurer);
      await onScreen('startseite', a);
    });

    // ── 3. IK-Verwaltung: a second IK with its own certificate, checked by the AOK of its region
    await step('a further IK is added with its own certificate and waits for its AOK', async () => {
      await a.getByRole('link', { name: 'Zur IK-Verwaltung', exact: true }).click();
      await a.waitForURL(/\/partner\/ik-verwaltung$/);
      await heading(a, 'IK-Verwaltung', 1);
      const first = rowOf(a, FIRST_IK.ik);
      assert.equal(await cellOf(a, first, 'Institution'), FIRST_IK.institution);
      assert.equal(await cellOf(a, first, 'Status'), 'freigeschaltet');
      assert.equal(await cellOf(a, first, 'Zahlungsavis (eAvis)'), 'nicht beantragt');
      await onScreen('ik-verwaltung', a);

      await heading(a, 'Weitere IK-Nummer hinzufügen', 2);
      const ik = a.getByLabel('IK-Nummer', { exact: true });
      await ik.pressSequentially(SECOND_IK.ik);
      await a.locator('#ik-institution').getByText(`Institution: ${SECOND_IK.institution}, ${SECOND_IK.address}`, { exact: true }).waitFor();
      await a.getByRole('button', { name: 'IK-Nummer hinzufügen', exact: true }).click();
      await a.waitForURL(/\/partner\/ik-verwaltung\/[0-9a-f-]{36}\?hinweis=hinzugefuegt$/);
      await heading(a, `IK-Nummer ${SECOND_IK.ik}`, 1);
      await a.getByText('Die IK-Nummer wurde hinzugefügt. Bitte laden Sie die unterschriebene Arbeitgeberbescheinigung hoch.').waitFor();
      assert.equal((await definition(a, 'Institution').innerText()).trim(), SECOND_IK.institution);

      const [download] = await Promise.all([a.waitForEvent('download'), a.getByRole('link', { name: 'PDF herunterladen', exact: true }).click()]);
      assert.equal(download.suggestedFilename(), providerCertificateFileName(SECOND_IK.ik));
      const certificate = await downloaded(download);
      if (certificate.text !== null) {
        for (const expected of [SECOND_IK.ik, SECOND_IK.institution]) assert.ok(certificate.text.includes(expected), `"${expected}" in the certificate:\n${certificate.text}`);
      }

      await a.getByLabel('Dateianhang', { exact: true }).setInputFiles([
        { name: 'Bescheinigung Physiotherapie.pdf', mimeType: 'application/pdf', buffer: Buffer.from(await samplePdf('Arbeitgeberbescheinigung Physiotherapie Weserufer')) },
      ]);
      await a.getByRole('button', { name: 'Hochladen', exact: true }).click();
      await a.waitForURL(/\?hinweis=hochgeladen$/);
      await a.getByText('Die Arbeitgeberbescheinigung wurde hochgeladen. Ihre AOK prüft die IK-Nummer; Sie erhalten eine E-Mail.').waitFor();
      await a.getByText('Bescheinigung Physiotherapie.pdf', { exact: true }).waitFor();
      await onScreen('ik-detail', a);

      await a.getByRole('link', { name: '← IK-Verwaltung', exact: true }).click();
      await heading(a, 'IK-Verwaltung', 1);
      assert.equal(await cellOf(a, rowOf(a, SECOND_IK.ik), 'Status'), 'in Prüfung durch Ihre AOK');
    });

    await step('staff of the further IK’s AOK check it and unlock it', async () => {
      await backofficeLogin(t, b, clerkB);
      await backofficeNav(b, 'IK-Nummern').click();
      await heading(b, 'Weitere IK-Nummern zur Prüfung', 1);
      const row = rowOf(b, SECOND_IK.ik);
      assert.match(await row.innerText(), new RegExp(`${SECOND_IK.institution}[\\s\\S]*${SECOND_IK.insurer.replace('/', '\\/')}`));
      await row.getByRole('link', { name: SECOND_IK.ik, exact: true }).click();
      await heading(b, `IK-Nummer ${SECOND_IK.ik}`, 1);
      assert.match(await definition(b, 'Institution (IK-Register)').innerText(), new RegExp(`^${SECOND_IK.institution}`));
      assert.equal((await definition(b, 'Bereits verwaltete IK-Nummern').innerText()).trim(), FIRST_IK.ik);
      assert.match(await definition(b, 'Beantragt von').innerText(), new RegExp(adminEmail.replace(/\./g, '\\.')));
      await b.getByRole('link', { name: 'Bescheinigung Physiotherapie.pdf', exact: true }).waitFor();
      await onScreen('backoffice-ik-nummer', b);
      await b.getByRole('button', { name: 'Freischalten', exact: true }).click();
      await b.waitForURL(/\/backoffice\/ik-nummern\?hinweis=freigeschaltet$/);
      await b.getByText('Die IK-Nummer ist freigeschaltet; die LE-Admins wurden per E-Mail informiert.').waitFor();
      await b.getByText('Keine IK-Nummern zur Prüfung.').waitFor();
    });

    await step('the unlock mail leads to the IK-Verwaltung; the eAvis is applied for that IK only', async () => {
      const { mail } = await openMailInMailbox(a, t.baseUrl, adminEmail, `IK-Nummer ${SECOND_IK.ik} freigeschaltet`);
      await mail.getByRole('link', { name: 'Zur IK-Verwaltung', exact: true }).click();
      await a.waitForURL(/\/partner\/ik-verwaltung$/);
      await heading(a, 'IK-Verwaltung', 1);
      const second = rowOf(a, SECOND_IK.ik);
      assert.equal(await cellOf(a, second, 'Status'), 'freigeschaltet');
      assert.equal(await cellOf(a, second, 'Zahlungsavis (eAvis)'), 'nicht beantragt');
      assert.equal(await a.getByRole('link', { name: 'Arbeitgeberbescheinigung' }).count(), 0, 'no certificate is open any more');
      await second.getByRole('button', { name: 'Zahlungsavis beantragen', exact: true }).click();
      await a.waitForURL(/\/partner\/ik-verwaltung\?hinweis=eavis-beantragt$/);
      await a.getByText('Das Zahlungsavis wurde beantragt. Sie erhalten eine E-Mail, sobald Ihre AOK es bestätigt hat.').waitFor();
      assert.equal(await cellOf(a, rowOf(a, SECOND_IK.ik), 'Zahlungsavis (eAvis)'), 'beantragt, wartet auf Bestätigung durch Ihre AOK');
      assert.equal(await cellOf(a, rowOf(a, FIRST_IK.ik), 'Zahlungsavis (eAvis)'), 'nicht beantragt', 'only the IK applied for');
      await waitForMail(t.baseUrl, adminEmail, { subject: 'Ihr Antrag auf das elektronische Zahlungsavis ist eingegangen' });
    });

    // ── 4. Nutzerverwaltung: invite U, U accepts and activates the app, A gives U administration rights
    const u = await newPage('desktop');
    const uPhone = await newPage('phone');

    await step('the LE-Admin invites a user', async () => {
      await a.getByRole('link', { name: '← Startseite', exact: true }).click();
      await heading(a, `Startseite von ${PORTAL_NAME}`, 1);
      await a.getByRole('link', { name: 'Nutzer verwalten', exact: true }).click();
      await a.waitForURL(/\/partner\/nutzer$/);
      await heading(a, 'Nutzerverwaltung', 1);
      await a.getByLabel('E-Mail-Adresse', { exact: true }).fill(userEmail);
      await a.getByRole('button', { name: 'Einladen', exact: true }).click();
      await a.waitForURL(/\/partner\/nutzer\?hinweis=eingeladen$/);
      await a.getByText('Die Einladung wurde per E-Mail versendet. Sie ist 7 Tage gültig.').waitFor();
      assert.match(await cellOf(a, rowOf(a, userEmail), 'Status'), /^eingeladen am 23\.11\.2026$/);
    });

    await step('the invited user accepts in a new browser (the cookie notice first) and activates the app', async () => {
      const { mail } = await openMailInMailbox(u, t.baseUrl, userEmail, `Einladung zu „${PORTAL_NAME}“`);
      await mail.getByText(`${ADMIN.firstName} ${ADMIN.lastName} hat Sie als Nutzerin bzw. Nutzer Ihrer Einrichtung zu „${PORTAL_NAME}“ eingeladen.`, { exact: false }).waitFor();
      await mail.getByRole('link', { name: 'Einladung annehmen', exact: true }).click();
      // a new browser: the cookie notice first, then the page the link asked for
      await acceptCookieNotice(u);
      await u.waitForURL(/\/partner\/einladung\?flow=[^&]+$/);
      await acceptInvitation(u, userEmail, { ...USER, password: USER_PASSWORD }, () => onScreen('einladung', u));
      await u.getByRole('button', { name: 'Aktivierungscode anzeigen', exact: true }).click();
      const code = digits(await activationCodeOnPage(u, userEmail));
      await activateApp(uPhone, t.baseUrl, userEmail, code, USER_PIN);
      await u.getByRole('link', { name: 'Weiter', exact: true }).click();
      await u.waitForURL(/\/partner\/login\?flow=/);
    });

    await step('the LE-Admin gives the user administration rights', async () => {
      await a.goto(`${t.baseUrl}/partner/nutzer`);
      await heading(a, 'Nutzerverwaltung', 1);
      const row = rowOf(a, userEmail);
      assert.equal(await cellOf(a, row, 'Status'), 'aktiv');
      assert.equal(await cellOf(a, row, 'Name'), `${USER.firstName} ${USER.lastName}`);
      await onScreen('nutzerverwaltung', a);
      // the accessible name says whom the button is for
      await row.getByRole('button', { name: `${userEmail}: Administrationsrechte geben`, exact: true }).click();
      await a.waitForURL(/\/partner\/nutzer\?hinweis=admin-gegeben$/);
      await a.getByText('Der Nutzer hat jetzt Administrationsrechte.').waitFor();
      assert.match(await cellOf(a, rowOf(a, userEmail), 'Rolle'), /^Administrator/);
      await rowOf(a, userEmail).getByRole('button', { name: `${userEmail}: Administrationsrechte entziehen`, exact: true }).waitFor();
      await onScreen('nutzerverwaltung-admin', a);
    });

    await step('the user signs in as LE-Admin and sees both IKs', async () => {
      await partnerLogin(u, uPhone, { email: userEmail, password: USER_PASSWORD, pin: USER_PIN });
      await u.getByText(`Willkommen, ${USER.firstName} ${USER.lastName} (LE-Admin).`).waitFor();
      for (const card of ['Zahlungsavise', 'Nutzerverwaltung', 'IK-Verwaltung']) await heading(u, card, 2);
      const iks = (await definition(u, 'IK-Nummern').innerText()).trim();
      assert.ok(iks.includes(FIRST_IK.ik) && iks.includes(SECOND_IK.ik), `both IKs on U's start page: ${iks}`);
      await onScreen('nutzer-startseite', u);
    });

    // ── 5. eAvis: B confirms the application and publishes an advice; A downloads it as PDF
    await step('staff confirm the eAvis application', async () => {
      await backofficeNav(b, 'Zahlungsavise').click();
      await heading(b, 'Zahlungsavise (eAvis)', 1);
      await heading(b, 'eAvis-Anträge', 2);
      const row = rowOf(b, SECOND_IK.ik);
      assert.equal(await cellOf(b, row, 'Antrag'), 'Teilnahme beantragt');
      assert.equal(await cellOf(b, row, 'Einrichtung'), SECOND_IK.institution);
      await onScreen('backoffice-zahlungsavise-antrag', b);
      await row.getByRole('button', { name: 'Bestätigen', exact: true }).click();
      await b.waitForURL(/\/backoffice\/zahlungsavise\?hinweis=bestaetigt$/);
      await b.getByText('Der Antrag wurde bestätigt.', { exact: false }).waitFor();
      await b.getByText('Keine offenen eAvis-Anträge.').waitFor();
    });

    await step('after the confirmation mail the IK’s eAvis is active', async () => {
      await waitForMail(t.baseUrl, adminEmail, { subject: 'Das elektronische Zahlungsavis ist freigeschaltet' });
      await a.goto(`${t.baseUrl}/partner/ik-verwaltung`);
      await heading(a, 'IK-Verwaltung', 1);
      const second = rowOf(a, SECOND_IK.ik);
      assert.equal(await cellOf(a, second, 'Zahlungsavis (eAvis)'), 'aktiv');
      await second.getByRole('button', { name: 'Zahlungsavis beenden', exact: true }).waitFor();
      await onScreen('ik-verwaltung-eavis', a);
    });

    await step('staff publish an advice with two items, their AOK the payer', async () => {
      await b.getByRole('link', { name: 'Zahlungsavis veröffentlichen', exact: true }).click();
      await b.waitForURL(/\/backoffice\/zahlungsavise\/veroeffentlichen$/);
      await heading(b, 'Zahlungsavis veröffentlichen', 1);
      assert.equal(await b.getByLabel('Zahler', { exact: true }).inputValue(), SECOND_IK.insurer, 'the clerk’s AOK is the payer');
      await b.getByLabel('IK des Zahlungsempfängers', { exact: true }).fill(SECOND_IK.ik);
      await b.getByLabel('Avisnummer', { exact: true }).fill(ADVICE.number);
      await b.getByLabel('Avisdatum', { exact: true }).fill(ADVICE.adviceDate);
      await b.getByLabel('Valutadatum', { exact: true }).fill(ADVICE.valueDate);
      await b.getByLabel('IBAN des Zahlungsempfängers', { exact: true }).fill(ADVICE.iban);
      await b.getByLabel('Gesamtbetrag (€)', { exact: true }).fill(ADVICE.total);
      const labels = { invoiceNumber: 'Rechnungsnummer', invoiceDate: 'Rechnungsdatum', invoiced: 'Rechnungsbetrag (€)', deduction: 'Abzug (€)', paid: 'Zahlbetrag (€)', reason: 'Abzugsgrund', reference: 'Referenz' } as const;
      for (const [i, item] of ADVICE.items.entries()) {
        for (const [key, label] of Object.entries(labels) as [keyof typeof labels, string][]) {
          if (item[key]) await b.getByLabel(`Position ${i + 1}: ${label}`, { exact: true }).fill(item[key]);
        }
      }
      await onScreen('backoffice-zahlungsavis-formular', b);
      await b.getByRole('button', { name: 'Veröffentlichen', exact: true }).click();
      await b.waitForURL(/\/backoffice\/zahlungsavise\?hinweis=veroeffentlicht$/);
      await b.getByText('Das Zahlungsavis wurde veröffentlicht.', { exact: false }).waitFor();
      const row = rowOf(b, ADVICE.number);
      assert.equal(await cellOf(b, row, 'IK'), SECOND_IK.ik);
      assert.equal(await cellOf(b, row, 'Gesamtbetrag'), `${ADVICE.total} €`);
      assert.equal(await cellOf(b, row, 'Status beim Leistungserbringer'), 'neu');
      await onScreen('backoffice-zahlungsavise', b);
    });

    const advicePdfText = await step('the advice mail holds no content; the advice is listed, shown with the IBAN masked and downloaded as PDF', async () => {
      const { mail } = await openMailInMailbox(a, t.baseUrl, adminEmail, 'Neues Zahlungsavis im Portal');
      // the mail says only that there is one: no number, no amount
      assert.equal(await mail.getByText(ADVICE.number, { exact: false }).count(), 0, 'the mail has no content of the advice');
      await mail.getByRole('link', { name: 'Zu den Zahlungsavisen', exact: true }).click();
      await a.waitForURL(/\/partner\/zahlungsavise$/);
      await heading(a, 'Zahlungsavise', 1);
      await a.getByRole('status').getByText('1 Zahlungsavis in „Neu“', { exact: true }).waitFor();
      const row = rowOf(a, ADVICE.number);
      assert.match(await cellOf(a, row, 'IK'), new RegExp(`^${SECOND_IK.ik}\\s+${SECOND_IK.institution}$`));
      assert.equal(await cellOf(a, row, 'Gesamtbetrag'), `${ADVICE.total} €`);
      assert.equal(await cellOf(a, row, 'Avisdatum'), ADVICE.adviceDate);
      assert.equal(await cellOf(a, row, 'Status'), 'neu');
      await onScreen('zahlungsavise', a);

      await row.getByRole('link', { name: ADVICE.number, exact: true }).click();
      await heading(a, `Zahlungsavis ${ADVICE.number}`, 1);
      assert.equal((await definition(a, 'Gesamtbetrag').innerText()).trim(), `${ADVICE.total} €`);
      assert.match((await definition(a, 'Bankverbindung (IBAN)').innerText()).trim(), /^DE89 [* ]+30 00$/, 'the IBAN is masked');
      const sums = (await a.locator('tfoot td').allInnerTexts()).map((s) => s.trim());
      assert.deepEqual(sums, ['1.600,00 €', '100,00 €', '', '1.500,00 €', ''], 'Summe: invoiced, deduction, paid');
      await onScreen('zahlungsavis', a);

      const [download] = await Promise.all([a.waitForEvent('download'), a.getByRole('link', { name: 'Als PDF herunterladen', exact: true }).click()]);
      assert.equal(download.suggestedFilename(), `Zahlungsavis_${SECOND_IK.ik}_ZA-2026-0815.pdf`);
      const pdf = await downloaded(download);
      if (pdf.text !== null) {
        for (const expected of [ADVICE.number, SECOND_IK.ik, '1.500,00', 'R-1001', 'R-1002']) assert.ok(pdf.text.includes(expected), `"${expected}" in the advice PDF:\n${pdf.text}`);
      }
      // opened: no longer "neu" in the list
      await a.getByRole('link', { name: '← Zahlungsavise', exact: true }).click();
      await heading(a, 'Zahlungsavise', 1);
      assert.equal(await cellOf(a, rowOf(a, ADVICE.number), 'Status'), 'abgerufen');
      return pdf.text;
    });

    return { adminEmail, userEmail, adviceNumber: ADVICE.number, advicePdfText };
  } catch (error) {
    // what each browser showed when the journey broke, for a look
    const dir = mkdtempSync(join(tmpdir(), 'pforte-partner-e2e-'));
    let n = 0;
    for (const c of contexts) {
      for (const page of c.pages()) {
        n += 1;
        await page.screenshot({ path: join(dir, `${n}.png`), fullPage: true }).catch(() => {});
        writeFileSync(join(dir, `${n}.txt`), `${page.url()}\n\n${await page.locator('body').innerText().catch(() => '')}`);
      }
    }
    if (error instanceof Error) {
      error.message += `\n(what the browsers showed: ${dir})`;
      if (error.stack) error.stack = `(what the browsers showed: ${dir})\n${error.stack}`;
    }
    throw error;
  } finally {
    await open.close();
  }
}
