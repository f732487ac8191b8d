import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { journeyDatabase } from '../support/databases.ts';
import { browsers, chromiumSkipReason } from './steps/browser.ts';
import { systemAndChromium } from './steps/suite.ts';
import { heading } from './steps/page.ts';
import { signInToJobmaster } from './steps/jobmaster.ts';
import { newId } from '../../src/core/ids/secrets.ts';
import { JM_PASSWORD, jobmasterAccount } from '../modules/jobmaster-login/accounts.ts';

/**
 * Manual 004 "Stellenverwaltung" in a browser without JavaScript: a released employer adds a posting,
 * activates it, finds it in the search, copies it and deletes the copy.
 */
const skip = chromiumSkipReason();
const TITLE = 'Ausbildung Fachkraft Lagerlogistik Wombatstraße';

for (const kind of journeyDatabase('pglite')) {
  describe(`Jobmaster Stellenverwaltung in Chromium (${kind})`, { skip, timeout: 120_000 }, () => {
    const { t, browser } = systemAndChromium(kind);

    test('Hinzufügen, Aktivieren, in der Suche finden, Kopieren, Löschen (JavaScript off)', async () => {
      const { db } = t.system.deps;
      const employer = await jobmasterAccount(db, { role: 'employer' });
      const { company } = await db.selectFrom('accounts').select('company').where('id', '=', employer.id).executeTakeFirstOrThrow();
      await db.insertInto('jobmaster_contacts').values({
        id: newId(), employer_id: company!, salutation: 'Frau', title: null, first_name: 'Erika', last_name: 'Mustermann',
        phone: '040 1234', email: employer.email, is_main: true, created_at: t.clock.now(),
      }).execute();
      const open = browsers(browser());
      try {
        const page = await open.page({ javaScriptEnabled: false });
        await signInToJobmaster(page, t.baseUrl, { email: employer.email, password: JM_PASSWORD });
        await heading(page, 'Stellenverwaltung', 1);
        assert.match(await page.locator('main').innerText(), /Sie haben noch keine Stellenangebote erfasst\./);

        await page.getByRole('link', { name: 'Hinzufügen', exact: true }).click();
        await heading(page, 'Stellenangebot hinzufügen', 1);
        await page.getByLabel('Titel', { exact: true }).fill(TITLE);
        await page.getByLabel('Art', { exact: true }).selectOption({ label: 'Ausbildung' });
        await page.getByLabel('Beginn (optional)', { exact: true }).fill('2027-08');
        await page.getByLabel('Ort', { exact: true }).fill('Hamburg');
        await page.getByLabel('PLZ', { exact: true }).fill('20095');
        await page.getByLabel('Beschreibung', { exact: true }).fill('Wir bilden aus.\n\n- Lager\n- Versand');
        await page.getByLabel('Bewerbungsschluss', { exact: true }).fill('2027-03-31');
        await page.getByRole('button', { name: 'Speichern', exact: true }).click();
        await heading(page, 'Stellenverwaltung', 1);
        assert.match(await page.locator('main').innerText(), /Entwurf/);

        await page.getByRole('button', { name: `Aktivieren: ${TITLE}` }).click();
        await heading(page, 'Stellenverwaltung', 1);
        assert.match(await page.locator('main').innerText(), /1 ausgeschriebene Stelle\b/);

        await page.goto(`${t.baseUrl}/jobmaster/suche?was=Wombatstra%C3%9Fe`);
        await page.getByRole('link', { name: TITLE, exact: true }).first().click();
        await heading(page, TITLE, 1);

        await page.goto(`${t.baseUrl}/jobmaster/stellenverwaltung`);
        await page.getByRole('button', { name: `Kopieren: ${TITLE}` }).click();
        await heading(page, 'Stellenangebot bearbeiten', 1);
        assert.match(await page.locator('main').innerText(), /Kopie angelegt/);
        assert.equal(await page.getByLabel('Bewerbungsschluss', { exact: true }).inputValue(), '');
        // the copy's form is at its own address; both rows carry the same title and (on the test clock) the same time
        const copyId = new URL(page.url()).pathname.split('/').pop()!;

        await page.goto(`${t.baseUrl}/jobmaster/stellenverwaltung`);
        await page.locator(`a[href$="/stellenverwaltung/${copyId}/loeschen"]`).click();
        await heading(page, 'Stellenangebot löschen', 1);
        assert.match(await page.locator('main').innerText(), new RegExp(`Möchten Sie die Stelle „${TITLE}“ wirklich löschen\\?`));
        await page.getByRole('button', { name: 'Löschen', exact: true }).click();
        await heading(page, 'Stellenverwaltung', 1);
        assert.match(await page.locator('main').innerText(), /Das Stellenangebot ist gelöscht\./);
        const rows = await db.selectFrom('job_postings').select(['status']).where('employer_id', '=', company!).execute();
        assert.deepEqual(rows.map((r) => r.status), ['active']);
      } finally {
        await open.close();
      }
    });
  });
}
