import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { databaseKinds } from '../../support/databases.ts';
import { testSystemFor, type TestSystem } from '../../support/system.ts';
import { DAY } from '../../../src/core/clock/clock.ts';
import { MAX_DOCUMENT_BYTES, type RecordAccess } from '../../../src/modules/epa-records/service.ts';
import { freshKvnr } from '../insured/kvnr.ts';
import { jpeg, outcome, pdfWith, png, registeredPerson, self, tiff, windowsProgram } from './fixtures.ts';

const CONTENT = 'Diagnose Streng Vertraulich 4711';

for (const kind of databaseKinds) {
  describe(`ePA records › documents (${kind})`, () => {
    const t = testSystemFor(kind);
    const records = () => t.system.deps.epaRecords;
    const add = (access: RecordAccess, insuredId: string, input: Partial<Parameters<TestSystem['system']['deps']['epaRecords']['add']>[2]> = {}) =>
      records().add(access, insuredId, { title: 'Befund', classCode: 'BEF', fileName: 'befund.pdf', bytes: pdfWith('Inhalt'), ...input });
    const protocolActions = async (insuredId: string) =>
      (await t.system.deps.db.selectFrom('epa_protocol').select(['action', 'result']).where('insured_id', '=', insuredId).orderBy('id').execute()).map((r) => `${r.action}:${r.result}`);

    test('an uploaded PDF is stored encrypted: its text is nowhere in the table, its title is metadata', async () => {
      const p = await registeredPerson(t);
      const doc = await add(self(p.id), p.id, { title: 'Röntgenbefund Knie', bytes: pdfWith(CONTENT) });
      const marker = Buffer.from(CONTENT, 'latin1');
      const rows = await sql<{ row: string }>`select t::text as row from epa_documents t where id = ${doc.id}`.execute(t.system.deps.db);
      const row = rows.rows[0]!.row;
      assert.ok(row.includes('Röntgenbefund Knie'), 'the title is metadata');
      assert.ok(!row.includes(CONTENT) && !row.includes(marker.toString('hex')), 'the content is not readable');
      const found = await sql<{ n: string }>`select count(*) as n from epa_documents where position(${marker}::bytea in content) > 0`.execute(t.system.deps.db);
      assert.equal(Number(found.rows[0]!.n), 0);
      // the record's key is not stored in clear either: it opens only with the server's key
      const key = await records().recordKey((await t.system.deps.db.selectFrom('epa_records').select('id').where('insured_id', '=', p.id).executeTakeFirstOrThrow()).id);
      const wrapped = await t.system.deps.db.selectFrom('epa_record_keys').select('wrapped_key').execute();
      assert.ok(wrapped.every((w) => !Buffer.from(w.wrapped_key).equals(key)));
    });

    test('opening a document gives its bytes back and counts one access each time', async () => {
      const p = await registeredPerson(t);
      const doc = await add(self(p.id), p.id, { bytes: pdfWith(CONTENT) });
      assert.equal(doc.access_count, 0);
      const first = await records().open(self(p.id), p.id, doc.id);
      assert.ok(first.bytes.equals(pdfWith(CONTENT)));
      assert.equal(first.access_count, 1);
      assert.equal((await records().open(self(p.id), p.id, doc.id)).access_count, 2);
      assert.equal((await records().list(self(p.id), p.id))[0]!.access_count, 2);
    });

    test('PDF, JPEG, PNG and TIFF are accepted by their bytes, whatever their names', async () => {
      const p = await registeredPerson(t);
      const files = [
        ['scan', pdfWith('x'), 'application/pdf', 'scan.pdf'],
        ['foto.bin', await jpeg(), 'image/jpeg', 'foto.jpg'],
        ['bild.pdf', await png(), 'image/png', 'bild.png'],
        ['aufnahme.tif', await tiff(), 'image/tiff', 'aufnahme.tif'],
      ] as const;
      for (const [name, bytes, type, stored] of files) {
        const doc = await add(self(p.id), p.id, { fileName: name, bytes });
        assert.deepEqual([doc.content_type, doc.file_name, doc.size], [type, stored, bytes.length], name);
      }
    });

    test('a document of 25 MB and one byte is refused as too large, and nothing is stored', async () => {
      const p = await registeredPerson(t);
      const bytes = Buffer.alloc(MAX_DOCUMENT_BYTES + 1, 0x20);
      pdfWith('gross').copy(bytes);
      assert.equal(await outcome(add(self(p.id), p.id, { bytes })), '413 epa_record.too_large');
      assert.deepEqual(await records().list(self(p.id), p.id), []);
      assert.deepEqual(await protocolActions(p.id), ['document.refused:failed', 'documents.listed:success']);
    });

    test('a program renamed to .pdf is refused by its content', async () => {
      const p = await registeredPerson(t);
      assert.equal(await outcome(add(self(p.id), p.id, { fileName: 'befund.pdf', bytes: windowsProgram() })), '415 epa_record.type_not_allowed');
      assert.equal(await outcome(add(self(p.id), p.id, { fileName: 'notiz.txt', bytes: Buffer.from('nur Text') })), '415 epa_record.type_not_allowed');
      assert.equal(await outcome(add(self(p.id), p.id, { bytes: Buffer.alloc(0) })), '422 epa_record.empty');
      assert.deepEqual(await records().list(self(p.id), p.id), []);
    });

    test('a missing title or an unknown Typ is refused at its field', async () => {
      const p = await registeredPerson(t);
      assert.equal(await outcome(add(self(p.id), p.id, { title: '  ' })), '422 field.required');
      assert.equal(await outcome(add(self(p.id), p.id, { title: 'a\u0000b' })), '422 field.invalid_chars');
      assert.equal(await outcome(add(self(p.id), p.id, { classCode: 'XYZ' })), '422 epa_record.class_required');
    });

    test("a document id of another person's record is not found, and logged for the one who asked", async () => {
      const owner = await registeredPerson(t);
      const other = await registeredPerson(t, 'bw', 'Max');
      const doc = await add(self(owner.id), owner.id, { bytes: pdfWith(CONTENT) });
      assert.equal(await outcome(records().open(self(other.id), other.id, doc.id)), '404 request.not_found');
      assert.equal(await outcome(records().remove(self(other.id), other.id, doc.id)), '404 request.not_found');
      assert.equal(await outcome(records().open(self(other.id), other.id, 'kein-dokument')), '404 request.not_found');
      assert.deepEqual(await protocolActions(other.id), ['document.not_found:denied', 'document.not_found:denied', 'document.not_found:denied']);
      const denied = await t.system.deps.db.selectFrom('audit_log').select(['actor', 'subject', 'outcome']).where('action', '=', 'epa_record.document_denied').where('actor', '=', `insured:${other.id}`).execute();
      assert.equal(denied.length, 3);
      assert.deepEqual(denied[0], { actor: `insured:${other.id}`, subject: doc.id, outcome: 'denied' });
      assert.equal((await records().list(self(owner.id), owner.id))[0]!.access_count, 0);
    });

    test('deleting a document removes its bytes and metadata; the Protokoll keeps its title', async () => {
      const p = await registeredPerson(t);
      const doc = await add(self(p.id), p.id, { title: 'Alter Brief', bytes: pdfWith(CONTENT) });
      await records().remove(self(p.id), p.id, doc.id);
      assert.equal(await t.system.deps.db.selectFrom('epa_documents').select('id').where('id', '=', doc.id).executeTakeFirst(), undefined);
      assert.equal(await outcome(records().open(self(p.id), p.id, doc.id)), '404 request.not_found');
      const entry = await t.system.deps.db.selectFrom('epa_protocol').select(['document_title']).where('insured_id', '=', p.id).where('action', '=', 'document.deleted').executeTakeFirstOrThrow();
      assert.equal(entry.document_title, 'Alter Brief');
    });

    test('the person\'s own uploads are "von mir"; the AOK\'s carry its name; staff cannot open contents', async () => {
      const p = await registeredPerson(t, 'by');
      await add(self(p.id), p.id, { title: 'Eigenes Foto' });
      const staff = records().staffAccess({ actor: 'staff:s1', insurerId: 'by', ip: null }, 'by');
      const aok = await add(staff, p.id, { title: 'Bescheid der AOK', classCode: 'ADM' });
      const authors = (await records().list(self(p.id), p.id, { sort: 'titel', direction: 'asc' })).map((d) => [d.title, d.author]);
      assert.deepEqual(authors, [['Bescheid der AOK', aok.author], ['Eigenes Foto', 'von mir']]);
      assert.match(aok.author, /^AOK/);
      assert.equal(await outcome(records().open(staff, p.id, aok.id)), '403 epa_record.staff_no_content');
    });

    test('search in Titel or Autor, filters by Typ, Autor and period, and every column sorts', async () => {
      const p = await registeredPerson(t);
      const clock = t.clock;
      const start = clock.now();
      await add(self(p.id), p.id, { title: 'image001', classCode: 'BIL', bytes: await png() });
      clock.advance(DAY);
      await add(self(p.id), p.id, { title: 'röntgenaufnahme', classCode: 'BIL', bytes: await jpeg() });
      clock.advance(DAY);
      await add({ actor: { kind: 'system' } }, p.id, { title: 'Laborwerte März', classCode: 'LAB', institution: 'Labor Dr. Weiß' });
      clock.advance(DAY);
      await add(self(p.id), p.id, { title: 'Demo PDF', classCode: 'BRI' });
      const titles = async (q: Parameters<TestSystem['system']['deps']['epaRecords']['list']>[2]) => (await records().list(self(p.id), p.id, q)).map((d) => d.title);
      assert.deepEqual(await titles({}), ['Demo PDF', 'Laborwerte März', 'röntgenaufnahme', 'image001']);
      assert.deepEqual(await titles({ search: 'WEISS' }), []);
      assert.deepEqual(await titles({ search: 'weiß' }), ['Laborwerte März']);
      assert.deepEqual(await titles({ search: 'RÖNTGEN' }), ['röntgenaufnahme']);
      assert.deepEqual(await titles({ search: '%' }), []);
      assert.deepEqual(await titles({ classCode: 'BIL' }), ['röntgenaufnahme', 'image001']);
      assert.deepEqual(await titles({ author: 'von mir' }), ['Demo PDF', 'röntgenaufnahme', 'image001']);
      assert.deepEqual(await titles({ from: new Date(start.getTime() + DAY), to: new Date(start.getTime() + 3 * DAY) }), ['Laborwerte März', 'röntgenaufnahme']);
      assert.deepEqual(await titles({ sort: 'erstelldatum', direction: 'asc' }), ['image001', 'röntgenaufnahme', 'Laborwerte März', 'Demo PDF']);
      assert.deepEqual(await titles({ sort: 'titel', direction: 'asc' }), ['Demo PDF', 'image001', 'Laborwerte März', 'röntgenaufnahme']);
      // Typ by its German name: Bilddaten, Brief, Laborergebnisse
      assert.deepEqual(await titles({ sort: 'typ', direction: 'asc' }), ['röntgenaufnahme', 'image001', 'Demo PDF', 'Laborwerte März']);
      assert.deepEqual(await titles({ sort: 'autor', direction: 'desc' }), ['Demo PDF', 'röntgenaufnahme', 'image001', 'Laborwerte März']);
      const opened = (await records().list(self(p.id), p.id, { search: 'Laborwerte' }))[0]!;
      await records().open(self(p.id), p.id, opened.id);
      assert.equal((await titles({ sort: 'zugriffe', direction: 'desc' }))[0], 'Laborwerte März');
      assert.equal((await titles({ sort: 'groesse', direction: 'asc' })).length, 4);
    });

    test('a person not registered for the ePA has no record to add to', async () => {
      const p = await registeredPerson(t);
      const fields: Record<string, string> = { kvnr: freshKvnr('U'), lastName: 'Ohne', firstName: 'Akte', birthDate: '01.01.1990', email: 'o@example.org', insurerId: 'bw', street: 'Weg 2', postalCode: '70173', city: 'Stuttgart' };
      const created = await t.system.deps.insured.create({ actor: 'operator:cli', insurerId: null, ip: null }, fields);
      assert.ok(created.ok);
      assert.equal(await outcome(add(self(p.id), created.id)), '404 epa_record.not_registered');
    });
  });
}
