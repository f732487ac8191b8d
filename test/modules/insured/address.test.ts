import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { databaseKinds } from '../../support/databases.ts';
import { testSystemFor, type TestSystem } from '../../support/system.ts';
import { signedInStaff } from '../../support/staff.ts';
import { hasPdftotext, pdfText } from '../../support/pdf.ts';
import { de } from '../../../src/core/i18n/de.ts';
import { newId } from '../../../src/core/ids/secrets.ts';
import { HEADER, PATH, count, create, letter, person, takeKvnr, upload } from './support.ts';

const addressOf = (t: TestSystem, id: string) => t.system.deps.db.selectFrom('insured_persons').select(['street', 'postal_code', 'city']).where('id', '=', id).executeTakeFirstOrThrow();

for (const kind of databaseKinds) {
  describe(`Backoffice › Versicherte › Anschrift (${kind})`, () => {
    const t = testSystemFor(kind);

    test('anlegen › Straße und Hausnummer, PLZ and Ort are required, each with its German message at the field; what was typed is kept', async () => {
      const clerk = await signedInStaff(t, 'clerk', 'bw');
      const before = await count(t);
      await create(clerk, person(takeKvnr(), { street: '', postalCode: '', city: '' }));
      assert.equal(clerk.lastStatus, 422);
      assert.equal(clerk.fieldError('street'), de['field.required']);
      assert.equal(clerk.fieldError('postalCode'), de['plz.required']);
      assert.equal(clerk.fieldError('city'), de['field.required']);
      await create(clerk, person(takeKvnr(), { street: 'Heidestraße 17', postalCode: '5114', city: 'Köln' }));
      assert.equal(clerk.fieldError('postalCode'), de['plz.length']);
      assert.equal(clerk.fieldError('street'), null);
      assert.ok(clerk.lastHtml.includes('value="Heidestraße 17"') && clerk.lastHtml.includes('value="5114"'));
      assert.equal(await count(t), before);

      const id = (await create(clerk, person(takeKvnr())))!;
      assert.deepEqual(await addressOf(t, id), { street: 'Heidestraße 17', postal_code: '51147', city: 'Köln' });
      assert.match(clerk.text(), /Anschrift Heidestraße 17, 51147 Köln/);
    });

    test('Anschrift ändern › saved and logged (the fields, not the address); a wrong PLZ is told at its field', async () => {
      const clerk = await signedInStaff(t, 'clerk', 'bw');
      const id = (await create(clerk, person(takeKvnr())))!;
      await clerk.postForm({ street: 'Königstraße 28', postalCode: '7017', city: 'Stuttgart' }, `${PATH}/${id}/anschrift`);
      assert.equal(clerk.lastStatus, 422);
      assert.equal(clerk.fieldError('postalCode'), de['plz.length']);
      assert.ok(clerk.lastHtml.includes('value="Königstraße 28"'), 'what was typed is kept');
      assert.deepEqual(await addressOf(t, id), { street: 'Heidestraße 17', postal_code: '51147', city: 'Köln' });

      await clerk.postForm({ street: 'Königstraße 28', postalCode: '70173', city: 'Stuttgart' }, `${PATH}/${id}/anschrift`);
      assert.match(clerk.text(), /Die Anschrift ist gespeichert\./);
      assert.match(clerk.text(), /Anschrift Königstraße 28, 70173 Stuttgart/);
      assert.match(clerk.text(), /Anschrift der versicherten Person geändert/);
      const log = await t.system.deps.db.selectFrom('audit_log').select(['actor', 'data']).where('subject', '=', id).where('action', '=', 'insured.address_changed').execute();
      assert.equal(log.length, 1);
      assert.ok(log[0]!.actor.startsWith('staff:'));
      assert.deepEqual(log[0]!.data, { fields: ['street', 'postalCode', 'city'], first: false });
    });

    test('another AOK’s clerk cannot change the address: "not found", and logged', async () => {
      const bw = await signedInStaff(t, 'clerk', 'bw');
      const id = (await create(bw, person(takeKvnr())))!;
      const by = await signedInStaff(t, 'clerk', 'by');
      await by.get(PATH);
      await by.request('POST', `${PATH}/${id}/anschrift`, new URLSearchParams({ _csrf: by.csrf(), street: 'Weg 1', postalCode: '80331', city: 'München' }).toString(), {
        'content-type': 'application/x-www-form-urlencoded',
      });
      assert.equal(by.lastStatus, 404);
      assert.deepEqual(await addressOf(t, id), { street: 'Heidestraße 17', postal_code: '51147', city: 'Köln' });
      const denied = await t.system.deps.db.selectFrom('audit_log').select('action').where('subject', '=', id).where('outcome', '=', 'denied').execute();
      assert.equal(denied.length, 1);
    });

    test('a person made before addresses were kept: the page says so, the letter names them alone, and once staff enter one the next letter carries it', async (ctx) => {
      if (!hasPdftotext) return ctx.skip('pdftotext (poppler-utils) is not installed');
      const clerk = await signedInStaff(t, 'clerk', 'he');
      const id = newId();
      const now = t.clock.now();
      await t.system.deps.db
        .insertInto('insured_persons')
        .values({ id, kvnr: takeKvnr(), last_name: 'Altbestand', first_name: 'Otto', birth_date: '1950-01-01', email: 'otto@example.org', insurer_id: 'he', status: 'active', created_at: now, updated_at: now })
        .execute();
      await clerk.get(`${PATH}/${id}`);
      assert.match(clerk.text(), /Anschrift keine \(der Aktivierungsbrief nennt nur den Namen\)/);
      const first = pdfText((await letter(clerk, id, 'epa-registrieren', 'in_person')).bytes);
      assert.match(first, /61352 Bad Homburg v\. d\. Höhe Otto Altbestand AOK Hessen/);

      await clerk.get(`${PATH}/${id}`);
      await clerk.postForm({ street: 'Lindenallee 4', postalCode: '61348', city: 'Bad Homburg' }, `${PATH}/${id}/anschrift`);
      assert.match(clerk.text(), /Anschrift Lindenallee 4, 61348 Bad Homburg/);
      const second = pdfText((await letter(clerk, id, 'aktivierungsbrief', 'egk_pin')).bytes);
      assert.ok(second.includes('Otto Altbestand Lindenallee 4 61348 Bad Homburg'), second);
      const log = await t.system.deps.db.selectFrom('audit_log').select('data').where('subject', '=', id).where('action', '=', 'insured.address_changed').execute();
      assert.deepEqual(log.map((l) => l.data), [{ fields: ['street', 'postalCode', 'city'], first: true }]);
    });

    test('importieren › the address columns: a new person gets theirs, a line without one keeps the stored address, a bad PLZ is an error of its line', async () => {
      const clerk = await signedInStaff(t, 'clerk', 'nw');
      const [a, b] = [takeKvnr(), takeKvnr()];
      const header = `${HEADER};Straße;PLZ;Ort`;
      await upload(clerk, `${header}\n${a};Neu;Anna;01.01.1980;anna@example.org;Westfalendamm 1;44141;Dortmund\n${b};Neu;Bernd;1975-05-05;bernd@example.org;;;\n`);
      assert.match(clerk.text(), /Import abgeschlossen: 2 neu, 0 aktualisiert\./);
      const stored = async (kvnr: string) => {
        const p = (await t.system.deps.insured.findByKvnr(kvnr))!;
        return [p.last_name, p.street, p.postal_code, p.city];
      };
      assert.deepEqual(await stored(a), ['Neu', 'Westfalendamm 1', '44141', 'Dortmund']);
      assert.deepEqual(await stored(b), ['Neu', null, null, null]);

      await upload(clerk, `${header}\n${a};Geändert;Anna;01.01.1980;anna@example.org;;;\n${b};Neu;Bernd;1975-05-05;bernd@example.org;Hansastraße 9;44137;Dortmund\n`);
      assert.match(clerk.text(), /Import abgeschlossen: 0 neu, 2 aktualisiert\./);
      assert.deepEqual(await stored(a), ['Geändert', 'Westfalendamm 1', '44141', 'Dortmund']);
      assert.deepEqual(await stored(b), ['Neu', 'Hansastraße 9', '44137', 'Dortmund']);

      await upload(clerk, `${header}\n${a};Nochmal;Anna;01.01.1980;anna@example.org;Westfalendamm 1;4414;Dortmund\n`);
      assert.equal(clerk.lastStatus, 422);
      assert.ok(clerk.text().includes(`Zeile 2: ${de['plz.length']} (Spalte PLZ)`), clerk.text());
      assert.deepEqual(await stored(a), ['Geändert', 'Westfalendamm 1', '44141', 'Dortmund']);
    });
  });
}
