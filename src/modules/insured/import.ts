import { sql } from 'kysely';
import type { Db } from '../../core/db/database.ts';
import type { Clock } from '../../core/clock/clock.ts';
import type { Audit } from '../../core/audit/audit.ts';
import type { Insurer } from '../../core/config/insurers.ts';
import { AppError, type ErrorCode } from '../../core/errors/app-error.ts';
import { csvCodes, parseCsvImport, type CsvError, type CsvParseResult } from '../../core/files/csv-import.ts';
import { newId } from '../../core/ids/secrets.ts';
import { t } from '../../core/i18n/de.ts';
import { checkPerson, type PersonField, type PersonFields } from './fields.ts';
import type { InsuredActor } from './service.ts';

export const MAX_ROWS = 100_000;
export const MAX_ERRORS = 100;
/** rows per statement (as arrays, so the parameter count stays small) */
const BATCH = 5000;

/** The documented header, in the documented order: five required columns, then the optional address. */
export const COLUMNS = ['KVNR', 'Name', 'Vorname', 'Geburtsdatum', 'E-Mail', 'Straße', 'PLZ', 'Ort'] as const;
const REQUIRED = ['KVNR', 'Name', 'Vorname', 'Geburtsdatum', 'E-Mail'] as const;
type Column = (typeof COLUMNS)[number];
const FIELD_OF: Record<Column, PersonField> = { KVNR: 'kvnr', Name: 'lastName', Vorname: 'firstName', Geburtsdatum: 'birthDate', 'E-Mail': 'email', Straße: 'street', PLZ: 'postalCode', Ort: 'city' };
const HEADER_NAMES: Record<string, Column> = {
  kvnr: 'KVNR',
  versichertennummer: 'KVNR',
  name: 'Name',
  nachname: 'Name',
  vorname: 'Vorname',
  geburtsdatum: 'Geburtsdatum',
  'e-mail': 'E-Mail',
  email: 'E-Mail',
  straße: 'Straße',
  strasse: 'Straße',
  'straße und hausnummer': 'Straße',
  'strasse und hausnummer': 'Straße',
  plz: 'PLZ',
  postleitzahl: 'PLZ',
  ort: 'Ort',
  wohnort: 'Ort',
};

export type ImportError = CsvError<ErrorCode>;
export type ImportRow = PersonFields & { line: number };
export type ImportResult = { ok: true; inserted: number; updated: number } | { ok: false; errors: ImportError[]; truncated: boolean };

/** "Zeile 7: Die Prüfziffer … (Spalte KVNR)"; line 0 is the whole file. */
export function describeImportError(e: ImportError): string {
  return `${e.line > 0 ? `Zeile ${e.line}: ` : ''}${t(e.code)}${e.detail ? ` (${e.detail})` : ''}`;
}

/** Parses and checks a file of insured persons; every field of a line by the same rules as the form. */
export function parseInsuredCsv(bytes: Uint8Array, today: string): CsvParseResult<ImportRow, ErrorCode> {
  return parseCsvImport<Column, ImportRow, ErrorCode>(bytes, {
    columns: COLUMNS,
    required: REQUIRED,
    headerNames: HEADER_NAMES,
    maxRows: MAX_ROWS,
    maxErrors: MAX_ERRORS,
    codes: csvCodes('insured_import'),
    checkRow(line, values) {
      const checked = checkPerson(Object.fromEntries(COLUMNS.map((c) => [FIELD_OF[c], values[c]])), today);
      if (checked.ok) return { row: { ...checked.value, line }, errors: [] };
      const errors = COLUMNS.flatMap((c) => {
        const code = checked.errors[FIELD_OF[c]];
        return code ? [{ line, code, detail: `Spalte ${c}` }] : [];
      });
      return { row: null, errors };
    },
    key: (row) => row.kvnr,
  });
}

/**
 * The import of a file into one AOK, all or nothing like the IK register's: new KVNRs are added,
 * the AOK's own persons are updated (name, birth date, e-mail, and the address where the line gives
 * one: a line without one leaves a stored address as it is); a KVNR of another AOK's person is an
 * error of its line, and then nothing is written.
 */
export function createInsuredImport(deps: { db: Db; clock: Clock; audit: Audit; insurers: Insurer[]; today: () => string }) {
  const { db, clock, audit } = deps;

  /** Writes the rows, or gives the lines whose KVNR another AOK holds (the transaction then writes nothing). */
  async function write(rows: ImportRow[], insurerId: string, by: InsuredActor, file: string): Promise<ImportResult> {
    // the same order in every import, so two imports at once wait for each other instead of deadlocking
    const sorted = [...rows].sort((a, b) => (a.kvnr < b.kvnr ? -1 : a.kvnr > b.kvnr ? 1 : 0));
    const now = clock.now();
    class Foreign extends Error {
      constructor(readonly rows: ImportRow[]) {
        super('foreign');
      }
    }
    try {
      return await db.transaction().execute(async (trx) => {
        let updated = 0;
        for (let i = 0; i < sorted.length; i += BATCH) {
          const batch = sorted.slice(i, i + BATCH);
          const column = (pick: (r: ImportRow) => string | null) => batch.map(pick);
          const kvnrs = column((r) => r.kvnr);
          // locks the existing rows: an import into another AOK waits instead of taking them in between
          const existing = await sql<{ kvnr: string; insurer_id: string }>`select kvnr, insurer_id from insured_persons where kvnr = any(${kvnrs}::text[]) for update`.execute(trx);
          const foreign = new Set(existing.rows.filter((r) => r.insurer_id !== insurerId).map((r) => r.kvnr));
          if (foreign.size) throw new Foreign(batch.filter((r) => foreign.has(r.kvnr)));
          updated += existing.rows.length;
          const written = await sql<{ kvnr: string }>`
            insert into insured_persons (id, kvnr, last_name, first_name, birth_date, email, street, postal_code, city, insurer_id, status, created_at, updated_at)
            select u.id, u.kvnr, u.last_name, u.first_name, u.birth_date, u.email, u.street, u.postal_code, u.city, ${insurerId}, 'active', ${now}::timestamptz, ${now}::timestamptz
            from unnest(${column(() => newId())}::text[], ${kvnrs}::text[], ${column((r) => r.lastName)}::text[], ${column((r) => r.firstName)}::text[],
                        ${column((r) => r.birthDate)}::text[], ${column((r) => r.email)}::text[], ${column((r) => r.address?.street ?? null)}::text[],
                        ${column((r) => r.address?.postalCode ?? null)}::text[], ${column((r) => r.address?.city ?? null)}::text[])
                 as u (id, kvnr, last_name, first_name, birth_date, email, street, postal_code, city)
            on conflict (kvnr) do update set
              last_name = excluded.last_name, first_name = excluded.first_name, birth_date = excluded.birth_date, email = excluded.email, updated_at = excluded.updated_at,
              -- an address is whole or absent (the table's check), so the three columns go together
              street = coalesce(excluded.street, insured_persons.street), postal_code = coalesce(excluded.postal_code, insured_persons.postal_code),
              city = coalesce(excluded.city, insured_persons.city)
            where insured_persons.insurer_id = excluded.insurer_id
            returning kvnr
          `.execute(trx);
          // another AOK's person added since the check above: left alone by the WHERE, and an error of its line
          if (written.rows.length !== batch.length) {
            const done = new Set(written.rows.map((r) => r.kvnr));
            throw new Foreign(batch.filter((r) => !done.has(r.kvnr)));
          }
        }
        const inserted = rows.length - updated;
        await audit.record({ actor: by.actor, action: 'insured.imported', ip: by.ip, data: { file, insurer: insurerId, rows: rows.length, inserted, updated } }, trx);
        return { ok: true as const, inserted, updated };
      });
    } catch (error) {
      if (!(error instanceof Foreign)) throw error;
      const errors = error.rows.sort((a, b) => a.line - b.line).map((r) => ({ line: r.line, code: 'insured_import.kvnr_taken' as const }));
      return { ok: false, errors: errors.slice(0, MAX_ERRORS), truncated: errors.length > MAX_ERRORS };
    }
  }

  return {
    /** Imports a CSV file into one AOK (the clerk's own; an administrator chooses). */
    async importFile(by: InsuredActor, chosenInsurer: string | undefined, bytes: Uint8Array, fileName: string): Promise<ImportResult> {
      const insurerId = by.insurerId ?? chosenInsurer ?? '';
      if (!deps.insurers.some((i) => i.id === insurerId)) throw new AppError('insured.insurer_required', 422, { aok: 'insured.insurer_required' });
      const file = String(fileName ?? '').slice(0, 200);
      const parsed = parseInsuredCsv(bytes, deps.today());
      const result = parsed.ok ? await write(parsed.rows, insurerId, by, file) : parsed;
      if (!result.ok) await audit.record({ actor: by.actor, action: 'insured.import_refused', ip: by.ip, outcome: 'failure', data: { file, insurer: insurerId, errors: result.errors.length, first: result.errors[0] } });
      return result;
    },
  };
}
