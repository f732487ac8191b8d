import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { journeyDatabase } from '../support/databases.ts';
import { browsers, chromiumSkipReason } from './steps/browser.ts';
import { systemAndChromium } from './steps/suite.ts';
import { heading } from './steps/page.ts';
import { loginRefused, signInToJobmaster } from './steps/jobmaster.ts';
import {
  addContact, addPosting, changeMainContact, deleteProfile, openUnternehmensdaten, plainLogo, publishPosting, signInAsReleasedEmployer, takeOverLogin, uploadCompanyLogo,
} from './steps/jobmaster-employer.ts';
import { openMailInMailbox } from './steps/mailbox.ts';
import { newId } from '../../src/core/ids/secrets.ts';

/**
 * Manual 004 for an employer: with JavaScript on, the Stellenverwaltung, the Unternehmensdaten,
 * "Hauptansprechpartner wechseln" (the login goes to another person through a mailed link) and
 * "Profil löschen" (the company, its login and its postings are gone) in one walk; without
 * JavaScript, the last two each on their own.
 */
const skip = chromiumSkipReason();
const TITLE = 'Ausbildung Kaufleute Büromanagement Quokkaweg';

/** The new main contact: a person not yet in the company's list, with the password and Kennwortfrage they choose. */
const successor = () => ({
  salutation: 'Herr', firstName: 'Nico', lastName: 'Nachfolger', phone: '040 9876', email: `nachfolge-${newId().slice(0, 8)}@example.org`,
  password: 'Gurkensalat-ohne-Kartoffel-77', question: 'Wie hieß Ihre erste Schule?', answer: 'Goetheschule',
});

/** The old main contact's session has ended and their login is refused; the new one's works and the card names them. */
async function handedOver(baseUrl: string, old: { page: Page; email: string; password: string }, next: { page: Page; email: string; password: string }): Promise<void> {
  await old.page.goto(`${baseUrl}/jobmaster/konto`);
  await old.page.waitForURL(/\/jobmaster\/login/);
  await loginRefused(old.page, baseUrl, old);
  await signInToJobmaster(next.page, baseUrl, next);
  await openUnternehmensdaten(next.page, baseUrl);
  assert.match(await next.page.locator('main').innerText(), /Hauptansprechpartner:In\s+Herr Nico Nachfolger/);
}

for (const kind of journeyDatabase('pglite')) {
  describe(`Jobmaster Arbeitgeberkonto in Chromium (${kind})`, { skip, timeout: 120_000 }, () => {
    const { t, browser } = systemAndChromium(kind);

    test('Stellenverwaltung, Unternehmensdaten, Hauptansprechpartner wechseln, Profil löschen (JavaScript on)', async () => {
      const { db } = t.system.deps;
      const next = successor();
      const logo = await plainLogo(240, 80, { r: 20, g: 60, b: 140 });
      const open = browsers(browser());
      try {
        const [page, nextPage] = await Promise.all([open.page({ javaScriptEnabled: true }), open.page({ javaScriptEnabled: true })]);
        const main = () => page.locator('main').innerText();
        const old = await signInAsReleasedEmployer(t, page);

        // 1. Stellenverwaltung (where the login leads a released employer)
        await heading(page, 'Stellenverwaltung', 1);
        await addPosting(page, {
          title: TITLE, kind: 'Ausbildung', start: '2027-08', city: 'Hamburg', postalCode: '20095', description: 'Wir bilden aus.\n\n- Empfang\n- Buchhaltung', applyUntil: '2027-03-31',
        });
        assert.match(await main(), /Entwurf/);
        const { id: postingId } = await db.selectFrom('job_postings').select('id').where('employer_id', '=', old.employerId).executeTakeFirstOrThrow();

        await page.getByRole('button', { name: `Aktivieren: ${TITLE}` }).click();
        await page.getByRole('button', { name: `Deaktivieren: ${TITLE}` }).waitFor();
        assert.match(await main(), /1 ausgeschriebene Stelle\b/);
        assert.equal((await page.request.get(`${t.baseUrl}/jobmaster/stellen/${postingId}`)).status(), 200);

        await page.getByRole('button', { name: `Deaktivieren: ${TITLE}` }).click();
        await page.getByRole('button', { name: `Aktivieren: ${TITLE}` }).waitFor();
        assert.equal((await db.selectFrom('job_postings').select('status').where('id', '=', postingId).executeTakeFirstOrThrow()).status, 'inactive');

        await page.getByRole('button', { name: `Kopieren: ${TITLE}` }).click();
        await heading(page, 'Stellenangebot bearbeiten', 1);
        assert.match(await main(), /Kopie angelegt/);
        assert.equal(await page.getByLabel('Bewerbungsschluss', { exact: true }).inputValue(), '');
        const copyId = /\/stellenverwaltung\/([^/?#]+)/.exec(page.url())?.[1];
        assert.ok(copyId && copyId !== postingId, `the copy's own page: ${page.url()}`);

        await page.goto(`${t.baseUrl}/jobmaster/stellenverwaltung`);
        // both rows carry the same title; the copy's row is the one whose link leads to the copy
        await page.getByRole('link', { name: `Löschen: ${TITLE}` }).and(page.locator(`[href$="/${copyId}/loeschen"]`)).click();
        await heading(page, 'Stellenangebot löschen', 1);
        assert.match(await main(), new RegExp(`Möchten Sie die Stelle „${TITLE}“ wirklich löschen\\?`));
        await page.getByRole('button', { name: 'Löschen', exact: true }).click();
        await heading(page, 'Stellenverwaltung', 1);
        assert.match(await main(), /Das Stellenangebot ist gelöscht\./);
        assert.deepEqual((await db.selectFrom('job_postings').select('id').where('employer_id', '=', old.employerId).execute()).map((r) => r.id), [postingId]);
        // live again, so the end shows that deleting the profile takes the posting's page with it
        await page.getByRole('button', { name: `Aktivieren: ${TITLE}` }).click();
        await page.getByRole('button', { name: `Deaktivieren: ${TITLE}` }).waitFor();

        // 2. Unternehmensdaten
        await openUnternehmensdaten(page, t.baseUrl);
        await uploadCompanyLogo(page, logo);
        assert.equal(await page.getByRole('img', { name: /Firmenlogo von/ }).evaluate((el) => (el as HTMLImageElement).naturalWidth), 240);
        await addContact(page, { salutation: 'Frau', firstName: 'Petra', lastName: 'Personal', phone: '0221 555', email: 'petra@example.org' });
        assert.match(await main(), /Frau Petra Personal/);

        // 3. Hauptansprechpartner wechseln: a new person, who takes over through the mailed link
        await changeMainContact(page, old.answer, next);
        await takeOverLogin(nextPage, t.baseUrl, next);
        await handedOver(t.baseUrl, { page, ...old }, { page: nextPage, ...next });

        // 4. Profil löschen, as the new main contact
        await deleteProfile(nextPage, next.password);
        await loginRefused(nextPage, t.baseUrl, next);
        const gone = await nextPage.goto(`${t.baseUrl}/jobmaster/stellen/${postingId}`);
        assert.ok([404, 410].includes(gone!.status()), `the posting's page answers ${gone!.status()}`);
      } finally {
        await open.close();
      }
    });

    test('Hauptansprechpartner wechseln: the new person takes over the login from the mailed link (JavaScript off)', async () => {
      const next = successor();
      const open = browsers(browser());
      try {
        const [page, nextPage] = await Promise.all([open.page({ javaScriptEnabled: false }), open.page({ javaScriptEnabled: false })]);
        const old = await signInAsReleasedEmployer(t, page);
        await openUnternehmensdaten(page, t.baseUrl);
        await changeMainContact(page, old.answer, next);
        await takeOverLogin(nextPage, t.baseUrl, next);
        await handedOver(t.baseUrl, { page, ...old }, { page: nextPage, ...next });
        const { mail } = await openMailInMailbox(page, t.baseUrl, old.email, 'Der Login im Jobmaster ist übergeben');
        await mail.getByText('Ihr Passwort gilt nicht mehr; Sie bleiben als Ansprechpartner eingetragen.', { exact: false }).waitFor();
      } finally {
        await open.close();
      }
    });

    test('Profil löschen: the company, its login and its postings are gone (JavaScript off)', async () => {
      const open = browsers(browser());
      try {
        const page = await open.page({ javaScriptEnabled: false });
        const employer = await signInAsReleasedEmployer(t, page);
        const postingId = await publishPosting(t, employer.accountId, {
          title: TITLE, kind: 'ausbildung', startsOn: '2027-08-01', startsMonth: true, city: 'Hamburg', postalCode: '20095', description: 'Wir bilden aus.', requirements: '',
          applyUntil: '2027-03-31', contactId: null, applyUrl: null, applyEmail: null,
        });
        const posting = `${t.baseUrl}/jobmaster/stellen/${postingId}`;
        assert.equal((await page.request.get(posting)).status(), 200);
        await openUnternehmensdaten(page, t.baseUrl);
        await deleteProfile(page, employer.password);
        const { mail } = await openMailInMailbox(page, t.baseUrl, employer.email, 'Ihr Profil im Jobmaster wurde gelöscht');
        await mail.getByText('Ihr Profil im Jobmaster wurde gelöscht, mit allen Daten und Stellenanzeigen.', { exact: false }).waitFor();
        await loginRefused(page, t.baseUrl, employer);
        const gone = await page.goto(posting);
        assert.ok([404, 410].includes(gone!.status()), `the posting's page answers ${gone!.status()}`);
      } finally {
        await open.close();
      }
    });
  });
}
