import type { Db } from '../db/database.ts';
import type { Clock } from '../clock/clock.ts';

export interface AuditEntry {
  actor: string;
  action: string;
  subject?: string | null;
  ip?: string | null;
  outcome?: 'success' | 'failure' | 'denied';
  data?: Record<string, unknown>;
}

/** Append-only: the table's trigger refuses update and delete, and this module offers neither. */
export function createAudit(db: Db, clock: Clock) {
  return {
    async record(entry: AuditEntry, trx: Db = db): Promise<void> {
      await trx
        .insertInto('audit_log')
        .values({
          at: clock.now(),
          actor: entry.actor,
          action: entry.action,
          subject: entry.subject ?? null,
          ip: entry.ip ?? null,
          outcome: entry.outcome ?? 'success',
          data: JSON.stringify(entry.data ?? {}),
        })
        .execute();
    },
  };
}

export type Audit = ReturnType<typeof createAudit>;
