import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { databaseKinds } from '../../support/databases.ts';
import { testSystemFor } from '../../support/system.ts';
import { signedInStaff } from '../../support/staff.ts';
import { de } from '../../../src/core/i18n/de.ts';
import { MAX_DOCUMENT_BYTES } from '../../../src/modules/epa-records/service.ts';
import { pdfWith, registeredPerson, self, windowsProgram } from './fixtures.ts';

const path = (id: string) => `/backoffice/versicherte/${id}/patientenakte`;

/** The cells of the table's body, row by row, as a reader sees them. */
function tableRows(html: string): string[][] {
  const body = /<tbody>([\s\S]*?)<\/tbody>/.exec(html)?.[1] ?? '';
  return [...body.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((row) => [...row[1]!.matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((cell) => cell[1]!.replace(/<[^>]+>/g, '').replace(/\s+/g, ' ').trim()));
}

for (const kind of databaseKinds) {
  describe(`Backoffice › Patientenakte (${kind})`, () => {
    const t = testSystemFor(kind);

    test("the person's page links to the Patientenakte, which lists the documents' metadata only", async () => {
      const p = await registeredPerson(t, 'bw');
      await t.system.deps.epaRecords.add(self(p.id), p.id, { title: 'Mein Röntgenbild', classCode: 'BIL', fileName: 'r.pdf', bytes: pdfWith('Geheimer Inhalt 0815') });
      const clerk = await signedInStaff(t, 'clerk', 'bw');
      await clerk.get(`/backoffice/versicherte/${p.id}`);
      assert.ok(clerk.lastHtml.includes(`href="${path(p.id)}"`));
      await clerk.get(path(p.id));
      assert.equal(clerk.lastStatus, 200);
      const text = clerk.text();
      for (const phrase of ['Patientenakte', 'Bilddaten', 'Versicherte Person', 'Erstelldatum ▼', 'Dokument hinzufügen']) assert.ok(text.includes(phrase), phrase);
      assert.ok(!text.includes('Geheimer Inhalt'));
      const entry = await t.system.deps.db.selectFrom('epa_protocol').select(['actor_kind', 'actor_name']).where('insured_id', '=', p.id).where('action', '=', 'documents.listed').executeTakeFirstOrThrow();
      assert.deepEqual(entry, { actor_kind: 'staff', actor_name: 'AOK Baden-Württemberg' });
    });

    test("staff do not see the titles of what the person or their representative uploaded, nor the representative's name; the AOK's titles they see", async () => {
      const p = await registeredPerson(t, 'bw');
      const records = t.system.deps.epaRecords;
      await records.add(self(p.id), p.id, { title: 'Befund Psychotherapie', classCode: 'BEF', fileName: 'a.pdf', bytes: pdfWith('a') });
      t.clock.advance(60_000);
      const representative = { actor: { kind: 'representative' as const, id: 'b-1', name: 'Bernd Vertreter', forName: 'Erika' } };
      await records.add(representative, p.id, { title: 'Attest Zahnarzt', classCode: 'BEF', fileName: 'b.pdf', bytes: pdfWith('b') });
      t.clock.advance(60_000);
      await records.add(records.staffAccess({ actor: 'staff:s1', insurerId: 'bw', ip: null }, 'bw'), p.id, { title: 'Bescheid Hilfsmittel', classCode: 'ADM', fileName: 'c.pdf', bytes: pdfWith('c') });
      const clerk = await signedInStaff(t, 'clerk', 'bw');
      const titles = () => tableRows(clerk.lastHtml).map((row) => [row[1], row[2]]);
      await clerk.get(path(p.id));
      const text = clerk.text();
      for (const hidden of ['Befund Psychotherapie', 'Attest Zahnarzt', 'Bernd Vertreter', 'von mir']) assert.ok(!text.includes(hidden), hidden);
      assert.deepEqual(titles(), [
        ['Bescheid Hilfsmittel', 'AOK Baden-Württemberg'],
        ['nicht einsehbar', 'Versicherte Person'],
        ['nicht einsehbar', 'Versicherte Person'],
      ]);
      // sorted by Titel, the hidden ones come last either way, newest first: their order tells nothing
      await clerk.get(`${path(p.id)}?sortierung=titel&richtung=asc`);
      assert.deepEqual(titles()[0], ['Bescheid Hilfsmittel', 'AOK Baden-Württemberg']);
      await clerk.get(`${path(p.id)}?sortierung=titel&richtung=desc`);
      assert.deepEqual(titles()[0], ['Bescheid Hilfsmittel', 'AOK Baden-Württemberg']);
      // the person sees everything
      const theirs = await records.list(self(p.id), p.id, { sort: 'titel', direction: 'asc' });
      assert.deepEqual(theirs.map((d) => d.title), ['Attest Zahnarzt', 'Befund Psychotherapie', 'Bescheid Hilfsmittel']);
    });

    test("Dokument hinzufügen: a document of the AOK with its name as Autor, audited", async () => {
      const p = await registeredPerson(t, 'bw');
      const clerk = await signedInStaff(t, 'clerk', 'bw');
      await clerk.get(path(p.id));
      await clerk.postFiles(path(p.id), [{ name: 'bescheid.pdf', bytes: pdfWith('Bescheid') }], { fields: { typ: 'ADM', titel: 'Bescheid Hilfsmittel' } });
      assert.match(clerk.lastUrl, /patientenakte\?hinweis=hinzugefuegt$/);
      assert.ok(clerk.text().includes('Das Dokument ist der Patientenakte hinzugefügt.'));
      const [doc] = await t.system.deps.epaRecords.list(self(p.id), p.id);
      assert.deepEqual([doc!.title, doc!.author, doc!.class_code], ['Bescheid Hilfsmittel', 'AOK Baden-Württemberg', 'ADM']);
      const audit = await t.system.deps.db.selectFrom('audit_log').select(['actor', 'action']).where('subject', '=', doc!.id).execute();
      assert.deepEqual(audit.map((a) => a.action), ['epa_record.document_added']);
      assert.match(audit[0]!.actor, /^staff:/);
    });

    test('a renamed program and a missing title are refused at their fields, what was typed kept', async () => {
      const p = await registeredPerson(t, 'bw');
      const clerk = await signedInStaff(t, 'clerk', 'bw');
      await clerk.get(path(p.id));
      await clerk.postFiles(path(p.id), [{ name: 'befund.pdf', bytes: windowsProgram() }], { fields: { typ: 'BEF', titel: 'Befund' } });
      assert.equal(clerk.lastStatus, 415);
      assert.equal(clerk.fieldError('datei'), de['epa_record.type_not_allowed']);
      assert.ok(clerk.lastHtml.includes('value="Befund"'));
      await clerk.postFiles(path(p.id), [{ name: 'befund.pdf', bytes: pdfWith('x') }], { fields: { typ: 'BEF', titel: '' } });
      assert.equal(clerk.lastStatus, 422);
      assert.equal(clerk.fieldError('titel'), de['field.required']);
      assert.deepEqual(await t.system.deps.epaRecords.list(self(p.id), p.id), []);
    });

    test('a document of 25 MB and one byte is refused with its message, not as a bare 413', async () => {
      const p = await registeredPerson(t, 'bw');
      const clerk = await signedInStaff(t, 'clerk', 'bw');
      await clerk.get(path(p.id));
      const bytes = Buffer.alloc(MAX_DOCUMENT_BYTES + 1, 0x20);
      pdfWith('gross').copy(bytes);
      await clerk.postFiles(path(p.id), [{ name: 'gross.pdf', bytes }], { fields: { typ: 'BEF', titel: 'Groß' } });
      assert.equal(clerk.lastStatus, 413);
      assert.equal(clerk.fieldError('datei'), de['epa_record.too_large']);
    });

    test('a document over the portals\' 10 MB but within 25 MB is added', async () => {
      const p = await registeredPerson(t, 'bw');
      const clerk = await signedInStaff(t, 'clerk', 'bw');
      await clerk.get(path(p.id));
      const bytes = Buffer.alloc(12 * 1024 * 1024, 0x20);
      pdfWith('zwoelf').copy(bytes);
      await clerk.postFiles(path(p.id), [{ name: 'scan.pdf', bytes }], { fields: { typ: 'BEF', titel: 'Großer Scan' } });
      assert.match(clerk.lastUrl, /hinweis=hinzugefuegt$/);
      const [doc] = await t.system.deps.epaRecords.list(self(p.id), p.id);
      assert.equal(doc!.size, bytes.length);
    });

    test('a clerk of another AOK gets "not found" for the page and the upload, and it is logged', async () => {
      const p = await registeredPerson(t, 'bw');
      const other = await signedInStaff(t, 'clerk', 'by');
      await other.get(path(p.id));
      assert.equal(other.lastStatus, 404);
      await other.get('/backoffice/versicherte');
      await other.postFiles(path(p.id), [{ name: 'b.pdf', bytes: pdfWith('x') }], { fields: { typ: 'BEF', titel: 'Fremd' } });
      assert.equal(other.lastStatus, 404);
      const denied = await t.system.deps.db.selectFrom('audit_log').select('outcome').where('action', '=', 'epa_record.denied').where('subject', '=', p.id).execute();
      assert.equal(denied.length, 2);
      assert.deepEqual(await t.system.deps.epaRecords.list(self(p.id), p.id), []);
    });
  });
}
