import { readFile } from 'node:fs/promises';
import { sql } from 'kysely';
import type { Db } from '../../core/db/database.ts';
import type { Clock } from '../../core/clock/clock.ts';
import type { Audit } from '../../core/audit/audit.ts';
import type { IkRegionMap } from './regions.ts';
import { insurerForIk } from './regions.ts';
import { t } from '../../core/i18n/de.ts';
import { fromProjectRoot } from '../../core/paths.ts';
import { parseIkRegisterCsv, type ImportError, type IkFields, type IkRow } from './csv-import.ts';

export const PAGE_SIZE = 50;
/** rows per statement (as arrays, so the parameter count stays at eight) */
const BATCH = 5000;

export const DEMO_FILE = fromProjectRoot('assets/demo/ik-register.csv');

export interface IkRegisterDeps {
  db: Db;
  clock: Clock;
  audit: Audit;
  config: { ikRegions: IkRegionMap };
}

export interface IkRegisterEntry extends IkFields {
  /** the responsible insurer by the IK's region digits (and Landesteil for 05); null outside 00–16 */
  insurerId: string | null;
}

export type ImportResult = { ok: true; inserted: number; updated: number } | { ok: false; errors: ImportError[]; truncated: boolean };

/** "Zeile 7: Die Prüfziffer … (Spalte Name)"; line 0 is the whole file. */
export function describeImportError(e: ImportError, text: (code: ImportError['code']) => string = t): string {
  return `${e.line > 0 ? `Zeile ${e.line}: ` : ''}${text(e.code)}${e.detail ? ` (${e.detail})` : ''}`;
}

type RegisterRow = { ik: string; name: string; street: string; postal_code: string; city: string; classification: string; region_part: string | null };

/**
 * The IK register (Gesundheitspartnerservice): the institutions staff import from a CSV file,
 * looked up by IK to name a provider and find the AOK responsible for it. An import is all or
 * nothing: one bad line and the register stays as it was; otherwise every line is inserted or
 * updated, and IKs missing from the file stay.
 */
export function createIkRegister(deps: IkRegisterDeps) {
  const { db, clock, audit, config } = deps;

  const entry = (r: RegisterRow): IkRegisterEntry => {
    const regionPart = r.region_part === 'rheinland' || r.region_part === 'westfalen-lippe' ? r.region_part : null;
    return {
      ik: r.ik,
      name: r.name,
      street: r.street,
      postalCode: r.postal_code,
      city: r.city,
      classification: r.classification,
      regionPart,
      insurerId: insurerForIk(config.ikRegions, r.ik, regionPart),
    };
  };

  const columns = ['ik', 'name', 'street', 'postal_code', 'city', 'classification', 'region_part'] as const;

  async function write(rows: IkRow[], by: { actor: string; ip: string | null; file: string }): Promise<{ inserted: number; updated: number }> {
    // the same order in every import, so two imports at once wait for each other instead of deadlocking
    const sorted = [...rows].sort((a, b) => (a.ik < b.ik ? -1 : a.ik > b.ik ? 1 : 0));
    const now = clock.now();
    let updated = 0;
    await db.transaction().execute(async (trx) => {
      for (let i = 0; i < sorted.length; i += BATCH) {
        const batch = sorted.slice(i, i + BATCH);
        const column = (pick: (r: IkRow) => string | null) => batch.map(pick);
        const iks = column((r) => r.ik);
        const existing = await sql<{ n: string }>`select count(*) as n from ik_register where ik = any(${iks}::text[])`.execute(trx);
        updated += Number(existing.rows[0]!.n);
        // one statement per batch with seven array parameters: a 100 000-line file takes seconds, not minutes
        await sql`
          insert into ik_register (ik, name, street, postal_code, city, classification, region_part, imported_at)
          select u.*, ${now}::timestamptz
          from unnest(${iks}::text[], ${column((r) => r.name)}::text[], ${column((r) => r.street)}::text[], ${column((r) => r.postalCode)}::text[],
                      ${column((r) => r.city)}::text[], ${column((r) => r.classification)}::text[], ${column((r) => r.regionPart)}::text[]) as u
          on conflict (ik) do update set
            name = excluded.name, street = excluded.street, postal_code = excluded.postal_code, city = excluded.city,
            classification = excluded.classification, region_part = excluded.region_part, imported_at = excluded.imported_at
        `.execute(trx);
      }
      await audit.record({ actor: by.actor, action: 'backoffice.ik_register_imported', ip: by.ip, data: { file: by.file, rows: rows.length, inserted: rows.length - updated, updated } }, trx);
    });
    return { inserted: rows.length - updated, updated };
  }

  async function importFile(actor: string, bytes: Uint8Array, fileName: string, ip: string | null): Promise<ImportResult> {
    const file = String(fileName ?? '').slice(0, 200);
    const parsed = parseIkRegisterCsv(bytes);
    if (!parsed.ok) {
      await audit.record({ actor, action: 'backoffice.ik_register_import_refused', ip, outcome: 'failure', data: { file, errors: parsed.errors.length, first: parsed.errors[0] } });
      return parsed;
    }
    return { ok: true, ...(await write(parsed.rows, { actor, ip, file })) };
  }

  async function count(): Promise<number> {
    const row = await db.selectFrom('ik_register').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    return Number(row.n);
  }

  return {
    /** An entry with its responsible insurer, or null when the register does not know the IK. */
    async lookup(ik: string): Promise<IkRegisterEntry | null> {
      const v = typeof ik === 'string' ? ik.trim() : '';
      if (!/^[0-9]{9}$/.test(v)) return null;
      const row = await db.selectFrom('ik_register').select(columns).where('ik', '=', v).executeTakeFirst();
      return row ? entry(row) : null;
    },

    /**
     * Imports a CSV file (see csv-import.ts for the format). `actor` as in the audit log:
     * `staff:<id>`, `operator:cli`, `system`.
     */
    import: importFile,

    /** The back office's list: digits search an IK prefix, anything else a part of the name; 50 a page. */
    async search(q: string, page: number) {
      const text = (q ?? '').normalize('NFC').trim().slice(0, 100);
      let query = db.selectFrom('ik_register');
      if (/^[0-9]+$/.test(text)) query = query.where('ik', 'like', `${text}%`);
      else if (text) query = query.where(sql<boolean>`name ilike ${`%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`}`);
      const total = Number((await query.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
      const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
      const current = Math.min(Math.max(1, Math.floor(page) || 1), pages);
      const rows = await query
        .select(columns)
        .orderBy(text && !/^[0-9]+$/.test(text) ? 'name' : 'ik')
        .orderBy('ik')
        .limit(PAGE_SIZE)
        .offset((current - 1) * PAGE_SIZE)
        .execute();
      return { rows: rows.map(entry), total, page: current, pages };
    },

    count,

    /** The demo register (assets/demo/ik-register.csv), only into an empty table; a second call does nothing. */
    async seedDemo(): Promise<{ inserted: number; updated: number } | null> {
      if ((await count()) > 0) return null;
      const result = await importFile('system', await readFile(DEMO_FILE), 'ik-register.csv', null);
      if (!result.ok) throw new Error(`demo IK register is invalid: ${result.errors.map((e) => describeImportError(e)).join('; ')}`);
      return { inserted: result.inserted, updated: result.updated };
    },
  };
}

export type IkRegister = ReturnType<typeof createIkRegister>;
