import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { journeyDatabase } from '../support/databases.ts';
import { pdfTextWith } from '../support/pdf.ts';
import { browsers, chromiumSkipReason, type Browsers } from './steps/browser.ts';
import { systemAndChromium } from './steps/suite.ts';
import { downloadedFile, heading } from './steps/page.ts';
import { shot, shownTitles } from './steps/epa.ts';
import { clockAtRealTime } from '../modules/epa-access/support.ts';
import { letter } from '../modules/epa-records/api-support.ts';
import { desktopFor } from '../apps/epa-desktop/epa-login-support.ts';
import { manualDocuments, signedInToRecord } from '../apps/epa-desktop/documents-support.ts';

/**
 * Manual 003 §4.4 "Dokumente" in Chromium, with its script: the ePA login (done as in the login's
 * own journey, here without a browser) hands its session to Chromium on the records screen; then
 * "Suche nach Titel oder Autor", a sort by Titel, "Filtern" by Typ, "Dokument hinzufügen" with its
 * progress bar, two documents checked and "Als PDF speichern" (the download read with pdftotext),
 * "Abmelden". With PFORTE_SCREENSHOTS=1 the screens are saved to docs/screenshots/99-epa-dokumente-*.png.
 */

const skip = chromiumSkipReason();
for (const kind of journeyDatabase('postgres')) {
  describe(`pforte-epa: Dokumente in the browser (manual 003 §4.4) (${kind})`, { skip }, () => {
    const { t, browser } = systemAndChromium(kind);
    clockAtRealTime(t);
    const app = desktopFor(t);
    let profiles: Browsers;
    let page: Page;

    before(async () => {
      profiles = browsers(browser());
      page = await profiles.page();
    });
    after(() => profiles?.close());

    test('the records screen: "Dokumente", newest first, Erstelldatum ▼', async () => {
      // signed in without a browser (the login's own journey shows it), the session handed to Chromium
      const person = await signedInToRecord(t, app());
      await manualDocuments(t, person.id);
      const session = app().browser.cookieList().filter(([name]) => name.startsWith('pforte_epa_'));
      await page.context().addCookies(session.map(([name, value]) => ({ name, value, url: app().desktop.url })));
      await page.goto(app().at('/epa/dokumente'));
      await heading(page, 'Dokumente');
      assert.deepEqual(await shownTitles(page), ['image001', 'röntgenaufnahme', 'Demo PDF', 'Befund Kardiologie', 'Arztbrief Entlassung']);
      assert.equal(await page.getByRole('columnheader', { name: 'Erstelldatum' }).getAttribute('aria-sort'), 'descending');
      await shot(page, '99-epa-dokumente-tabelle');
    });

    test('"Suche nach Titel oder Autor" finds the X-ray', async () => {
      await page.getByRole('searchbox', { name: 'Suche nach Titel oder Autor' }).fill('röntgen');
      await page.getByRole('button', { name: 'Suchen' }).click();
      await page.getByText('1 Dokument gefunden').waitFor();
      assert.deepEqual(await shownTitles(page), ['röntgenaufnahme']);
      await page.getByRole('searchbox', { name: 'Suche nach Titel oder Autor' }).fill('');
      await page.getByRole('button', { name: 'Suchen' }).click();
      await page.getByText('5 Dokumente', { exact: true }).waitFor();
    });

    test('the head "Titel" sorts A to Z, the arrow ▲ beside it', async () => {
      await page.getByRole('columnheader', { name: 'Titel' }).getByRole('link').click();
      await page.locator('th[aria-sort="ascending"]', { hasText: 'Titel ▲' }).waitFor();
      assert.deepEqual(await shownTitles(page), ['Arztbrief Entlassung', 'Befund Kardiologie', 'Demo PDF', 'image001', 'röntgenaufnahme']);
    });

    test('"Filtern" by Typ Bilddaten keeps the sort; "Filter zurücksetzen" shows all again', async () => {
      await page.getByText('Filtern', { exact: true }).click();
      await page.getByLabel('Typ').selectOption({ label: 'Bilddaten' });
      await shot(page, '99-epa-dokumente-filtern');
      await page.getByRole('button', { name: 'Filter anwenden' }).click();
      await page.getByText('2 Dokumente gefunden').waitFor();
      assert.deepEqual(await shownTitles(page), ['image001', 'röntgenaufnahme']);
      await page.getByRole('link', { name: 'Filter zurücksetzen' }).click();
      await page.getByText('5 Dokumente', { exact: true }).waitFor();
    });

    test('"Dokument hinzufügen": a PDF with Typ and Titel goes up with a progress bar and is in the list', async () => {
      await page.getByRole('link', { name: 'Dokument hinzufügen' }).click();
      await heading(page, 'Dokument hinzufügen');
      await page.getByLabel('Typ').selectOption({ label: 'Laborergebnisse' });
      await page.getByLabel('Titel').fill('Blutbild April');
      await page.getByLabel('Datei').setInputFiles({ name: 'blutbild.pdf', mimeType: 'application/pdf', buffer: Buffer.from(await letter('Blutbild Leukozyten')) });
      await shot(page, '99-epa-dokument-hinzufuegen');
      // the page's script sends it (XMLHttpRequest, for the upload's progress), not the plain form
      const sent = page.waitForRequest((r) => r.url().endsWith('/epa/dokumente/hinzufuegen') && r.method() === 'POST' && r.resourceType() === 'xhr');
      await page.getByRole('button', { name: 'Hinzufügen' }).click();
      await sent;
      await page.getByText('Das Dokument wurde hinzugefügt.').waitFor();
      await heading(page, 'Dokumente');
      assert.equal((await shownTitles(page))[0], 'Blutbild April');
    });

    test('two documents checked, "Als PDF speichern" downloads one PDF with the cover and both', async (c) => {
      await page.getByRole('checkbox', { name: 'Blutbild April auswählen' }).check();
      await page.getByRole('checkbox', { name: 'Demo PDF auswählen' }).check();
      assert.equal(await page.getByRole('checkbox', { name: 'alle auswählen' }).evaluate((box) => (box as HTMLInputElement).indeterminate), true);
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Als PDF speichern' }).click()]);
      assert.match(download.suggestedFilename(), /^ePA-Dokumente-\d{4}-\d{2}-\d{2}\.pdf$/);
      const pdf = await downloadedFile(download);
      pdfTextWith(c, pdf, ['Dokumente aus Ihrer elektronischen Patientenakte', 'Blutbild April', 'Demo PDF', 'Blutbild Leukozyten - Seite 1', 'Inhalt Demo PDF - Seite 1']);
    });

    test('"Abmelden" ends the ePA login and the local session', async () => {
      await page.getByRole('main').getByRole('button', { name: 'Abmelden' }).click();
      await heading(page, 'Anmelden');
      await page.getByText('Sie wurden abgemeldet.').waitFor();
    });
  });
}
