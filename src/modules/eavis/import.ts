/**
 * Importing payment advices from a file, all or nothing: one bad row or advice and nothing
 * is published; every problem is reported with its line (CSV) or its index (JSON).
 *
 * CSV ("Zahlungsavise importieren"): separator ";", UTF-8 (with or without BOM) or
 * Windows-1252, the first line holds the column names, then one line per item; the advice
 * columns are repeated on every line of the same advice (same IK and Avisnummer):
 *
 *   IK;Avisnummer;Avisdatum;Valutadatum;Zahler;IBAN;Gesamtbetrag;Rechnungsnummer;Rechnungsdatum;Rechnungsbetrag;Zahlbetrag;Abzug;Abzugsgrund;Referenz
 *   260326822;ZA-2026/0001;20.11.2026;23.11.2026;AOK Bayern;DE89370400440532013000;1.500,00;R-1001;01.10.2026;1.000,00;900,00;100,00;Kürzung laut Prüfung;A-77
 *   260326822;ZA-2026/0001;20.11.2026;23.11.2026;AOK Bayern;DE89370400440532013000;1.500,00;R-1002;02.10.2026;600,00;600,00;;;
 *
 * Dates DD.MM.YYYY or YYYY-MM-DD; amounts in euros with a decimal comma ("1.234,56"; "1234.56"
 * is read too); Abzug, Abzugsgrund and Referenz may be empty (no deduction: Abzug 0).
 *
 * JSON: an array of advices in the model's shape (model.ts AdviceInput), amounts in cents:
 *   [{ "ik": "260326822", "adviceNumber": "ZA-2026/0001", "adviceDate": "2026-11-20",
 *      "valueDate": "2026-11-23", "payer": "AOK Bayern", "iban": "DE89370400440532013000",
 *      "totalCents": 150000, "items": [{ "invoiceNumber": "R-1001", "invoiceDate": "2026-10-01",
 *      "invoicedCents": 100000, "paidCents": 90000, "deductionCents": 10000,
 *      "deductionReason": "Kürzung laut Prüfung", "reference": "A-77" }] }]
 */
import { parse } from 'csv-parse/sync';
import { decodeUtf8OrWindows1252 } from '../../core/files/text-encoding.ts';
import { FIELD_LABELS, checkAdvice, fieldLabel, parseMoney, type AdviceInput, type AdviceItemInput, type EavisCode } from './model.ts';
import type { ErrorCode } from '../../core/errors/app-error.ts';

export const CSV_COLUMNS = [
  'IK',
  'Avisnummer',
  'Avisdatum',
  'Valutadatum',
  'Zahler',
  'IBAN',
  'Gesamtbetrag',
  'Rechnungsnummer',
  'Rechnungsdatum',
  'Rechnungsbetrag',
  'Zahlbetrag',
  'Abzug',
  'Abzugsgrund',
  'Referenz',
] as const;

type Column = (typeof CSV_COLUMNS)[number];

/** The columns that describe the advice and repeat on each of its lines. */
const ADVICE_COLUMNS: Column[] = ['IK', 'Avisnummer', 'Avisdatum', 'Valutadatum', 'Zahler', 'IBAN', 'Gesamtbetrag'];

/** Model field → CSV column, for reporting a problem at its column: the columns carry the fields' German labels. */
const COLUMN_OF = (field: string): Column | undefined => ((CSV_COLUMNS as readonly string[]).includes(FIELD_LABELS[field] ?? '') ? (FIELD_LABELS[field] as Column) : undefined);

export const MAX_IMPORT_ROWS = 5000;
export const MAX_IMPORT_ADVICES = 1000;

/** A problem of an import: the CSV line (1 = the header) or the JSON index (0-based), the field and its code. */
export interface ImportProblem {
  line?: number;
  index?: number;
  /** model field (items.N.x for an item) or "datei" for the file as a whole */
  field: string;
  /** what a reader sees: the CSV column, or the field's German label */
  label: string;
  code: ErrorCode;
}

export type ImportResult =
  | { ok: true; source: 'csv' | 'json'; advices: AdviceInput[]; /** per advice: its first CSV line, or its JSON index */ origins: number[] }
  | { ok: false; source: 'csv' | 'json' | null; problems: ImportProblem[] };

/** The text of an uploaded file: UTF-8 or Windows-1252 (core/files/text-encoding.ts); null for anything else. */
export function decodeText(bytes: Uint8Array): string | null {
  const decoded = decodeUtf8OrWindows1252(bytes);
  return decoded.ok ? decoded.text : null;
}

const norm = (s: string) => s.trim().toLowerCase();

/** Reads the CSV format above into advice inputs (amounts converted to cents), then checks each advice. */
export function importCsv(bytes: Uint8Array): ImportResult {
  const fail = (problems: ImportProblem[]): ImportResult => ({ ok: false, source: 'csv', problems });
  const fileProblem = (code: EavisCode, line?: number): ImportProblem => ({ line, field: 'datei', label: line ? `Zeile ${line}` : 'Datei', code });
  const text = decodeText(bytes);
  if (text === null) return fail([fileProblem('eavis.encoding')]);
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, { delimiter: ';', relax_column_count: true, skip_empty_lines: true, info: true, bom: true, trim: true }) as unknown as typeof records;
  } catch (error) {
    const line = typeof (error as { lines?: unknown }).lines === 'number' ? (error as { lines: number }).lines : undefined;
    return fail([fileProblem('eavis.csv_malformed', line)]);
  }
  // a line of only separators (a spreadsheet's empty row) counts as empty
  records = records.filter((r) => r.record.some((cell) => cell !== ''));
  if (records.length === 0) return fail([fileProblem('eavis.file_empty')]);
  const header = records[0]!.record.map(norm);
  const index = {} as Record<Column, number>;
  for (const c of CSV_COLUMNS) index[c] = header.indexOf(norm(c));
  if (CSV_COLUMNS.some((c) => index[c] < 0) || header.length !== CSV_COLUMNS.length) return fail([fileProblem('eavis.csv_header', records[0]!.info.lines)]);
  const rows = records.slice(1);
  if (rows.length === 0) return fail([fileProblem('eavis.file_empty')]);
  if (rows.length > MAX_IMPORT_ROWS) return fail([fileProblem('eavis.too_many_rows')]);

  const problems: ImportProblem[] = [];
  const at = (line: number, column: Column, code: ErrorCode) => problems.push({ line, field: column, label: column, code });

  interface Group {
    key: string;
    first: number;
    adviceCells: string[];
    advice: Omit<AdviceInput, 'totalCents' | 'items'> & { totalCents: number | undefined };
    items: (AdviceItemInput | null)[];
    lines: number[];
  }
  const groups = new Map<string, Group>();
  for (const { record, info } of rows) {
    const line = info.lines;
    if (record.length !== CSV_COLUMNS.length) {
      problems.push(fileProblem('eavis.csv_columns', line));
      continue;
    }
    const cell = (c: Column) => record[index[c]] ?? '';
    const key = `${cell('IK').replace(/\s/g, '')}|${cell('Avisnummer')}`;
    const adviceCells = ADVICE_COLUMNS.map(cell);
    let group = groups.get(key);
    if (!group) {
      const total = parseMoney(cell('Gesamtbetrag'));
      if (!total.ok) at(line, 'Gesamtbetrag', total.code);
      group = {
        key,
        first: line,
        adviceCells,
        advice: { ik: cell('IK'), adviceNumber: cell('Avisnummer'), adviceDate: cell('Avisdatum'), valueDate: cell('Valutadatum'), payer: cell('Zahler'), iban: cell('IBAN'), totalCents: total.ok ? total.cents : undefined },
        items: [],
        lines: [],
      };
      groups.set(key, group);
    } else if (adviceCells.some((v, i) => v !== group!.adviceCells[i])) {
      problems.push({ line, field: 'advice', label: `Zeile ${line}`, code: 'eavis.csv_inconsistent' });
      continue;
    }
    const invoiced = parseMoney(cell('Rechnungsbetrag'));
    const paid = parseMoney(cell('Zahlbetrag'));
    const deduction = cell('Abzug') === '' ? ({ ok: true, cents: 0 } as const) : parseMoney(cell('Abzug'));
    if (!invoiced.ok) at(line, 'Rechnungsbetrag', invoiced.code);
    if (!paid.ok) at(line, 'Zahlbetrag', paid.code);
    if (!deduction.ok) at(line, 'Abzug', deduction.code);
    group.lines.push(line);
    group.items.push(
      invoiced.ok && paid.ok && deduction.ok
        ? { invoiceNumber: cell('Rechnungsnummer'), invoiceDate: cell('Rechnungsdatum'), invoicedCents: invoiced.cents, paidCents: paid.cents, deductionCents: deduction.cents, deductionReason: cell('Abzugsgrund') || null, reference: cell('Referenz') || null }
        : null,
    );
  }
  if (groups.size > MAX_IMPORT_ADVICES) return fail([fileProblem('eavis.too_many_rows')]);

  const advices: AdviceInput[] = [];
  const origins: number[] = [];
  for (const group of groups.values()) {
    // an amount that could not be read is reported above; the rest of the advice is still checked
    const input = { ...group.advice, items: group.items.map((item) => item ?? { invoiceNumber: 'x', invoiceDate: '1900-01-01', invoicedCents: 0, paidCents: 0 }) };
    const checked = checkAdvice({ ...input, totalCents: input.totalCents ?? 0 });
    const broken = group.advice.totalCents === undefined || group.items.some((i) => i === null);
    if (!checked.ok) {
      for (const p of checked.problems) {
        const m = p.field.match(/^items\.(\d+)\.(\w+)$/);
        const itemIndex = m ? Number(m[1]) : -1;
        // problems that follow from an unreadable amount (sums) are not reported twice
        if (broken && (p.code === 'eavis.sum_mismatch' || p.code === 'eavis.item_sum_mismatch')) continue;
        if (m && group.items[itemIndex] === null) continue;
        const line = m ? group.lines[itemIndex]! : group.first;
        const column = COLUMN_OF(m ? m[2]! : p.field);
        problems.push({ line, field: column ?? p.field, label: column ?? fieldLabel(p.field), code: p.code });
      }
    }
    advices.push(input as AdviceInput);
    origins.push(group.first);
  }
  if (problems.length) return fail(problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0)));
  return { ok: true, source: 'csv', advices, origins };
}

/** Reads a JSON array of advices (amounts in cents) and checks each. */
export function importJson(bytes: Uint8Array): ImportResult {
  const fail = (problems: ImportProblem[]): ImportResult => ({ ok: false, source: 'json', problems });
  const file = (code: EavisCode): ImportProblem => ({ field: 'datei', label: 'Datei', code });
  let data: unknown;
  const text = decodeText(bytes);
  if (text === null) return fail([file('eavis.encoding')]);
  try {
    data = JSON.parse(text);
  } catch {
    return fail([file('eavis.json_malformed')]);
  }
  if (!Array.isArray(data)) return fail([file('eavis.json_not_array')]);
  if (data.length === 0) return fail([file('eavis.file_empty')]);
  const itemCount = data.reduce<number>((n, a) => n + (a && typeof a === 'object' && Array.isArray((a as { items?: unknown }).items) ? (a as { items: unknown[] }).items.length : 0), 0);
  if (data.length > MAX_IMPORT_ADVICES || itemCount > MAX_IMPORT_ROWS) return fail([file('eavis.too_many_rows')]);
  const problems: ImportProblem[] = [];
  data.forEach((advice, index) => {
    const checked = checkAdvice(advice);
    if (!checked.ok) for (const p of checked.problems) problems.push({ index, field: p.field, label: fieldLabel(p.field), code: p.code });
  });
  if (problems.length) return fail(problems);
  return { ok: true, source: 'json', advices: data as AdviceInput[], origins: data.map((_, i) => i) };
}

/** CSV or JSON by the file's name, else by its first character. */
export function importAdvices(file: { name: string; bytes: Uint8Array }): ImportResult {
  const name = file.name.toLowerCase();
  if (file.bytes.length === 0) return { ok: false, source: null, problems: [{ field: 'datei', label: 'Datei', code: 'eavis.file_empty' }] };
  if (name.endsWith('.json')) return importJson(file.bytes);
  if (name.endsWith('.csv') || name.endsWith('.txt')) return importCsv(file.bytes);
  const start = new TextDecoder('latin1').decode(file.bytes.subarray(0, 64)).replace(/^\uFEFF|^\u00EF\u00BB\u00BF/, '').trimStart()[0];
  if (start === '[' || start === '{') return importJson(file.bytes);
  if (/\.[a-z0-9]+$/.test(name)) return { ok: false, source: null, problems: [{ field: 'datei', label: 'Datei', code: 'eavis.file_type' }] };
  return importCsv(file.bytes);
}

/** "Zeile 3, Zahlbetrag" / "Avis 2, Position 1: Zahlbetrag" / "Datei". */
export function problemWhere(p: ImportProblem): string {
  if (p.line !== undefined) return p.label.startsWith('Zeile') ? p.label : `Zeile ${p.line}, ${p.label}`;
  if (p.index !== undefined) return p.field === 'advice' ? `Avis ${p.index + 1}` : `Avis ${p.index + 1}, ${p.label}`;
  return p.label;
}
