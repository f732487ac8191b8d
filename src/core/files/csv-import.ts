/**
 * The rules every CSV import of the back office follows (the IK register, the insured persons): pure
 * parsing and checking of an uploaded file, all rows or the errors by line; nothing here touches the
 * database. Each import brings its columns, the check of one row and the codes of its messages.
 *
 * - text in UTF-8 (with or without BOM) or Windows-1252 (what German Excel writes as "CSV (Trennzeichen-getrennt)");
 *   UTF-16, binary data, NUL and other control bytes are refused;
 * - one header row, then one record per line; fields separated by `;` or `,` (taken from the header
 *   line; an Excel hint line `sep=;` before the header is understood), quoted with `"` where needed;
 * - column names case-insensitive, order free; empty lines and lines of empty fields are skipped.
 *
 * A record is one line: no field may hold a line break (control characters are refused anyway).
 * csv-parse reads the whole text at once; when that fails or a record spans lines, every line is
 * parsed on its own, so a broken line is reported with its own number instead of swallowing the
 * lines after it.
 */
import { parse } from 'csv-parse/sync';
import { decodeUtf8OrWindows1252 } from './text-encoding.ts';

/** `line` 0 means the whole file (encoding, empty, too many rows). */
export interface CsvError<C extends string> {
  line: number;
  code: C;
  detail?: string;
}

export type CsvParseResult<R, C extends string> = { ok: true; rows: R[] } | { ok: false; errors: CsvError<C>[]; truncated: boolean };

/** The codes an import names its file-level and line-level problems by. */
export interface CsvCodes<C extends string> {
  encoding: C;
  empty: C;
  header: C;
  tooManyRows: C;
  brokenLine: C;
  fieldCount: C;
  duplicate: C;
}

/** The codes of an import whose messages are named `<prefix>.encoding`, `<prefix>.too_many_rows`, … (ik_import, insured_import). */
export function csvCodes<P extends string>(prefix: P) {
  return {
    encoding: `${prefix}.encoding`,
    empty: `${prefix}.empty`,
    header: `${prefix}.header`,
    tooManyRows: `${prefix}.too_many_rows`,
    brokenLine: `${prefix}.broken_line`,
    fieldCount: `${prefix}.field_count`,
    duplicate: `${prefix}.duplicate`,
  } as const;
}

export interface CsvImportSpec<Col extends string, R, C extends string> {
  /** the documented header, in the documented order */
  columns: readonly Col[];
  required: readonly Col[];
  /** header names as written (lower case) → column */
  headerNames: Record<string, Col>;
  maxRows: number;
  maxErrors: number;
  codes: CsvCodes<C>;
  /** one record's values by column: the row, or the errors of its line */
  checkRow(line: number, values: Partial<Record<Col, string>>): { row: R | null; errors: CsvError<C>[] };
  /** what two lines may not share (the IK, the KVNR) */
  key(row: R): string;
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
function readHeader<Col extends string>(fields: string[], spec: Pick<CsvImportSpec<Col, unknown, string>, 'columns' | 'required' | 'headerNames'>): { ok: true; columns: (Col | null)[] } | { ok: false; details: string[] } {
  const details: string[] = [];
  const columns: (Col | null)[] = [];
  const seen = new Set<Col>();
  for (const raw of fields) {
    const name = raw.normalize('NFC').trim();
    const column = Object.hasOwn(spec.headerNames, name.toLowerCase()) ? spec.headerNames[name.toLowerCase()]! : null;
    if (!column) details.push(name === '' ? 'Spalte ohne Namen' : `unbekannte Spalte „${name.slice(0, 40)}“`);
    else if (seen.has(column)) details.push(`Spalte ${column} doppelt`);
    else seen.add(column);
    columns.push(column);
  }
  if (seen.size === 0) return { ok: false, details: [`keine Kopfzeile; erwartet: ${spec.columns.join(';')}`] };
  for (const r of spec.required) if (!seen.has(r)) details.push(`Spalte ${r} fehlt`);
  return details.length ? { ok: false, details } : { ok: true, columns };
}

/** Parses and checks an uploaded file against an import's spec: all rows, or the errors by line (at most `maxErrors`). */
export function parseCsvImport<Col extends string, R, C extends string>(bytes: Uint8Array, spec: CsvImportSpec<Col, R, C>): CsvParseResult<R, C> {
  const { codes } = spec;
  const fail = (errors: CsvError<C>[]): CsvParseResult<R, C> => ({ ok: false, errors, truncated: false });
  if (bytes.length === 0) return fail([{ line: 0, code: codes.empty }]);
  const decoded = decodeUtf8OrWindows1252(bytes);
  if (!decoded.ok) return fail([{ line: decoded.line, code: codes.encoding, ...(decoded.detail ? { detail: decoded.detail } : {}) }]);
  const lines = decoded.text.split(/\r\n|\n|\r/);

  let i = 0;
  while (i < lines.length && lines[i]!.trim() === '') i++;
  let delimiter: string | null = null;
  const hint = /^sep=([;,])$/i.exec(lines[i]?.trim() ?? '');
  if (hint) {
    delimiter = hint[1]!;
    i++;
  }
  if (i >= lines.length) return fail([{ line: 0, code: codes.empty }]);
  const headerLine = i + 1;
  delimiter ??= delimiterOf(lines[i]!);
  const headerFields = fieldsOf(lines[i]!, delimiter);
  if (!headerFields.ok) return fail([{ line: headerLine, code: codes.header, detail: headerFields.detail }]);
  const header = readHeader(headerFields.fields, spec);
  if (!header.ok) return fail(header.details.slice(0, spec.maxErrors).map((detail) => ({ line: headerLine, code: codes.header, detail })));
  const { columns } = header;

  // count before checking: a file far over the limit is refused without the work
  let count = 0;
  for (let j = i + 1; j < lines.length; j++) if (lines[j]!.trim() !== '') count++;
  if (count > spec.maxRows) return fail([{ line: 0, code: codes.tooManyRows, detail: `${count} Zeilen` }]);

  const rows: R[] = [];
  const errors: CsvError<C>[] = [];
  let errorCount = 0;
  const report = (more: CsvError<C>[]) => {
    errorCount += more.length;
    for (const e of more) if (errors.length < spec.maxErrors) errors.push(e);
  };
  const firstLineOf = new Map<string, number>();

  for (const entry of dataLines(decoded.text, lines, headerLine, delimiter)) {
    const { line } = entry;
    if ('broken' in entry) {
      report([{ line, code: codes.brokenLine, detail: entry.broken }]);
      continue;
    }
    if (isBlank(entry.fields)) continue;
    if (entry.fields.length !== columns.length) {
      report([{ line, code: codes.fieldCount, detail: `${entry.fields.length} statt ${columns.length} Felder` }]);
      continue;
    }
    const values: Partial<Record<Col, string>> = {};
    columns.forEach((c, k) => {
      if (c) values[c] = entry.fields[k]!;
    });
    const checked = spec.checkRow(line, values);
    if (!checked.row) {
      report(checked.errors);
      continue;
    }
    const key = spec.key(checked.row);
    const first = firstLineOf.get(key);
    if (first !== undefined) {
      report([{ line, code: codes.duplicate, detail: `erstmals in Zeile ${first}` }]);
      continue;
    }
    firstLineOf.set(key, line);
    rows.push(checked.row);
  }

  if (errorCount) return { ok: false, errors, truncated: errorCount > errors.length };
  if (rows.length === 0) return fail([{ line: 0, code: codes.empty }]);
  return { ok: true, rows };
}
