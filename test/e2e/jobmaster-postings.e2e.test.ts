import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { journeyDatabase } from '../support/databases.ts';
import { browsers, chromiumSkipReason } from './steps/browser.ts';
import { systemAndChromium } from './steps/suite.ts';
import { heading } from './steps/page.ts';
import { addPosting, signInAsReleasedEmployer } from './steps/jobmaster-employer.ts';

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
      const open = browsers(browser());
      try {
        const page = await open.page({ javaScriptEnabled: false });
        const { employerId } = await signInAsReleasedEmployer(t, page);
        await heading(page, 'Stellenverwaltung', 1);
        assert.match(await page.locator('main').innerText(), /Sie haben noch keine Stellenangebote erfasst\./);

        await addPosting(page, {
          title: TITLE, kind: 'Ausbildung', start: '2027-08', city: 'Hamburg', postalCode: '20095', description: 'Wir bilden aus.\n\n- Lager\n- Versand', applyUntil: '2027-03-31',
        });
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
        const rows = await db.selectFrom('job_postings').select(['status']).where('employer_id', '=', employerId).execute();
        assert.deepEqual(rows.map((r) => r.status), ['active']);
      } finally {
        await open.close();
      }
    });
  });
}
