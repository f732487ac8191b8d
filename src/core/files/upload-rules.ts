/**
 * Content checks for uploads (SPEC "Employer certificate" → Upload; manual 000
 * step 7): at most two files, together at most 10 MB, formats docx, xlsx,
 * heic, txt, jpg, jpeg, gif, tif, tiff, png, pptx, pdf — decided by the bytes,
 * never by the file name or the browser's content type.
 *
 * Pure functions, one named check each; the caller maps the codes to texts
 * (upload-messages.ts).
 */
import { fileTypeFromBuffer } from 'file-type';
import { decodeUtf8OrWindows1252 } from './text-encoding.ts';

export type UploadErrorCode =
  | 'upload.empty'
  | 'upload.type_not_allowed'
  | 'upload.bad_name'
  | 'upload.too_many'
  | 'upload.too_large';

/** Files per registration (certificate plus power of attorney). */
export const MAX_FILES = 2;
/** "10 MB" all files together, meant as 10 MiB. */
export const MAX_TOTAL_BYTES = 10 * 1024 * 1024;
/** Longest accepted file name, in characters (code points) after normalisation. */
export const MAX_FILE_NAME_LENGTH = 200;

/** The formats named in the manual, as shown to users. */
export const ALLOWED_EXTENSIONS = [
  'docx',
  'xlsx',
  'heic',
  'txt',
  'jpg',
  'jpeg',
  'gif',
  'tif',
  'tiff',
  'png',
  'pptx',
  'pdf',
] as const;

/**
 * What file-type may report for an accepted upload, keyed by its ext, with the
 * MIME types accepted for it. Anything else it recognises (exe, zip, docm, rtf,
 * svg, camera raw formats, …) is refused.
 */
const DETECTED_ALLOWED: Readonly<Record<string, readonly string[]>> = {
  pdf: ['application/pdf'],
  docx: ['application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
  xlsx: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
  pptx: ['application/vnd.openxmlformats-officedocument.presentationml.presentation'],
  jpg: ['image/jpeg'],
  png: ['image/png'],
  gif: ['image/gif'],
  tif: ['image/tiff'],
  // HEIC photos (iPhone); file-type reports brand "mif1" as image/heif.
  heic: ['image/heic', 'image/heif'],
};

/**
 * Text-based formats file-type recognises by their first line. They are text,
 * but not plain text the staff should open (registry scripts, PostScript, RTF,
 * XML, calendar/contact files, …), so they are refused like binary formats.
 */
const TEXT_BASED_FORMATS = new Set(['xml', 'rtf', 'vcf', 'ics', 'vtt', 'ps', 'eps', 'pgp', 'reg']);

/**
 * Many binary signatures are a few ordinary characters, which a text file can
 * start with: "BMW …" (bmp), "FORMULAR …" (aif), "ID3 …" (mp3), "AC1015 …"
 * (dwg), and a UTF-16 byte order mark looks like an MPEG audio frame. When the
 * whole file is plain text it cannot be such a binary file, so it is text.
 * Windows executables (MZ) are refused whatever follows.
 */
function isFalseBinaryMatch(detected: { ext: string; mime: string }, bytes: Uint8Array): boolean {
  if (detected.ext === 'exe' || TEXT_BASED_FORMATS.has(detected.ext) || detected.mime.startsWith('text/')) return false;
  return isPlainText(bytes);
}

export type SniffResult =
  | { ok: true; ext: string; mime: string }
  | { ok: false; code: 'upload.type_not_allowed' | 'upload.empty' };

/** Decides the type of an upload from its content. */
export async function sniffUploadType(bytes: Uint8Array): Promise<SniffResult> {
  if (bytes.length === 0) return { ok: false, code: 'upload.empty' };
  const detected = await fileTypeFromBuffer(bytes);
  if (detected) {
    if (DETECTED_ALLOWED[detected.ext]?.includes(detected.mime)) {
      return { ok: true, ext: detected.ext, mime: detected.mime };
    }
    if (isFalseBinaryMatch(detected, bytes)) return TEXT;
    return { ok: false, code: 'upload.type_not_allowed' };
  }
  return isPlainText(bytes) ? TEXT : { ok: false, code: 'upload.type_not_allowed' };
}

const TEXT = { ok: true, ext: 'txt', mime: 'text/plain' } as const;

/** Control characters allowed in text: tab, LF, form feed, CR. */
const TEXT_CONTROLS_ALLOWED = new Set([0x09, 0x0a, 0x0c, 0x0d]);

/** Windows-1252 leaves these five bytes undefined; they do not occur in real text. */
const CP1252_UNDEFINED = new Set([0x81, 0x8d, 0x8f, 0x90, 0x9d]);

function isForbiddenControl(codePoint: number): boolean {
  return (
    (codePoint < 0x20 && !TEXT_CONTROLS_ALLOWED.has(codePoint)) ||
    (codePoint >= 0x7f && codePoint <= 0x9f)
  );
}

/** UTF-8 (BOM optional) without control characters other than tab, CR, LF, FF. */
export function isUtf8Text(bytes: Uint8Array): boolean {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return false;
  }
  for (const ch of text) {
    if (isForbiddenControl(ch.codePointAt(0)!)) return false;
  }
  return true;
}

/**
 * UTF-16 with a byte order mark (what Windows Notepad calls "Unicode"):
 * well-formed and without control characters other than tab, CR, LF, FF.
 */
export function isUtf16Text(bytes: Uint8Array): boolean {
  if (bytes.length < 2 || bytes.length % 2 !== 0) return false;
  const le = bytes[0] === 0xff && bytes[1] === 0xfe;
  const be = bytes[0] === 0xfe && bytes[1] === 0xff;
  if (!le && !be) return false;
  let text: string;
  try {
    text = new TextDecoder(le ? 'utf-16le' : 'utf-16be', { fatal: true }).decode(bytes);
  } catch {
    return false;
  }
  for (const ch of text) {
    if (isForbiddenControl(ch.codePointAt(0)!)) return false;
  }
  return true;
}

/**
 * Plausible Windows-1252 (German umlauts and ß as single bytes): no control
 * bytes other than tab, CR, LF, FF, no DEL, none of the five undefined bytes
 * (0x80–0x9F are otherwise printable here: €, „, “, –, …), and mostly ASCII,
 * as real Western text is — a blob of high bytes is not text.
 */
export function isWindows1252Text(bytes: Uint8Array): boolean {
  let ascii = 0;
  for (const byte of bytes) {
    if (byte < 0x20 && !TEXT_CONTROLS_ALLOWED.has(byte)) return false;
    if (byte === 0x7f || CP1252_UNDEFINED.has(byte)) return false;
    if (byte < 0x80) ascii++;
  }
  return ascii * 2 >= bytes.length;
}

/** Text as the upload rules understand it: UTF-8, UTF-16 with BOM, or Windows-1252. */
export function isPlainText(bytes: Uint8Array): boolean {
  return isUtf8Text(bytes) || isUtf16Text(bytes) || isWindows1252Text(bytes);
}

export type FileNameResult = { ok: true; value: string } | { ok: false; code: 'upload.bad_name' };

/** C0 and C1 control characters, DEL. */
const CONTROL_CHARACTERS = /[\u0000-\u001F\u007F-\u009F]/u;
/** Bidi embeddings/overrides (U+202A–U+202E) and isolates (U+2066–U+2069): "\u202Efdp.exe" shows as "exe.pdf". */
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/u;
/** Unpaired UTF-16 surrogates cannot be stored or shown. */
const LONE_SURROGATE = /\p{Cs}/u;

/**
 * Checks a file name as given by the browser and returns it NFC-normalised and
 * trimmed. Refused: path separators, "..", control and bidi override
 * characters, names that are empty or only dots/spaces, more than 200 characters.
 */
export function checkFileName(name: string): FileNameResult {
  const bad = { ok: false, code: 'upload.bad_name' } as const;
  if (typeof name !== 'string') return bad;
  const value = name.normalize('NFC').trim();
  if (value === '' || /^[.\s]+$/u.test(value)) return bad;
  if (value.includes('/') || value.includes('\\') || value.includes('..')) return bad;
  if (CONTROL_CHARACTERS.test(value) || BIDI_CONTROLS.test(value) || LONE_SURROGATE.test(value)) return bad;
  if ([...value].length > MAX_FILE_NAME_LENGTH) return bad;
  return { ok: true, value };
}

export type BudgetResult = { ok: true } | { ok: false; code: 'upload.too_many' | 'upload.too_large' };

/**
 * Whether the incoming files may be added to those already uploaded: at most
 * MAX_FILES files and MAX_TOTAL_BYTES bytes together (exactly 10 MiB is fine).
 * Sizes must be non-negative integers (a programming error otherwise).
 */
export function checkUploadBudget(
  existing: readonly number[],
  incoming: readonly number[],
  limits: { maxFiles: number; maxBytes: number } = { maxFiles: MAX_FILES, maxBytes: MAX_TOTAL_BYTES },
): BudgetResult {
  for (const size of [...existing, ...incoming]) {
    if (!Number.isSafeInteger(size) || size < 0) throw new RangeError(`invalid file size: ${size}`);
  }
  if (existing.length + incoming.length > limits.maxFiles) return { ok: false, code: 'upload.too_many' };
  const total = [...existing, ...incoming].reduce((sum, size) => sum + size, 0);
  if (total > limits.maxBytes) return { ok: false, code: 'upload.too_large' };
  return { ok: true };
}

/**
 * Markup and scripts: what a browser, Windows (mshta, wscript) or a shell would run if the file ever
 * reached them as such. Refused in any text upload, whatever its name: a text file of ours is read,
 * never run. Case-insensitive, anywhere in the text (an HTA needs no <html> to run).
 */
const ACTIVE_CONTENT = [
  /<\s*(?:html|head|body|script|svg|iframe|frame|frameset|object|embed|applet|meta|link|style|form|base|math|xml|hta:application)\b/i,
  /<\s*[?!]\s*(?:xml|doctype)/i,
  /<%/,
  /\b(?:java|vb)script\s*:/i,
  /language\s*=\s*["']?\s*(?:vb|j|java)script/i,
  /\bwscript\s*\.|\bcreateobject\s*\(|\bshell\.application\b/i,
  /^\uFEFF?\s*(?:#!|@echo\s+off\b)/i,
];

export function looksLikeActiveContent(text: string): boolean {
  return ACTIVE_CONTENT.some((pattern) => pattern.test(text));
}

/** Control characters a stored text file may not hold: all but tab, LF and CR (C1 included). */
const TEXT_FORBIDDEN_CONTROLS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/u;

/**
 * Plain text is stored only as what it claims to be and is: the name ends in ".txt", the bytes decode
 * as UTF-8 or Windows-1252 (the one decoder of uploaded text) without control bytes other than tab,
 * CR and LF, and nothing in it looks like markup or a script. A VBScript named ".hta" is text to a
 * content check, and this is what stops it.
 */
export function checkUploadedText(name: string, bytes: Uint8Array): { ok: true } | { ok: false; code: 'upload.type_not_allowed' } {
  const refused = { ok: false, code: 'upload.type_not_allowed' } as const;
  if (!/\.txt$/i.test(name)) return refused;
  const decoded = decodeUtf8OrWindows1252(bytes);
  if (!decoded.ok) return refused;
  if (TEXT_FORBIDDEN_CONTROLS.test(decoded.text) || looksLikeActiveContent(decoded.text)) return refused;
  return { ok: true };
}

/** Extensions a name may keep for a detected type (the others are replaced by the detected one). */
const NAME_EXTENSIONS: Readonly<Record<string, readonly string[]>> = {
  jpg: ['jpg', 'jpeg'],
  tif: ['tif', 'tiff'],
  heic: ['heic', 'heif'],
};

/**
 * The name a file is stored and offered under: its base name with the extension of the type its
 * bytes were found to be, so "Bescheinigung.hta" holding a PDF is offered as "Bescheinigung.pdf" and
 * no name can make a download open in another program than its content belongs to.
 */
export function storedFileName(name: string, ext: string): string {
  const dot = name.lastIndexOf('.');
  const current = dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
  if ((NAME_EXTENSIONS[ext] ?? [ext]).includes(current)) return name;
  // a short alphanumeric tail is an extension and is replaced; anything else stays part of the name
  const base = (dot > 0 && /^[a-z0-9]{1,6}$/.test(current) ? name.slice(0, dot) : name).replace(/[.\s]+$/u, '');
  return `${base || 'Datei'}.${ext}`;
}

/** The extension for a type this platform stores or generates; null for any other. */
export function extensionForMime(mime: string): string | null {
  for (const [ext, mimes] of Object.entries(DETECTED_ALLOWED)) if (mimes.includes(mime)) return ext;
  return ({ 'text/plain': 'txt', 'text/csv': 'csv', 'application/json': 'json' } as Record<string, string>)[mime] ?? null;
}

export type UploadCheck = { ok: true; name: string; ext: string; mime: string } | { ok: false; code: UploadErrorCode };

/** All checks of one uploaded file, in order: the name, the content, the text rules; and the name to store. */
export async function checkUpload(name: string, bytes: Uint8Array): Promise<UploadCheck> {
  const checkedName = checkFileName(name);
  if (!checkedName.ok) return checkedName;
  const type = await sniffUploadType(bytes);
  if (!type.ok) return type;
  if (type.ext === 'txt') {
    const text = checkUploadedText(checkedName.value, bytes);
    if (!text.ok) return text;
  }
  return { ok: true, name: storedFileName(checkedName.value, type.ext), ext: type.ext, mime: type.mime };
}
