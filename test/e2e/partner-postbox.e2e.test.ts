import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { journeyDatabase } from '../support/databases.ts';
import { PIN } from '../support/journeys.ts';
import { activatedProvider, provider } from '../support/partner-journeys.ts';
import { samplePdf } from '../support/samples.ts';
import { browsers, chromiumSkipReason } from './steps/browser.ts';
import { systemAndChromium } from './steps/suite.ts';
import { axeRecord } from './steps/axe.ts';
import { backofficeNav, heading, rowOf } from './steps/page.ts';
import { openMailInMailbox } from './steps/mailbox.ts';
import { terminalAppCode } from './steps/app.ts';
import { signIn } from './steps/login.ts';
import { addStaff, staffLogin, type Clerk } from './steps/staff.ts';
import { PORTAL_NAME, acceptCookieNotice } from './support/partner-journey.ts';

/**
 * The provider's postbox in headless Chromium (issue 11 item 7, manual 002 §2: the LE-Admin is
 * "für die Verwaltung des Postfachs verantwortlich"): clerk N of the provider's AOK publishes a
 * letter to the provider by its IK; the LE-Admin gets the notice mail (no content), follows it,
 * logs in, reads the letter and downloads it, answers with an attachment; N sees the answer under
 * the IK and opens its attachment. axe on the provider's postbox pages and the letter form.
 */

const skip = chromiumSkipReason();
const IK = '260326822';
const LETTER = 'Zulassung Heilmittel 2026';
const ANSWER = 'Guten Tag,\nanbei die unterschriebene Empfangsbestätigung.\nMit freundlichen Grüßen\nMaler Montag';

type Screen = 'brief' | 'partner-postfach' | 'partner-brief' | 'partner-antwort' | 'backoffice-antwort';

for (const kind of journeyDatabase('pglite')) {
  describe(`provider postbox in Chromium (${kind})`, { skip, timeout: 180_000 }, () => {
    const { t, browser } = systemAndChromium(kind);
    const axe = axeRecord<Screen>();
    const onScreen = axe.onScreen;
    const fields = provider({ ik: IK });
    let admin: Awaited<ReturnType<typeof activatedProvider>>;
    let clerk: Clerk;
    let a: Page;
    let n: Page;

    before(async () => {
      const open = browsers(browser());
      [admin, clerk, a, n] = await Promise.all([
        activatedProvider(t, fields),
        addStaff(t, { email: `n.${Date.now()}@aok-niedersachsen.example`, name: 'Nina Nord', role: 'clerk', aok: 'ni' }),
        open.page(),
        open.page(),
      ]);
    });

    test('staff publish a letter to a provider by its IK', async () => {
      await staffLogin(t, n, clerk);
      await backofficeNav(n, 'Postfach').click();
      await n.getByRole('link', { name: 'Brief veröffentlichen', exact: true }).click();
      await heading(n, 'Brief veröffentlichen', 1);
      await n.getByLabel('Portal', { exact: true }).selectOption({ label: `${PORTAL_NAME} (IK-Nummer)` });
      await n.getByLabel('Betriebsnummer bzw. IK-Nummer', { exact: true }).fill(IK);
      await n.getByLabel('Betreff', { exact: true }).fill(LETTER);
      await n.getByLabel('Brief (PDF)', { exact: true }).setInputFiles({ name: `${LETTER}.pdf`, mimeType: 'application/pdf', buffer: Buffer.from(await samplePdf(LETTER)) });
      await onScreen('brief', n);
      await n.getByRole('button', { name: 'Veröffentlichen', exact: true }).click();
      await n.waitForURL(/\/backoffice\/postfach\?hinweis=brief$/);
      await n.getByRole('status').getByText('Der Brief wurde in das Postfach des Unternehmens gestellt.').waitFor();
    });

    test('the notice mail holds no content; after the login the letter is unread in the postbox and downloads as PDF', async () => {
      const { mail } = await openMailInMailbox(a, t.baseUrl, fields.email, 'Neue Post in Ihrem Postfach');
      await mail.getByText(`„${PORTAL_NAME}“`, { exact: false }).first().waitFor();
      assert.equal(await mail.getByText(LETTER, { exact: false }).count(), 0, 'the mail holds no content');
      const href = await mail.getByRole('link', { name: 'Zum Postfach', exact: true }).getAttribute('href');
      assert.match(href ?? '', /\/partner\/postfach$/);
      await a.goto(href!);
      await acceptCookieNotice(a);
      // not signed in in this browser: the login first, then the postbox from the dashboard
      await a.waitForURL(/\/partner\/login/);
      await signIn(a, 'partner', fields, () => terminalAppCode(t, fields.email, PIN, admin.state));
      const card = a.getByRole('region', { name: 'Nachrichten und Briefe im Postfach' });
      await card.getByText('1 ungelesene Nachricht.', { exact: true }).waitFor();
      await card.getByRole('link', { name: 'Zum Postfach', exact: true }).click();
      await a.waitForURL(/\/partner\/postfach$/);
      await heading(a, 'Nachrichten und Briefe im Postfach', 1);
      assert.match(await rowOf(a, LETTER).innerText(), new RegExp(`${LETTER} \\(1 Anhang\\)\\s+Brief\\s+ungelesen`));
      await onScreen('partner-postfach', a);
      await rowOf(a, LETTER).getByRole('link', { name: LETTER, exact: true }).click();
      await a.waitForURL(/\/partner\/postfach\/[0-9a-f-]{36}$/);
      await heading(a, LETTER, 1);
      await a.getByText('Brief Ihrer AOK', { exact: false }).waitFor();
      const [download] = await Promise.all([a.waitForEvent('download'), a.getByRole('link', { name: `${LETTER}.pdf`, exact: true }).click()]);
      assert.equal(readFileSync((await download.path())!).subarray(0, 5).toString(), '%PDF-');
      await onScreen('partner-brief', a);
    });

    test('the LE-Admin answers with an attachment; the letter is read', async () => {
      await a.getByRole('link', { name: 'Antworten', exact: true }).click();
      await a.waitForURL(/\/partner\/postfach\/neu\?antwort=/);
      await heading(a, 'Neue Nachricht an Ihre AOK', 1);
      assert.equal(await a.getByLabel('Betreff', { exact: true }).inputValue(), `AW: ${LETTER}`);
      await a.getByLabel('Nachricht', { exact: true }).fill(ANSWER);
      await a.getByLabel('Anhänge', { exact: true }).setInputFiles({ name: 'Empfangsbestätigung.pdf', mimeType: 'application/pdf', buffer: Buffer.from(await samplePdf('Empfangsbestaetigung')) });
      await onScreen('partner-antwort', a);
      await a.getByRole('button', { name: 'Senden', exact: true }).click();
      await a.waitForURL(/\/partner\/postfach\?gesendet=1$/);
      await a.getByRole('status').getByText('Ihre Nachricht wurde an Ihre AOK gesendet.').waitFor();
      assert.match(await rowOf(a, `AW: ${LETTER}`).innerText(), /\(1 Anhang\)\s+Gesendet\s+gelesen/);
      assert.match(await rowOf(a, LETTER).innerText(), /Brief\s+gelesen/);
    });

    test('staff see the answer under the IK and open its attachment', async () => {
      await n.goto(`${t.baseUrl}/backoffice/postfach`);
      const row = rowOf(n, `AW: ${LETTER}`);
      assert.match(await row.innerText(), new RegExp(`IK-Nummer ${IK}\\s+AW: ${LETTER}\\s+AOK Niedersachsen\\s+ungelesen`));
      await row.getByRole('link', { name: `AW: ${LETTER}`, exact: true }).click();
      await heading(n, `AW: ${LETTER}`, 1);
      await n.getByText(`IK-Nummer ${IK}`, { exact: false }).waitFor();
      assert.equal((await n.locator('.message-body').innerText()).trim(), ANSWER);
      const href = await n.getByRole('link', { name: 'Empfangsbestätigung.pdf', exact: true }).getAttribute('href');
      const bytes = await (await n.context().request.get(`${t.baseUrl}${href}`)).body();
      assert.equal(bytes.subarray(0, 5).toString(), '%PDF-');
      await onScreen('backoffice-antwort', n);
    });

    test('axe found nothing serious or critical on the postbox pages and the letter form', (tt) => {
      axe.assertRan(['brief', 'partner-postfach', 'partner-brief', 'partner-antwort', 'backoffice-antwort']);
      axe.assertNoSevere(tt);
    });
  });
}
