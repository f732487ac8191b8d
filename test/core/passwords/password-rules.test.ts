import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dictionary } from '@zxcvbn-ts/language-common';
import {
  PASSWORD_CODES,
  blocklistSize,
  checkPassword,
  type PasswordResult,
} from '../../../src/core/passwords/password-rules.ts';
import { passwordMessages, passwordMessagesEn } from '../../../src/core/passwords/password-messages.ts';
import { assertMessagesCover } from '../../support/messages.ts';

const EMAIL = 'Erika.Mustermann@example.de';
// Twelve characters that appear in no list and share nothing with EMAIL.
const STRONG12 = 'Kx7#mQ2$vL9!';
const FOX = '\u{1F98A}'; // one code point, two UTF-16 units

// Every code produced below; the last tests compare it with PASSWORD_CODES.
const seen = new Set<string>();

function check(password: string, email = EMAIL): PasswordResult {
  const result = checkPassword(password, email);
  if (!result.ok) seen.add(result.code);
  return result;
}

const refused = (code: string) => ({ ok: false, code });
const listed = new Set(dictionary.passwords.map((w) => w.toLowerCase()));

test('password › empty › required', () => {
  assert.deepEqual(check(''), refused('password.required'));
  assert.deepEqual(checkPassword(undefined as unknown as string, EMAIL), refused('password.required'));
});

test('password › 11 characters › too_short', () => {
  assert.deepEqual(check(STRONG12.slice(0, 11)), refused('password.too_short'));
});

test('password › 12 characters › accepted', () => {
  assert.deepEqual(check(STRONG12), { ok: true });
});

test('password › 12 spaces › accepted, never trimmed', () => {
  assert.deepEqual(check(' '.repeat(12)), { ok: true });
});

test('password › 128 characters › accepted', () => {
  const pw = 'Kx7#mQ2$'.repeat(16);
  assert.equal(pw.length, 128);
  assert.deepEqual(check(pw), { ok: true });
});

test('password › 129 characters › too_long, not truncated', () => {
  assert.deepEqual(check('Kx7#mQ2$'.repeat(16) + 'a'), refused('password.too_long'));
});

test('password › 1,000,000 characters › too_long', () => {
  assert.deepEqual(check('Kx7#mQ2$'.repeat(125_000)), refused('password.too_long'));
});

test('password › 11 emoji (22 UTF-16 units) › too_short, counted in code points', () => {
  assert.deepEqual(check(FOX.repeat(11)), refused('password.too_short'));
});

test('password › 12 emoji › accepted', () => {
  assert.deepEqual(check(FOX.repeat(12)), { ok: true });
});

test('password › 128 emoji (256 UTF-16 units) › accepted', () => {
  assert.deepEqual(check(FOX.repeat(128)), { ok: true });
});

test('password › 129 emoji › too_long', () => {
  assert.deepEqual(check(FOX.repeat(129)), refused('password.too_long'));
});

test('password › 11 letters + 1 emoji › accepted as 12 characters', () => {
  assert.deepEqual(check(STRONG12.slice(0, 11) + FOX), { ok: true });
});

test('password › blocklist › holds at least 10,000 entries', () => {
  assert.ok(blocklistSize() >= 10_000, `blocklist has ${blocklistSize()} entries`);
});

for (const pw of ['password1234', 'PASSWORD1234', 'qwertyuiop123', '123456789012', '1qaz2wsx3edc', 'administrator', 'qwerty123456']) {
  test(`password › ${JSON.stringify(pw)} › blocklisted, listed as is`, () => {
    assert.ok(listed.has(pw.toLowerCase()), 'test premise: the word is in the shipped list');
    assert.deepEqual(check(pw), refused('password.blocklisted'));
  });
}

for (const [pw, base] of [
  ['Passwort1234!', 'passwort'],
  ['Sunshine2024!!', 'sunshine'],
  ['Hallo12345678', 'hallo'],
  ['Football#2024', 'football'],
] as const) {
  test(`password › ${JSON.stringify(pw)} › blocklisted, listed word ${base} plus digits/punctuation`, () => {
    assert.ok(listed.has(base) && !listed.has(pw.toLowerCase()), 'test premise: only the base word is listed');
    assert.deepEqual(check(pw), refused('password.blocklisted'));
  });
}

for (const pw of ['Passwort1234x', 'xPasswort1234', 'Passwortsicher']) {
  test(`password › ${JSON.stringify(pw)} › accepted, a listed word with letters around it`, () => {
    assert.deepEqual(check(pw), { ok: true });
  });
}

test('password › e-mail address itself, other case › contains_email', () => {
  assert.deepEqual(check('erika.mustermann@EXAMPLE.de'), refused('password.contains_email'));
});

test('password › local part of the address › contains_email', () => {
  assert.deepEqual(check('ERIKA.MUSTERMANN'), refused('password.contains_email'));
});

test('password › contains the local part (≥ 4 characters) › contains_email', () => {
  assert.deepEqual(check('Mein erika.mustermann Pw'), refused('password.contains_email'));
  assert.deepEqual(checkPassword('xyzABCDxyz1!Q', 'abcd@example.de'), refused('password.contains_email'));
});

test('password › contains a local part of 3 characters › accepted', () => {
  assert.deepEqual(check('abc-Kx7#mQ2$vL9', 'abc@example.de'), { ok: true });
});

test('password › contains the whole address even with a short local part › contains_email', () => {
  assert.deepEqual(check('ab@example-firma.de!', 'ab@example-firma.de'), refused('password.contains_email'));
});

test('password › no e-mail address known yet › e-mail rule skipped', () => {
  assert.deepEqual(check(STRONG12, ''), { ok: true });
});

test('password › messages › every code is produced by a case above', () => {
  assert.deepEqual(PASSWORD_CODES.filter((c) => !seen.has(c)), []);
  assert.deepEqual([...seen].filter((c) => !(PASSWORD_CODES as readonly string[]).includes(c)), []);
});

test('password › messages › every code has a German and an English text', () => {
  assertMessagesCover(PASSWORD_CODES, passwordMessages, passwordMessagesEn);
  assert.equal(passwordMessages['password.too_short'], 'Das Passwort muss mindestens 12 Zeichen lang sein.');
});
