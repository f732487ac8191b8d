import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { decryptFile, encryptFile, parseFileKey } from '../../../src/core/files/encryption.ts';

const key = randomBytes(32);

describe('encryptFile / decryptFile (AES-256-GCM)', () => {
  it('round-trips a file, with a fresh 12-byte IV and a 16-byte tag each time', () => {
    const plaintext = new TextEncoder().encode('Arbeitgeberbescheinigung – Jürgen Weiß');
    const a = encryptFile(key, plaintext);
    const b = encryptFile(key, plaintext);
    assert.equal(a.iv.length, 12);
    assert.equal(a.tag.length, 16);
    assert.equal(a.ciphertext.length, plaintext.length);
    assert.notDeepEqual(a.iv, b.iv);
    assert.notDeepEqual(a.ciphertext, b.ciphertext);
    assert.ok(!a.ciphertext.includes(Buffer.from('Weiß')));
    assert.deepEqual(new Uint8Array(decryptFile(key, a)), plaintext);
    assert.deepEqual(new Uint8Array(decryptFile(key, b)), plaintext);
  });

  it('round-trips an empty file and a 1 MiB file', () => {
    assert.equal(decryptFile(key, encryptFile(key, new Uint8Array(0))).length, 0);
    const big = randomBytes(1024 * 1024);
    assert.deepEqual(decryptFile(key, encryptFile(key, big)), big);
  });

  it('detects a changed ciphertext, tag or IV', () => {
    const file = encryptFile(key, Buffer.from('Betriebsnummer 12345678'));
    const flip = (buf: Buffer, i: number) => {
      const copy = Buffer.from(buf);
      copy[i]! ^= 0x01;
      return copy;
    };
    assert.throws(() => decryptFile(key, { ...file, ciphertext: flip(file.ciphertext, 3) }), /authenticated/);
    assert.throws(() => decryptFile(key, { ...file, tag: flip(file.tag, 0) }), /authenticated/);
    assert.throws(() => decryptFile(key, { ...file, iv: flip(file.iv, 11) }), /authenticated/);
    assert.throws(() => decryptFile(key, { ...file, ciphertext: file.ciphertext.subarray(1) }), /authenticated/);
  });

  it('refuses a truncated tag instead of checking only its first bytes', () => {
    const file = encryptFile(key, Buffer.from('x'));
    assert.throws(() => decryptFile(key, { ...file, tag: file.tag.subarray(0, 4) }), /tag must be 16 bytes/);
    assert.throws(() => decryptFile(key, { ...file, iv: Buffer.alloc(16) }), /IV must be 12 bytes/);
  });

  it('fails with another key', () => {
    const file = encryptFile(key, Buffer.from('geheim'));
    assert.throws(() => decryptFile(randomBytes(32), file), /authenticated/);
  });

  it('binds optional associated data (e.g. the file id)', () => {
    const file = encryptFile(key, Buffer.from('Nachweis'), Buffer.from('file:1'));
    assert.equal(decryptFile(key, file, Buffer.from('file:1')).toString(), 'Nachweis');
    assert.throws(() => decryptFile(key, file, Buffer.from('file:2')), /authenticated/);
    assert.throws(() => decryptFile(key, file), /authenticated/);
  });

  it('refuses keys that are not 32 bytes', () => {
    assert.throws(() => encryptFile(randomBytes(16), Buffer.from('x')), /32 bytes/);
    assert.throws(() => decryptFile(randomBytes(31), encryptFile(key, Buffer.from('x'))), /32 bytes/);
  });
});

describe('parseFileKey', () => {
  const raw = randomBytes(32);

  it('accepts 64 hex characters (either case, surrounding whitespace ignored)', () => {
    assert.deepEqual(parseFileKey(raw.toString('hex')), raw);
    assert.deepEqual(parseFileKey(` ${raw.toString('hex').toUpperCase()}\n`), raw);
  });

  it('accepts base64 of 32 bytes, standard or URL-safe, with or without padding', () => {
    assert.deepEqual(parseFileKey(raw.toString('base64')), raw);
    assert.deepEqual(parseFileKey(raw.toString('base64').replace(/=$/, '')), raw);
    assert.deepEqual(parseFileKey(raw.toString('base64url')), raw);
  });

  it('throws a clear error for anything else, without repeating the value', () => {
    const wrong = [
      '',
      '   ',
      raw.toString('hex').slice(0, 62),
      `${raw.toString('hex')}00`,
      `${raw.toString('hex').slice(0, 63)}g`,
      randomBytes(16).toString('base64'),
      randomBytes(33).toString('base64'),
      'not a key at all',
      `${raw.toString('base64').slice(0, 40)}!!!=`,
    ];
    for (const value of wrong) {
      assert.throws(
        () => parseFileKey(value),
        (error: unknown) =>
          error instanceof Error &&
          /must be 32 bytes, given as 64 hexadecimal characters or as base64/.test(error.message) &&
          (value.trim() === '' || !error.message.includes(value.trim())),
        JSON.stringify(value),
      );
    }
  });

  it('refuses a non-canonical base64 key (changed padding bits)', () => {
    const b64 = raw.toString('base64'); // 43 characters + "="
    const last = b64[42]!;
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
    const sibling = alphabet[alphabet.indexOf(last) ^ 1]!; // differs only in a padding bit
    assert.throws(() => parseFileKey(`${b64.slice(0, 42)}${sibling}=`), /must be 32 bytes/);
  });
});
