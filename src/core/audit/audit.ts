import type { Db } from '../db/database.ts';
import type { Clock } from '../clock/clock.ts';
import type { AuditAction } from './actions.ts';

import type { AuditOutcome } from '../db/values.ts';
export type { AuditAction } from './actions.ts';

export interface AuditEntry {
  actor: string;
  /** only actions the Protokoll has words for (actions.ts) */
  action: AuditAction;
  subject?: string | null;
  ip?: string | null;
  outcome?: AuditOutcome;
  data?: Record<string, unknown>;
}

/**
 * Subjects and data often come from the request (an id from the address that matched nothing):
 * PostgreSQL's text and jsonb cannot hold NUL (nor jsonb a lone surrogate), and a log line needs no 70,000 characters of it.
 */
const MAX_LOGGED_TEXT = 2000;
function loggable(value: string): string {
  const clean = value.replace(/\u0000|\p{Cs}/gu, '\uFFFD');
  return clean.length > MAX_LOGGED_TEXT ? `${clean.slice(0, MAX_LOGGED_TEXT)}…` : clean;
}

/**
 * Append-only: the table's trigger refuses update and delete, and this module offers neither.
 * `onRecord` hears every entry once written (the metrics count logins there); an entry written in a
 * transaction that later rolls back has been heard all the same.
 */
export function createAudit(db: Db, clock: Clock, options: { onRecord?: (entry: AuditEntry) => void } = {}) {
  return {
    async record(entry: AuditEntry, trx: Db = db): Promise<void> {
      await trx
        .insertInto('audit_log')
        .values({
          at: clock.now(),
          actor: entry.actor,
          action: entry.action,
          subject: entry.subject == null ? null : loggable(entry.subject),
          ip: entry.ip ?? null,
          outcome: entry.outcome ?? 'success',
          data: JSON.stringify(entry.data ?? {}, (_key, value) => (typeof value === 'string' ? loggable(value) : value)),
        })
        .execute();
      options.onRecord?.(entry);
    },
  };
}

export type Audit = ReturnType<typeof createAudit>;
