import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import type { Clock } from '../clock/clock.ts';

export const FREE_FAILURES = 4;
export const MAX_LOCK_MS = 60 * 60_000;
const FORGET_AFTER_MS = 24 * 60 * 60_000;

/**
 * Wrong passwords per account key (the e-mail as typed, so unknown addresses behave
 * the same): four are free, then each further one locks the key for twice as long
 * as the last (1, 2, 4 … minutes) up to one hour. In the database, so the
 * count holds across processes and restarts.
 */
export function lockDurationMs(failures: number): number {
  if (failures <= FREE_FAILURES) return 0;
  return Math.min(2 ** (failures - FREE_FAILURES - 1) * 60_000, MAX_LOCK_MS);
}

export function createLoginAttempts(db: Db, clock: Clock) {
  return {
    async lockedUntil(key: string): Promise<Date | null> {
      const row = await db.selectFrom('login_attempts').select(['locked_until']).where('key', '=', key).executeTakeFirst();
      const until = row?.locked_until ? new Date(row.locked_until) : null;
      return until && until > clock.now() ? until : null;
    },

    /** Records a failure; returns the failure count and the lock it caused, if any. */
    async fail(key: string): Promise<{ failures: number; lockedUntil: Date | null }> {
      const now = clock.now();
      const stale = new Date(now.getTime() - FORGET_AFTER_MS);
      const row = await db
        .insertInto('login_attempts')
        .values({ key, failures: 1, last_failure_at: now, locked_until: null })
        .onConflict((oc) =>
          oc.column('key').doUpdateSet({
            failures: sql`case when login_attempts.last_failure_at < ${stale} then 1 else login_attempts.failures + 1 end`,
            last_failure_at: now,
          }),
        )
        .returning(['failures'])
        .executeTakeFirstOrThrow();
      const ms = lockDurationMs(row.failures);
      const lockedUntil = ms ? new Date(now.getTime() + ms) : null;
      if (lockedUntil) await db.updateTable('login_attempts').set({ locked_until: lockedUntil }).where('key', '=', key).execute();
      return { failures: row.failures, lockedUntil };
    },

    async clear(key: string): Promise<boolean> {
      const r = await db.deleteFrom('login_attempts').where('key', '=', key).executeTakeFirst();
      return Number(r.numDeletedRows) > 0;
    },
  };
}

export type LoginAttempts = ReturnType<typeof createLoginAttempts>;
