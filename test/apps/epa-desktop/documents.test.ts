import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { databaseKinds } from '../../support/databases.ts';
import { testSystemFor } from '../../support/system.ts';
import { pdfTextWith } from '../../support/pdf.ts';
import { clockAtRealTime } from '../../modules/epa-access/support.ts';
import { letter } from '../../modules/epa-records/api-support.ts';
import { pdfWith, windowsProgram } from '../../modules/epa-records/fixtures.ts';
import { desktopFor } from './epa-login-support.ts';
import { documentId, headLink, manualDocuments, signedInToRecord, tableRows, titles } from './documents-support.ts';
import type { FormClient } from '../../support/browser-client.ts';

/**
 * "Dokumente" of manual 003 §4.4 in the program, against a running server, without JavaScript: the
 * table newest first, "Suche nach Titel oder Autor", every column a sort, "Filtern", "Dokument
 * hinzufügen" (and its refusals at the field), opening a document (counted), "Löschen" after the
 * warning, "Als PDF speichern", pages of 50, "Abmelden".
 */

/** "Dokument hinzufügen" as the browser sends the form: the token first, then Typ, Titel and the file. */
async function upload(browser: FormClient, file: { name: string; bytes: Uint8Array } | null, fields: { typ: string; titel?: string }) {
  await browser.get(new URL('/epa/dokumente/hinzufuegen', browser.lastUrl).href);
  const form = new FormData();
  form.set('_csrf', browser.csrf());
  form.set('typ', fields.typ);
  form.set('titel', fields.titel ?? '');
  form.set('datei', file ? new Blob([new Uint8Array(file.bytes)]) : new Blob([]), file?.name ?? '');
  return browser.request('POST', new URL('/epa/dokumente/hinzufuegen', browser.lastUrl).href, form);
}

for (const kind of databaseKinds) {
  describe(`pforte-epa › Dokumente (manual 003 §4.4) (${kind})`, () => {
    const t = testSystemFor(kind);
    clockAtRealTime(t);
    const app = desktopFor(t);
    const browser = () => app().browser;
    const list = (query = '') => browser().get(app().at(`/epa/dokumente${query}`));
    let person: Awaited<ReturnType<typeof signedInToRecord>>;

    test('after the login "Dokumente" lists the record newest first: Typ, Titel, Autor, Zugriffe, Erstelldatum ▼', async () => {
      person = await signedInToRecord(t, app());
      await manualDocuments(t, person.id);
      await list();
      assert.equal(browser().lastStatus, 200);
      const html = browser().lastHtml;
      assert.match(html, /<h1>Dokumente<\/h1>/);
      assert.match(html, /placeholder="Suche nach Titel oder Autor"/);
      assert.match(html, /<summary class="button button--secondary">Filtern<\/summary>/);
      assert.match(html, /<button type="submit" form="docs-export" class="button docs-export">Als PDF speichern<\/button>/);
      assert.match(html, /aria-label="alle auswählen"/);
      assert.match(html, /<th scope="col" aria-sort="descending" class="docs-sorted"><a href="[^"]*"><span>Erstelldatum<\/span><span class="docs-arrow" aria-hidden="true"> ▼<\/span>/);
      assert.deepEqual(tableRows(html), [
        ['Bilddaten', 'image001', 'von mir', '0', '19.03.2025'],
        ['Bilddaten', 'röntgenaufnahme', 'von mir', '0', '11.03.2025'],
        ['Dokumente ohne besondere Form (Notizen)', 'Demo PDF', 'von mir', '0', '05.03.2025'],
        ['Befundbericht', 'Befund Kardiologie', 'Praxis Dr. Weber', '0', '20.01.2025'],
        ['Brief', 'Arztbrief Entlassung', 'Klinikum Mitte', '0', '02.11.2024'],
      ]);
      assert.match(browser().text(), /Dokument hinzufügen/);
      assert.match(browser().text(), new RegExp(`Angemeldet in der ePA mit der Versichertennummer ${person.kvnr} Abmelden`));
    });

    test('"Suche nach Titel oder Autor" finds by title and by author, case-insensitive', async () => {
      await list('?q=R%C3%96NTGEN');
      assert.deepEqual(titles(browser().lastHtml), ['röntgenaufnahme']);
      assert.match(browser().text(), /1 Dokument gefunden/);
      await list('?q=weber');
      assert.deepEqual(titles(browser().lastHtml), ['Befund Kardiologie']);
      await list('?q=nichts-dergleichen');
      assert.match(browser().text(), /Keine Dokumente gefunden\. Bitte ändern Sie die Suche oder die Filter\./);
    });

    test('every column head sorts; the same head again turns the direction, the arrow and aria-sort follow', async () => {
      await list();
      await browser().get(app().at(headLink(browser().lastHtml, 'Titel')));
      assert.deepEqual(titles(browser().lastHtml), ['Arztbrief Entlassung', 'Befund Kardiologie', 'Demo PDF', 'image001', 'röntgenaufnahme']);
      assert.match(browser().lastHtml, /<th scope="col" aria-sort="ascending" class="docs-sorted"><a href="[^"]*"><span>Titel<\/span><span class="docs-arrow" aria-hidden="true"> ▲<\/span>/);
      assert.doesNotMatch(browser().lastHtml, /aria-sort="[a-z]+" class="docs-sorted"><a href="[^"]*"><span>Erstelldatum/);
      await browser().get(app().at(headLink(browser().lastHtml, 'Titel')));
      assert.deepEqual(titles(browser().lastHtml), ['röntgenaufnahme', 'image001', 'Demo PDF', 'Befund Kardiologie', 'Arztbrief Entlassung']);
      assert.match(browser().lastHtml, /aria-sort="descending" class="docs-sorted"><a href="[^"]*"><span>Titel<\/span><span class="docs-arrow" aria-hidden="true"> ▼/);
      await browser().get(app().at(headLink(browser().lastHtml, 'Autor')));
      assert.deepEqual(tableRows(browser().lastHtml).map((r) => r[2]), ['Klinikum Mitte', 'Praxis Dr. Weber', 'von mir', 'von mir', 'von mir']);
      await browser().get(app().at(headLink(browser().lastHtml, 'Typ')));
      assert.deepEqual(tableRows(browser().lastHtml).map((r) => r[0]), ['Befundbericht', 'Bilddaten', 'Bilddaten', 'Brief', 'Dokumente ohne besondere Form (Notizen)']);
    });

    test('"Filtern" by Typ, by period and by Autor; the search stays', async () => {
      await list('?typ=BIL');
      assert.deepEqual(titles(browser().lastHtml), ['image001', 'röntgenaufnahme']);
      assert.match(browser().lastHtml, /<details class="docs-filter" open>/);
      assert.match(browser().lastHtml, /<option value="BIL" selected>Bilddaten<\/option>/);
      await list('?von=2025-01-01&bis=2025-03-10');
      assert.deepEqual(titles(browser().lastHtml), ['Demo PDF', 'Befund Kardiologie']);
      await list('?autor=Klinikum+Mitte');
      assert.deepEqual(titles(browser().lastHtml), ['Arztbrief Entlassung']);
      assert.match(browser().lastHtml, /<option value="Praxis Dr. Weber">Praxis Dr. Weber<\/option>/);
      await list('?q=bild&typ=BIL');
      assert.deepEqual(titles(browser().lastHtml), []);
      assert.match(browser().lastHtml, /<input type="hidden" name="q" value="bild"/);
    });

    test('a wrong date or Typ in the filter is named at its field; the list is shown without the filter', async () => {
      await list('?von=gestern&typ=XYZ');
      assert.equal(browser().lastStatus, 400);
      assert.match(browser().lastHtml, /id="f-von-error"[^>]*><span class="visually-hidden">Fehler: <\/span><span>Bitte geben Sie ein gültiges Datum an/);
      assert.equal(browser().fieldError('typ'), 'Bitte wählen Sie einen der angebotenen Werte.');
      assert.equal(titles(browser().lastHtml).length, 5);
      assert.doesNotMatch(browser().lastHtml, /Error|at .*\.ts:\d+/);
    });

    test('"Dokument hinzufügen": a PDF with Typ and Titel is at the top of the list, "von mir", 0 Zugriffe', async () => {
      await list();
      assert.match(browser().lastHtml, /<a class="button" href="\/epa\/dokumente\/hinzufuegen">Dokument hinzufügen<\/a>/);
      await upload(browser(), { name: 'Impfpass.pdf', bytes: await letter('Impfpass Seite') }, { typ: 'AUS', titel: 'Impfpass 2025' });
      assert.equal(new URL(browser().lastUrl).pathname, '/epa/dokumente');
      assert.match(browser().text(), /Das Dokument wurde hinzugefügt\./);
      const [first] = tableRows(browser().lastHtml);
      assert.deepEqual(first!.slice(0, 4), ['Medizinischer Ausweis', 'Impfpass 2025', 'von mir', '0']);
    });

    test('without a Titel the file name is the title', async () => {
      await upload(browser(), { name: 'Laborwerte März.pdf', bytes: pdfWith('Laborwerte') }, { typ: 'LAB' });
      assert.equal(titles(browser().lastHtml)[0], 'Laborwerte März');
    });

    test('25 MB + 1 byte is refused at the field "Datei", nothing added', async () => {
      const before = await t.system.deps.db.selectFrom('epa_documents').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
      const big = new Uint8Array(25 * 1024 * 1024 + 1);
      big.set(pdfWith('gross'));
      await upload(browser(), { name: 'gross.pdf', bytes: big }, { typ: 'BEF', titel: 'Zu groß' });
      assert.equal(browser().lastStatus, 413);
      assert.equal(browser().fieldError('datei'), 'Das Dokument ist größer als 25 MB. Bitte wählen Sie eine kleinere Datei aus.');
      assert.match(browser().lastHtml, /value="Zu groß"/, 'what was typed is kept');
      const after = await t.system.deps.db.selectFrom('epa_documents').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
      assert.equal(Number(after.n), Number(before.n));
    });

    test('a program renamed to .pdf is refused at the field by what its bytes are', async () => {
      await upload(browser(), { name: 'befund.pdf', bytes: windowsProgram() }, { typ: 'BEF', titel: 'Befund' });
      assert.equal(browser().lastStatus, 415);
      assert.equal(browser().fieldError('datei'), 'Dieses Dateiformat ist nicht erlaubt. Erlaubt sind PDF, JPEG, PNG und TIFF.');
    });

    test('no file and no Typ are named at their fields', async () => {
      await upload(browser(), null, { typ: '' });
      assert.equal(browser().lastStatus, 422);
      assert.equal(browser().fieldError('datei'), 'Bitte wählen Sie ein Dokument aus.');
      await upload(browser(), { name: 'a.pdf', bytes: pdfWith('a') }, { typ: '' });
      assert.equal(browser().fieldError('typ'), 'Bitte wählen Sie den Typ des Dokuments.');
    });

    test('an upload without the form\'s token is refused before its file is read', async () => {
      const form = new FormData();
      form.set('datei', new Blob([new Uint8Array(pdfWith('x'))]), 'x.pdf');
      form.set('typ', 'BEF');
      await browser().request('POST', app().at('/epa/dokumente/hinzufuegen'), form);
      assert.equal(browser().lastStatus, 403);
    });

    test('opening a title gives the document and counts an access, visible in "Zugriffe"', async (c) => {
      await list();
      const id = documentId(browser().lastHtml, 'Demo PDF');
      const response = await browser().get(app().at(`/epa/dokumente/${id}`));
      assert.equal(response.status, 200);
      assert.equal(response.headers.get('content-type'), 'application/pdf');
      assert.match(response.headers.get('content-disposition') ?? '', /^inline; filename="Demo PDF\.pdf"/);
      pdfTextWith(c, new Uint8Array(await response.arrayBuffer()), ['Inhalt Demo PDF - Seite 1']);
      await list('?q=Demo');
      assert.equal(tableRows(browser().lastHtml)[0]![3], '1');
    });

    test('a document that is not there (another record\'s, deleted) is said so, not a stack trace', async () => {
      await browser().get(app().at('/epa/dokumente/00000000-0000-4000-8000-000000000000'));
      assert.equal(browser().lastStatus, 404);
      assert.match(browser().text(), /Das Dokument wurde nicht gefunden\. Vielleicht wurde es bereits gelöscht\./);
    });

    test('"Löschen" asks first, with the warning that it cannot be undone; then the document is gone', async () => {
      await list('?sort=titel&dir=asc');
      const id = documentId(browser().lastHtml, 'Arztbrief Entlassung');
      await browser().get(app().at(`/epa/dokumente/${id}/loeschen?sort=titel&dir=asc`));
      assert.equal(browser().lastStatus, 200);
      assert.match(browser().text(), /Dokument löschen Titel Arztbrief Entlassung Typ Brief Autor Klinikum Mitte Erstelldatum 02\.11\.2024/);
      assert.match(browser().text(), /Das Löschen kann nicht rückgängig gemacht werden\./);
      assert.equal(titles((await list('?sort=titel&dir=asc'), browser().lastHtml))[0], 'Arztbrief Entlassung', 'nothing deleted by the question');
      await browser().get(app().at(`/epa/dokumente/${id}/loeschen?sort=titel&dir=asc`));
      await browser().postForm({ zurueck: '/epa/dokumente?sort=titel&dir=asc' }, `/epa/dokumente/${id}/loeschen`);
      assert.equal(browser().lastUrl, app().at('/epa/dokumente?sort=titel&dir=asc&hinweis=geloescht'));
      assert.match(browser().text(), /Das Dokument wurde gelöscht\./);
      assert.ok(!titles(browser().lastHtml).includes('Arztbrief Entlassung'));
      await browser().get(app().at(`/epa/dokumente/${id}/loeschen`));
      await browser().postForm({}, `/epa/dokumente/${id}/loeschen`);
      assert.equal(browser().lastStatus, 404);
      assert.match(browser().text(), /Das Dokument wurde nicht gefunden\./);
    });

    test('"Als PDF speichern" of two checked documents: one PDF with the cover and their text, named by the day', async (c) => {
      await list();
      const html = browser().lastHtml;
      const ids = [documentId(html, 'Demo PDF'), documentId(html, 'Impfpass 2025')];
      const body = new URLSearchParams([['_csrf', browser().csrf()], ['zurueck', '/epa/dokumente'], ...ids.map((id) => ['dokument', id])]);
      const response = await browser().request('POST', app().at('/epa/dokumente/pdf'), body.toString(), { 'content-type': 'application/x-www-form-urlencoded' });
      assert.equal(response.status, 200);
      assert.equal(response.headers.get('content-type'), 'application/pdf');
      assert.match(response.headers.get('content-disposition') ?? '', /^attachment; filename="ePA-Dokumente-\d{4}-\d{2}-\d{2}\.pdf"/);
      const pdf = new Uint8Array(await response.arrayBuffer());
      pdfTextWith(c, pdf, ['Demo PDF', 'Impfpass 2025', 'Impfpass Seite - Seite 1', 'Inhalt Demo PDF - Seite 1']);
    });

    test('"alle auswählen" without a script takes every document of the page; none checked is said at the top', async (c) => {
      await list('?typ=BIL');
      const onPage = [...browser().lastHtml.matchAll(/<input type="hidden" name="auf_seite" value="([^"]+)"/g)].map((m) => m[1]!);
      assert.equal(onPage.length, 2);
      const body = new URLSearchParams([['_csrf', browser().csrf()], ['zurueck', '/epa/dokumente?typ=BIL'], ['alle', 'ja'], ...onPage.map((id) => ['auf_seite', id])]);
      const response = await browser().request('POST', app().at('/epa/dokumente/pdf'), body.toString(), { 'content-type': 'application/x-www-form-urlencoded' });
      assert.equal(response.status, 200);
      pdfTextWith(c, new Uint8Array(await response.arrayBuffer()), ['image001', 'röntgenaufnahme']);
      await list('?typ=BIL');
      await browser().postForm({ zurueck: '/epa/dokumente?typ=BIL' }, '/epa/dokumente/pdf');
      assert.equal(browser().lastStatus, 422);
      assert.match(browser().text(), /Bitte wählen Sie mindestens ein Dokument aus\./);
      assert.deepEqual(titles(browser().lastHtml), ['image001', 'röntgenaufnahme'], 'the list as it was');
    });

    test('more than 50 documents come in pages of 50', async () => {
      for (let i = 1; i <= 50; i++) {
        await t.system.deps.epaRecords.add({ actor: { kind: 'system' } }, person.id, { title: `Rechnung ${String(i).padStart(2, '0')}`, classCode: 'ADM', fileName: 'r.pdf', bytes: pdfWith(`R${i}`), institution: 'AOK' });
      }
      await list();
      assert.equal(titles(browser().lastHtml).length, 50);
      assert.match(browser().text(), /56 Dokumente/);
      assert.match(browser().text(), /Seite 1 von 2 Nächste Seite/);
      await browser().get(app().at(/<a href="([^"]+)">Nächste Seite<\/a>/.exec(browser().lastHtml)![1]!.replace(/&amp;/g, '&')));
      assert.equal(titles(browser().lastHtml).length, 6);
      assert.match(browser().text(), /Vorherige Seite Seite 2 von 2/);
    });

    test('"Abmelden" ends the ePA login and the local session; "Dokumente" then leads to the login', async () => {
      await list();
      await browser().postForm({}, '/epa/abmelden');
      assert.match(browser().text(), /Sie wurden abgemeldet\./);
      await list();
      assert.equal(new URL(browser().lastUrl).pathname, '/');
    });
  });
}
