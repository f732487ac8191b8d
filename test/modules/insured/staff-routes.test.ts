import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { databaseKinds } from '../../support/databases.ts';
import { testSystemFor } from '../../support/system.ts';
import { signedInStaff } from '../../support/staff.ts';
import { loadA4Pdf, pdfTextWith } from '../../support/pdf.ts';
import { de } from '../../../src/core/i18n/de.ts';
import { HEADER, PATH, count, create, letter, person, takeKvnr, upload } from './support.ts';
import { ACTIVATION_KVNR_CEILING } from '../../../src/modules/insured/activation.ts';
import { activationAttemptKey } from '../../../src/modules/insured/letters.ts';

for (const kind of databaseKinds) {
  describe(`Backoffice › Versicherte (${kind})`, () => {
    const t = testSystemFor(kind);

    test('anlegen › every kind of bad KVNR: the German message at the field, nothing stored, what was typed kept', async () => {
      const clerk = await signedInStaff(t, 'clerk', 'bw');
      await clerk.get(PATH);
      assert.match(clerk.lastHtml, /href="\/backoffice\/zugaenge">Zugänge<\/a>\s*<a href="\/backoffice\/versicherte">Versicherte<\/a>/);
      const before = await count(t);
      const cases: [string, keyof typeof de][] = [
        ['', 'kvnr.required'],
        ['K220645129', 'kvnr.check_digit'],
        ['0123456780', 'kvnr.format'],
        ['Ä123456780', 'kvnr.characters'],
        ['A12345678', 'kvnr.length'],
      ];
      for (const [kvnr, code] of cases) {
        await create(clerk, person(kvnr, { lastName: 'Weiß-Überall' }));
        assert.equal(clerk.lastStatus, 422, kvnr);
        assert.equal(clerk.fieldError('kvnr'), de[code]);
        assert.match(clerk.lastHtml, /<title>Fehler: Versicherte Person anlegen/);
        assert.ok(clerk.lastHtml.includes(`value="${kvnr}"`), kvnr);
        assert.ok(clerk.lastHtml.includes('value="Weiß-Überall"'));
        assert.ok(clerk.lastHtml.includes('value="12.08.1964"'));
      }
      await create(clerk, { kvnr: 'A123456780', lastName: '', firstName: 'Erika', birthDate: '31.02.1964', email: 'nein' });
      assert.equal(clerk.fieldError('lastName'), de['field.required']);
      assert.equal(clerk.fieldError('birthDate'), de['insured.birth_date']);
      assert.equal(clerk.fieldError('email'), de['email.invalid']);
      assert.equal(await count(t), before);
    });

    test('anlegen › a KVNR already taken, in any AOK, is refused at the field', async () => {
      const kvnr = takeKvnr();
      const clerk = await signedInStaff(t, 'clerk', 'bw');
      assert.ok(await create(clerk, person(kvnr)));
      const other = await signedInStaff(t, 'clerk', 'by');
      await create(other, person(` ${kvnr.toLowerCase()} `, { firstName: 'Max' }));
      assert.equal(other.lastStatus, 422);
      assert.equal(other.fieldError('kvnr'), de['insured.kvnr_taken']);
      assert.ok(other.lastHtml.includes('value="Max"'));
      const admin = await signedInStaff(t, 'admin');
      await create(admin, person(takeKvnr()));
      assert.equal(admin.fieldError('aok'), de['insured.insurer_required']);
    });

    test('names are shown as text, never as markup', async () => {
      const clerk = await signedInStaff(t, 'clerk', 'bw');
      const kvnr = takeKvnr();
      const id = await create(clerk, person(kvnr, { lastName: '<script>alert(1)</script>', firstName: '<b>Fett</b>' }));
      assert.ok(id);
      assert.match(clerk.text(), /Die versicherte Person ist angelegt\./);
      for (const page of [`${PATH}/${id}`, `${PATH}?q=${kvnr}`]) {
        await clerk.get(page);
        assert.ok(clerk.text().includes('<script>alert(1)</script>'), page);
        assert.ok(clerk.lastHtml.includes('&lt;script>alert(1)&lt;/script>'), page);
        assert.ok(!clerk.lastHtml.includes('<script>alert(1)'), page);
        assert.ok(!clerk.lastHtml.includes('<b>Fett</b>'), page);
      }
    });

    test('a clerk sees their AOK’s persons only: another AOK’s is "not found" for every page and action, and logged', async () => {
      const bw = await signedInStaff(t, 'clerk', 'bw');
      const by = await signedInStaff(t, 'clerk', 'by');
      const kvnr = takeKvnr();
      const id = await create(bw, person(kvnr, { lastName: 'Baden', birthDate: '01.03.1971' }));
      assert.ok(id);
      await by.get(`${PATH}?q=${kvnr}`);
      assert.match(by.text(), /Keine Versicherten gefunden/);
      for (const action of ['sperren', 'epa-registrieren', 'aktivierungsbrief']) {
        await by.get(PATH);
        await by.request('POST', `${PATH}/${id}/${action}`, new URLSearchParams({ _csrf: by.csrf(), reason: 'x', identityCheck: 'in_person' }).toString(), { 'content-type': 'application/x-www-form-urlencoded' });
        assert.equal(by.lastStatus, 404, action);
      }
      await by.get(`${PATH}/${id}`);
      assert.equal(by.lastStatus, 404);
      const denied = await t.system.deps.db.selectFrom('audit_log').select('action').where('subject', '=', id!).where('outcome', '=', 'denied').execute();
      assert.equal(denied.length, 4);
      const record = await t.system.deps.db.selectFrom('epa_records').select('id').where('insured_id', '=', id!).execute();
      assert.deepEqual(record, []);

      const admin = await signedInStaff(t, 'admin');
      for (const q of [kvnr, kvnr.slice(0, 5), 'baden', 'Erika Bad', '01.03.1971', '1971-03-01']) {
        await admin.get(`${PATH}?q=${encodeURIComponent(q)}`);
        assert.match(admin.text(), new RegExp(`${kvnr} Baden Erika 01\\.03\\.1971 AOK Baden-Württemberg aktiv`), q);
      }
      await admin.get(`${PATH}?q=${encodeURIComponent('Baden 02.03.1971')}`);
      assert.match(admin.text(), /Keine Versicherten gefunden/);
    });

    test('sperren and entsperren need a reason, keep it, and are logged', async () => {
      const clerk = await signedInStaff(t, 'clerk', 'bw');
      const id = (await create(clerk, person(takeKvnr())))!;
      await clerk.postForm({ reason: '  ' }, `${PATH}/${id}/sperren`);
      assert.equal(clerk.lastStatus, 422);
      assert.equal(clerk.fieldError('reason'), de['insured.reason_required']);
      await clerk.postForm({ reason: 'Karte als gestohlen gemeldet' }, `${PATH}/${id}/sperren`);
      assert.match(clerk.text(), /Die versicherte Person ist gesperrt\./);
      assert.match(clerk.text(), /Status gesperrt \(Grund: Karte als gestohlen gemeldet\)/);
      assert.match(clerk.text(), /Ein neuer Aktivierungsbrief ist erst nach dem Entsperren möglich|Noch nicht für die ePA registriert/);
      assert.doesNotMatch(clerk.lastHtml, /epa-registrieren/);
      await clerk.postForm({ reason: 'Karte wiedergefunden' }, `${PATH}/${id}/entsperren`);
      assert.match(clerk.text(), /Die versicherte Person ist entsperrt\./);
      assert.match(clerk.text(), /Versicherte Person entsperrt Karte wiedergefunden .*Versicherte Person gesperrt Karte als gestohlen gemeldet/);
      const log = await t.system.deps.db.selectFrom('audit_log').select(['action', 'actor', 'data']).where('subject', '=', id).where('action', 'in', ['insured.locked', 'insured.unlocked']).orderBy('id').execute();
      assert.deepEqual(log.map((l) => [l.action, (l.data as { reason: string }).reason]), [['insured.locked', 'Karte als gestohlen gemeldet'], ['insured.unlocked', 'Karte wiedergefunden']]);
      assert.ok(log.every((l) => l.actor.startsWith('staff:')));
    });

    test('für die ePA registrieren: the letter is the answer, and a new letter replaces the code', async (ctx) => {
      const clerk = await signedInStaff(t, 'clerk', 'he');
      const kvnr = takeKvnr();
      const id = (await create(clerk, person(kvnr, { lastName: 'Weiß', firstName: 'Jürgen', birthDate: '02.03.1958' })))!;
      await clerk.postForm({ identityCheck: '' }, `${PATH}/${id}/epa-registrieren`);
      assert.equal(clerk.lastStatus, 422);
      assert.equal(clerk.fieldError('identityCheck'), de['insured.identity_check_required']);

      const first = await letter(clerk, id, 'epa-registrieren', 'in_person');
      assert.equal(first.response.status, 200);
      assert.equal(first.response.headers.get('content-type'), 'application/pdf');
      assert.match(first.response.headers.get('content-disposition')!, new RegExp(`^attachment; filename="Aktivierungsbrief-${kvnr}\\.pdf"`));
      assert.equal(first.response.headers.get('cache-control'), 'no-store');
      await loadA4Pdf(first.bytes, 1);
      const text = pdfTextWith(ctx, first.bytes, [
        'Ihre Aktivierung der AOK Ident-App',
        'AOK Hessen',
        'Basler Straße 2',
        '61352 Bad Homburg v. d. Höhe',
        'Guten Tag Jürgen Weiß,',
        `Versichertennummer: ${kvnr}`,
        '02.03.1958',
        'Datum: 23.11.2026',
        'gültig bis 07.12.2026, 10:00 Uhr',
        `${t.baseUrl}/ident/app/`,
        'Ihre Identität wurde am 23.11.2026 in Ihrer AOK vor Ort anhand Ihres Ausweises geprüft (vor Ort mit Ausweis). Dieser Brief wurde Ihnen dort persönlich übergeben.',
        'GesundheitsID-Code',
      ]);
      const code = text?.match(/\b([A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4})\b/)?.[1];
      await clerk.get(`${PATH}/${id}`);
      assert.match(clerk.text(), /Für die ePA registriert am .* \(Identität geprüft: vor Ort mit Ausweis\)/);
      assert.match(clerk.text(), /vor Ort mit Ausweis .* gültig/);
      // the code is nowhere but in the letter
      if (code) assert.ok(!clerk.lastHtml.includes(code));
      const stored = await t.system.deps.db.selectFrom('insured_activation_codes').selectAll().where('insured_id', '=', id).execute();
      assert.equal(stored.length, 1);
      if (code) assert.ok(!JSON.stringify(stored).includes(code.replace(/-/g, '')) && !JSON.stringify(stored).includes(code));
      const logged = await t.system.deps.db.selectFrom('audit_log').select(['data']).where('subject', '=', id).execute();
      if (code) assert.ok(!JSON.stringify(logged).includes(code));

      // registering again is refused; a new letter replaces the code
      await clerk.request('POST', `${PATH}/${id}/epa-registrieren`, new URLSearchParams({ _csrf: clerk.csrf(), identityCheck: 'in_person' }).toString(), { 'content-type': 'application/x-www-form-urlencoded' });
      assert.equal(clerk.lastStatus, 409);
      t.clock.advance(60_000);
      const second = await letter(clerk, id, 'aktivierungsbrief', 'eid');
      pdfTextWith(ctx, second.bytes, ['mit der Online-Ausweisfunktion Ihres Personalausweises geprüft (Online-Ausweis)', 'zugesandt']);
      await clerk.get(`${PATH}/${id}`);
      assert.match(clerk.text(), /Online-Ausweis .* gültig .*vor Ort mit Ausweis .* ersetzt am/);
      if (code) {
        await assert.rejects(t.system.deps.insured.activate(kvnr, code, { ip: '203.0.113.90' }), { code: 'insured.activation_invalid' });
      }
      const log = await t.system.deps.db.selectFrom('audit_log').select('action').where('subject', '=', id).where('action', 'in', ['insured.epa_registered', 'insured.letter_created']).orderBy('id').execute();
      assert.deepEqual(log.map((l) => l.action), ['insured.epa_registered', 'insured.letter_created', 'insured.letter_created']);
    });

    test('a NUL or another control character in the search, the e-mail or a lock reason: refused at the field, nothing stored', async () => {
      const clerk = await signedInStaff(t, 'clerk', 'bw');
      const id = (await create(clerk, person(takeKvnr())))!;
      for (const q of ['Muster\u0000', 'a\u0007', 'Erika\tMustermann']) {
        await clerk.get(`${PATH}?${new URLSearchParams({ q }).toString()}`);
        assert.equal(clerk.lastStatus, 400, JSON.stringify(q));
        assert.equal(clerk.fieldError('q'), de['field.invalid_chars']);
        assert.match(clerk.lastHtml, /<title>Fehler: Versicherte/);
      }
      const before = await count(t);
      await create(clerk, person(takeKvnr(), { email: 'erika\u0000@example.org' }));
      assert.equal(clerk.lastStatus, 422);
      assert.equal(clerk.fieldError('email'), de['field.invalid_chars']);
      assert.equal(await count(t), before);
      await clerk.get(`${PATH}/${id}`);
      await clerk.postForm({ reason: 'Karte\u0000 gestohlen' }, `${PATH}/${id}/sperren`);
      assert.equal(clerk.lastStatus, 422);
      assert.equal(clerk.fieldError('reason'), de['field.invalid_chars']);
      // a reason over several lines is a reason
      await clerk.postForm({ reason: 'Karte gestohlen\r\nAnruf der Versicherten' }, `${PATH}/${id}/sperren`);
      assert.match(clerk.text(), /Die versicherte Person ist gesperrt\./);
      const stored = await t.system.deps.db.selectFrom('insured_persons').select(['status', 'lock_reason']).where('id', '=', id).executeTakeFirstOrThrow();
      assert.deepEqual(stored, { status: 'locked', lock_reason: 'Karte gestohlen\nAnruf der Versicherten' });
    });

    test('a code burnt by too many wrong codes says so in its letter\'s status and in the history', async () => {
      const clerk = await signedInStaff(t, 'clerk', 'bw');
      const kvnr = takeKvnr();
      const id = (await create(clerk, person(kvnr)))!;
      await letter(clerk, id, 'epa-registrieren', 'in_person');
      const now = t.clock.now();
      await t.system.deps.db.insertInto('login_attempts').values({ key: activationAttemptKey(kvnr), failures: ACTIVATION_KVNR_CEILING - 1, last_failure_at: now, locked_until: null, forget_at: new Date(now.getTime() + 60_000) }).execute();
      await assert.rejects(t.system.deps.insured.activate(kvnr, 'AAAA-BBBB-CCCC', { ip: '198.51.100.7' }), { code: 'insured.activation_invalid' });
      await clerk.get(`${PATH}/${id}`);
      assert.match(clerk.text(), /vor Ort mit Ausweis .* ungültig seit .* \(zu viele falsche Eingaben\)/);
      assert.match(clerk.text(), /Aktivierungscode nach zu vielen falschen Eingaben ungültig/);
    });

    test('importieren › a good file adds and updates; a file with one bad line changes nothing', async () => {
      const clerk = await signedInStaff(t, 'clerk', 'nw');
      const [a, b, c] = [takeKvnr(), takeKvnr(), takeKvnr()];
      await upload(clerk, `${HEADER}\r\n${a};Neu;Anna;01.01.1980;anna@example.org\r\n${b};Neu;Bernd;1975-05-05;bernd@example.org\r\n`);
      assert.match(clerk.lastUrl, /\?neu=2&aktualisiert=0$/);
      assert.match(clerk.text(), /Import abgeschlossen: 2 neu, 0 aktualisiert\./);
      const before = await t.system.deps.db.selectFrom('insured_persons').selectAll().orderBy('kvnr').execute();
      await upload(clerk, `${HEADER}\n${a};Geändert;Anna;01.01.1980;anna@example.org\n${c};Neu;Clara;01.01.1990;clara@example.org\nA123456781;Falsch;Fritz;01.01.1990;f@example.org\n`);
      assert.equal(clerk.lastStatus, 422);
      assert.match(clerk.text(), /Die Datei wurde nicht importiert/);
      assert.ok(clerk.text().includes(`Zeile 4: ${de['kvnr.check_digit']} (Spalte KVNR)`), clerk.text());
      assert.deepEqual(await t.system.deps.db.selectFrom('insured_persons').selectAll().orderBy('kvnr').execute(), before);

      // another AOK's person: an error of its line, and nothing written
      const other = await signedInStaff(t, 'clerk', 'by');
      await upload(other, `${HEADER}\n${c};Neu;Clara;01.01.1990;clara@example.org\n${a};Fremd;Anna;01.01.1980;anna@example.org\n`);
      assert.equal(other.lastStatus, 422);
      assert.ok(other.text().includes(`Zeile 3: ${de['insured_import.kvnr_taken']}`), other.text());
      assert.deepEqual(await t.system.deps.db.selectFrom('insured_persons').selectAll().orderBy('kvnr').execute(), before);

      await upload(clerk, `${HEADER}\n${a};Geändert;Anna;01.01.1980;anna@example.org\n${c};Neu;Clara;01.01.1990;clara@example.org\n`);
      assert.match(clerk.text(), /Import abgeschlossen: 1 neu, 1 aktualisiert\./);
      const anna = await t.system.deps.insured.findByKvnr(a);
      assert.equal(anna?.last_name, 'Geändert');
      assert.equal(anna?.insurer_id, 'nw');
      const log = await t.system.deps.db.selectFrom('audit_log').select(['action', 'outcome']).where('action', 'in', ['insured.imported', 'insured.import_refused']).orderBy('id').execute();
      assert.deepEqual(log.slice(-4).map((l) => `${l.action} ${l.outcome}`), ['insured.imported success', 'insured.import_refused failure', 'insured.import_refused failure', 'insured.imported success']);

      // an administrator chooses the AOK
      const admin = await signedInStaff(t, 'admin');
      await upload(admin, `${HEADER}\n${takeKvnr()};Neu;Dora;01.01.1990;dora@example.org\n`);
      assert.equal(admin.lastStatus, 422);
      assert.equal(admin.fieldError('aok'), de['insured.insurer_required']);
      await upload(admin, `${HEADER}\n`, { aok: 'plus' });
      assert.ok(admin.text().includes(de['insured_import.empty']));
    });
  });
}
