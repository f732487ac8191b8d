import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import sharp from 'sharp';
import { journeyDatabase } from '../support/databases.ts';
import { browsers, chromiumSkipReason } from './steps/browser.ts';
import { systemAndChromium } from './steps/suite.ts';
import { heading } from './steps/page.ts';
import { signInToJobmaster } from './steps/jobmaster.ts';
import { followMailLink, openMailInMailbox } from './steps/mailbox.ts';
import { newId } from '../../src/core/ids/secrets.ts';
import { JM_ANSWER, JM_PASSWORD, jobmasterAccount } from '../modules/jobmaster-login/accounts.ts';

/**
 * Manual 004 for an employer with JavaScript on: the Stellenverwaltung, the Unternehmensdaten,
 * "Hauptansprechpartner wechseln" (the login goes to another person through a mailed link) and
 * "Profil löschen" (the company, its login and its postings are gone).
 */
const skip = chromiumSkipReason();
const TITLE = 'Ausbildung Kaufleute Büromanagement Quokkaweg';
const NEW_PASSWORD = 'Gurkensalat-ohne-Kartoffel-77';

/** The login form refuses the address and password: the page stays on "Login" and says so. */
async function loginRefused(page: Page, baseUrl: string, who: { email: string; password: string }): Promise<void> {
  await page.goto(`${baseUrl}/jobmaster/login`);
  await page.getByLabel('E-Mail', { exact: true }).fill(who.email);
  await page.getByLabel('Passwort', { exact: true }).fill(who.password);
  await page.getByRole('button', { name: 'Login', exact: true }).click();
  await heading(page, 'Login', 1);
  await page.getByText('Benutzername/E-Mail-Adresse oder Passwort ist nicht korrekt.').first().waitFor();
  assert.match(page.url(), /\/jobmaster\/login/);
}

for (const kind of journeyDatabase('pglite')) {
  describe(`Jobmaster Arbeitgeberkonto in Chromium (${kind})`, { skip, timeout: 120_000 }, () => {
    const { t, browser } = systemAndChromium(kind);

    test('Stellenverwaltung, Unternehmensdaten, Hauptansprechpartner wechseln, Profil löschen (JavaScript on)', async () => {
      const { db } = t.system.deps;
      const old = await jobmasterAccount(db, { role: 'employer' });
      const { company } = await db.selectFrom('accounts').select('company').where('id', '=', old.id).executeTakeFirstOrThrow();
      await db.insertInto('jobmaster_contacts').values({
        id: newId(), employer_id: company!, salutation: 'Frau', title: null, first_name: 'Erika', last_name: 'Mustermann',
        phone: '040 1234', email: old.email, is_main: true, created_at: t.clock.now(),
      }).execute();
      const successor = { email: `nachfolge-${newId().slice(0, 8)}@example.org`, password: NEW_PASSWORD };
      const logo = await sharp({ create: { width: 240, height: 80, channels: 3, background: { r: 20, g: 60, b: 140 } } }).png().toBuffer();
      const open = browsers(browser());
      try {
        const page = await open.page({ javaScriptEnabled: true });
        const main = () => page.locator('main').innerText();
        await signInToJobmaster(page, t.baseUrl, { email: old.email, password: JM_PASSWORD });

        // 1. Stellenverwaltung
        await page.goto(`${t.baseUrl}/jobmaster/stellenverwaltung`);
        await heading(page, 'Stellenverwaltung', 1);
        await page.getByRole('link', { name: 'Hinzufügen', exact: true }).click();
        await heading(page, 'Stellenangebot hinzufügen', 1);
        await page.getByLabel('Titel', { exact: true }).fill(TITLE);
        await page.getByLabel('Art', { exact: true }).selectOption({ label: 'Ausbildung' });
        await page.getByLabel('Beginn (optional)', { exact: true }).fill('2027-08');
        await page.getByLabel('Ort', { exact: true }).fill('Hamburg');
        await page.getByLabel('PLZ', { exact: true }).fill('20095');
        await page.getByLabel('Beschreibung', { exact: true }).fill('Wir bilden aus.\n\n- Empfang\n- Buchhaltung');
        await page.getByLabel('Bewerbungsschluss', { exact: true }).fill('2027-03-31');
        await page.getByRole('button', { name: 'Speichern', exact: true }).click();
        await heading(page, 'Stellenverwaltung', 1);
        assert.match(await main(), /Entwurf/);
        const { id: postingId } = await db.selectFrom('job_postings').select('id').where('employer_id', '=', company!).executeTakeFirstOrThrow();

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
        assert.deepEqual((await db.selectFrom('job_postings').select('id').where('employer_id', '=', company!).execute()).map((r) => r.id), [postingId]);
        // live again, so the end shows that deleting the profile takes the posting's page with it
        await page.getByRole('button', { name: `Aktivieren: ${TITLE}` }).click();
        await page.getByRole('button', { name: `Deaktivieren: ${TITLE}` }).waitFor();

        // 2. Unternehmensdaten
        await page.goto(`${t.baseUrl}/jobmaster/konto`);
        await page.getByRole('link', { name: 'Persönliche Daten', exact: true }).click();
        await heading(page, 'Unternehmensdaten', 1);
        await page.getByRole('link', { name: 'Upload Firmenlogo', exact: true }).click();
        await heading(page, 'Upload Firmenlogo', 1);
        await page.getByLabel('Firmenlogo', { exact: true }).setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: logo });
        await page.getByRole('button', { name: 'Hochladen' }).click();
        await heading(page, 'Unternehmensdaten', 1);
        const img = page.getByRole('img', { name: /Firmenlogo von/ });
        await img.waitFor();
        assert.equal(await img.evaluate((el) => (el as HTMLImageElement).naturalWidth), 240);
        await page.getByRole('link', { name: 'Hinzufügen', exact: true }).click();
        await heading(page, 'Ansprechpartner hinzufügen', 1);
        await page.getByLabel('Anrede').selectOption('Frau');
        await page.getByLabel('Vorname').fill('Petra');
        await page.getByLabel('Nachname').fill('Personal');
        await page.getByLabel('Telefon').fill('0221 555');
        await page.getByLabel('E-Mail', { exact: true }).fill('petra@example.org');
        await page.getByRole('button', { name: 'Speichern' }).click();
        await heading(page, 'Unternehmensdaten', 1);
        assert.match(await main(), /Der Ansprechpartner wurde hinzugefügt\./);
        assert.match(await main(), /Frau Petra Personal/);

        // 3. Hauptansprechpartner wechseln: a new person, who takes over through the mailed link
        await page.getByRole('link', { name: /^Hauptansprechpartner wechseln/ }).click();
        await heading(page, 'Hauptansprechpartner wechseln', 1);
        await page.getByLabel('Antwort', { exact: true }).fill(JM_ANSWER);
        await page.getByLabel('Neuer Hauptansprechpartner', { exact: true }).selectOption({ label: 'Neue Person eingeben' });
        await page.getByLabel('Anrede', { exact: true }).selectOption('Herr');
        await page.getByLabel('Vorname', { exact: true }).fill('Nico');
        await page.getByLabel('Nachname', { exact: true }).fill('Nachfolger');
        await page.getByLabel('Telefon', { exact: true }).fill('040 9876');
        await page.getByLabel('E-Mail', { exact: true }).fill(successor.email);
        await page.getByRole('button', { name: 'Hauptansprechpartner wechseln', exact: true }).click();
        await page.getByText(`Wir haben ${successor.email} einen Link gesendet`).waitFor();

        const next = await open.page({ javaScriptEnabled: true });
        const { mail } = await openMailInMailbox(next, t.baseUrl, successor.email, 'Sie werden Hauptansprechpartner im Jobmaster');
        await followMailLink(next, mail, 'Login übernehmen', /\/jobmaster\/hauptansprechpartner\?token=/);
        await heading(next, 'Login übernehmen', 1);
        await next.getByLabel('Passwort', { exact: true }).fill(successor.password);
        await next.getByLabel('Passwort wiederholen', { exact: true }).fill(successor.password);
        await next.getByLabel('Kennwortfrage', { exact: true }).selectOption({ label: 'Wie hieß Ihre erste Schule?' });
        await next.getByLabel('Antwort', { exact: true }).fill('Goetheschule');
        await next.getByRole('button', { name: 'Login übernehmen', exact: true }).click();
        await heading(next, 'Login übernommen', 1);

        // the old person's session has ended and their login is refused; the new one works
        await page.goto(`${t.baseUrl}/jobmaster/konto`);
        await page.waitForURL(/\/jobmaster\/login/);
        await loginRefused(page, t.baseUrl, { email: old.email, password: JM_PASSWORD });
        await signInToJobmaster(next, t.baseUrl, successor);

        // 4. Profil löschen, as the new main contact
        await next.goto(`${t.baseUrl}/jobmaster/konto`);
        await next.getByRole('link', { name: 'Persönliche Daten', exact: true }).click();
        await heading(next, 'Unternehmensdaten', 1);
        assert.match(await next.locator('main').innerText(), /Hauptansprechpartner:In\s+Herr Nico Nachfolger/);
        await next.getByRole('link', { name: /^Profil löschen/ }).click();
        await heading(next, 'Profil löschen', 1);
        await next.getByLabel('Passwort', { exact: true }).fill(successor.password);
        await next.getByLabel('Ich möchte mein Profil und alle Stellenanzeigen endgültig löschen.').check();
        await next.getByRole('button', { name: 'Profil löschen', exact: true }).click();
        await heading(next, 'Profil gelöscht', 1);
        assert.match(await next.locator('main').innerText(), /Auf Wiedersehen!/);
        await loginRefused(next, t.baseUrl, successor);
        const gone = await next.goto(`${t.baseUrl}/jobmaster/stellen/${postingId}`);
        assert.ok([404, 410].includes(gone!.status()), `the posting's page answers ${gone!.status()}`);
      } finally {
        await open.close();
      }
    });
  });
}
