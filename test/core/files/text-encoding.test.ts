import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeUtf8OrWindows1252 } from '../../../src/core/files/text-encoding.ts';
import { importCsv } from '../../../src/modules/eavis/import.ts';

test('text encoding › UTF-8 with and without BOM, Windows-1252 with €, „“ and umlauts', () => {
  assert.deepEqual(decodeUtf8OrWindows1252(Buffer.from('\uFEFFGröße;€\n', 'utf8')), { ok: true, text: 'Größe;€\n' });
  assert.deepEqual(decodeUtf8OrWindows1252(Buffer.from('Größe;€\n', 'utf8')), { ok: true, text: 'Größe;€\n' });
  const cp1252 = Buffer.from([0x84, 0x47, 0x72, 0xf6, 0xdf, 0x65, 0x93, 0x3b, 0x80, 0x0a]);
  assert.deepEqual(decodeUtf8OrWindows1252(cp1252), { ok: true, text: '„Größe“;€\n' });
});

test('text encoding › UTF-16, NUL bytes and mixed encodings are refused with a line', () => {
  const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('IK;Name\n', 'utf16le')]);
  assert.equal(decodeUtf8OrWindows1252(utf16).ok, false);
  const nul = Buffer.from('IK;Name\n260326822;A\u0000B\n', 'latin1');
  const refused = decodeUtf8OrWindows1252(nul);
  assert.equal(refused.ok, false);
  assert.equal(!refused.ok && refused.line, 2);
  const mixed = Buffer.concat([Buffer.from('Größe\n', 'utf8'), Buffer.from([0x47, 0xf6, 0x0a])]);
  assert.equal(decodeUtf8OrWindows1252(mixed).ok, false);
});

test('eAvis import › a file in neither encoding is refused as a whole', () => {
  const r = importCsv(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('IK;Avisnummer\n', 'utf16le')]));
  assert.equal(r.ok, false);
  assert.equal(!r.ok && r.problems[0]!.code, 'eavis.encoding');
});
