import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { databaseKinds, createTestDatabase, type TestDatabase } from '../../support/databases.ts';
import { migrate } from '../../../src/core/db/database.ts';
import { ManualClock } from '../../../src/core/clock/clock.ts';
import { createAudit } from '../../../src/core/audit/audit.ts';
import { loadConfig } from '../../../src/config.ts';
import { checkIk } from '../../../src/core/identifiers/checks.ts';
import { de } from '../../../src/core/i18n/de.ts';
import { en } from '../../../src/core/i18n/en.ts';
import { MAX_ERRORS, MAX_ROWS, parseIkRegisterCsv, type ParseResult } from '../../../src/modules/ik-register/csv-import.ts';
import { DEMO_FILE, createIkRegister, describeImportError, type IkRegister } from '../../../src/modules/ik-register/service.ts';
import { main as pforte } from '../../../src/cli.ts';

const HEADER = 'IK;Name;Strasse;PLZ;Ort;Klassifikation;Landesteil';
const utf8 = (text: string) => Buffer.from(text, 'utf8');

function rows(result: ParseResult) {
  assert.ok(result.ok, `expected rows, got ${JSON.stringify(!result.ok && result.errors)}`);
  return result.rows;
}
function errors(result: ParseResult) {
  assert.ok(!result.ok, 'expected errors');
  return result.errors.map((e) => ({ line: e.line, code: e.code }));
}

// The expected faults of a file whose every line from `first` on is faulty.
function fromLine(first: number, codes: string[]) {
  return codes.map((code, i) => ({ line: first + i, code }));
}

describe('IK register › parsing', () => {
  test('UTF-8 with umlauts and ß, quoted fields, Landesteil in any case', () => {
    const r = rows(parseIkRegisterCsv(utf8(`${HEADER}\n105413578;"Klinikum Rheinaue; Haus B";Neusser Straße 260;50733;Köln;Krankenhaus;RHEINLAND\n260326822;"Praxis ""Am Markt"" Weiß";;;;;\n`)));
    assert.equal(r.length, 2);
    assert.deepEqual(r[0], { line: 2, ik: '105413578', name: 'Klinikum Rheinaue; Haus B', street: 'Neusser Straße 260', postalCode: '50733', city: 'Köln', classification: 'Krankenhaus', regionPart: 'rheinland' });
    assert.equal(r[1]!.name, 'Praxis "Am Markt" Weiß');
    assert.equal(r[1]!.regionPart, null);
  });

  test('UTF-8 with BOM: the BOM is not part of the first column name', () => {
    const r = rows(parseIkRegisterCsv(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), utf8('IK;Name;Ort\r\n260326822;Praxis Jörg Groß;Göttingen\r\n')])));
    assert.deepEqual([r[0]!.ik, r[0]!.name, r[0]!.city], ['260326822', 'Praxis Jörg Groß', 'Göttingen']);
  });

  test('Windows-1252 (German Excel): ä, ß, „“, – and € read right', () => {
    // ä = E4, ß = DF, ö = F6, ü = FC, „ = 84, “ = 93, – = 96, € = 80, ’ = 92 in Windows-1252
    const bytes = Buffer.concat([utf8('IK;Name;Ort;Klassifikation\r\n260326822;Apotheke '), Buffer.from([0x84]), utf8('Zum L'), Buffer.from([0xf6]), utf8('wen'), Buffer.from([0x93]), utf8(' Gr'), Buffer.from([0xe4, 0xdf]), utf8(';M'), Buffer.from([0xfc]), utf8('nchen;Apotheke '), Buffer.from([0x96]), utf8(' 5 '), Buffer.from([0x80, 0x92]), utf8('\r\n')]);
    const r = rows(parseIkRegisterCsv(bytes));
    assert.equal(r[0]!.name, 'Apotheke „Zum Löwen“ Gräß');
    assert.equal(r[0]!.city, 'München');
    assert.equal(r[0]!.classification, 'Apotheke – 5 €’');
  });

  test('comma as delimiter, columns in any order and any case, optional columns left out, Straße as a header', () => {
    const r = rows(parseIkRegisterCsv(utf8('name,STRASSE,ik\n"Praxis Keller, Anna",Hauptstraße 1,260326822\n')));
    assert.deepEqual([r[0]!.ik, r[0]!.name, r[0]!.street, r[0]!.city], ['260326822', 'Praxis Keller, Anna', 'Hauptstraße 1', '']);
    assert.equal(rows(parseIkRegisterCsv(utf8('IK;Name;Straße\n260326822;A;B\n')))[0]!.street, 'B');
    assert.equal(rows(parseIkRegisterCsv(utf8('sep=;\nIK;Name\n260326822;A, B\n')))[0]!.name, 'A, B');
  });

  test('empty lines and lines of empty fields (Excel) are skipped; line numbers stay those of the file', () => {
    const result = parseIkRegisterCsv(utf8(`${HEADER}\n\n;;;;;;\n260326822;A;;;;;\n\n260326823;B;;;;;\n`));
    assert.deepEqual(errors(result), [{ line: 6, code: 'ik.check_digit' }]);
  });

  test('UTF-16 (with BOM either way, and without) and binary data are refused', () => {
    const text = `${HEADER}\n260326822;Praxis Müller;;;;;\n`;
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const be = Buffer.from(le);
    be.swap16();
    for (const bytes of [le, be, Buffer.from(text, 'utf16le'), randomBytes(4096), Buffer.from([0x25, 0x50, 0x44, 0x46, 0x2d, 0x00, 0x01])]) {
      const result = parseIkRegisterCsv(bytes);
      assert.ok(!result.ok);
      assert.equal(result.errors.length, 1);
      assert.equal(result.errors[0]!.code, 'ik_import.encoding');
    }
  });

  test('NUL, bytes undefined in Windows-1252 and mixed encodings are refused with the line they are in', () => {
    const nul = Buffer.concat([utf8(`${HEADER}\n260326822;A;;;;;\n260326822;B`), Buffer.from([0x00]), utf8(';;;;;\n')]);
    assert.deepEqual(errors(parseIkRegisterCsv(nul)), [{ line: 3, code: 'ik_import.encoding' }]);
    const undefinedByte = Buffer.concat([utf8(`${HEADER}\n260326822;A`), Buffer.from([0x81]), utf8(';;;;;\n')]);
    assert.deepEqual(errors(parseIkRegisterCsv(undefinedByte)), [{ line: 2, code: 'ik_import.encoding' }]);
    // a UTF-8 file with one line saved as Windows-1252 would turn every ä into "Ã¤"
    const mixed = Buffer.concat([utf8(`${HEADER}\n260326822;Müller;;;;;\n101575519;Wei`), Buffer.from([0xdf]), utf8(';;;;;\n')]);
    assert.deepEqual(errors(parseIkRegisterCsv(mixed)), [{ line: 3, code: 'ik_import.encoding' }]);
  });

  test('an unclosed quote and a wrong field count are reported for their own line only', () => {
    const result = parseIkRegisterCsv(utf8(`${HEADER}\n260326822;A;;;;;\n101575519;"Sanitätshaus Nord;;;;;\n104940005;C;;;;;\n105413578;D;;;;\n106877150;E;;;;;;\n102343996;"F"x;;;;;\n108310400;G;;;;;\n`));
    assert.deepEqual(errors(result), [
      { line: 3, code: 'ik_import.broken_line' },
      { line: 5, code: 'ik_import.field_count' },
      { line: 6, code: 'ik_import.field_count' },
      { line: 7, code: 'ik_import.broken_line' },
    ]);
    assert.ok(!result.ok && result.errors.every((e) => e.detail));
  });

  test('a line break inside quotes is refused for both lines; mixed line endings are read line by line', () => {
    const result = parseIkRegisterCsv(utf8('IK;Name;Ort\r\n260326822;"Praxis\r\nKeller";Kiel\r\n101575519;B;C\r\n104940005;"D";E\n105413578;F;G\r\n'));
    assert.deepEqual(errors(result), [
      { line: 2, code: 'ik_import.broken_line' },
      { line: 3, code: 'ik_import.broken_line' },
    ]);
    assert.deepEqual(rows(parseIkRegisterCsv(utf8('IK;Name\r\n260326822;"A"\n101575519;B\r104940005;C\r\n'))).map((r) => [r.line, r.ik]), [
      [2, '260326822'],
      [3, '101575519'],
      [4, '104940005'],
    ]);
  });

  test('a duplicate IK is reported at its second line, naming the first', () => {
    const result = parseIkRegisterCsv(utf8(`${HEADER}\n260326822;A;;;;;\n101575519;B;;;;;\n 260326822 ;C;;;;;\n`));
    assert.ok(!result.ok);
    assert.deepEqual(result.errors, [{ line: 4, code: 'ik_import.duplicate', detail: 'erstmals in Zeile 2' }]);
  });

  test('each IK fault by line: missing, letters, length, check digit', () => {
    const result = parseIkRegisterCsv(utf8(`${HEADER}\n;A;;;;;\n26032682X;B;;;;;\n26032682;C;;;;;\n2603268220;D;;;;;\n260326823;E;;;;;\n105175519;F;;;;;\n`));
    assert.deepEqual(errors(result), fromLine(2, ['ik.required', 'ik.not_digits', 'ik.length', 'ik.length', 'ik.check_digit', 'ik.check_digit']));
  });

  test('field rules: name required, lengths, control characters, PLZ, Landesteil', () => {
    const long = 'x'.repeat(201);
    const result = parseIkRegisterCsv(
      utf8(
        [
          HEADER,
          '260326822; ;;;;;',
          `101575519;${long};;;;;`,
          `104940005;A;${long};;;;`,
          `105413578;A;;;${long};;`,
          `106877150;A;;;;${'k'.repeat(101)};`,
          '102343996;A\tB;;;;;',
          '108310400;A\u202Efdp.exe;;;;;',
          '260326822;A;;8033;;;',
          '101575519;A;;00123;;;',
          '104940005;A;;8O331;;;',
          '105413578;A;;;;;Ruhrgebiet',
          // at the limits, and fine
          `106877150;${'ä'.repeat(200)};${'ß'.repeat(200)};01067;Dresden;${'k'.repeat(100)};westfalen-lippe`,
        ].join('\n'),
      ),
    );
    assert.deepEqual(
      errors(result),
      fromLine(2, [
        'ik_import.name',
        ...Array<string>(4).fill('ik_import.too_long'),
        ...Array<string>(2).fill('ik_import.invalid_chars'),
        ...Array<string>(3).fill('ik_import.postal_code'),
        'ik_import.region_part',
      ]),
    );
    assert.ok(!result.ok && result.errors[1]!.detail === 'Spalte Name' && result.errors[4]!.detail === 'Spalte Klassifikation');
  });

  test('header: required columns, unknown and doubled columns, no header at all', () => {
    const codes = (text: string) => {
      const r = parseIkRegisterCsv(utf8(text));
      assert.ok(!r.ok);
      assert.ok(r.errors.every((e) => e.code === 'ik_import.header' && e.line === 1), JSON.stringify(r.errors));
      return r.errors.map((e) => e.detail);
    };
    assert.deepEqual(codes('IK;Strasse\n260326822;A\n'), ['Spalte Name fehlt']);
    assert.deepEqual(codes('IK;Name;Klasifikation\n260326822;A;B\n'), ['unbekannte Spalte „Klasifikation“']);
    assert.deepEqual(codes('IK;Name;name\n'), ['Spalte Name doppelt']);
    assert.match(codes('260326822;Praxis\n101575519;Nord\n')[0]!, /keine Kopfzeile/);
  });

  test('empty file, header only, too many rows', () => {
    assert.deepEqual(errors(parseIkRegisterCsv(Buffer.alloc(0))), [{ line: 0, code: 'ik_import.empty' }]);
    assert.deepEqual(errors(parseIkRegisterCsv(utf8('\n\n'))), [{ line: 0, code: 'ik_import.empty' }]);
    assert.deepEqual(errors(parseIkRegisterCsv(utf8(`${HEADER}\n;;;;;;\n`))), [{ line: 0, code: 'ik_import.empty' }]);
    const many = `IK;Name\n${'260326822;A\n'.repeat(MAX_ROWS + 1)}`;
    assert.deepEqual(errors(parseIkRegisterCsv(utf8(many))), [{ line: 0, code: 'ik_import.too_many_rows' }]);
  });

  test('errors are capped at 100, and the result says so', () => {
    const result = parseIkRegisterCsv(utf8(`IK;Name\n${'260326823;A\n'.repeat(150)}`));
    assert.ok(!result.ok);
    assert.equal(result.errors.length, MAX_ERRORS);
    assert.equal(result.truncated, true);
    assert.equal(result.errors.at(-1)!.line, 101);
  });

  test('every import code has a German and an English text; an error reads "Zeile N: …"', () => {
    for (const code of ['ik_import.encoding', 'ik_import.header', 'ik_import.empty', 'ik_import.too_many_rows', 'ik_import.broken_line', 'ik_import.field_count', 'ik_import.duplicate', 'ik_import.name', 'ik_import.postal_code', 'ik_import.region_part', 'ik_import.too_long', 'ik_import.invalid_chars', 'ik_import.no_file', 'ik_import.one_file', 'ik_import.too_large'] as const) {
      assert.ok(de[code] && en[code], code);
    }
    assert.equal(describeImportError({ line: 7, code: 'ik.check_digit' }), `Zeile 7: ${de['ik.check_digit']}`);
    assert.equal(describeImportError({ line: 4, code: 'ik_import.duplicate', detail: 'erstmals in Zeile 2' }), `Zeile 4: ${de['ik_import.duplicate']} (erstmals in Zeile 2)`);
    assert.equal(describeImportError({ line: 0, code: 'ik_import.empty' }), de['ik_import.empty']);
  });

  test('the demo file: every IK valid, regions 00–16 covered (05 with both Landesteile), the entries other code relies on', () => {
    const bytes = readFileSync(DEMO_FILE);
    const r = rows(parseIkRegisterCsv(bytes));
    assert.ok(r.length >= 60, `${r.length} rows`);
    for (const row of r) assert.ok(checkIk(row.ik).ok, row.ik);
    const regions = new Map<string, number>();
    for (const row of r) regions.set(row.ik.slice(2, 4), (regions.get(row.ik.slice(2, 4)) ?? 0) + 1);
    for (let n = 1; n <= 16; n++) assert.ok((regions.get(String(n).padStart(2, '0')) ?? 0) >= 3, `region ${n}`);
    assert.ok(regions.get('00'), 'region 00');
    const nrw = r.filter((row) => row.ik.slice(2, 4) === '05');
    assert.ok(nrw.filter((row) => row.regionPart === 'rheinland').length >= 2);
    assert.ok(nrw.filter((row) => row.regionPart === 'westfalen-lippe').length >= 2);
    const byIk = new Map(r.map((row) => [row.ik, row]));
    assert.deepEqual(byIk.get('260326822'), { line: 2, ik: '260326822', name: 'Praxis Dr. med. Maler Montag', street: 'Hauptstraße 12', postalCode: '30159', city: 'Hannover', classification: 'Arztpraxis', regionPart: null });
    for (const [ik, name, city] of [
      ['101575519', 'Sanitätshaus Nord GmbH', 'Kiel'],
      ['104940005', 'Physiotherapie am Markt', 'Bremen'],
      ['105413578', 'Klinikum Rheinaue', 'Köln'],
      ['106877150', 'Pflegedienst Lebenszeit', 'Frankfurt am Main'],
      ['102343996', 'Apotheke am Hafen', 'Hamburg'],
      ['108310400', 'Zahnarztpraxis Sonnenberg', 'Stuttgart'],
    ]) {
      assert.equal(byIk.get(ik!)?.name, name);
      assert.equal(byIk.get(ik!)?.city, city);
    }
    assert.equal(byIk.get('105413578')!.regionPart, 'rheinland');
    assert.ok(r.some((row) => /[äöüß]/.test(row.name + row.street + row.city)));
  });
});

for (const kind of databaseKinds) {
  describe(`IK register › database (${kind})`, () => {
    let database: TestDatabase;
    let register: IkRegister;
    const clock = new ManualClock('2026-11-23T09:00:00Z');
    const config = loadConfig({ IK_REGION_05_DEFAULT: 'rh', IK_REGION_00_DEFAULT: 'by' });
    before(async () => {
      database = await createTestDatabase(kind);
      await migrate(database.handle.db);
      register = createIkRegister({ db: database.handle.db, clock, audit: createAudit(database.handle.db, clock), config });
    });
    after(async () => {
      await database?.drop();
    });
    const table = () => database.handle.db.selectFrom('ik_register').selectAll().orderBy('ik').execute();

    test('seedDemo fills an empty register once; a second call changes nothing', async () => {
      const first = await register.seedDemo();
      const size = await register.count();
      assert.ok(first && first.inserted === size && first.updated === 0 && size >= 60);
      const before = await table();
      clock.advance(60_000);
      assert.equal(await register.seedDemo(), null);
      assert.deepEqual(await table(), before);
      const audit = await database.handle.db.selectFrom('audit_log').selectAll().where('action', '=', 'backoffice.ik_register_imported').execute();
      assert.equal(audit.length, 1);
      assert.equal(audit[0]!.actor, 'system');
    });

    test('lookup: the entry with its responsible AOK (09 → Bayern, 05 by Landesteil or the default, 00 the default)', async () => {
      const montag = await register.lookup('260326822');
      assert.deepEqual(montag, { ik: '260326822', name: 'Praxis Dr. med. Maler Montag', street: 'Hauptstraße 12', postalCode: '30159', city: 'Hannover', classification: 'Arztpraxis', regionPart: null, insurerId: 'ni' });
      const rows = await table();
      const inRegion = (region: string, part: string | null) => rows.find((r) => r.ik.slice(2, 4) === region && r.region_part === part)!.ik;
      assert.equal((await register.lookup(inRegion('09', null)))!.insurerId, 'by');
      assert.equal((await register.lookup(inRegion('05', 'rheinland')))!.insurerId, 'rh');
      assert.equal((await register.lookup(inRegion('05', 'westfalen-lippe')))!.insurerId, 'nw');
      assert.equal((await register.lookup(inRegion('05', null)))!.insurerId, 'rh');
      assert.equal((await register.lookup(inRegion('00', null)))!.insurerId, 'by');
      assert.equal((await register.lookup(inRegion('14', null)))!.insurerId, 'plus');
      assert.equal(await register.lookup('999999999'), null);
      assert.equal(await register.lookup('26032682'), null);
      assert.equal(await register.lookup("260326822' or '1'='1"), null);
    });

    test('a file with one bad line changes nothing; a good file inserts and updates, other IKs stay', async () => {
      const before = await table();
      const bad = await register.import('staff:test', utf8(`${HEADER}\n260326822;Neu benannt;;;;;\n510544995;Praxis Neu;;;;;\n260326823;Falsch;;;;;\n`), 'bad.csv', '198.51.100.7');
      assert.ok(!bad.ok);
      assert.deepEqual(bad.errors, [{ line: 4, code: 'ik.check_digit' }]);
      assert.deepEqual(await table(), before);
      const refused = await database.handle.db.selectFrom('audit_log').selectAll().where('action', '=', 'backoffice.ik_register_import_refused').execute();
      assert.equal(refused.length, 1);
      assert.equal(refused[0]!.outcome, 'failure');

      clock.advance(3_600_000);
      const good = await register.import('staff:test', utf8(`IK;Name;PLZ;Ort;Landesteil\n260326822;Praxis Dr. med. Maler Montag-Ost;30159;Hannover;\n510544995;Praxis Neu;44135;Dortmund;Westfalen-Lippe\n`), 'good.csv', '198.51.100.7');
      assert.deepEqual(good, { ok: true, inserted: 1, updated: 1 });
      const after = await table();
      assert.equal(after.length, before.length + 1);
      const montag = after.find((r) => r.ik === '260326822')!;
      // columns left out of the file are emptied: the file is the whole entry
      assert.deepEqual([montag.name, montag.street, montag.postal_code, montag.city, montag.classification], ['Praxis Dr. med. Maler Montag-Ost', '', '30159', 'Hannover', '']);
      assert.equal(new Date(montag.imported_at).toISOString(), clock.now().toISOString());
      assert.equal((await register.lookup('510544995'))!.insurerId, 'nw');
      // IKs not in the file stay as they were
      for (const r of before.filter((r) => r.ik !== '260326822')) assert.deepEqual(after.find((a) => a.ik === r.ik), r);
      const audit = await database.handle.db.selectFrom('audit_log').selectAll().where('action', '=', 'backoffice.ik_register_imported').where('actor', '=', 'staff:test').executeTakeFirstOrThrow();
      const data = typeof audit.data === 'string' ? JSON.parse(audit.data) : audit.data;
      assert.deepEqual({ inserted: data.inserted, updated: data.updated, file: data.file }, { inserted: 1, updated: 1, file: 'good.csv' });
    });

    test('search: IK prefix or part of the name, 50 a page, with the total', async () => {
      const all = await register.search('', 1);
      assert.equal(all.total, await register.count());
      assert.equal(all.rows.length, 50);
      assert.equal(all.pages, Math.ceil(all.total / 50));
      const second = await register.search('', 2);
      assert.equal(second.rows.length, all.total - 50);
      assert.equal((await register.search('', 999)).page, all.pages, 'a page past the end shows the last');
      assert.deepEqual((await register.search('260326', 1)).rows.map((r) => r.ik), ['260326822']);
      const apotheken = await register.search('apotheke', 1);
      assert.ok(apotheken.total >= 5);
      assert.ok(apotheken.rows.every((r) => /apotheke/i.test(r.name)));
      assert.equal((await register.search('Löwen', 1)).total, 1);
      assert.equal((await register.search('100%', 1)).total, 0, 'LIKE wildcards are taken literally');
      assert.equal((await register.search('_', 1)).total, 0);
    });

    test('two imports at once both succeed and leave one row per IK', async () => {
      const file = (name: string) => utf8(`IK;Name\n${['260326822', '101575519', '104940005', '510944114'].map((ik) => `${ik};${name}`).join('\n')}\n`);
      const [a, b] = await Promise.all([register.import('staff:a', file('A'), 'a.csv', null), register.import('staff:b', file('B'), 'b.csv', null)]);
      assert.ok(a.ok && b.ok);
      const names = (await table()).filter((r) => ['260326822', '101575519', '104940005', '510944114'].includes(r.ik)).map((r) => r.name);
      assert.equal(names.length, 4);
      assert.equal(new Set(names).size, 1);
    });

    test('CLI: pforte ik-register import prints the counts, or the errors by line and changes nothing', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'pforte-ik-'));
      const good = join(dir, 'gut.csv');
      const bad = join(dir, 'fehler.csv');
      writeFileSync(good, `${HEADER}\n510944114;Praxis Neu;;;;;\n520920014;Zahnarztpraxis CLI;;;;;\n`);
      writeFileSync(bad, `${HEADER}\n520920014;Geändert;;;;;\n52092001;Zu kurz;;;;;\n`);
      const lines: string[] = [];
      const run = (args: string[]) => pforte(args, { database: database.handle, out: (l) => lines.push(l) });
      assert.equal(await run(['ik-register', 'import', good]), 0, lines.join('\n'));
      assert.match(lines.at(-1)!, /1 neu, 1 aktualisiert/);
      lines.length = 0;
      const before = await table();
      assert.equal(await run(['ik-register', 'import', bad]), 1);
      assert.deepEqual(lines, [`Zeile 3: ${de['ik.length']}`, 'Es wurde nichts importiert; das IK-Register ist unverändert.']);
      assert.deepEqual(await table(), before);
      assert.equal(await run(['ik-register', 'import', join(dir, 'gibt-es-nicht.csv')]), 1);
      assert.equal(await run(['ik-register', 'import']), 2);
    });
  });
}
