import { stringify } from 'csv-stringify/sync';
import type { Db } from '../../platform/db/database.ts';

export interface ProtocolFilter {
  actor: string;
  subject: string;
  action: string;
  from: string;
  to: string;
  page: number;
}

export const PROTOCOL_PAGE = 50;
const EXPORT_LIMIT = 50_000;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A cell a spreadsheet would run as a formula starts with a quote instead. */
function inert(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** Reads a filter from the query string; anything malformed is simply not applied. */
export function parseProtocolFilter(q: Record<string, unknown>): ProtocolFilter {
  const s = (k: string, max = 100) => (typeof q[k] === 'string' ? (q[k] as string).trim().slice(0, max) : '');
  const date = (k: string) => (DATE.test(s(k, 10)) && !Number.isNaN(Date.parse(s(k, 10))) ? s(k, 10) : '');
  const page = Math.min(100_000, Math.max(1, Number.parseInt(s('seite', 6) || '1', 10) || 1));
  return { actor: s('akteur'), subject: s('betroffen'), action: s('art'), from: date('von'), to: date('bis'), page };
}

/** "Protokoll": the audit log, filtered by actor, subject, kind and period; read only, exportable as CSV. */
export function createProtocol(db: Db) {
  function query(f: ProtocolFilter) {
    let q = db.selectFrom('audit_log');
    if (f.actor) q = q.where('actor', '=', f.actor);
    if (f.subject) q = q.where('subject', '=', f.subject);
    if (f.action) q = q.where('action', 'like', `${f.action.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    // dates are whole days in Europe/Berlin
    if (f.from) q = q.where('at', '>=', new Date(`${f.from}T00:00:00+01:00`));
    if (f.to) q = q.where('at', '<', new Date(new Date(`${f.to}T00:00:00+01:00`).getTime() + 86_400_000));
    return q;
  }

  return {
    async page(f: ProtocolFilter) {
      const total = Number((await query(f).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
      const rows = await query(f).selectAll().orderBy('id', 'desc').limit(PROTOCOL_PAGE).offset((f.page - 1) * PROTOCOL_PAGE).execute();
      return { total, rows };
    },

    async csv(f: ProtocolFilter): Promise<string> {
      const rows = await query(f).selectAll().orderBy('id', 'asc').limit(EXPORT_LIMIT).execute();
      return stringify(
        rows.map((r) => [String(r.id), new Date(r.at).toISOString(), r.actor, r.action, r.subject ?? '', r.ip ?? '', r.outcome, JSON.stringify(r.data ?? {})].map(inert)),
        { header: true, columns: ['id', 'zeit', 'akteur', 'aktion', 'betroffen', 'ip', 'ergebnis', 'daten'], delimiter: ';', bom: true },
      );
    },
  };
}
