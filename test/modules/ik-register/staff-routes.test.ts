import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { databaseKinds } from '../../support/databases.ts';
import { startTestSystem, type TestSystem } from '../../support/system.ts';
import { FormClient } from '../../support/browser-client.ts';
import { signedInStaff } from '../../support/staff.ts';
import { de } from '../../../src/core/i18n/de.ts';

const HEADER = 'IK;Name;Strasse;PLZ;Ort;Klassifikation;Landesteil';

/** Posts one CSV file to the import form, as the browser does (CSRF token first). */
async function upload(c: FormClient, bytes: Uint8Array, name = 'ik-register.csv', options: { csrf?: string | null; field?: string } = {}) {
  const form = new FormData();
  const token = options.csrf === undefined ? c.csrf() : options.csrf;
  if (token !== null) form.set('_csrf', token);
  form.append(options.field ?? 'datei', new Blob([new Uint8Array(bytes)], { type: 'text/csv' }), name);
  return c.request('POST', '/backoffice/ik-register/import', form);
}

for (const kind of databaseKinds) {
  describe(`back office › IK-Register (${kind})`, () => {
    let t: TestSystem;
    let admin: FormClient;
    const table = () => t.system.deps.db.selectFrom('ik_register').selectAll().orderBy('ik').execute();
    before(async () => {
      t = await startTestSystem(kind);
      await t.system.deps.ikRegister.seedDemo();
      admin = await signedInStaff(t, 'admin');
    });
    after(async () => {
      await t?.close();
    });

    test('the page: count, search by IK or name, the responsible AOK, the pager', async () => {
      await admin.get('/backoffice/ik-register');
      assert.equal(admin.lastStatus, 200);
      const count = await t.system.deps.ikRegister.count();
      assert.match(admin.text(), /IK-Register/);
      assert.match(admin.text(), new RegExp(`${count} Einträge im IK-Register`));
      assert.match(admin.text(), /Seite 1 von 2/);
      assert.match(admin.text(), /IK-Register importieren/);
      assert.match(admin.text(), /IK;Name;Strasse;PLZ;Ort;Klassifikation;Landesteil/);
      assert.match(admin.text(), /Windows-1252/);
      await admin.get('/backoffice/ik-register?q=260326822');
      assert.match(admin.text(), /Praxis Dr\. med\. Maler Montag Hauptstraße 12, 30159 Hannover Arztpraxis AOK Niedersachsen/);
      await admin.get(`/backoffice/ik-register?q=${encodeURIComponent('Rheinaue')}`);
      assert.match(admin.text(), /Klinikum Rheinaue/);
      await admin.get(`/backoffice/ik-register?q=${encodeURIComponent('<script>')}`);
      assert.match(admin.text(), /Keine Einträge gefunden/);
      // in an attribute value "<" is harmless; nowhere else may the search text appear unescaped
      assert.doesNotMatch(admin.lastHtml.replace(/value="[^"]*"/g, ''), /<script>/);
      await admin.get('/backoffice/ik-register?seite=2');
      assert.match(admin.text(), /Seite 2 von 2/);
      assert.match(admin.lastHtml, /href="\/backoffice\/ik-register\?q=(&amp;|&)seite=1"/);
    });

    test('a good file: notice "N neu, M aktualisiert", the rows are visible', async () => {
      await admin.get('/backoffice/ik-register');
      // Windows-1252, as German Excel saves it: "Groß" with ß = DF
      const file = Buffer.concat([
        Buffer.from(`${HEADER}\r\n520920014;Zahnarztpraxis Dr. Eva Gro`, 'latin1'),
        Buffer.from([0xdf]),
        Buffer.from(`;Leopoldstraße 9;80802;München;Zahnarztpraxis;\r\n510544995;Praxis am Phoenixsee;Hörder Bahnhofstraße 6;44263;Dortmund;Arztpraxis;Westfalen-Lippe\r\n260326822;Praxis Dr. med. Maler Montag;Hauptstraße 14;80331;München;Arztpraxis;\r\n`, 'latin1'),
      ]);
      await upload(admin, file);
      assert.equal(admin.lastStatus, 200);
      assert.match(admin.lastUrl, /\/backoffice\/ik-register\?neu=2&aktualisiert=1$/);
      assert.match(admin.text(), /Import abgeschlossen: 2 neu, 1 aktualisiert\./);
      await admin.get('/backoffice/ik-register?q=5209200');
      assert.match(admin.text(), /Zahnarztpraxis Dr\. Eva Groß Leopoldstraße 9, 80802 München Zahnarztpraxis AOK Bayern/);
      await admin.get('/backoffice/ik-register?q=Phoenixsee');
      assert.match(admin.text(), /44263 Dortmund Arztpraxis AOK NordWest/);
      assert.equal((await t.system.deps.ikRegister.lookup('260326822'))!.street, 'Hauptstraße 14');
      const audit = await t.system.deps.db.selectFrom('audit_log').select(['actor', 'data']).where('action', '=', 'backoffice.ik_register_imported').where('actor', 'like', 'staff:%').execute();
      assert.equal(audit.length, 1);
    });

    test('a bad file: 422, the errors by line, nothing imported', async () => {
      const before = await table();
      await admin.get('/backoffice/ik-register');
      const file = `${HEADER}\n260326822;Ganz neuer Name;;;;;\n530111117;Neu;;;;;\n26032682;Zu kurz;;;;;\n104940005;"Offen;;;;;\n101575519;Nord;;8033;;;\n510544995;Doppelt;;;;;\n510544995;Doppelt;;;;;\n260326823;Prüfziffer;;;;;\n`;
      await upload(admin, Buffer.from(file));
      assert.equal(admin.lastStatus, 422);
      const text = admin.text();
      assert.match(text, /Die Datei wurde nicht importiert/);
      assert.match(text, /Es wurde nichts importiert; das IK-Register ist unverändert/);
      assert.ok(text.includes(`Zeile 4: ${de['ik.length']}`), text);
      assert.ok(text.includes(`Zeile 5: ${de['ik_import.broken_line']}`));
      assert.ok(text.includes(`Zeile 6: ${de['ik_import.postal_code']}`));
      assert.ok(text.includes(`Zeile 8: ${de['ik_import.duplicate']} (erstmals in Zeile 7)`));
      assert.ok(text.includes(`Zeile 9: ${de['ik.check_digit']}`));
      assert.doesNotMatch(text, /Zeile [237]:/);
      assert.deepEqual(await table(), before);
    });

    test('files that are no CSV, empty or missing: 422 with a message, never a 500', async () => {
      const before = await table();
      const cases: [Uint8Array, string][] = [
        [Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`${HEADER}\n260326822;A;;;;;\n`, 'utf16le')]), de['ik_import.encoding']!],
        [randomBytes(20_000), de['ik_import.encoding']!],
        [Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n\x00\x00', 'latin1'), de['ik_import.encoding']!],
        [Buffer.alloc(0), de['ik_import.empty']!],
        [Buffer.from(`${HEADER}\n`), de['ik_import.empty']!],
        [Buffer.from('Nummer;Bezeichnung\n260326822;A\n'), de['ik_import.header']!],
      ];
      for (const [bytes, message] of cases) {
        await admin.get('/backoffice/ik-register');
        await upload(admin, bytes);
        assert.equal(admin.lastStatus, 422);
        assert.ok(admin.text().includes(message), message);
      }
      await admin.get('/backoffice/ik-register');
      const none = new FormData();
      none.set('_csrf', admin.csrf());
      none.append('datei', new Blob([]), '');
      await admin.request('POST', '/backoffice/ik-register/import', none);
      assert.equal(admin.lastStatus, 422);
      assert.equal(admin.fieldError('datei'), de['ik_import.no_file']);
      await admin.get('/backoffice/ik-register');
      const two = new FormData();
      two.set('_csrf', admin.csrf());
      two.append('datei', new Blob([`IK;Name\n260326822;A\n`]), 'a.csv');
      two.append('datei', new Blob([`IK;Name\n260326822;B\n`]), 'b.csv');
      await admin.request('POST', '/backoffice/ik-register/import', two);
      assert.equal(admin.lastStatus, 422);
      assert.equal(admin.fieldError('datei'), de['ik_import.one_file']);
      await admin.get('/backoffice/ik-register');
      await upload(admin, Buffer.alloc(10 * 1024 * 1024 + 2, 0x41));
      assert.equal(admin.lastStatus, 422);
      assert.equal(admin.fieldError('datei'), de['ik_import.too_large']);
      assert.deepEqual(await table(), before);
    });

    test('without a CSRF token: 403 and nothing imported', async () => {
      const before = await table();
      await admin.get('/backoffice/ik-register');
      await upload(admin, Buffer.from(`IK;Name\n530111117;Ohne Token\n`), 'x.csv', { csrf: null });
      assert.equal(admin.lastStatus, 403);
      await admin.get('/backoffice/ik-register');
      await upload(admin, Buffer.from(`IK;Name\n530111117;Falscher Token\n`), 'x.csv', { csrf: 'falsch' });
      assert.equal(admin.lastStatus, 403);
      assert.deepEqual(await table(), before);
    });

    test('a clerk gets 404 for the page and the import; without login the page asks to sign in', async () => {
      const clerk = await signedInStaff(t, 'clerk', 'by');
      assert.doesNotMatch(clerk.lastHtml, /href="\/backoffice\/ik-register"/);
      await clerk.get('/backoffice/ik-register');
      assert.equal(clerk.lastStatus, 404);
      await clerk.get('/backoffice/registrierungen');
      await upload(clerk, Buffer.from(`IK;Name\n530111117;Vom Sachbearbeiter\n`));
      assert.equal(clerk.lastStatus, 404);
      assert.equal(await t.system.deps.ikRegister.lookup('530111117'), null);
      const anonymous = new FormClient(t.baseUrl);
      await anonymous.get('/backoffice/ik-register');
      assert.match(anonymous.lastUrl, /\/backoffice\/login\?flow=/);
    });
  });
}
