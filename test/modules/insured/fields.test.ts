import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { birthDate, checkPerson } from '../../../src/modules/insured/fields.ts';
import { CODE_ALPHABET, activationCodeHash, groupCode, newActivationCode, normalizeActivationCode } from '../../../src/modules/insured/code.ts';
import { parseInsuredCsv } from '../../../src/modules/insured/import.ts';

const TODAY = '2026-11-23';
const good = { kvnr: 'A123456780', lastName: 'Mustermann', firstName: 'Erika', birthDate: '12.08.1964', email: 'erika@example.org' };

describe('insured persons › the fields', () => {
  test('valid KVNRs of IDENTIFIERS.md pass, trimmed and upper-cased', () => {
    for (const kvnr of ['A000500015', 'K220645122', 'T012345678', 'C000500021', 'A123456780', 'Q123456784', 'Z123456783', 'G789012344', 'J012345677', 'L234567896', ' a123456780 ']) {
      const r = checkPerson({ ...good, kvnr }, TODAY);
      assert.ok(r.ok, kvnr);
      assert.equal(r.value.kvnr, kvnr.trim().toUpperCase());
    }
  });

  test('every way a KVNR can be wrong has its own code at the field', () => {
    const cases: [string, string][] = [
      ['', 'kvnr.required'],
      ['K220645129', 'kvnr.check_digit'],
      ['T012345679', 'kvnr.check_digit'],
      ['A005000112', 'kvnr.check_digit'],
      ['C000500020', 'kvnr.check_digit'],
      ['Q123456781', 'kvnr.check_digit'],
      ['0123456780', 'kvnr.format'],
      ['AB23456780', 'kvnr.format'],
      ['Ä123456780', 'kvnr.characters'],
      ['A12345678', 'kvnr.length'],
      ['A1234567801', 'kvnr.length'],
      ['A 123456780', 'kvnr.characters'],
    ];
    for (const [kvnr, code] of cases) {
      const r = checkPerson({ ...good, kvnr }, TODAY);
      assert.equal(r.ok, false, kvnr);
      if (!r.ok) assert.deepEqual(r.errors, { kvnr: code }, kvnr);
    }
  });

  test('names, birth date and e-mail are checked each on its own', () => {
    const r = checkPerson({ kvnr: 'A123456780', lastName: ' ', firstName: 'a\u0000b', birthDate: '31.02.1990', email: 'kein-at' }, TODAY);
    assert.equal(r.ok, false);
    if (!r.ok) assert.deepEqual(r.errors, { lastName: 'field.required', firstName: 'field.invalid_chars', birthDate: 'insured.birth_date', email: 'email.invalid' });
    const long = checkPerson({ ...good, lastName: 'x'.repeat(101), birthDate: '' }, TODAY);
    assert.equal(long.ok, false);
    if (!long.ok) assert.deepEqual(long.errors, { lastName: 'field.too_long', birthDate: 'field.required' });
  });

  test('the address a person is created with: each of its fields checked on its own, with the German field codes', () => {
    const address = { street: ' Heidestraße 17 ', postalCode: '51147', city: 'Köln' };
    const r = checkPerson({ ...good, ...address }, TODAY, { address: 'required' });
    assert.ok(r.ok);
    assert.deepEqual(r.value.address, { street: 'Heidestraße 17', postalCode: '51147', city: 'Köln' });
    const missing = checkPerson(good, TODAY, { address: 'required' });
    assert.equal(missing.ok, false);
    if (!missing.ok) assert.deepEqual(missing.errors, { street: 'field.required', postalCode: 'plz.required', city: 'field.required' });
    for (const [postalCode, code] of [['5114', 'plz.length'], ['51l47', 'plz.not_digits'], ['00147', 'plz.range']]) {
      const wrong = checkPerson({ ...good, ...address, postalCode }, TODAY, { address: 'required' });
      assert.equal(wrong.ok, false, postalCode);
      if (!wrong.ok) assert.deepEqual(wrong.errors, { postalCode: code }, postalCode);
    }
    const long = checkPerson({ ...good, ...address, street: 'x'.repeat(101), city: 'Köln\u0000' }, TODAY, { address: 'required' });
    assert.equal(long.ok, false);
    if (!long.ok) assert.deepEqual(long.errors, { street: 'field.too_long', city: 'field.invalid_chars' });
  });

  test('where the address is optional (an import line), none at all is none, and a part of one asks for the rest', () => {
    const none = checkPerson({ ...good, street: ' ', postalCode: '', city: '' }, TODAY);
    assert.ok(none.ok);
    assert.equal(none.value.address, null);
    const part = checkPerson({ ...good, street: 'Heidestraße 17' }, TODAY);
    assert.equal(part.ok, false);
    if (!part.ok) assert.deepEqual(part.errors, { postalCode: 'plz.required', city: 'field.required' });
  });

  test('birth dates: TT.MM.JJJJ or JJJJ-MM-TT, real days from 1900 up to today', () => {
    assert.equal(birthDate('12.08.1964', TODAY), '1964-08-12');
    assert.equal(birthDate('1.2.1990', TODAY), '1990-02-01');
    assert.equal(birthDate('1964-08-12', TODAY), '1964-08-12');
    assert.equal(birthDate('29.02.2000', TODAY), '2000-02-29');
    assert.equal(birthDate('23.11.2026', TODAY), '2026-11-23');
    for (const bad of ['29.02.1999', '24.11.2026', '31.12.1899', '00.01.1990', '1990-13-01', '12/08/1964', '12.08.64', '', '١٢.٠٨.١٩٦٤']) assert.equal(birthDate(bad, TODAY), null, bad);
  });
});

describe('insured persons › the activation code', () => {
  test('twelve characters in three groups, none of 0 O 1 I L', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 500; i++) {
      const code = newActivationCode();
      assert.match(code, /^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
      assert.doesNotMatch(code, /[01OIL]/);
      seen.add(code);
    }
    assert.equal(seen.size, 500);
    assert.equal(CODE_ALPHABET.length, 31);
    assert.equal(groupCode('K7MPQ2XD9HTA'), 'K7MP-Q2XD-9HTA');
  });

  test('typed in any case, with spaces or hyphens, it is the same code; anything else is none', () => {
    for (const typed of ['K7MP-Q2XD-9HTA', 'k7mp q2xd 9hta', ' K7MPQ2XD9HTA ', 'k7mp–q2xd–9hta']) assert.equal(normalizeActivationCode(typed), 'K7MPQ2XD9HTA', typed);
    for (const bad of ['K7MP-Q2XD-9HT', 'K7MP-Q2XD-9HTAA', 'O7MP-Q2XD-9HTA', 'K7MP-Q2XD-9HT1', '', 42, null, 'x'.repeat(100)]) assert.equal(normalizeActivationCode(bad), null, String(bad));
  });

  test('the stored hash is keyed and bound to the person', () => {
    const a = activationCodeHash('key-1', 'person-1', 'K7MP-Q2XD-9HTA');
    assert.equal(a, activationCodeHash('key-1', 'person-1', 'K7MPQ2XD9HTA'));
    assert.notEqual(a, activationCodeHash('key-2', 'person-1', 'K7MPQ2XD9HTA'));
    assert.notEqual(a, activationCodeHash('key-1', 'person-2', 'K7MPQ2XD9HTA'));
    assert.doesNotMatch(a, /K7MP/);
  });
});

describe('insured persons › the import file', () => {
  const csv = (text: string) => Buffer.from(text, 'utf8');

  test('a good file: every line a person, header names in any order and case', () => {
    const r = parseInsuredCsv(csv('vorname;NAME;kvnr;E-Mail;Geburtsdatum\r\nErika;Mustermann;A123456780;erika@example.org;12.08.1964\r\nJürgen;Weiß;Q123456784;j@example.org;1958-03-02\r\n'), TODAY);
    assert.ok(r.ok);
    assert.deepEqual(
      r.rows.map((x) => [x.line, x.kvnr, x.lastName, x.firstName, x.birthDate, x.email]),
      [
        [2, 'A123456780', 'Mustermann', 'Erika', '1964-08-12', 'erika@example.org'],
        [3, 'Q123456784', 'Weiß', 'Jürgen', '1958-03-02', 'j@example.org'],
      ],
    );
  });

  test('a bad file: each wrong line with its number, column and reason; duplicates name the first line', () => {
    const r = parseInsuredCsv(
      csv(
        'KVNR;Name;Vorname;Geburtsdatum;E-Mail\nA123456780;Mustermann;Erika;12.08.1964;erika@example.org\nA123456781;Falsch;Prüfziffer;01.01.1980;a@example.org\n;Ohne;KVNR;01.01.1980;b@example.org\nQ123456784;;Ohne Name;31.02.1980;c@\nA123456780;Doppelt;Erika;12.08.1964;erika@example.org\nZ123456783;Zu;wenig\n',
      ),
      TODAY,
    );
    assert.equal(r.ok, false);
    if (r.ok) return;
    assert.deepEqual(
      r.errors.map((e) => [e.line, e.code, e.detail]),
      [
        [3, 'kvnr.check_digit', 'Spalte KVNR'],
        [4, 'kvnr.required', 'Spalte KVNR'],
        [5, 'field.required', 'Spalte Name'],
        [5, 'insured.birth_date', 'Spalte Geburtsdatum'],
        [5, 'email.invalid', 'Spalte E-Mail'],
        [6, 'insured_import.duplicate', 'erstmals in Zeile 2'],
        [7, 'insured_import.field_count', '3 statt 5 Felder'],
      ],
    );
  });

  test('the address columns are optional; a line with an address gives it, a line without leaves it out', () => {
    const r = parseInsuredCsv(
      csv('KVNR;Name;Vorname;Geburtsdatum;E-Mail;Strasse;Postleitzahl;Ort\nA123456780;Mustermann;Erika;12.08.1964;e@example.org;Heidestraße 17;51147;Köln\nQ123456784;Weiß;Jürgen;1958-03-02;j@example.org;;;\n'),
      TODAY,
    );
    assert.ok(r.ok);
    assert.deepEqual(r.rows.map((x) => x.address), [{ street: 'Heidestraße 17', postalCode: '51147', city: 'Köln' }, null]);
    const bad = parseInsuredCsv(csv('KVNR;Name;Vorname;Geburtsdatum;E-Mail;Straße;PLZ;Ort\nA123456780;Mustermann;Erika;12.08.1964;e@example.org;Heidestraße 17;5114;\n'), TODAY);
    assert.equal(bad.ok, false);
    if (!bad.ok) assert.deepEqual(bad.errors.map((e) => [e.line, e.code, e.detail]), [[2, 'plz.length', 'Spalte PLZ'], [2, 'field.required', 'Spalte Ort']]);
  });

  test('a missing or unknown column is an error of the header', () => {
    const r = parseInsuredCsv(csv('KVNR;Name;Vorname;Geburtstag\nA123456780;M;E;12.08.1964\n'), TODAY);
    assert.equal(r.ok, false);
    if (!r.ok) assert.deepEqual(r.errors.map((e) => [e.line, e.code, e.detail]), [[1, 'insured_import.header', 'unbekannte Spalte „Geburtstag“'], [1, 'insured_import.header', 'Spalte Geburtsdatum fehlt'], [1, 'insured_import.header', 'Spalte E-Mail fehlt']]);
  });
});
