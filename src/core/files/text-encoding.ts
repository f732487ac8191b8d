import { isUtf8Text, isWindows1252Text } from './upload-rules.ts';

/**
 * Text files people upload (CSV from a spreadsheet): UTF-8, with or without BOM, or
 * Windows-1252, which German Excel writes as "CSV (Trennzeichen-getrennt)". Anything else
 * (UTF-16, binary, control bytes, two encodings in one file) is refused with the line it
 * goes wrong in, so the uploader can find it.
 */
export type DecodedText = { ok: true; text: string } | { ok: false; line: number; detail?: string };

/** Lines of the raw bytes (split at LF), for pointing at the line an encoding problem is in. */
function byteLines(bytes: Uint8Array): Uint8Array[] {
  const lines: Uint8Array[] = [];
  let start = 0;
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] === 0x0a) {
      lines.push(bytes.subarray(start, i));
      start = i + 1;
    }
  }
  lines.push(bytes.subarray(start));
  return lines;
}

const isControlByte = (b: number) => (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0c && b !== 0x0d) || b === 0x7f;

/** A UTF-8 encoded Latin-1 letter (ä = C3 A4, ß = C3 9F …): in a file that is not UTF-8 it means mixed encodings. */
function hasUtf8Latin1(bytes: Uint8Array): boolean {
  for (let i = 0; i + 1 < bytes.length; i++) {
    if ((bytes[i] === 0xc2 || bytes[i] === 0xc3) && bytes[i + 1]! >= 0x80 && bytes[i + 1]! <= 0xbf) return true;
  }
  return false;
}

/** The line most likely at fault in a file that is neither UTF-8 nor Windows-1252. */
function badLine(bytes: Uint8Array): number {
  const lines = byteLines(bytes);
  const control = lines.findIndex((l) => l.some(isControlByte));
  if (control >= 0) return control + 1;
  const neither = lines.findIndex((l) => !isUtf8Text(l) && !isWindows1252Text(l));
  if (neither >= 0) return neither + 1;
  const notUtf8 = lines.findIndex((l) => !isUtf8Text(l));
  return notUtf8 >= 0 ? notUtf8 + 1 : 1;
}

/** Windows-1252's bytes 0x80–0x9F (WHATWG index-windows-1252); the five undefined ones never get here. */
const CP1252_80_9F = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f,
  0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
];

/**
 * Node 20.18.3 and later decode 'windows-1252' as Latin-1, so "„" (0x84) comes out as the control
 * character U+0084 (nodejs/node#60888); mapping 0x80–0x9F afterwards is right on fixed versions too.
 */
function decodeWindows1252(bytes: Uint8Array): string {
  return new TextDecoder('windows-1252').decode(bytes).replace(/[\u0080-\u009f]/g, (c) => String.fromCharCode(CP1252_80_9F[c.charCodeAt(0) - 0x80]!));
}

/** UTF-8 (BOM stripped) or else Windows-1252; anything else is refused with the line it goes wrong in. */
export function decodeUtf8OrWindows1252(bytes: Uint8Array): DecodedText {
  const refuse = (line: number, detail?: string): DecodedText => ({ ok: false, line, ...(detail ? { detail } : {}) });
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) return refuse(1, 'UTF-16');
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  if (isUtf8Text(bytes)) return { ok: true, text: new TextDecoder('utf-8').decode(bytes) /* drops the BOM */ };
  // a UTF-8 BOM or UTF-8 umlauts next to bytes that are not UTF-8: two encodings in one file
  if (!bom && !hasUtf8Latin1(bytes) && isWindows1252Text(bytes)) return { ok: true, text: decodeWindows1252(bytes) };
  return refuse(badLine(bytes));
}
