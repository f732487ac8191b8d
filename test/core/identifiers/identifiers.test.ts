import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  IDENTIFIER_CODES,
  checkBetriebsnummer,
  checkIban,
  checkIk,
  checkKvnr,
  checkPostleitzahl,
  checkVersicherungsnummer,
  ikRegion,
  maskIban,
  type CheckResult,
} from '../../../src/core/identifiers/checks.ts';
import { identifierMessages, identifierMessagesEn } from '../../../src/core/identifiers/messages.ts';
import { assertMessagesCover } from '../../support/messages.ts';

type Check = (input: string) => CheckResult;

// Every code any case below produces; the last test compares it with the
// exported list, so a code without a test or without a message cannot hide.
const seen = new Set<string>();

function valid(name: string, check: Check, input: string, note: string, value = input) {
  test(`${name} › ${JSON.stringify(input)} › valid${note ? ` (${note})` : ''}`, () => {
    assert.deepEqual(check(input), { ok: true, value });
  });
}

function invalid(name: string, check: Check, input: string, code: string, note = '') {
  const shown = input.length > 40 ? `${JSON.stringify(input.slice(0, 12))}… (${input.length} chars)` : JSON.stringify(input);
  test(`${name} › ${shown} › ${code}${note ? ` (${note})` : ''}`, () => {
    const result = check(input);
    if (!result.ok) seen.add(result.code);
    assert.deepEqual(result, { ok: false, code });
  });
}

// --- Betriebsnummer: IDENTIFIERS.md table, then edges ---
const bn = 'betriebsnummer';
valid(bn, checkBetriebsnummer, '09912342', 'check digit 2');
valid(bn, checkBetriebsnummer, '09912347', 'check digit + 5');
valid(bn, checkBetriebsnummer, '02221983', 'valid only by + 5');
valid(bn, checkBetriebsnummer, '66667777', '');
valid(bn, checkBetriebsnummer, '98094032', '');
valid(bn, checkBetriebsnummer, '32349289', '');
valid(bn, checkBetriebsnummer, '00100001', 'lowest range edge 001');
valid(bn, checkBetriebsnummer, '11100004', 'range edge 111');
valid(bn, checkBetriebsnummer, '  09912342\t', 'surrounding whitespace trimmed', '09912342');
invalid(bn, checkBetriebsnummer, '09912343', 'betriebsnummer.check_digit', 'wrong check digit');
invalid(bn, checkBetriebsnummer, '00012342', 'betriebsnummer.range', 'starts with 000');
invalid(bn, checkBetriebsnummer, '10512349', 'betriebsnummer.range', 'starts in 100–110');
invalid(bn, checkBetriebsnummer, '11000003', 'betriebsnummer.range', 'starts with 110');
invalid(bn, checkBetriebsnummer, '10000000', 'betriebsnummer.range', 'starts with 100');
invalid(bn, checkBetriebsnummer, '1234567', 'betriebsnummer.length', '7 digits');
invalid(bn, checkBetriebsnummer, '099123420', 'betriebsnummer.length', '9 digits');
invalid(bn, checkBetriebsnummer, 'A9912342', 'betriebsnummer.not_digits');
invalid(bn, checkBetriebsnummer, '', 'betriebsnummer.required');
invalid(bn, checkBetriebsnummer, '   ', 'betriebsnummer.required', 'whitespace only');
invalid(bn, checkBetriebsnummer, '0991 2342', 'betriebsnummer.not_digits', 'inner space');
invalid(bn, checkBetriebsnummer, '０９９１２３４２', 'betriebsnummer.not_digits', 'fullwidth digits');
invalid(bn, checkBetriebsnummer, '٠٩٩١٢٣٤٢', 'betriebsnummer.not_digits', 'Arabic-Indic digits');
invalid(bn, checkBetriebsnummer, '\u0000', 'betriebsnummer.not_digits', 'NUL');
invalid(bn, checkBetriebsnummer, '0991234\u0000', 'betriebsnummer.not_digits', 'trailing NUL');
invalid(bn, checkBetriebsnummer, '\u200B09912342', 'betriebsnummer.not_digits', 'zero-width space is not trimmed');
invalid(bn, checkBetriebsnummer, '9'.repeat(100_000), 'betriebsnummer.length', 'very long');
invalid(bn, checkBetriebsnummer, '9'.repeat(65), 'betriebsnummer.length', 'just over 64');

test('betriebsnummer › null and undefined › required', () => {
  assert.deepEqual(checkBetriebsnummer(null), { ok: false, code: 'betriebsnummer.required' });
  assert.deepEqual(checkBetriebsnummer(undefined), { ok: false, code: 'betriebsnummer.required' });
});

// --- IK ---
for (const ik of ['260326822', '101575519', '104940005', '105413578', '106877150', '102343996', '108310400']) {
  valid('ik', checkIk, ik, '');
}
invalid('ik', checkIk, '260326823', 'ik.check_digit');
invalid('ik', checkIk, '105175519', 'ik.check_digit', 'swapped digits');
invalid('ik', checkIk, '104904005', 'ik.check_digit', 'swapped digits');
invalid('ik', checkIk, '26032682', 'ik.length', '8 digits');
invalid('ik', checkIk, '', 'ik.required');
invalid('ik', checkIk, '26032682X', 'ik.not_digits');
invalid('ik', checkIk, '１０１５７５５１９', 'ik.not_digits', 'fullwidth digits');
invalid('ik', checkIk, '1'.repeat(1_000), 'ik.length', 'very long');
valid('ik', checkIk, ' 260326822 ', 'trimmed', '260326822');

test('ik › region digits 3–4', () => {
  assert.equal(ikRegion('260326822'), '03');
  assert.equal(ikRegion('101575519'), '15');
  assert.equal(ikRegion(' 108310400 '), '83', 'insurer IKs use regions above 16');
});

test('ik › region of a malformed IK throws instead of guessing', () => {
  assert.throws(() => ikRegion('26032682'), RangeError);
  assert.throws(() => ikRegion('26032682A'), RangeError);
});

// --- KVNR ---
for (const kvnr of [
  'A000500015', 'K220645122', 'T012345678', 'C000500021', 'A123456780',
  'Q123456784', 'Z123456783', 'G789012344', 'J012345677', 'L234567896',
]) {
  valid('kvnr', checkKvnr, kvnr, '');
}
for (const kvnr of ['K220645129', 'T012345679', 'A005000112', 'C000500020', 'Q123456781']) {
  invalid('kvnr', checkKvnr, kvnr, 'kvnr.check_digit');
}
invalid('kvnr', checkKvnr, '0123456780', 'kvnr.format', 'no leading letter');
invalid('kvnr', checkKvnr, 'AB23456780', 'kvnr.format', 'second letter');
invalid('kvnr', checkKvnr, 'Ä123456780', 'kvnr.characters', 'umlaut');
invalid('kvnr', checkKvnr, 'A12345678', 'kvnr.length', '9 characters');
invalid('kvnr', checkKvnr, '', 'kvnr.required');
invalid('kvnr', checkKvnr, 'ı123456780', 'kvnr.characters', 'dotless i would upper-case to I');
invalid('kvnr', checkKvnr, 'ſ123456780', 'kvnr.characters', 'long s would upper-case to S');
invalid('kvnr', checkKvnr, 'A'.repeat(10_000), 'kvnr.length', 'very long');
valid('kvnr', checkKvnr, ' a000500015 ', 'lower case, trimmed', 'A000500015');

// --- Versicherungsnummer ---
const vsnr = 'versicherungsnummer';
valid(vsnr, checkVersicherungsnummer, '15070649C103', '');
valid(vsnr, checkVersicherungsnummer, '10010490A443', '');
valid(vsnr, checkVersicherungsnummer, '65170839J081', '');
valid(vsnr, checkVersicherungsnummer, '65490839J088', 'day 17 + 32');
valid(vsnr, checkVersicherungsnummer, '65810839J083', 'day 17 + 64');
valid(vsnr, checkVersicherungsnummer, '65970839J088', 'day 1 + 96');
valid(vsnr, checkVersicherungsnummer, '12290200A000', '29 February of 2000 or 1900: plausible');
valid(vsnr, checkVersicherungsnummer, '65170839j081', 'lower-case letter', '65170839J081');
invalid(vsnr, checkVersicherungsnummer, '10010490A442', 'versicherungsnummer.check_digit');
invalid(vsnr, checkVersicherungsnummer, '65173839J088', 'versicherungsnummer.date', 'month 38');
invalid(vsnr, checkVersicherungsnummer, '12290201A000', 'versicherungsnummer.date', '29 February 01');
invalid(vsnr, checkVersicherungsnummer, '12300200A000', 'versicherungsnummer.date', '30 February');
invalid(vsnr, checkVersicherungsnummer, '12000190A000', 'versicherungsnummer.date', 'day 00');
invalid(vsnr, checkVersicherungsnummer, '12960190A000', 'versicherungsnummer.date', 'day 96 is 32 + 64');
invalid(vsnr, checkVersicherungsnummer, '12010090A000', 'versicherungsnummer.date', 'month 00');
invalid(vsnr, checkVersicherungsnummer, '651708390081', 'versicherungsnummer.format', 'digit instead of letter');
invalid(vsnr, checkVersicherungsnummer, '65170839Ä081', 'versicherungsnummer.characters');
invalid(vsnr, checkVersicherungsnummer, '65170839J08', 'versicherungsnummer.length');
invalid(vsnr, checkVersicherungsnummer, '', 'versicherungsnummer.required');

// --- IBAN ---
valid('iban', checkIban, 'DE89370400440532013000', '');
valid('iban', checkIban, 'DE02120300000000202051', '');
valid('iban', checkIban, 'DE02500105170137075030', '');
valid('iban', checkIban, ' de89 3704 0044 0532 0130 00 ', 'spaces and lower case', 'DE89370400440532013000');
valid('iban', checkIban, 'DE89\u00A03704\u00A00044\u00A00532\u00A00130\u00A000', 'no-break spaces', 'DE89370400440532013000');
invalid('iban', checkIban, 'DE88370400440532013000', 'iban.check_digit');
invalid('iban', checkIban, 'DE8937040044053201300', 'iban.length', '21 characters');
invalid('iban', checkIban, 'FR7630006000011234567890189', 'iban.country', 'valid French IBAN');
invalid('iban', checkIban, 'DE89-3704-0044-0532-0130-00', 'iban.characters');
invalid('iban', checkIban, 'DE89370400440532O13000', 'iban.format', 'letter O for zero');
invalid('iban', checkIban, '', 'iban.required');
invalid('iban', checkIban, '  ', 'iban.required', 'spaces only');
invalid('iban', checkIban, 'DE' + '1'.repeat(100_000), 'iban.length', 'very long');

test('iban › mask keeps country, check digits and last four', () => {
  assert.equal(maskIban('DE89370400440532013000'), 'DE89 **** **** **** **30 00');
  assert.equal(maskIban('de89 3704 0044 0532 0130 00'), 'DE89 **** **** **** **30 00');
});

test('iban › mask hides short fragments completely', () => {
  assert.equal(maskIban('DE893704'), '**** ****');
  assert.equal(maskIban(''), '');
});

// --- Postleitzahl ---
valid('plz', checkPostleitzahl, '01067', 'leading zero kept');
valid('plz', checkPostleitzahl, '99998', '');
valid('plz', checkPostleitzahl, ' 10115 ', 'trimmed', '10115');
invalid('plz', checkPostleitzahl, '1067', 'plz.length');
invalid('plz', checkPostleitzahl, '010677', 'plz.length');
invalid('plz', checkPostleitzahl, '0106A', 'plz.not_digits');
invalid('plz', checkPostleitzahl, '００１２３', 'plz.not_digits', 'fullwidth digits');
invalid('plz', checkPostleitzahl, '00123', 'plz.range');
invalid('plz', checkPostleitzahl, '', 'plz.required');

// --- Messages ---
test('messages › every code produced above is an exported code', () => {
  assert.deepEqual([...seen].filter((c) => !(IDENTIFIER_CODES as readonly string[]).includes(c)), []);
});

test('messages › every exported code is produced by at least one case above', () => {
  assert.deepEqual(IDENTIFIER_CODES.filter((c) => !seen.has(c)), []);
});

test('messages › every code has a German and an English text, and no text lacks a code', () => {
  assertMessagesCover(IDENTIFIER_CODES, identifierMessages, identifierMessagesEn);
});
