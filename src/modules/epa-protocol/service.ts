import { sql } from 'kysely';
import type { Db } from '../../core/db/database.ts';
import type { Clock } from '../../core/clock/clock.ts';
import type { EpaProtocolKind, EpaProtocolResult } from '../../core/db/epa-records-schema.ts';
import { PROTOCOL_ACTIONS, type ProtocolAction } from './actions.ts';
import { renderProtocolPdf, type ProtocolPdfPerson } from './pdf.ts';

/** Entries per page of the Protokoll. */
export const PROTOCOL_PAGE_SIZE = 25;
/** Entries are kept this many years, then deleted by the retention (the table's trigger, migration 0030, allows no sooner). */
export const PROTOCOL_YEARS = 3;
/** The most entries one PDF export holds (three years of a busy record fit many times over). */
export const PROTOCOL_EXPORT_LIMIT = 20_000;
const SWEEP_BATCH = 500;

/**
 * Who acted: the person themself, a representative on their behalf, the insurer's staff, or the
 * platform. Names are written into the entry as they are now, since an entry can never be changed.
 */
export type ProtocolActor =
  | { kind: 'insured'; id: string }
  | {
      kind: 'representative';
      id: string;
      name: string;
      /** the represented person's name: the representative's own Protokoll names whom they acted for */
      forName?: string;
      /**
       * Set by the guard (actingFor) on a call for the represented person's record: checks, in the
       * transaction that writes the entry and with the representation's row locked, that it still
       * holds, and throws when it ended meanwhile, so nothing of the call is kept and its answer is a
       * refusal. The representation's own steps (confirm, end, a refusal) carry none.
       */
      holds?: (trx: Db) => Promise<void>;
    }
  | { kind: 'staff'; id: string; name: string }
  | { kind: 'system' };

export interface ProtocolEntry {
  /** whose record this is: the insured person whose Protokoll shows the entry */
  insuredId: string;
  action: ProtocolAction;
  actor: ProtocolActor;
  document?: { id: string; title?: string | null };
  device?: { id: string; name?: string | null };
  result?: EpaProtocolResult;
  /** small details (a refusal's code, a file size); never a document's content */
  data?: Record<string, string | number | boolean | null>;
}

export interface ProtocolFilter {
  /** from this instant (inclusive) */
  from?: Date;
  /** until this instant (exclusive) */
  to?: Date;
  kind?: EpaProtocolKind;
  page?: number;
}

/** PostgreSQL's text holds no NUL, and an entry needs no novel: names and titles are cut and cleaned. */
function clean(value: string | null | undefined, max = 300): string | null {
  if (value == null) return null;
  const text = value.replace(/\u0000|\p{Cs}/gu, '\uFFFD');
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

/**
 * The insured person's Protokoll (issue 15 §7): every access to their record, every login, device
 * registration and representative action. Append-only: this service offers no change, and the
 * table's trigger refuses any; entries older than three years are deleted by `sweep` (housekeeping).
 */
export function createEpaProtocol(deps: { db: Db; clock: Clock }) {
  const { db, clock } = deps;

  /**
   * Writes one entry; pass the caller's transaction so the entry commits with what it records. A
   * representative's action is written twice: in the represented person's Protokoll as the
   * representative's, and in the representative's own as theirs, on behalf of the other.
   */
  async function record(entry: ProtocolEntry, trx: Db = db): Promise<void> {
    const actor = entry.actor;
    const holds = actor.kind === 'representative' ? actor.holds : undefined;
    // the check and the entry commit together, or the representation could end between them
    if (holds && !trx.isTransaction) return db.transaction().execute((own) => record(entry, own));
    await holds?.(trx);
    // `at` is left to the table: the database's clock_timestamp() (migration 0034). An entry is
    // evidence, and the app's clock is injectable and may be off on one of several servers; the
    // database's is one clock for all of them. Reading (filters, the PDF's date) and the retention
    // still go by the app's clock, the retention never earlier than the database allows (`sweep`).
    const common = {
      kind: PROTOCOL_ACTIONS[entry.action].kind,
      action: entry.action,
      document_id: clean(entry.document?.id, 100),
      document_title: clean(entry.document?.title),
      device_id: clean(entry.device?.id, 100),
      device_name: clean(entry.device?.name),
      result: entry.result ?? 'success',
      data: JSON.stringify(entry.data ?? {}, (_key, value) => (typeof value === 'string' ? clean(value) : value)),
    } as const;
    const own = {
      ...common,
      insured_id: entry.insuredId,
      actor_kind: actor.kind,
      actor_id: actor.kind === 'system' ? null : clean(actor.id, 100),
      actor_name: actor.kind === 'representative' || actor.kind === 'staff' ? clean(actor.name) : null,
    };
    const rows =
      actor.kind === 'representative'
        ? [own, { ...common, insured_id: actor.id, actor_kind: 'insured' as const, actor_id: clean(actor.id, 100), actor_name: null, on_behalf_of_id: entry.insuredId, on_behalf_of_name: clean(actor.forName) }]
        : [own];
    await trx.insertInto('epa_protocol').values(rows).execute();
  }

  function filtered(insuredId: string, f: ProtocolFilter) {
    let q = db.selectFrom('epa_protocol').where('insured_id', '=', insuredId);
    if (f.from) q = q.where('at', '>=', f.from);
    if (f.to) q = q.where('at', '<', f.to);
    if (f.kind) q = q.where('kind', '=', f.kind);
    return q;
  }

  const columns = ['id', 'at', 'kind', 'action', 'actor_kind', 'actor_id', 'actor_name', 'document_id', 'document_title', 'device_id', 'device_name', 'result', 'data', 'on_behalf_of_name'] as const;

  /** A page of 25 entries, newest first, filtered by period and kind. */
  async function list(insuredId: string, f: ProtocolFilter = {}) {
    const q = filtered(insuredId, f);
    const total = Number((await q.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
    const pages = Math.max(1, Math.ceil(total / PROTOCOL_PAGE_SIZE));
    const page = Math.min(Math.max(1, Math.trunc(f.page ?? 1) || 1), pages);
    const rows = await q
      .select(columns)
      .orderBy('at', 'desc')
      .orderBy('id', 'desc')
      .limit(PROTOCOL_PAGE_SIZE)
      .offset((page - 1) * PROTOCOL_PAGE_SIZE)
      .execute();
    return { rows, total, page, pages };
  }

  /** The filtered entries (all pages, newest first) as one PDF for the person to keep. */
  async function exportPdf(insuredId: string, person: ProtocolPdfPerson, f: Omit<ProtocolFilter, 'page'> = {}): Promise<Uint8Array> {
    const rows = await filtered(insuredId, f).select(columns).orderBy('at', 'desc').orderBy('id', 'desc').limit(PROTOCOL_EXPORT_LIMIT).execute();
    return renderProtocolPdf({ person, rows, filter: f, madeAt: clock.now() });
  }

  /**
   * Deletes entries older than three years, in bounded batches. The cutoff is the earlier of the
   * clock's and the database's (whose trigger refuses anything younger), so a clock set ahead for a
   * test or an on-demand run never makes the sweep fail halfway.
   */
  async function sweep(batchSize = SWEEP_BATCH): Promise<number> {
    const cutoff = new Date(clock.now());
    cutoff.setUTCFullYear(cutoff.getUTCFullYear() - PROTOCOL_YEARS);
    let total = 0;
    for (;;) {
      const result = await db
        .deleteFrom('epa_protocol')
        .where(
          'id',
          'in',
          db
            .selectFrom('epa_protocol')
            .select('id')
            .where('at', '<', cutoff)
            .where('at', '<', sql<Date>`now() - interval '3 years'`)
            .orderBy('at')
            .limit(batchSize),
        )
        .executeTakeFirst();
      const deleted = Number(result.numDeletedRows);
      total += deleted;
      if (deleted < batchSize) return total;
    }
  }

  return { record, list, exportPdf, sweep };
}

export type EpaProtocol = ReturnType<typeof createEpaProtocol>;
export type ProtocolRow = Awaited<ReturnType<EpaProtocol['list']>>['rows'][number];
