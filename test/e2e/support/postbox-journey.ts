import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import type { TestSystem } from '../../support/system.ts';
import { PIN, activatedEmployer, person } from '../../support/journeys.ts';
import { waitForMail } from '../../support/mailbox.ts';
import { sampleJpeg, samplePdf } from '../../support/samples.ts';
import { browsers } from '../steps/browser.ts';
import { inOrder, type JourneyOptions } from '../steps/journey.ts';
import { backofficeNav, downloadedFile, heading, rowOf } from '../steps/page.ts';
import { openMailInMailbox } from '../steps/mailbox.ts';
import { activateTerminalApp, showActivationCode, terminalAppCode } from '../steps/app.ts';
import { enterLoginData, openLoginAndSignIn } from '../steps/login.ts';
import { addStaff, staffLogin } from '../steps/staff.ts';
import { acceptInvitation } from '../steps/registration.ts';

/**
 * The postbox and the company's users in headless Chromium, through the real pages:
 * employer administrator A (activated, with the terminal app as device) logs in and writes to the AOK
 * with two attachments; clerk B of the same AOK reads it in the back office, answers with an attachment
 * and publishes a letter (PDF); A gets the notice mails (without content), sees the unread count,
 * reads the answer, downloads its attachment and marks it unread again. A invites a colleague (C),
 * who accepts through the mail, activates the terminal app, logs in and sees the company's postbox;
 * A locks (C is out at once), unlocks and removes C.
 * Shared by test/e2e/postbox-users.e2e.test.ts (axe at the pages) and scripts/screenshots-postbox.ts.
 */

/** Every screen the journey stops at; `onScreen` is called once the screen is shown and checked. */
export type PostboxScreen =
  | 'startseite'
  | 'neue-nachricht'
  | 'neue-nachricht-fehler'
  | 'postfach-gesendet'
  | 'backoffice-postfach'
  | 'backoffice-nachricht'
  | 'backoffice-beantwortet'
  | 'brief'
  | 'brief-veroeffentlicht'
  | 'benachrichtigung'
  | 'startseite-ungelesen'
  | 'postfach'
  | 'nachricht'
  | 'postfach-als-ungelesen'
  | 'nutzerverwaltung-leer'
  | 'nutzerverwaltung-eingeladen'
  | 'einladungsmail'
  | 'einladung'
  | 'nutzer-aktivierungscode'
  | 'nutzer-startseite'
  | 'nutzer-postfach'
  | 'nutzerverwaltung'
  | 'nutzerverwaltung-gesperrt'
  | 'nutzerverwaltung-entfernt';

/**
 * The screens axe checks: the pages of the postbox (both sides) and of the Nutzerverwaltung with
 * the invitation. Not the mails (the test mailbox's viewer), not the login, the dashboard and the
 * activation code page (pages of their own, checked by the registration and login journeys).
 */
export const AXE_SCREENS: PostboxScreen[] = [
  'neue-nachricht',
  'neue-nachricht-fehler',
  'postfach-gesendet',
  'backoffice-postfach',
  'backoffice-nachricht',
  'backoffice-beantwortet',
  'brief',
  'brief-veroeffentlicht',
  'postfach',
  'nachricht',
  'postfach-als-ungelesen',
  'nutzerverwaltung-leer',
  'nutzerverwaltung-eingeladen',
  'einladung',
  'nutzer-postfach',
  'nutzerverwaltung',
  'nutzerverwaltung-gesperrt',
  'nutzerverwaltung-entfernt',
];

export interface PostboxJourneyOptions extends JourneyOptions<PostboxScreen> {
  /** Registration data of A; a fresh person() of AOK Bayern by default. */
  employer?: ReturnType<typeof person>;
  /** The colleague A invites; a fresh address by default. */
  userEmail?: string;
  /** The clerk of A's AOK (Bayern); fixed by default. */
  clerk?: { email: string; name: string };
}

export interface PostboxJourneyResult {
  employer: string;
  user: string;
  betriebsnummer: string;
}

const PORTAL_NAME = 'Mein AOK Arbeitgeberservice';
export const SUBJECT = 'Frage zur Beitragsnachweisung';
export const BODY = 'Guten Tag,\nanbei der Beitragsnachweis für Oktober und ein Foto der Lohnunterlagen.\nMit freundlichen Grüßen\nJürgen Weiß';
export const ANSWER = 'Vielen Dank, wir haben Ihre Unterlagen erhalten und den Beitragsnachweis verbucht.';
export const LETTER_SUBJECT = 'Beitragsbescheid 2026';
export const USER_PASSWORD = 'Kollegin-Passwort-2026';
const USER_PIN = '909192';
const USER = { salutation: 'Frau', firstName: 'Petra', lastName: 'Schmidt' };

/** The Status cell of a postbox row ("ungelesen"/"gelesen"), the last column on both sides. */
async function statusOf(row: ReturnType<typeof rowOf>) {
  return (await row.locator('td').last().innerText()).trim();
}

export async function runPostboxJourney(t: TestSystem, browser: Browser, options: PostboxJourneyOptions = {}): Promise<PostboxJourneyResult> {
  const onScreen = options.onScreen ?? (async () => {});
  const viewport = options.viewport ?? { width: 1280, height: 900 };
  const fields = options.employer ?? person({ insurerId: 'by' });
  const userEmail = options.userEmail ?? `kollegin.${Date.now()}@firma-beispiel.de`;
  const clerkData = options.clerk ?? { email: 'sabine.schmidt@aok-bayern.example', name: 'Sabine Schmidt' };
  const step = options.step ?? inOrder;
  const open = browsers(browser);
  const states: string[] = [];
  const newPage = () => open.page({ viewport });
  /** Manual 001 through the pages: e-mail and password, then the code the terminal app shows. */
  const employerLogin = (page: Page, who: { email: string; password: string; state: string; pin: string }) =>
    openLoginAndSignIn(page, t.baseUrl, 'arbeitgeber', who, () => terminalAppCode(t, who.email, who.pin, who.state));

  try {
    const [employerAccount, clerk] = await step('an activated employer and a clerk of the same AOK', () =>
      Promise.all([activatedEmployer(t, fields), addStaff(t, { ...clerkData, role: 'clerk', aok: fields.insurerId })]),
    );
    states.push(employerAccount.state);
    const [a, b] = await Promise.all([newPage(), newPage()]);

    // ── 1. A logs in, writes to the AOK with a PDF and a JPEG
    await step('the employer signs in; the start page shows no unread messages', async () => {
      await employerLogin(a, { email: fields.email, password: fields.password, state: employerAccount.state, pin: PIN });
      await a.getByText('Keine ungelesenen Nachrichten.').waitFor();
      await a.getByRole('link', { name: 'Nutzer verwalten', exact: true }).waitFor();
      await onScreen('startseite', a);
    });

    await step('a message to the AOK without a subject is refused at its field with the text kept; with it, it is sent with two attachments', async () => {
      await a.getByRole('link', { name: 'Zum Postfach', exact: true }).click();
      await a.waitForURL(/\/arbeitgeber\/postfach$/);
      await heading(a, 'Nachrichten und Briefe im Postfach', 1);
      await a.getByText('Ihr Postfach ist leer.').waitFor();
      await a.getByRole('link', { name: 'Neue Nachricht an Ihre AOK', exact: true }).click();
      await a.waitForURL(/\/arbeitgeber\/postfach\/neu$/);
      await heading(a, 'Neue Nachricht an Ihre AOK', 1);
      const files = [
        { name: 'Beitragsnachweis Oktober.pdf', mimeType: 'application/pdf', buffer: Buffer.from(await samplePdf('Beitragsnachweis Oktober 2026')) },
        { name: 'Lohnunterlagen.jpg', mimeType: 'image/jpeg', buffer: sampleJpeg },
      ];
      const subject = a.getByLabel('Betreff', { exact: true });
      await subject.fill(SUBJECT);
      await a.getByLabel('Nachricht', { exact: true }).fill(BODY);
      await a.getByLabel('Anhänge', { exact: true }).setInputFiles(files);
      await onScreen('neue-nachricht', a);

      // the subject forgotten: the message at the field, the text kept
      await subject.fill('');
      await a.getByRole('button', { name: 'Senden', exact: true }).click();
      await a.locator('.error-summary').getByRole('link', { name: /^Betreff: / }).waitFor();
      assert.match(await a.title(), /^Fehler: /);
      assert.equal(await subject.getAttribute('aria-invalid'), 'true');
      assert.equal(await a.locator('.field--error').filter({ has: a.locator('#f-subject') }).count(), 1, 'the message is at the field');
      assert.equal(await a.getByLabel('Nachricht', { exact: true }).inputValue(), BODY, 'the text is kept');
      await onScreen('neue-nachricht-fehler', a);

      await subject.fill(SUBJECT);
      // a file input cannot be refilled by the server: the files are chosen again
      await a.getByLabel('Anhänge', { exact: true }).setInputFiles(files);
      await a.getByRole('button', { name: 'Senden', exact: true }).click();
      await a.waitForURL(/\/arbeitgeber\/postfach\?gesendet=1$/);
      await a.getByRole('status').getByText('Ihre Nachricht wurde an Ihre AOK gesendet.').waitFor();
      const row = rowOf(a, SUBJECT);
      assert.equal(await row.count(), 1);
      assert.match(await row.innerText(), new RegExp(`${SUBJECT} \\(2 Anhänge\\)\\s+Gesendet\\s+gelesen`));
      await onScreen('postfach-gesendet', a);
    });

    // ── 2. B (same AOK) reads it, answers with an attachment, publishes a letter
    t.clock.advance(12 * 60_000);
    await step('the clerk finds the message unread in the back office’s postbox and gets the attachments unchanged', async () => {
      await staffLogin(t, b, clerk);
      await backofficeNav(b, 'Postfach').click();
      await b.waitForURL(/\/backoffice\/postfach$/);
      await heading(b, 'Postfach: Nachrichten der Unternehmen', 1);
      const row = rowOf(b, SUBJECT);
      assert.equal(await row.count(), 1);
      assert.match(await row.innerText(), new RegExp(`${fields.betriebsnummer}\\s+${SUBJECT}\\s+AOK Bayern\\s+ungelesen`));
      await onScreen('backoffice-postfach', b);

      await row.getByRole('link', { name: SUBJECT, exact: true }).click();
      await b.waitForURL(/\/backoffice\/postfach\/[0-9a-f-]{36}$/);
      await heading(b, SUBJECT, 1);
      await b.getByText(`Betriebsnummer ${fields.betriebsnummer}`, { exact: false }).waitFor();
      assert.equal((await b.locator('.message-body').innerText()).trim(), BODY);
      const attachments = b.locator('ul.attachments > li');
      assert.deepEqual(
        (await attachments.allInnerTexts()).map((s) => s.replace(/\s+/g, ' ').replace(/[\d,]+ (Byte|KB)/g, 'n')),
        ['Beitragsnachweis Oktober.pdf (PDF, n)', 'Lohnunterlagen.jpg (JPG, n)'],
      );
      // the attachment is what A sent
      const jpg = await b.getByRole('link', { name: 'Lohnunterlagen.jpg', exact: true }).getAttribute('href');
      const bytes = await (await b.context().request.get(`${t.baseUrl}${jpg}`)).body();
      assert.ok(bytes.equals(sampleJpeg), 'the JPEG arrives unchanged');
    });

    await step('the clerk’s answer with an attachment goes to the company, not into the incoming list', async () => {
      const form = b.locator('form').filter({ has: b.getByRole('heading', { name: 'Antworten', level: 2 }) });
      await form.getByLabel('Antwort', { exact: true }).fill(ANSWER);
      await form.getByLabel('Anhänge', { exact: true }).setInputFiles({ name: 'Eingangsbestätigung.pdf', mimeType: 'application/pdf', buffer: Buffer.from(await samplePdf('Eingangsbestaetigung')) });
      await onScreen('backoffice-nachricht', b);
      await form.getByRole('button', { name: 'Antwort senden', exact: true }).click();
      await b.waitForURL(/\/backoffice\/postfach\?hinweis=beantwortet$/);
      await b.getByRole('status').getByText('Die Antwort wurde in das Postfach des Unternehmens gestellt.').waitFor();
      assert.equal(await statusOf(rowOf(b, SUBJECT)), 'gelesen');
      assert.equal(await rowOf(b, `AW: ${SUBJECT}`).count(), 0, 'answers to the company are not in the incoming list');
      await onScreen('backoffice-beantwortet', b);
    });

    t.clock.advance(3 * 60_000);
    await step('the clerk publishes a letter to the company by its Betriebsnummer, for the own AOK only', async () => {
      await b.getByRole('link', { name: 'Brief veröffentlichen', exact: true }).click();
      await b.waitForURL(/\/backoffice\/postfach\/brief$/);
      await heading(b, 'Brief veröffentlichen', 1);
      await b.getByLabel('Portal', { exact: true }).selectOption({ label: 'Mein AOK Arbeitgeberservice (Betriebsnummer)' });
      await b.getByLabel('Betriebsnummer bzw. IK-Nummer', { exact: true }).fill(fields.betriebsnummer);
      assert.deepEqual(await b.getByLabel('Kasse', { exact: true }).locator('option').allInnerTexts(), ['AOK Bayern'], 'a clerk writes for their own AOK only');
      await b.getByLabel('Betreff', { exact: true }).fill(LETTER_SUBJECT);
      await b.getByLabel('Brief (PDF)', { exact: true }).setInputFiles({ name: 'Beitragsbescheid 2026.pdf', mimeType: 'application/pdf', buffer: Buffer.from(await samplePdf('Beitragsbescheid 2026')) });
      await onScreen('brief', b);
      await b.getByRole('button', { name: 'Veröffentlichen', exact: true }).click();
      await b.waitForURL(/\/backoffice\/postfach\?hinweis=brief$/);
      await b.getByRole('status').getByText('Der Brief wurde in das Postfach des Unternehmens gestellt.').waitFor();
      await onScreen('brief-veroeffentlicht', b);
    });

    // ── 3. A: two notice mails without content, the unread count, the answer and its attachment
    await step('the notice mails to the employer hold no content', async () => {
      for (const subject of ['Neue Nachricht in Ihrem Postfach', 'Neue Post in Ihrem Postfach']) {
        const { mail } = await openMailInMailbox(a, t.baseUrl, fields.email, subject);
        await mail.getByRole('link', { name: 'Zum Postfach', exact: true }).waitFor();
        const text = `${await mail.locator('body').innerText()}\n${await a.locator('pre.mail-text').innerText()}`;
        assert.match(text, /Aus Gründen des Datenschutzes enthält diese E-Mail keine Inhalte/);
        for (const secret of [ANSWER, 'Unterlagen erhalten', 'Eingangsbestätigung', SUBJECT, LETTER_SUBJECT]) {
          assert.ok(!text.includes(secret), `the mail "${subject}" does not contain "${secret}"`);
        }
        if (subject.startsWith('Neue Nachricht')) await onScreen('benachrichtigung', a);
      }
      assert.equal((await waitForMail(t.baseUrl, fields.email, { subject: 'Neue Nachricht in Ihrem Postfach' })).to.split(',').length, 1, 'one recipient: A');
    });

    await step('the employer sees two unread, reads the answer, downloads its attachment and marks it unread again', async () => {
      await a.goto(`${t.baseUrl}/arbeitgeber/startseite`);
      await heading(a, `Startseite von ${PORTAL_NAME}`, 1);
      await a.getByRole('region', { name: 'Nachrichten und Briefe im Postfach' }).getByText('2 ungelesene Nachrichten.', { exact: true }).waitFor();
      await onScreen('startseite-ungelesen', a);
      await a.getByRole('link', { name: 'Zum Postfach', exact: true }).click();
      await a.waitForURL(/\/arbeitgeber\/postfach$/);
      const answerRow = rowOf(a, `AW: ${SUBJECT}`);
      const letterRow = rowOf(a, LETTER_SUBJECT);
      assert.match(await answerRow.innerText(), new RegExp(`AW: ${SUBJECT} \\(1 Anhang\\)\\s+Nachricht\\s+ungelesen`));
      assert.match(await letterRow.innerText(), new RegExp(`${LETTER_SUBJECT} \\(1 Anhang\\)\\s+Brief\\s+ungelesen`));
      assert.equal(await statusOf(rowOf(a, SUBJECT)), 'gelesen', 'what A wrote is read');
      assert.equal(await a.locator('tbody tr.unread').count(), 2);
      await onScreen('postfach', a);

      await answerRow.getByRole('link', { name: `AW: ${SUBJECT}`, exact: true }).click();
      await a.waitForURL(/\/arbeitgeber\/postfach\/[0-9a-f-]{36}$/);
      await heading(a, `AW: ${SUBJECT}`, 1);
      await a.getByText('Nachricht Ihrer AOK vom', { exact: false }).waitFor();
      assert.equal((await a.locator('.message-body').innerText()).trim(), ANSWER);
      await heading(a, 'Anhänge', 2);
      await a.getByRole('link', { name: 'Antworten', exact: true }).waitFor();
      await onScreen('nachricht', a);

      const [download] = await Promise.all([a.waitForEvent('download'), a.getByRole('link', { name: 'Eingangsbestätigung.pdf', exact: true }).click()]);
      assert.equal(download.suggestedFilename(), 'Eingangsbestätigung.pdf');
      assert.equal((await downloadedFile(download)).subarray(0, 5).toString('latin1'), '%PDF-');

      await a.getByRole('button', { name: 'Als ungelesen markieren', exact: true }).click();
      await a.waitForURL(/\/arbeitgeber\/postfach$/);
      assert.equal(await statusOf(rowOf(a, `AW: ${SUBJECT}`)), 'ungelesen');
      assert.equal(await a.locator('tbody tr.unread').count(), 2);
      await onScreen('postfach-als-ungelesen', a);
    });

    // ── 4. Company users: A invites C, C accepts through the mail, activates the terminal app and logs in
    await step('the employer invites a colleague by e-mail', async () => {
      await a.getByRole('link', { name: '← Startseite', exact: true }).click();
      await a.waitForURL(/\/arbeitgeber\/startseite$/);
      await a.getByRole('link', { name: 'Nutzer verwalten', exact: true }).click();
      await a.waitForURL(/\/arbeitgeber\/nutzer$/);
      await heading(a, 'Nutzerverwaltung', 1);
      await a.getByText('Noch keine weiteren Nutzer.').waitFor();
      await onScreen('nutzerverwaltung-leer', a);
      await a.getByLabel('E-Mail-Adresse', { exact: true }).fill(userEmail);
      await a.getByRole('button', { name: 'Einladen', exact: true }).click();
      await a.waitForURL(/\/arbeitgeber\/nutzer\?hinweis=eingeladen$/);
      await a.getByRole('status').getByText('Die Einladung wurde per E-Mail versendet. Sie ist 7 Tage gültig.').waitFor();
      assert.match(await rowOf(a, userEmail).innerText(), /eingeladen am 23\.11\.2026/);
      await onScreen('nutzerverwaltung-eingeladen', a);
    });

    const c = await newPage();
    let stateC = '';

    await step('the colleague accepts the invitation from the mail and activates the terminal app', async () => {
      const { mail } = await openMailInMailbox(c, t.baseUrl, userEmail, 'Einladung');
      await mail.getByText(`${fields.firstName} ${fields.lastName} hat Sie als Nutzerin bzw. Nutzer Ihres Unternehmens`, { exact: false }).waitFor();
      await onScreen('einladungsmail', c);
      // the link in the sandboxed mail frame opens in the top window
      await mail.getByRole('link', { name: 'Einladung annehmen', exact: true }).click();
      await c.waitForURL(/\/arbeitgeber\/einladung\?flow=[^&]+$/);
      await acceptInvitation(c, userEmail, { ...USER, password: USER_PASSWORD }, () => onScreen('einladung', c));
      await c.getByText(userEmail, { exact: true }).waitFor();
      const code = await showActivationCode(c);
      await onScreen('nutzer-aktivierungscode', c);
      stateC = await activateTerminalApp(t, userEmail, code, USER_PIN, 'pforte-postbox-user-');
      states.push(stateC);
      await c.getByRole('link', { name: 'Weiter', exact: true }).click();
      await c.waitForURL(/\/arbeitgeber\/login\?flow=/);
    });

    await step('the colleague signs in, manages no users and sees the company’s postbox', async () => {
      await employerLogin(c, { email: userEmail, password: USER_PASSWORD, state: stateC, pin: USER_PIN });
      await c.getByText(`Willkommen, ${USER.firstName} ${USER.lastName}.`).waitFor();
      assert.equal(await c.getByRole('link', { name: 'Nutzer verwalten' }).count(), 0, 'a user does not manage users');
      await c.getByRole('region', { name: 'Nachrichten und Briefe im Postfach' }).getByText('3 ungelesene Nachrichten.', { exact: true }).waitFor();
      await onScreen('nutzer-startseite', c);
      await c.getByRole('link', { name: 'Zum Postfach', exact: true }).click();
      await c.waitForURL(/\/arbeitgeber\/postfach$/);
      for (const subject of [SUBJECT, `AW: ${SUBJECT}`, LETTER_SUBJECT]) assert.equal(await rowOf(c, subject).count(), 1, `C sees "${subject}"`);
      await onScreen('nutzer-postfach', c);
    });

    // ── A locks C (C is out at once), unlocks (C can log in again) and removes C
    await step('a locked colleague is out at once and cannot sign in', async () => {
      await a.goto(`${t.baseUrl}/arbeitgeber/nutzer`);
      await heading(a, 'Nutzerverwaltung', 1);
      const row = rowOf(a, userEmail);
      assert.match(await row.innerText(), new RegExp(`${USER.firstName} ${USER.lastName}\\s+Nutzer\\s+aktiv\\s`));
      await onScreen('nutzerverwaltung', a);
      await row.getByRole('button', { name: `${userEmail}: Sperren`, exact: true }).click();
      await a.waitForURL(/\/arbeitgeber\/nutzer\?hinweis=gesperrt$/);
      await a.getByRole('status').getByText('Der Nutzer ist gesperrt; seine Sitzungen wurden beendet.').waitFor();
      assert.match(await rowOf(a, userEmail).innerText(), /\sgesperrt\s/);
      await onScreen('nutzerverwaltung-gesperrt', a);

      await c.reload();
      await c.waitForURL(/\/arbeitgeber\/login\?flow=/);
      await heading(c, 'Login', 1);
      await enterLoginData(c, userEmail, USER_PASSWORD);
      await c.getByText('Ihr Zugang ist gesperrt.', { exact: false }).waitFor();
    });

    await step('an unlocked colleague signs in again; a removed one is out', async () => {
      await rowOf(a, userEmail).getByRole('button', { name: `${userEmail}: Entsperren`, exact: true }).click();
      await a.waitForURL(/\/arbeitgeber\/nutzer\?hinweis=entsperrt$/);
      await a.getByRole('status').getByText('Der Nutzer ist entsperrt.').waitFor();
      assert.match(await rowOf(a, userEmail).innerText(), /\saktiv\s/);

      await employerLogin(c, { email: userEmail, password: USER_PASSWORD, state: stateC, pin: USER_PIN });

      await rowOf(a, userEmail).getByRole('button', { name: `${userEmail}: Entfernen`, exact: true }).click();
      await a.waitForURL(/\/arbeitgeber\/nutzer\?hinweis=entfernt$/);
      await a.getByRole('status').getByText('Der Nutzer wurde entfernt.').waitFor();
      assert.equal(await rowOf(a, userEmail).count(), 0);
      await a.getByText('Noch keine weiteren Nutzer.').waitFor();
      await onScreen('nutzerverwaltung-entfernt', a);

      await c.reload();
      await c.waitForURL(/\/arbeitgeber\/login\?flow=/);
      await heading(c, 'Login', 1);
    });

    return { employer: fields.email, user: userEmail, betriebsnummer: fields.betriebsnummer };
  } finally {
    await open.close();
    for (const dir of states) rmSync(dir, { recursive: true, force: true });
  }
}
