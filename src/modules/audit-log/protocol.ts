import { stringify } from 'csv-stringify/sync';
import type { Db } from '../../core/db/database.ts';
import type { Insurer } from '../../core/config/insurers.ts';
import type { PortalRegistry } from '../../core/portal/registry.ts';
import { auditActionLabel, isAuditAction } from '../../core/audit/actions.ts';
import { createPeople, type Party } from '../../core/audit/people.ts';
import { berlinDayEnd, berlinDayStart } from '../../core/clock/berlin.ts';
import { hasInvisibleChars } from '../../core/http/forms.ts';

export interface ProtocolFilter {
  /** a name, e-mail address, KVNR, Betriebsnummer, IK or id: entries where it acted or was acted upon */
  person: string;
  actor: string;
  subject: string;
  action: string;
  from: string;
  to: string;
  page: number;
}

export const PROTOCOL_PAGE = 50;
const EXPORT_LIMIT = 50_000;
/** names are looked up for this many CSV rows at a time */
const EXPORT_CHUNK = 500;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A cell a spreadsheet would run as a formula starts with a quote instead. */
function inert(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** The filter's text fields, by the name their form sends. */
export type ProtocolTextField = 'person' | 'akteur' | 'betroffen';

/** A filter as read from the query string, and the text fields refused at the field. */
export interface ParsedProtocolFilter {
  filter: ProtocolFilter;
  errors: Partial<Record<ProtocolTextField, 'field.invalid_chars'>>;
}

/**
 * Reads a filter from the query string; a malformed date, kind or page is simply not applied. A text
 * field with control or format characters (a NUL PostgreSQL's text cannot hold) is refused at its
 * field: the page then says so and searches nothing, rather than silently finding nothing.
 */
export function parseProtocolFilter(q: Record<string, unknown>): ParsedProtocolFilter {
  const s = (k: string, max = 100) => (typeof q[k] === 'string' ? (q[k] as string).trim().slice(0, max) : '');
  const errors: ParsedProtocolFilter['errors'] = {};
  const text = (k: ProtocolTextField) => {
    const value = s(k);
    if (!hasInvisibleChars(value)) return value;
    errors[k] = 'field.invalid_chars';
    // shown back in the field without the characters a page cannot carry
    return value.replace(/[\p{Cc}\p{Cs}]/gu, '\uFFFD');
  };
  const date = (k: string) => (DATE.test(s(k, 10)) && !Number.isNaN(Date.parse(s(k, 10))) ? s(k, 10) : '');
  const page = Math.min(100_000, Math.max(1, Number.parseInt(s('seite', 6) || '1', 10) || 1));
  const action = hasInvisibleChars(s('art')) ? '' : s('art');
  return { filter: { person: text('person'), actor: text('akteur'), subject: text('betroffen'), action, from: date('von'), to: date('bis'), page }, errors };
}

/** The query string of a filter (without the page), for links that keep it. */
export function protocolParams(f: ProtocolFilter): string {
  const p = new URLSearchParams({ person: f.person, akteur: f.actor, betroffen: f.subject, art: f.action, von: f.from, bis: f.to });
  return p.toString();
}

export const OUTCOME: Record<string, string> = { success: 'erfolgreich', failure: 'fehlgeschlagen', denied: 'abgewiesen' };

/** How a party reads in one line of the CSV's name column. */
const named = (p: Party | null) => (p ? `${p.name}${p.gone ? ' (gelöscht)' : ''}` : '');

/** "Protokoll": the audit log, filtered by person, actor, subject, kind and period; read only, exportable as CSV. */
export function createProtocol(deps: { db: Db; insurers: Insurer[]; portals: PortalRegistry }) {
  const { db } = deps;
  const people = createPeople(deps);

  async function query(f: ProtocolFilter) {
    let q = db.selectFrom('audit_log');
    if (f.person) {
      const { actors, subjects } = await people.search(f.person);
      q = q.where((eb) => eb.or([eb('actor', 'in', actors), eb('subject', 'in', subjects)]));
    }
    if (f.actor) q = q.where('actor', '=', f.actor);
    if (f.subject) q = q.where('subject', '=', f.subject);
    // a known action exactly (staff.login is not staff.login_failed), anything else as the start of one (an area: "login.")
    if (f.action) q = isAuditAction(f.action) ? q.where('action', '=', f.action) : q.where('action', 'like', `${f.action.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    // dates are whole days in Europe/Berlin, in summer as in winter
    if (f.from) q = q.where('at', '>=', berlinDayStart(f.from));
    if (f.to) q = q.where('at', '<', berlinDayEnd(f.to));
    return q;
  }

  /** Each entry with its action in words and its actor (who) and subject (whom) by name. */
  async function withNames<R extends { actor: string; action: string; subject: string | null; outcome: string }>(rows: R[]) {
    const parties = await people.resolve(rows);
    return rows.map((r, i) => ({ ...r, label: auditActionLabel(r.action), who: parties[i]!.actor, whom: parties[i]!.subject }));
  }

  return {
    async page(f: ProtocolFilter) {
      const q = await query(f);
      const total = Number((await q.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
      const rows = await q.selectAll().orderBy('id', 'desc').limit(PROTOCOL_PAGE).offset((f.page - 1) * PROTOCOL_PAGE).execute();
      return { total, rows: await withNames(rows) };
    },

    async csv(f: ProtocolFilter): Promise<string> {
      const rows = await (await query(f)).selectAll().orderBy('id', 'asc').limit(EXPORT_LIMIT).execute();
      const lines: string[][] = [];
      for (let i = 0; i < rows.length; i += EXPORT_CHUNK) {
        for (const r of await withNames(rows.slice(i, i + EXPORT_CHUNK))) {
          lines.push(
            [
              String(r.id),
              new Date(r.at).toISOString(),
              r.actor,
              r.action,
              r.subject ?? '',
              r.ip ?? '',
              r.outcome,
              JSON.stringify(r.data ?? {}),
              // the words after the ids, so that columns read by position stay where they were
              named(r.who),
              r.who.email ?? '',
              r.label,
              named(r.whom),
              r.whom?.email ?? '',
              r.whom?.detail ?? '',
            ].map(inert),
          );
        }
      }
      return stringify(lines, {
        header: true,
        columns: ['id', 'zeit', 'akteur', 'aktion', 'betroffen', 'ip', 'ergebnis', 'daten', 'akteur_name', 'akteur_email', 'aktion_text', 'betroffen_name', 'betroffen_email', 'betroffen_angaben'],
        delimiter: ';',
        bom: true,
      });
    },
  };
}
