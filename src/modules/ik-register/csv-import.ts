/**
 * The IK register's import file (Gesundheitspartnerservice, manual 002): pure parsing and
 * checking of an uploaded CSV, nothing here touches the database.
 *
 * Format, as documented on the back-office page:
 * - text in UTF-8 (with or without BOM) or Windows-1252 (what German Excel writes as "CSV (Trennzeichen-getrennt)");
 *   UTF-16, binary data, NUL and other control bytes are refused;
 * - one header row, then one institution per line; fields separated by `;` or `,` (taken from the
 *   header line; an Excel hint line `sep=;` before the header is understood), quoted with `"` where needed;
 * - columns, names case-insensitive, order free: IK, Name (required), Strasse (or Straße), PLZ, Ort,
 *   Klassifikation, Landesteil (optional; empty, Rheinland or Westfalen-Lippe, for IK region 05);
 * - empty lines and lines of empty fields are skipped; at most 100 000 institutions.
 *
 * A record is one line: no field may hold a line break (control characters are refused anyway).
 * csv-parse reads the whole text at once; when that fails or a record spans lines, every line is
 * parsed on its own, so a broken line is reported with its own number instead of swallowing the
 * lines after it.
 */
import { parse } from 'csv-parse/sync';
import { checkIk, checkPostleitzahl } from '../../core/identifiers/checks.ts';
import { decodeUtf8OrWindows1252 } from '../../core/files/text-encoding.ts';
import { textField } from '../../core/http/forms.ts';
import type { IdentifierCode } from '../../core/identifiers/checks.ts';
import type { IkImportCode } from './messages.ts';

export const MAX_ROWS = 100_000;
export const MAX_ERRORS = 100;
export const MAX_NAME = 200;
export const MAX_ADDRESS = 200;
export const MAX_CLASSIFICATION = 100;

import type { RegionPart } from '../../core/db/values.ts';
export type { RegionPart };

/** What the register holds of one IK, as the file gives it. */
export interface IkFields {
  ik: string;
  name: string;
  street: string;
  postalCode: string;
  city: string;
  classification: string;
  regionPart: RegionPart | null;
}

export interface IkRow extends IkFields {
  /** line in the file (the header is line 1 when nothing precedes it) */
  line: number;
}

/** `line` 0 means the whole file (encoding, empty, too many rows). */
export interface ImportError {
  line: number;
  code: IkImportCode | IdentifierCode;
  detail?: string;
}

export type ParseResult = { ok: true; rows: IkRow[] } | { ok: false; errors: ImportError[]; truncated: boolean };

/** The documented header, in the documented order. */
export const COLUMNS = ['IK', 'Name', 'Strasse', 'PLZ', 'Ort', 'Klassifikation', 'Landesteil'] as const;
type Column = (typeof COLUMNS)[number];
const REQUIRED: readonly Column[] = ['IK', 'Name'];

const HEADER_NAMES: Record<string, Column> = {
  ik: 'IK',
  name: 'Name',
  strasse: 'Strasse',
  'straße': 'Strasse',
  plz: 'PLZ',
  ort: 'Ort',
  klassifikation: 'Klassifikation',
  landesteil: 'Landesteil',
};

const REGION_PARTS: Record<string, RegionPart> = { rheinland: 'rheinland', 'westfalen-lippe': 'westfalen-lippe' };

type Decoded = { ok: true; text: string } | { ok: false; error: ImportError };

/** UTF-8 or Windows-1252 (core/files/text-encoding.ts), refused otherwise with the line. */
export function decodeCsv(bytes: Uint8Array): Decoded {
  const decoded = decodeUtf8OrWindows1252(bytes);
  if (decoded.ok) return decoded;
  return { ok: false, error: { line: decoded.line, code: 'ik_import.encoding', ...(decoded.detail ? { detail: decoded.detail } : {}) } };
}

/** `;` unless the header line has more commas than semicolons. */
function delimiterOf(headerLine: string): ';' | ',' {
  const semicolons = headerLine.split(';').length - 1;
  const commas = headerLine.split(',').length - 1;
  return commas > semicolons ? ',' : ';';
}

type Fields = { ok: true; fields: string[] } | { ok: false; detail: string };

const QUOTE_DETAIL: Record<string, string> = {
  CSV_QUOTE_NOT_CLOSED: 'Anführungszeichen nicht geschlossen',
  CSV_INVALID_CLOSING_QUOTE: 'Text nach schließendem Anführungszeichen',
  CSV_INVALID_OPENING_QUOTE: 'Anführungszeichen mitten im Feld',
};

/**
 * The fields of one line, for the line-by-line pass. A line without quotes is split as csv-parse
 * would split it; a line with quotes goes through csv-parse.
 */
function fieldsOf(line: string, delimiter: string): Fields {
  if (!line.includes('"')) return { ok: true, fields: line.split(delimiter) };
  try {
    const records = parse(line, { delimiter, relax_column_count: true }) as string[][];
    if (records.length !== 1) return { ok: false, detail: 'mehr als ein Datensatz' };
    return { ok: true, fields: records[0]! };
  } catch (error) {
    const code = (error as { code?: string }).code ?? '';
    return { ok: false, detail: QUOTE_DETAIL[code] ?? 'fehlerhafte Anführungszeichen' };
  }
}

const isBlank = (fields: string[]) => fields.every((f) => f.trim() === '');

type Line = { line: number; fields: string[] } | { line: number; broken: string };

/**
 * The data lines after the header. Fast path: csv-parse over the whole text, each record with the
 * line it was read from. Should a record be broken or span lines (a quote left open swallows the
 * lines after it), every line is parsed on its own instead, so each error names its own line.
 */
function dataLines(text: string, lines: string[], headerLine: number, delimiter: string): Line[] {
  try {
    const records = parse(text, { delimiter, relax_column_count: true, skip_empty_lines: true, info: true }) as unknown as { record: string[]; info: { lines: number } }[];
    const out: Line[] = [];
    let last = 0;
    let whole = true;
    for (const { record, info } of records) {
      if (info.lines <= last || info.lines > lines.length || lines[info.lines - 1]!.trim() === '' || record.some((f) => f.includes('\n') || f.includes('\r'))) {
        whole = false;
        break;
      }
      last = info.lines;
      if (info.lines > headerLine) out.push({ line: info.lines, fields: record });
    }
    if (whole) return out;
  } catch {
    // broken somewhere: the line-by-line pass below says where
  }
  const out: Line[] = [];
  for (let j = headerLine; j < lines.length; j++) {
    if (lines[j]!.trim() === '') continue;
    const parsed = fieldsOf(lines[j]!, delimiter);
    out.push(parsed.ok ? { line: j + 1, fields: parsed.fields } : { line: j + 1, broken: parsed.detail });
  }
  return out;
}

/** The header's columns by position, or what is wrong with it. */
function readHeader(fields: string[]): { ok: true; columns: (Column | null)[] } | { ok: false; details: string[] } {
  const details: string[] = [];
  const columns: (Column | null)[] = [];
  const seen = new Set<Column>();
  for (const raw of fields) {
    const name = raw.normalize('NFC').trim();
    const column = HEADER_NAMES[name.toLowerCase()] ?? null;
    if (!column) details.push(name === '' ? 'Spalte ohne Namen' : `unbekannte Spalte „${name.slice(0, 40)}“`);
    else if (seen.has(column)) details.push(`Spalte ${column} doppelt`);
    else seen.add(column);
    columns.push(column);
  }
  if (seen.size === 0) return { ok: false, details: [`keine Kopfzeile; erwartet: ${COLUMNS.join(';')}`] };
  for (const r of REQUIRED) if (!seen.has(r)) details.push(`Spalte ${r} fehlt`);
  return details.length ? { ok: false, details } : { ok: true, columns };
}

/** Checks one institution; returns the row or the errors of its line. */
function checkRow(line: number, values: Partial<Record<Column, string>>): { row: IkRow | null; errors: ImportError[] } {
  const errors: ImportError[] = [];
  const fail = (code: ImportError['code'], detail?: string) => errors.push({ line, code, ...(detail ? { detail } : {}) });

  const ik = checkIk(values.IK);
  if (!ik.ok) fail(ik.code);

  const text = (column: Column, max: number, required = false) => {
    const r = textField(values[column], { max, required });
    if (r.ok) return r.value;
    if (r.code === 'field.required') fail('ik_import.name');
    else fail(r.code === 'field.too_long' ? 'ik_import.too_long' : 'ik_import.invalid_chars', `Spalte ${column}`);
    return '';
  };
  const name = text('Name', MAX_NAME, true);
  const street = text('Strasse', MAX_ADDRESS);
  const city = text('Ort', MAX_ADDRESS);
  const classification = text('Klassifikation', MAX_CLASSIFICATION);

  const plz = (values.PLZ ?? '').trim();
  if (plz !== '' && !checkPostleitzahl(plz).ok) fail('ik_import.postal_code');

  const part = (values.Landesteil ?? '').trim().toLowerCase();
  const regionPart = part === '' ? null : (REGION_PARTS[part] ?? null);
  if (part !== '' && !regionPart) fail('ik_import.region_part');

  if (errors.length || !ik.ok) return { row: null, errors };
  return { row: { line, ik: ik.value, name, street, postalCode: plz, city, classification, regionPart }, errors };
}

/** Parses and checks an uploaded IK register file; all rows or the errors by line (at most 100). */
export function parseIkRegisterCsv(bytes: Uint8Array): ParseResult {
  if (bytes.length === 0) return { ok: false, errors: [{ line: 0, code: 'ik_import.empty' }], truncated: false };
  const decoded = decodeCsv(bytes);
  if (!decoded.ok) return { ok: false, errors: [decoded.error], truncated: false };
  const lines = decoded.text.split(/\r\n|\n|\r/);

  let i = 0;
  while (i < lines.length && lines[i]!.trim() === '') i++;
  let delimiter: string | null = null;
  const hint = /^sep=([;,])$/i.exec(lines[i]?.trim() ?? '');
  if (hint) {
    delimiter = hint[1]!;
    i++;
  }
  if (i >= lines.length) return { ok: false, errors: [{ line: 0, code: 'ik_import.empty' }], truncated: false };
  const headerLine = i + 1;
  delimiter ??= delimiterOf(lines[i]!);
  const headerFields = fieldsOf(lines[i]!, delimiter);
  if (!headerFields.ok) return { ok: false, errors: [{ line: headerLine, code: 'ik_import.header', detail: headerFields.detail }], truncated: false };
  const header = readHeader(headerFields.fields);
  if (!header.ok) return { ok: false, errors: header.details.slice(0, MAX_ERRORS).map((detail) => ({ line: headerLine, code: 'ik_import.header', detail })), truncated: false };
  const { columns } = header;

  // count before checking: a file far over the limit is refused without the work
  let count = 0;
  for (let j = i + 1; j < lines.length; j++) if (lines[j]!.trim() !== '') count++;
  if (count > MAX_ROWS) return { ok: false, errors: [{ line: 0, code: 'ik_import.too_many_rows', detail: `${count} Zeilen` }], truncated: false };

  const rows: IkRow[] = [];
  const errors: ImportError[] = [];
  let errorCount = 0;
  const report = (more: ImportError[]) => {
    errorCount += more.length;
    for (const e of more) if (errors.length < MAX_ERRORS) errors.push(e);
  };
  const firstLineOf = new Map<string, number>();

  for (const entry of dataLines(decoded.text, lines, headerLine, delimiter)) {
    const { line } = entry;
    if ('broken' in entry) {
      report([{ line, code: 'ik_import.broken_line', detail: entry.broken }]);
      continue;
    }
    if (isBlank(entry.fields)) continue;
    if (entry.fields.length !== columns.length) {
      report([{ line, code: 'ik_import.field_count', detail: `${entry.fields.length} statt ${columns.length} Felder` }]);
      continue;
    }
    const values: Partial<Record<Column, string>> = {};
    columns.forEach((c, k) => {
      if (c) values[c] = entry.fields[k]!;
    });
    const checked = checkRow(line, values);
    if (!checked.row) {
      report(checked.errors);
      continue;
    }
    const first = firstLineOf.get(checked.row.ik);
    if (first !== undefined) {
      report([{ line, code: 'ik_import.duplicate', detail: `erstmals in Zeile ${first}` }]);
      continue;
    }
    firstLineOf.set(checked.row.ik, line);
    rows.push(checked.row);
  }

  if (errorCount) return { ok: false, errors, truncated: errorCount > errors.length };
  if (rows.length === 0) return { ok: false, errors: [{ line: 0, code: 'ik_import.empty' }], truncated: false };
  return { ok: true, rows };
}
