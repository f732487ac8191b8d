import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { PDFDocument } from 'pdf-lib';
import { databaseKinds } from '../../support/databases.ts';
import { testSystemFor, type TestSystem } from '../../support/system.ts';
import { MAX_EXPORT_PAGES, MAX_PDF_PAGES } from '../../../src/modules/epa-records/limits.ts';
import type { RecordAccess } from '../../../src/modules/epa-records/service.ts';
import { blankPng, objectStreamBomb, outcome, pdfOfPages, pdfWith, png, registeredPerson, residentMemory, self, storedUnchecked } from './fixtures.ts';

/** Made once for both databases: building 40,000 pages takes a few seconds. */
let bomb: Promise<Uint8Array> | undefined;
const fortyThousandPages = () => (bomb ??= pdfOfPages(40_000));
/** 300 MB of zeros in 0.3 MB, made once: deflating them takes a second or two. */
let zeros: Promise<Buffer> | undefined;
const inflatingBomb = () => (zeros ??= objectStreamBomb(300));
let zerosTwice: Promise<Buffer> | undefined;
const twiceInflatingBomb = () => (zerosTwice ??= objectStreamBomb(300, { twice: true }));
/** How much more resident memory a check or an export may take: without the budget the bomb took 600 MB more. */
const BOUNDED_MB = 200;

for (const kind of databaseKinds) {
  describe(`ePA records › what a document and an export may cost (${kind})`, () => {
    const t = testSystemFor(kind);
    const records = () => t.system.deps.epaRecords;
    type Add = TestSystem['system']['deps']['epaRecords']['add'];
    const add = (access: RecordAccess, insuredId: string, input: Partial<Parameters<Add>[2]> = {}, options?: Parameters<Add>[3]) =>
      records().add(access, insuredId, { title: 'Befund', classCode: 'BEF', fileName: 'befund.pdf', bytes: Buffer.alloc(0), ...input }, options);
    const protocolActions = async (insuredId: string) =>
      (await t.system.deps.db.selectFrom('epa_protocol').select(['action', 'result']).where('insured_id', '=', insuredId).orderBy('id').execute()).map((r) => `${r.action}:${r.result}`);
    const accessCounts = async (insuredId: string) => (await records().list(self(insuredId), insuredId)).map((d) => d.access_count);

    test('a PDF of 40,000 pages in half a megabyte is refused when it is added, and nothing is stored', async () => {
      const p = await registeredPerson(t);
      const bytes = await fortyThousandPages();
      assert.ok(bytes.length < 1024 * 1024, `${bytes.length} bytes`);
      assert.equal(await outcome(add(self(p.id), p.id, { bytes })), '422 epa_record.too_many_pages');
      assert.deepEqual(await records().list(self(p.id), p.id), []);
      assert.deepEqual(await protocolActions(p.id), ['document.refused:failed', 'documents.listed:success']);
    });

    test('a PDF of 0.3 MB whose object stream inflates to 300 MB is refused as too complex (422) without inflating it, and nothing is stored', async (tt) => {
      const p = await registeredPerson(t);
      const bytes = await inflatingBomb();
      assert.ok(bytes.length < 400 * 1024, `${bytes.length} bytes`);
      // the worker started first, so that only the check is measured
      assert.equal(await outcome(add(self(p.id), p.id, { bytes: pdfWith('Befund') })), 'ok');
      const { result, beforeMb, peakMb } = await residentMemory(() => outcome(add(self(p.id), p.id, { bytes })));
      tt.diagnostic(`resident memory ${beforeMb} MB before the check, ${peakMb} MB at most during it`);
      assert.equal(result, '422 epa_record.too_complex');
      assert.ok(peakMb - beforeMb < BOUNDED_MB, `${peakMb - beforeMb} MB more`);
      assert.equal((await records().list(self(p.id), p.id)).length, 1);
      assert.deepEqual((await protocolActions(p.id)).slice(-2), ['document.refused:failed', 'documents.listed:success']);
    });

    test('a PDF of under 1 KB whose object stream is compressed twice over, 300 MB of zeros, is refused as too complex (422)', async () => {
      const p = await registeredPerson(t);
      const bytes = await twiceInflatingBomb();
      assert.ok(bytes.length < 1024, `${bytes.length} bytes`);
      assert.equal(await outcome(add(self(p.id), p.id, { bytes })), '422 epa_record.too_complex');
      assert.deepEqual(await records().list(self(p.id), p.id), []);
    });

    test('what a PDF may inflate is a budget of its own: the objects of 500 pages (some 50 KB) fit in 1 MB, not in 10 KB', async () => {
      const p = await registeredPerson(t);
      const pages = await pdfOfPages(MAX_PDF_PAGES);
      // 500 pages' objects inflate to some 50 KB
      assert.equal(await outcome(add(self(p.id), p.id, { bytes: pages }, { maxDecodedBytes: 1024 * 1024 })), 'ok');
      assert.equal(await outcome(add(self(p.id), p.id, { bytes: pages }, { maxDecodedBytes: 10 * 1024 })), '422 epa_record.too_complex');
    });

    test('a PDF stored before the check, whose object stream inflates to 300 MB, is "nicht enthalten" in an export, and the other documents are in it', async (tt) => {
      const p = await registeredPerson(t);
      const good = await add(self(p.id), p.id, { title: 'Befund', bytes: await pdfOfPages(2) });
      const old = await storedUnchecked(t, p.id, 'Alter Scan', await inflatingBomb());
      // the export's worker started first, so that only the export is measured
      assert.equal((await records().exportPdf(self(p.id), p.id, [good.id])).pages, 1 + 2);
      const { result, beforeMb, peakMb } = await residentMemory(() => records().exportPdf(self(p.id), p.id, [old, good.id]));
      tt.diagnostic(`resident memory ${beforeMb} MB before the export, ${peakMb} MB at most during it`);
      assert.deepEqual([result.included, result.notIncluded], [[good.id], [{ id: old, reason: 'pdf_unreadable' }]]);
      assert.equal(result.pages, 1 + 2);
      assert.ok(peakMb - beforeMb < BOUNDED_MB, `${peakMb - beforeMb} MB more`);
    });

    test(`a PDF of ${MAX_PDF_PAGES} pages is accepted, one of ${MAX_PDF_PAGES + 1} is not`, async () => {
      const p = await registeredPerson(t);
      assert.equal(await outcome(add(self(p.id), p.id, { bytes: await pdfOfPages(MAX_PDF_PAGES) })), 'ok');
      assert.equal(await outcome(add(self(p.id), p.id, { bytes: await pdfOfPages(MAX_PDF_PAGES + 1) })), '422 epa_record.too_many_pages');
      assert.equal((await records().list(self(p.id), p.id)).length, 1);
    });

    test('an image of 196 megapixels in 190 KB is refused from its header, and nothing is stored', async () => {
      const p = await registeredPerson(t);
      const bytes = blankPng(14_000);
      assert.ok(bytes.length < 256 * 1024, `${bytes.length} bytes`);
      assert.equal(await outcome(add(self(p.id), p.id, { title: 'Foto', classCode: 'BIL', fileName: 'foto.png', bytes })), '422 epa_record.image_too_large');
      // a photo of a phone's size is fine
      assert.equal(await outcome(add(self(p.id), p.id, { title: 'Foto', classCode: 'BIL', fileName: 'foto.png', bytes: blankPng(4_000) })), 'ok');
      assert.equal((await records().list(self(p.id), p.id)).length, 1);
    });

    test(`"Als PDF speichern" of documents of ${MAX_EXPORT_PAGES - 200} pages in all gives a PDF of every page after its cover`, async () => {
      const p = await registeredPerson(t);
      const letter = await pdfOfPages(450);
      const ids: string[] = [];
      for (let i = 1; i <= 4; i++) ids.push((await add(self(p.id), p.id, { title: `Entlassbericht ${i}`, bytes: letter })).id);
      ids.push((await add(self(p.id), p.id, { title: 'Foto', classCode: 'BIL', fileName: 'foto.png', bytes: await png() })).id);

      const result = await records().exportPdf(self(p.id), p.id, ids);
      assert.deepEqual([result.included, result.notIncluded], [ids, []]);
      assert.equal(result.pages, 1 + 4 * 450 + 1, 'a cover page, the letters, the photo');
      assert.equal((await PDFDocument.load(result.bytes)).getPageCount(), result.pages);
      assert.deepEqual(await accessCounts(p.id), [1, 1, 1, 1, 1]);
    });

    test(`an export of more than ${MAX_EXPORT_PAGES} pages is refused, nothing is counted or in the Protokoll`, async () => {
      const p = await registeredPerson(t);
      const letter = await pdfOfPages(450);
      const ids: string[] = [];
      for (let i = 1; i <= 5; i++) ids.push((await add(self(p.id), p.id, { title: `Entlassbericht ${i}`, bytes: letter })).id);
      assert.equal(await outcome(records().exportPdf(self(p.id), p.id, ids)), '422 epa_record.export_too_large');
      assert.deepEqual(await accessCounts(p.id), [0, 0, 0, 0, 0]);
      assert.ok(!(await protocolActions(p.id)).some((a) => a.startsWith('documents.exported')));
      // four of them fit
      assert.equal((await records().exportPdf(self(p.id), p.id, ids.slice(0, 4))).pages, 1 + 4 * 450);
    });

    test('an export of more stored bytes than its cap is refused before any document is read', async () => {
      const p = await registeredPerson(t);
      const doc = await add(self(p.id), p.id, { bytes: await pdfOfPages(3) });
      assert.equal(await outcome(records().exportPdf(self(p.id), p.id, [doc.id], { maxBytes: doc.size - 1 })), '422 epa_record.export_too_large');
      assert.deepEqual(await accessCounts(p.id), [0]);
    });

    test('an export not done within its time is stopped and refused (503), nothing counted, and the next one works', async () => {
      const p = await registeredPerson(t);
      const doc = await add(self(p.id), p.id, { bytes: await pdfOfPages(40) });
      // the first export starts the worker; the second gets a millisecond in it
      assert.equal((await records().exportPdf(self(p.id), p.id, [doc.id])).pages, 1 + 40);
      assert.equal(await outcome(records().exportPdf(self(p.id), p.id, [doc.id], { timeoutMs: 1 })), '503 epa_record.export_timeout');
      assert.deepEqual(await accessCounts(p.id), [1]);
      assert.equal((await protocolActions(p.id)).filter((a) => a.startsWith('documents.exported')).length, 1);
      assert.equal((await records().exportPdf(self(p.id), p.id, [doc.id])).pages, 1 + 40);
    });
  });
}
