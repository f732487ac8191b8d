/**
 * The IK register's import file (Gesundheitspartnerservice, manual 002): pure parsing and
 * checking of an uploaded CSV, nothing here touches the database. The file rules every import
 * shares (encoding, delimiter, header, one record a line, errors by line) are in
 * core/files/csv-import.ts; here are the register's columns and the check of one institution.
 *
 * Columns, names case-insensitive, order free: IK, Name (required), Strasse (or Straße), PLZ, Ort,
 * Klassifikation, Landesteil (optional; empty, Rheinland or Westfalen-Lippe, for IK region 05);
 * at most 100 000 institutions.
 */
import { checkIk, checkPostleitzahl } from '../../core/identifiers/checks.ts';
import { csvCodes, parseCsvImport, type CsvError, type CsvParseResult } from '../../core/files/csv-import.ts';
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
export type ImportError = CsvError<IkImportCode | IdentifierCode>;

export type ParseResult = CsvParseResult<IkRow, ImportError['code']>;

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
  return parseCsvImport(bytes, {
    columns: COLUMNS,
    required: REQUIRED,
    headerNames: HEADER_NAMES,
    maxRows: MAX_ROWS,
    maxErrors: MAX_ERRORS,
    codes: csvCodes('ik_import'),
    checkRow,
    key: (row) => row.ik,
  });
}
