import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { deflateSync } from 'node:zlib';
import { PDFDocument } from 'pdf-lib';
import {
  ALLOWED_EXTENSIONS,
  MAX_FILES,
  MAX_TOTAL_BYTES,
  checkFileName,
  checkUpload,
  storedFileName,
  checkUploadBudget,
  sniffUploadType,
  type UploadErrorCode,
} from '../../../src/core/files/upload-rules.ts';
import { uploadMessages, uploadMessagesEn } from '../../../src/core/files/upload-messages.ts';

// ---------------------------------------------------------------------------
// Small real samples, built here.

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** A store-only (uncompressed) ZIP archive with the given entries. */
function zip(entries: Array<[name: string, content: string]>): Uint8Array {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of entries) {
    const nameBytes = Buffer.from(name, 'utf8');
    const data = Buffer.from(content, 'utf8');
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed
    local.writeUInt16LE(0, 6); // flags
    local.writeUInt16LE(0, 8); // method: stored
    local.writeUInt32LE(0, 10); // time, date
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    local.writeUInt16LE(0, 28);
    locals.push(local, nameBytes, data);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, nameBytes);
    offset += local.length + nameBytes.length + data.length;
  }
  const centralBytes = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(centralBytes.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, centralBytes, end]));
}

function ooxml(mainPart: string, contentType: string): Uint8Array {
  const types =
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
    '<Default Extension="xml" ContentType="application/xml"/>' +
    `<Override PartName="/${mainPart}" ContentType="${contentType}"/>` +
    '</Types>';
  return zip([
    ['[Content_Types].xml', types],
    [mainPart, '<?xml version="1.0" encoding="UTF-8"?><root/>'],
  ]);
}

const OOXML = 'application/vnd.openxmlformats-officedocument';
const docx = () => ooxml('word/document.xml', `${OOXML}.wordprocessingml.document.main+xml`);
const xlsx = () => ooxml('xl/workbook.xml', `${OOXML}.spreadsheetml.sheet.main+xml`);
const pptx = () => ooxml('ppt/presentation.xml', `${OOXML}.presentationml.presentation.main+xml`);
const docm = () => ooxml('word/document.xml', 'application/vnd.ms-word.document.macroEnabled.main+xml');

async function pdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.addPage([200, 200]).drawText('Arbeitgeberbescheinigung', { x: 10, y: 100, size: 10 });
  return doc.save();
}

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A valid 1×1 RGB PNG. */
function png(): Uint8Array {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(1, 0);
  ihdr.writeUInt32BE(1, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // colour type RGB
  const raw = Buffer.from([0, 0x33, 0x88, 0xcc]); // filter byte + one pixel
  return new Uint8Array(
    Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      pngChunk('IHDR', ihdr),
      pngChunk('IDAT', deflateSync(raw)),
      pngChunk('IEND', Buffer.alloc(0)),
    ]),
  );
}

/** A valid 1×1 baseline JPEG (rendered with pdftoppm). */
const JPEG_BASE64 =
  '/9j/4AAQSkZJRgABAQEABwAHAAD/2wBDAAgGBgcGBQgHBwcJCQgKDBQNDAsLDBkSEw8UHRofHh0aHBwgJC4nICIsIxwcKDcpLDAxNDQ0Hyc5PTgyPC4zNDL/' +
  '2wBDAQkJCQwLDBgNDRgyIRwhMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjL/wAARCAABAAEDASIAAhEBAxEB/8QAHwAA' +
  'AQUBAQEBAQEAAAAAAAAAAAECAwQFBgcICQoL/8QAtRAAAgEDAwIEAwUFBAQAAAF9AQIDAAQRBRIhMUEGE1FhByJxFDKBkaEII0KxwRVS0fAkM2JyggkKFhcYGRol' +
  'JicoKSo0NTY3ODk6Q0RFRkdISUpTVFVWV1hZWmNkZWZnaGlqc3R1dnd4eXqDhIWGh4iJipKTlJWWl5iZmqKjpKWmp6ipqrKztLW2t7i5usLDxMXGx8jJytLT1NXW' +
  '19jZ2uHi4+Tl5ufo6erx8vP09fb3+Pn6/8QAHwEAAwEBAQEBAQEBAQAAAAAAAAECAwQFBgcICQoL/8QAtREAAgECBAQDBAcFBAQAAQJ3AAECAxEEBSExBhJBUQdh' +
  'cRMiMoEIFEKRobHBCSMzUvAVYnLRChYkNOEl8RcYGRomJygpKjU2Nzg5OkNERUZHSElKU1RVVldYWVpjZGVmZ2hpanN0dXZ3eHl6goOEhYaHiImKkpOUlZaXmJma' +
  'oqOkpaanqKmqsrO0tba3uLm6wsPExcbHyMnK0tPU1dbX2Nna4uPk5ebn6Onq8vP09fb3+Pn6/9oADAMBAAIRAxEAPwCjRRRX1p8uf//Z';
const jpeg = () => new Uint8Array(Buffer.from(JPEG_BASE64, 'base64'));

/** A valid 1×1 GIF89a. */
const gif = () => new Uint8Array(Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64'));

/** A valid 1×1 8-bit greyscale baseline TIFF (little-endian). */
function tiff(): Uint8Array {
  const entries: Array<[tag: number, type: number, value: number]> = [
    [256, 3, 1], // ImageWidth
    [257, 3, 1], // ImageLength
    [258, 3, 8], // BitsPerSample
    [259, 3, 1], // Compression: none
    [262, 3, 1], // Photometric: BlackIsZero
    [273, 4, 0], // StripOffsets (patched below)
    [277, 3, 1], // SamplesPerPixel
    [278, 3, 1], // RowsPerStrip
    [279, 4, 1], // StripByteCounts
  ];
  const ifdOffset = 8;
  const ifdSize = 2 + entries.length * 12 + 4;
  const pixelOffset = ifdOffset + ifdSize;
  const buf = Buffer.alloc(pixelOffset + 1);
  buf.write('II', 0, 'latin1');
  buf.writeUInt16LE(42, 2);
  buf.writeUInt32LE(ifdOffset, 4);
  buf.writeUInt16LE(entries.length, ifdOffset);
  entries.forEach(([tag, type, value], i) => {
    const at = ifdOffset + 2 + i * 12;
    buf.writeUInt16LE(tag, at);
    buf.writeUInt16LE(type, at + 2);
    buf.writeUInt32LE(1, at + 4);
    if (type === 3) buf.writeUInt16LE(value, at + 8);
    else buf.writeUInt32LE(tag === 273 ? pixelOffset : value, at + 8);
  });
  buf[pixelOffset] = 0x80;
  return new Uint8Array(buf);
}

/** The ftyp box an iPhone HEIC photo starts with (enough for content sniffing). */
function heic(): Uint8Array {
  const ftyp = Buffer.alloc(24);
  ftyp.writeUInt32BE(24, 0);
  ftyp.write('ftypheic', 4, 'latin1');
  ftyp.writeUInt32BE(0, 12);
  ftyp.write('mif1heic', 16, 'latin1');
  const meta = Buffer.alloc(16);
  meta.writeUInt32BE(16, 0);
  meta.write('meta', 4, 'latin1');
  return new Uint8Array(Buffer.concat([ftyp, meta]));
}

/** DOS stub + "PE\0\0" header: what a Windows .exe starts with. */
function exe(): Uint8Array {
  const buf = Buffer.alloc(256);
  buf.write('MZ', 0, 'latin1');
  buf.writeUInt16LE(0x90, 2);
  buf.writeUInt32LE(0x80, 0x3c); // e_lfanew
  buf.write('This program cannot be run in DOS mode.', 0x4e, 'latin1');
  buf.write('PE\0\0', 0x80, 'latin1');
  buf.writeUInt16LE(0x8664, 0x84); // machine x64
  return new Uint8Array(buf);
}

const utf8 = (text: string) => new Uint8Array(Buffer.from(text, 'utf8'));
const latin1 = (text: string) => new Uint8Array(Buffer.from(text, 'latin1'));

// ---------------------------------------------------------------------------

describe('sniffUploadType', () => {
  const accepted: Array<[string, () => Uint8Array | Promise<Uint8Array>, string, string]> = [
    ['PDF made with pdf-lib', pdf, 'pdf', 'application/pdf'],
    ['PNG', png, 'png', 'image/png'],
    ['JPEG', jpeg, 'jpg', 'image/jpeg'],
    ['GIF', gif, 'gif', 'image/gif'],
    ['TIFF', tiff, 'tif', 'image/tiff'],
    ['HEIC', heic, 'heic', 'image/heic'],
    ['docx (OOXML zip)', docx, 'docx', `${OOXML}.wordprocessingml.document`],
    ['xlsx (OOXML zip)', xlsx, 'xlsx', `${OOXML}.spreadsheetml.sheet`],
    ['pptx (OOXML zip)', pptx, 'pptx', `${OOXML}.presentationml.presentation`],
  ];
  for (const [what, make, ext, mime] of accepted) {
    it(`accepts ${what}`, async () => {
      assert.deepEqual(await sniffUploadType(await make()), { ok: true, ext, mime });
    });
  }

  const text = { ok: true, ext: 'txt', mime: 'text/plain' };

  it('accepts UTF-8 text with umlauts, tabs, CRLF and form feed', async () => {
    assert.deepEqual(await sniffUploadType(utf8('Bescheinigung für Jürgen Weiß\r\n\tStraße 1\f\n')), text);
  });

  it('accepts UTF-8 text with a byte order mark', async () => {
    assert.deepEqual(await sniffUploadType(utf8('\uFEFFGrüße aus Köln')), text);
  });

  it('accepts Windows-1252 text with umlauts, ß, € and typographic quotes', async () => {
    // ü, ß as single bytes, 0x84 „ 0x93 “ 0x80 € (Windows-1252 only): not valid UTF-8.
    const bytes = new Uint8Array(
      Buffer.concat([latin1('Firma \x84M\xfcller GmbH\x93, Stra\xdfe 5, Geb\xfchr 80 '), Buffer.from([0x80]), latin1('\r\n')]),
    );
    assert.throws(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes));
    assert.deepEqual(await sniffUploadType(bytes), text);
  });

  it('accepts UTF-16 text with a byte order mark (Notepad "Unicode")', async () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Grüße, Jürgen\r\n', 'utf16le')]);
    assert.deepEqual(await sniffUploadType(new Uint8Array(bytes)), text);
  });

  it('accepts text whose first letters look like a binary signature ("BMW", "FORMULAR", "ID3")', async () => {
    for (const start of ['BMW Niederlassung München', 'FORMULAR Arbeitgeberbescheinigung', 'ID3-Nummer: 4711', 'AC1015 Zeichnung']) {
      assert.deepEqual(await sniffUploadType(utf8(`${start}, Betriebsnummer 12345678\r\n`)), text, start);
    }
  });

  it('refuses text that starts with "MZ" like an executable', async () => {
    assert.deepEqual(await sniffUploadType(utf8('MZ Mitarbeiterzahl: 12')), { ok: false, code: 'upload.type_not_allowed' });
  });

  it('refuses a Windows executable named .pdf: the content decides, not the name', async () => {
    const upload = { name: 'Arbeitgeberbescheinigung.pdf', bytes: exe() };
    assert.equal(checkFileName(upload.name).ok, true);
    assert.deepEqual(await sniffUploadType(upload.bytes), { ok: false, code: 'upload.type_not_allowed' });
  });

  it('refuses an empty file', async () => {
    assert.deepEqual(await sniffUploadType(new Uint8Array(0)), { ok: false, code: 'upload.empty' });
  });

  it('refuses other formats file-type recognises: docm, zip, BMP, RTF, XML, registry script, PostScript', async () => {
    const bmp = Buffer.alloc(64);
    bmp.write('BM', 0, 'latin1');
    bmp.writeUInt32LE(64, 2);
    bmp.writeUInt32LE(54, 10);
    bmp.writeUInt32LE(40, 14);
    for (const bytes of [
      docm(),
      zip([['hello.txt', 'hallo']]),
      new Uint8Array(bmp),
      utf8('{\\rtf1\\ansi Hallo}'),
      utf8('<?xml version="1.0"?><a/>'),
      utf8('REGEDIT4\r\n[HKEY_CURRENT_USER\\Software]\r\n'),
      utf8('%!PS-Adobe-3.0\n%%EOF\n'),
      utf8('BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n'),
    ]) {
      assert.deepEqual(await sniffUploadType(bytes), { ok: false, code: 'upload.type_not_allowed' });
    }
  });

  it('refuses binary data that is not text', async () => {
    assert.deepEqual(await sniffUploadType(utf8('Hallo\u0000Welt')), { ok: false, code: 'upload.type_not_allowed' });
    assert.deepEqual(await sniffUploadType(latin1('Hallo\x1bWelt')), { ok: false, code: 'upload.type_not_allowed' });
    const highBytes = new Uint8Array(64).map((_, i) => 0xa0 + (i % 90));
    assert.deepEqual(await sniffUploadType(highBytes), { ok: false, code: 'upload.type_not_allowed' });
    // 0x81 is undefined in Windows-1252.
    assert.deepEqual(await sniffUploadType(latin1('Hallo \x81 Welt')), { ok: false, code: 'upload.type_not_allowed' });
  });
});

describe('checkFileName', () => {
  for (const name of [
    '../x.pdf',
    'a/b.pdf',
    'C:\\x.pdf',
    'a\u0000.pdf',
    'a\u001f.pdf',
    'a\u007f.pdf',
    'a\u0085.pdf',
    '\u202Efdp.exe',
    'Rechnung\u2066.pdf',
    'x'.repeat(246) + '.pdf',
    '',
    '   ',
    '.',
    '...',
    '\uD800.pdf',
  ]) {
    const shown = name.length > 30 ? `${name.slice(0, 10)}… (${name.length} chars)` : name;
    const escaped = shown.replace(/[^\x20-\x7e\u00a0-\u00ff…]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
    it(`refuses "${escaped}"`, () => {
      assert.deepEqual(checkFileName(name), { ok: false, code: 'upload.bad_name' });
    });
  }

  it('accepts "Bescheinigung März.pdf" and returns it NFC-normalised and trimmed', () => {
    assert.deepEqual(checkFileName('Bescheinigung März.pdf'), { ok: true, value: 'Bescheinigung März.pdf' });
    const decomposed = '  Bescheinigung Ma\u0308rz.pdf ';
    assert.deepEqual(checkFileName(decomposed), { ok: true, value: 'Bescheinigung M\u00e4rz.pdf' });
  });

  it('accepts exactly 200 characters and refuses 201', () => {
    assert.equal(checkFileName('ä'.repeat(196) + '.pdf').ok, true);
    assert.equal(checkFileName('ä'.repeat(197) + '.pdf').ok, false);
  });
});

describe('checkUploadBudget', () => {
  it('has the limits of the manual: two files, 10 MiB', () => {
    assert.equal(MAX_FILES, 2);
    assert.equal(MAX_TOTAL_BYTES, 10_485_760);
  });

  it('accepts one and two files', () => {
    assert.deepEqual(checkUploadBudget([], [1000]), { ok: true });
    assert.deepEqual(checkUploadBudget([1000], [2000]), { ok: true });
    assert.deepEqual(checkUploadBudget([], [1000, 2000]), { ok: true });
  });

  it('refuses a third file, at once or one after the other', () => {
    assert.deepEqual(checkUploadBudget([1000, 2000], [10]), { ok: false, code: 'upload.too_many' });
    assert.deepEqual(checkUploadBudget([], [1, 2, 3]), { ok: false, code: 'upload.too_many' });
  });

  it('accepts exactly 10 MiB together and refuses 10 MiB + 1 byte', () => {
    assert.deepEqual(checkUploadBudget([], [MAX_TOTAL_BYTES]), { ok: true });
    assert.deepEqual(checkUploadBudget([4 * 1024 * 1024], [6 * 1024 * 1024]), { ok: true });
    assert.deepEqual(checkUploadBudget([], [MAX_TOTAL_BYTES + 1]), { ok: false, code: 'upload.too_large' });
    assert.deepEqual(checkUploadBudget([4 * 1024 * 1024], [6 * 1024 * 1024 + 1]), { ok: false, code: 'upload.too_large' });
  });

  it('throws on sizes that are not byte counts', () => {
    assert.throws(() => checkUploadBudget([], [-1]), RangeError);
    assert.throws(() => checkUploadBudget([Number.NaN], [1]), RangeError);
  });
});

describe('upload messages', () => {
  const codes: UploadErrorCode[] = ['upload.empty', 'upload.type_not_allowed', 'upload.bad_name', 'upload.too_many', 'upload.too_large'];

  it('has a German and an English text for every code', () => {
    for (const code of codes) {
      assert.ok(uploadMessages[code]?.length, code);
      assert.ok(uploadMessagesEn[code]?.length, code);
    }
    assert.equal(uploadMessages['upload.too_many'], 'Sie können höchstens zwei Dateien hochladen. Bitte löschen Sie zuerst eine Datei.');
  });

  it('lists exactly the allowed formats', () => {
    assert.equal(
      uploadMessages['upload.type_not_allowed'],
      `Dieses Dateiformat ist nicht erlaubt. Erlaubt sind: ${ALLOWED_EXTENSIONS.join(', ')}.`,
    );
  });
});

describe('checkUpload (what is stored, under which name)', () => {
  const refused = { ok: false, code: 'upload.type_not_allowed' };

  it('stores a PDF named ".hta" as ".pdf": the name follows the detected type', async () => {
    assert.deepEqual(await checkUpload('Arbeitgeberbescheinigung.hta', await pdf()), { ok: true, name: 'Arbeitgeberbescheinigung.pdf', ext: 'pdf', mime: 'application/pdf' });
    assert.deepEqual(await checkUpload('Scan', await pdf()), { ok: true, name: 'Scan.pdf', ext: 'pdf', mime: 'application/pdf' });
    assert.equal(((await checkUpload('Foto.jpeg', jpeg())) as { name: string }).name, 'Foto.jpeg');
    assert.equal(((await checkUpload('Foto.png', jpeg())) as { name: string }).name, 'Foto.jpg');
  });

  it('refuses a VBScript HTA, whatever its name', async () => {
    const hta = utf8('<hta:application id="x"/>\r\n<script language="VBScript">\r\nSet s = CreateObject("WScript.Shell")\r\ns.Run "calc"\r\n</script>\r\n');
    for (const name of ['Arbeitgeberbescheinigung.hta', 'Arbeitgeberbescheinigung.txt', 'Bescheinigung.pdf']) {
      assert.deepEqual(await checkUpload(name, hta), refused, name);
    }
  });

  it('refuses HTML, SVG, XML and scripts in text, whatever its name', async () => {
    const samples = [
      '<!DOCTYPE html><p>Hallo</p>',
      '<html><body>Bescheinigung</body></html>',
      'Text davor\n<script>alert(1)</script>',
      '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>',
      '<?xml version="1.0"?><a/>',
      '#!/bin/sh\nrm -rf /\n',
      '@echo off\r\ndel *.*\r\n',
      'Set o = CreateObject("Scripting.FileSystemObject")',
      '<a href="javascript:alert(1)">x</a>',
    ];
    for (const text of samples) assert.deepEqual(await checkUpload('notiz.txt', utf8(text)), refused, text);
  });

  it('keeps text only as ".txt" in UTF-8 or Windows-1252 without control bytes other than tab, CR, LF', async () => {
    assert.deepEqual(await checkUpload('Notiz.txt', utf8('Grüße aus Köln\r\n\tZeile 2\n')), { ok: true, name: 'Notiz.txt', ext: 'txt', mime: 'text/plain' });
    assert.deepEqual(await checkUpload('Notiz.TXT', latin1('Gr\xfc\xdfe aus K\xf6ln\r\n')), { ok: true, name: 'Notiz.TXT', ext: 'txt', mime: 'text/plain' });
    assert.deepEqual(await checkUpload('Notiz.csv', utf8('a;b\n')), refused, 'text under another name');
    assert.deepEqual(await checkUpload('Notiz', utf8('Hallo')), refused, 'text without a name extension');
    assert.deepEqual(await checkUpload('Notiz.txt', utf8('Seite 1\fSeite 2')), refused, 'form feed');
    assert.deepEqual(await checkUpload('Notiz.txt', new Uint8Array(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Hallo', 'utf16le')]))), refused, 'UTF-16');
  });

  it('storedFileName keeps aliases and replaces only a short extension', () => {
    assert.equal(storedFileName('Bild.TIFF', 'tif'), 'Bild.TIFF');
    assert.equal(storedFileName('Rechnung 2026.v2', 'pdf'), 'Rechnung 2026.pdf');
    assert.equal(storedFileName('Bericht vom 1.12. (final)', 'pdf'), 'Bericht vom 1.12. (final).pdf');
    assert.equal(storedFileName('.profile', 'txt'), '.profile.txt');
    assert.equal(storedFileName('Scan.', 'pdf'), 'Scan.pdf');
    assert.equal(storedFileName('Scan. .exe', 'pdf'), 'Scan.pdf');
  });
});
