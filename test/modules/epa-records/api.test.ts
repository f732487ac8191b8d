import { describe, test } from 'node:test';
import { setTimeout as delay } from 'node:timers/promises';
import assert from 'node:assert/strict';
import { PDFDocument } from 'pdf-lib';
import { databaseKinds } from '../../support/databases.ts';
import { testSystemFor, type TestSystem } from '../../support/system.ts';
import { pdfTextWith } from '../../support/pdf.ts';
import { registeredRoutes } from '../../../src/core/http/server.ts';
import { EPA_API } from '../../../src/modules/epa-access/api.ts';
import { DocumentListSchema, DocumentSchema } from '../../../src/modules/epa-records/api-schema.ts';
import { MAX_DOCUMENT_BYTES } from '../../../src/modules/epa-records/service.ts';
import { MAX_PDF_PAGES, RUNNING_RETRY_AFTER_S } from '../../../src/modules/epa-records/limits.ts';
import { epaRecordMessages } from '../../../src/modules/epa-records/messages.ts';
import { loopbackForSuite } from '../ident-provider/support.ts';
import { clockAtRealTime, loggedInPerson } from '../epa-access/support.ts';
import { jpeg, lineHolds, pdfOfPages, pdfWith, png, tiff, windowsProgram } from './fixtures.ts';
import { brokenPdf, encryptedPdf, letter, ok, personWithDevice, refusal, type ApiPerson } from './api-support.ts';

const day = (iso: string) => new Date(`${iso}T09:30:00Z`);

for (const kind of databaseKinds) {
  describe(`ePA record API › documents (${kind})`, () => {
    const t = testSystemFor(kind);
    const callback = loopbackForSuite();
    clockAtRealTime(t);
    const person = () => personWithDevice(t, `${callback().base}/callback`);
    const add = (p: ApiPerson, title: string, extra: Partial<Parameters<TestSystem['system']['deps']['epaRecords']['add']>[2]> = {}) =>
      t.system.deps.epaRecords.add({ actor: { kind: 'system' } }, p.insuredId, { title, classCode: 'BEF', fileName: `${title}.pdf`, bytes: pdfWith(title), ...extra });
    const protocol = async (insuredId: string) =>
      (await t.system.deps.db.selectFrom('epa_protocol').select(['action', 'result', 'device_name', 'document_id']).where('insured_id', '=', insuredId).orderBy('id').execute());
    const documentCount = async (insuredId: string) =>
      Number((await t.system.deps.db.selectFrom('epa_documents').innerJoin('epa_records', 'epa_records.id', 'epa_documents.record_id').select((eb) => eb.fn.countAll<string>().as('n')).where('epa_records.insured_id', '=', insuredId).executeTakeFirstOrThrow()).n);

    test('the list is newest first, with its total, and sorts by every column', async () => {
      const p = await person();
      await add(p, 'Entlassbrief', { classCode: 'BRI', institution: 'Städtisches Klinikum', createdAt: day('2024-11-08') });
      await add(p, 'Laborbefund', { classCode: 'LAB', institution: 'Hausarztpraxis Dr. Sommer', createdAt: day('2025-02-20') });
      await add(p, 'eigene Notiz', { classCode: 'DOK', ownUpload: true, createdAt: day('2025-03-05') });
      const list = DocumentListSchema.parse(ok(await p.api.listDocuments()));
      assert.deepEqual(list.documents.map((d) => d.title), ['eigene Notiz', 'Laborbefund', 'Entlassbrief']);
      assert.deepEqual([list.total, list.page, list.pages], [3, 1, 1]);
      assert.deepEqual(list.authors, ['Hausarztpraxis Dr. Sommer', 'Städtisches Klinikum', 'von mir']);
      const titles = async (sort: string, dir: 'asc' | 'desc') => ok(await p.api.listDocuments({ sort: sort as never, dir })).documents.map((d) => d.title);
      assert.deepEqual(await titles('titel', 'asc'), ['eigene Notiz', 'Entlassbrief', 'Laborbefund']);
      assert.deepEqual(await titles('typ', 'asc'), ['Entlassbrief', 'eigene Notiz', 'Laborbefund'], 'Brief, Dokumente ohne besondere Form, Laborergebnisse');
      assert.deepEqual(await titles('autor', 'desc'), ['eigene Notiz', 'Entlassbrief', 'Laborbefund']);
      assert.deepEqual(await titles('erstelldatum', 'asc'), ['Entlassbrief', 'Laborbefund', 'eigene Notiz']);
      for (const sort of ['zugriffe', 'groesse']) assert.equal((await titles(sort, 'asc')).length, 3);
    });

    test('search, Typ, period and Autor filter the list; pages hold 50', async () => {
      const p = await person();
      await add(p, 'Entlassbrief', { classCode: 'BRI', institution: 'Städtisches Klinikum', createdAt: day('2024-11-08') });
      await add(p, 'Laborbefund', { classCode: 'LAB', institution: 'Hausarztpraxis Dr. Sommer', createdAt: day('2025-02-20') });
      const titles = async (query: Parameters<ApiPerson['api']['listDocuments']>[0]) => ok(await p.api.listDocuments(query)).documents.map((d) => d.title);
      assert.deepEqual(await titles({ q: 'KLINIKUM' }), ['Entlassbrief']);
      assert.deepEqual(await titles({ typ: 'LAB' }), ['Laborbefund']);
      assert.deepEqual(await titles({ von: '2025-01-01', bis: '2025-02-20' }), ['Laborbefund'], 'the last day counts whole');
      assert.deepEqual(await titles({ autor: 'Städtisches Klinikum' }), ['Entlassbrief']);
      for (let i = 0; i < 50; i++) await add(p, `Befund ${i}`, { createdAt: day('2020-01-01') });
      const second = ok(await p.api.listDocuments({ page: 2 }));
      assert.deepEqual([second.total, second.page, second.pages, second.documents.length], [52, 2, 2, 2]);
    });

    test('a wrong query parameter is refused, naming each', async () => {
      const p = await person();
      const answer = await p.api.listDocuments({ sort: 'farbe' as never, dir: 'up' as never, typ: 'XYZ', von: '2025-02-30', page: 0 });
      assert.equal(refusal(answer), '400 form.invalid');
      assert.deepEqual(!answer.ok && answer.error.details, { sort: 'field.invalid_choice', dir: 'field.invalid_choice', typ: 'field.invalid_choice', von: 'epa_record.date_invalid', page: 'field.invalid_choice' });
    });

    test('listing is in the Protokoll with the device', async () => {
      const p = await person();
      ok(await p.api.listDocuments());
      const entries = await protocol(p.insuredId);
      assert.deepEqual(entries.at(-1), { action: 'documents.listed', result: 'success', device_name: 'Laptop Küche', document_id: null });
    });

    test('"Dokument hinzufügen" stores a PDF as the person\'s own, in the Protokoll', async () => {
      const p = await person();
      const doc = DocumentSchema.parse(ok(await p.api.addDocument({ typ: 'BEF', titel: 'Befund Knie', fileName: 'knie.pdf', bytes: pdfWith('Knie') })));
      assert.deepEqual([doc.title, doc.classCode, doc.author, doc.authorKind, doc.accessCount, doc.contentType], ['Befund Knie', 'BEF', 'von mir', 'insured', 0, 'application/pdf']);
      assert.deepEqual((await protocol(p.insuredId)).at(-1), { action: 'document.added', result: 'success', device_name: 'Laptop Küche', document_id: doc.id });
    });

    test('25 MB + 1 byte is refused with 413 and nothing is stored', async () => {
      const p = await person();
      const big = Buffer.alloc(MAX_DOCUMENT_BYTES + 1, 0x20);
      pdfWith('x').copy(big);
      const answer = await p.api.addDocument({ typ: 'BEF', titel: 'Zu groß', fileName: 'gross.pdf', bytes: big });
      assert.equal(refusal(answer), '413 epa_record.too_large');
      assert.equal(await documentCount(p.insuredId), 0);
      assert.deepEqual((await protocol(p.insuredId)).at(-1), { action: 'document.refused', result: 'failed', device_name: 'Laptop Küche', document_id: null });
    });

    test('a renamed program is refused by its bytes (415) and nothing is stored', async () => {
      const p = await person();
      const answer = await p.api.addDocument({ typ: 'BEF', titel: 'Befund', fileName: 'befund.pdf', bytes: windowsProgram() });
      assert.equal(refusal(answer), '415 epa_record.type_not_allowed');
      assert.deepEqual(!answer.ok && answer.error.details, { datei: 'epa_record.type_not_allowed' });
      assert.equal(await documentCount(p.insuredId), 0);
    });

    test('a PDF of more pages than a document may have is refused at the file (422) with its German text, and nothing is stored', async () => {
      const p = await person();
      const answer = await p.api.addDocument({ typ: 'BEF', titel: 'Akte', fileName: 'akte.pdf', bytes: await pdfOfPages(MAX_PDF_PAGES + 1) });
      assert.equal(refusal(answer), '422 epa_record.too_many_pages');
      assert.deepEqual(!answer.ok && [answer.error.details, answer.error.message], [{ datei: 'epa_record.too_many_pages' }, epaRecordMessages['epa_record.too_many_pages']]);
      assert.equal(await documentCount(p.insuredId), 0);
      assert.deepEqual((await protocol(p.insuredId)).at(-1), { action: 'document.refused', result: 'failed', device_name: 'Laptop Küche', document_id: null });
    });

    test('a second upload while the first is still being checked is refused with 429, Retry-After and its German text, and nothing of it is stored', async () => {
      const p = await person();
      const first = p.api.addDocument({ typ: 'BEF', titel: 'Akte', fileName: 'akte.pdf', bytes: await pdfOfPages(40_000) });
      await lineHolds('check', { running: 1, waiting: 0 });
      const second = await p.api.addDocument({ typ: 'BEF', titel: 'Befund', fileName: 'befund.pdf', bytes: pdfWith('Befund') });
      assert.equal(refusal(second), '429 epa_record.task_running');
      assert.deepEqual(!second.ok && [second.error.retryAfter, second.error.message], [RUNNING_RETRY_AFTER_S, epaRecordMessages['epa_record.task_running']]);
      assert.equal(refusal(await first), '422 epa_record.too_many_pages');
      assert.equal(await documentCount(p.insuredId), 0);
    });

    test('an upload whose client gives up while it waits for its check leaves the line, is not checked and not stored', async () => {
      const other = await person();
      const givenUp = new AbortController();
      const p = await personWithDevice(t, `${callback().base}/callback`, { fetch: (url, init) => fetch(url, { ...init, signal: givenUp.signal }) });
      const long = other.api.addDocument({ typ: 'BEF', titel: 'Akte', fileName: 'akte.pdf', bytes: await pdfOfPages(40_000) });
      await lineHolds('check', { running: 1, waiting: 0 });
      const waiting = p.api.addDocument({ typ: 'BEF', titel: 'Befund', fileName: 'befund.pdf', bytes: pdfWith('Befund') });
      await lineHolds('check', { running: 1, waiting: 1 });
      givenUp.abort();
      assert.equal(refusal(await waiting), '0 network');
      await lineHolds('check', { running: 1, waiting: 0 });
      assert.equal(refusal(await long), '422 epa_record.too_many_pages');
      // the long check done, nothing else is started; had the given-up upload been checked, it would be stored by now
      await lineHolds('check', { running: 0, waiting: 0 });
      await delay(300);
      assert.equal(await documentCount(p.insuredId), 0);
      assert.deepEqual((await protocol(p.insuredId)).filter((e) => e.action.startsWith('document')), []);
    });

    test('an upload without Typ, Titel or file is refused at the field', async () => {
      const p = await person();
      const noType = await p.api.addDocument({ typ: '', titel: 'Befund', fileName: 'b.pdf', bytes: pdfWith('x') });
      assert.equal(refusal(noType), '422 epa_record.class_required');
      const noTitle = await p.api.addDocument({ typ: 'BEF', titel: ' ', fileName: 'b.pdf', bytes: pdfWith('x') });
      assert.deepEqual(!noTitle.ok && noTitle.error.details, { titel: 'field.required' });
      assert.equal(await documentCount(p.insuredId), 0);
    });

    test('opening a document gives its bytes and content type and counts an access', async () => {
      const p = await person();
      const image = await png();
      const doc = await add(p, 'Röntgenbild', { classCode: 'BIL', fileName: 'röntgen.png', bytes: image });
      const opened = ok(await p.api.openDocument(doc.id));
      assert.ok(Buffer.from(opened.bytes).equals(image));
      assert.deepEqual([opened.contentType, opened.fileName], ['image/png', 'röntgen.png']);
      ok(await p.api.openDocument(doc.id));
      assert.equal(ok(await p.api.listDocuments()).documents[0]!.accessCount, 2);
      assert.deepEqual((await protocol(p.insuredId)).filter((e) => e.action === 'document.opened').length, 2);
    });

    test("another person's document id is not found, logged, and not counted", async () => {
      const p = await person();
      const other = await person();
      const theirs = await add(other, 'Fremder Befund');
      assert.equal(refusal(await p.api.openDocument(theirs.id)), '404 request.not_found');
      assert.equal(refusal(await p.api.deleteDocument(theirs.id)), '404 request.not_found');
      assert.equal(refusal(await p.api.openDocument('kein-dokument')), '404 request.not_found');
      const denied = (await protocol(p.insuredId)).filter((e) => e.action === 'document.not_found');
      assert.deepEqual(denied.map((e) => [e.result, e.document_id]), [['denied', theirs.id], ['denied', theirs.id], ['denied', 'kein-dokument']]);
      assert.equal(ok(await other.api.listDocuments()).documents[0]!.accessCount, 0);
      assert.equal(await documentCount(other.insuredId), 1);
    });

    test('a deleted document is gone for good', async () => {
      const p = await person();
      const doc = await add(p, 'Alter Befund');
      ok(await p.api.deleteDocument(doc.id));
      assert.equal(refusal(await p.api.openDocument(doc.id)), '404 request.not_found');
      assert.equal(ok(await p.api.listDocuments()).total, 0);
      assert.ok((await protocol(p.insuredId)).some((e) => e.action === 'document.deleted' && e.document_id === doc.id));
    });

    test('"Als PDF speichern" of 50 documents: a cover listing them, each document after it, an image placed, a broken PDF not included', async (tt) => {
      const p = await person();
      const docs = [];
      for (let i = 1; i <= 46; i++) docs.push(await add(p, `Brief ${i}`, { classCode: 'BRI', institution: 'Praxis Nord', bytes: await letter(`Brief ${i}`, 2), createdAt: day('2025-01-10') }));
      const photo = await add(p, 'Foto Hautbefund', { classCode: 'BIL', fileName: 'foto.jpg', bytes: await jpeg() });
      const xray = await add(p, 'Röntgen Hand', { classCode: 'BIL', fileName: 'hand.png', bytes: await png() });
      const scan = await add(p, 'Scan Überweisung', { classCode: 'ADM', fileName: 'scan.tif', bytes: await tiff() });
      const broken = await add(p, 'Kaputtes PDF', { fileName: 'kaputt.pdf', bytes: brokenPdf() });
      const ids = [...docs.map((d) => d.id), photo.id, xray.id, scan.id, broken.id];
      assert.equal(ids.length, 50);

      const exported = ok(await p.api.exportDocuments(ids));
      assert.deepEqual([exported.included, exported.notIncluded], [49, [broken.id]]);
      const pdf = await PDFDocument.load(exported.pdf);
      const coverPages = pdf.getPageCount() - (46 * 2 + 3);
      assert.ok(coverPages >= 1 && coverPages <= 3, `${coverPages} cover pages`);
      const text = pdfTextWith(tt, exported.pdf, [
        'Dokumente aus Ihrer elektronischen Patientenakte',
        '50 ausgewählt, 49 enthalten, 1 nicht enthalten',
        'Brief 1 - Seite 1',
        'Brief 46 - Seite 2',
        'Foto Hautbefund',
        'Röntgen Hand',
        'Scan Überweisung',
        'Kaputtes PDF',
        'Praxis Nord',
        '10.01.2025',
      ]);
      if (text) {
        assert.match(text, /50 Befundbericht Kaputtes PDF Krankenkasse \d\d\.\d\d\.\d{4} nicht enthalten/);
        assert.match(text, new RegExp(` 1 Brief Brief 1 Praxis Nord 10\\.01\\.2025 ${coverPages + 1} 2 Brief `), 'Nr., Typ, Titel, Autor, Erstelldatum, Seite');
      }
      // each included document counts one access; the broken one none
      const counts = new Map(ok(await p.api.listDocuments({ page: 1 })).documents.map((d) => [d.id, d.accessCount]));
      assert.equal(counts.get(broken.id), 0);
      assert.equal(counts.get(photo.id), 1);
      const entries = (await protocol(p.insuredId)).filter((e) => e.action === 'documents.exported');
      assert.equal(entries.length, 50);
      assert.deepEqual(entries.filter((e) => e.result === 'failed').map((e) => e.document_id), [broken.id]);
    });

    test('an encrypted PDF is listed on the cover as not included', async (tt) => {
      const p = await person();
      const sealed = await add(p, 'Verschlüsselter Befund', { bytes: encryptedPdf() });
      const plain = await add(p, 'Offener Befund', { bytes: await letter('Offener Befund') });
      const exported = ok(await p.api.exportDocuments([sealed.id, plain.id]));
      assert.deepEqual(exported.notIncluded, [sealed.id]);
      pdfTextWith(tt, exported.pdf, ['Verschlüsselter Befund', 'nicht enthalten', 'Offener Befund - Seite 1', 'verschlüsselte oder beschädigte PDF-Datei']);
    });

    test("an export naming another person's document exports nothing and counts nothing", async () => {
      const p = await person();
      const other = await person();
      const mine = await add(p, 'Mein Befund');
      const theirs = await add(other, 'Fremder Befund');
      assert.equal(refusal(await p.api.exportDocuments([mine.id, theirs.id])), '404 request.not_found');
      assert.equal(ok(await p.api.listDocuments()).documents[0]!.accessCount, 0);
      assert.ok((await protocol(p.insuredId)).some((e) => e.action === 'document.not_found' && e.document_id === theirs.id));
      assert.ok(!(await protocol(p.insuredId)).some((e) => e.action === 'documents.exported'));
    });

    test('an export of no documents or of more than 100 is refused at the field', async () => {
      const p = await person();
      assert.equal(refusal(await p.api.exportDocuments([])), '422 epa_record.export_none');
      assert.equal(refusal(await p.api.exportDocuments(Array.from({ length: 101 }, (_, i) => `id-${i}`))), '422 epa_record.export_too_many');
    });

    test('a logged-in person whose device is not unlocked reaches no document', async () => {
      const p = await loggedInPerson(t, `${callback().base}/callback`);
      const answer = await p.session.call('GET', '/documents');
      assert.deepEqual([answer.status, answer.body.error], [403, 'epa.device_not_registered']);
    });

    test('the OpenAPI document is served without a login and names every route of the API', async () => {
      const response = await fetch(`${t.baseUrl}${EPA_API}/openapi.json`);
      assert.equal(response.status, 200);
      const doc = (await response.json()) as { openapi: string; paths: Record<string, Record<string, unknown>>; components: { schemas: Record<string, unknown> } };
      assert.equal(doc.openapi, '3.1.0');
      const documented = Object.entries(doc.paths).flatMap(([path, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${EPA_API}${path.replace(/\{(\w+)\}/g, ':$1')}`));
      const served = registeredRoutes(t.system.app)
        .filter((r) => r.url.startsWith(`${EPA_API}/`) && r.method !== 'HEAD')
        .map((r) => `${r.method} ${r.url}`);
      assert.ok(served.includes(`POST ${EPA_API}/vertretungen/:id/bestaetigen`), "the walk finds every module's routes");
      assert.deepEqual(served.filter((route) => !documented.includes(route)), [], 'served, not documented');
      assert.deepEqual(documented.filter((route) => !served.includes(route)), [], 'documented, not served');
      // every $ref points at a schema the document has
      const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"#\/components\/schemas\/(\w+)"/g)].map((m) => m[1]!);
      assert.deepEqual(refs.filter((r) => !(r in doc.components.schemas)), []);
    });
  });
}
