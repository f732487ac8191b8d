import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import type { Clock } from '../clock/clock.ts';
import { untilNoneLeft } from '../db/batches.ts';
import { likeLiteral } from '../db/like.ts';

/**
 * How many wrong attempts a key may make. `growing`: `free` failures cost nothing, then each
 * further one locks the key for twice as long as the last (`firstLockMs`, 2×, 4× … up to
 * `maxLockMs`); failures are forgotten `forgetAfterMs` after the last one. `limit`: `max`
 * attempts, then none until the key is cleared (a device or a flow ends with it).
 */
export type AttemptRule =
  | { kind: 'growing'; free: number; firstLockMs: number; maxLockMs: number; forgetAfterMs: number }
  | { kind: 'limit'; max: number; forgetAfterMs: number | null };

export const FREE_FAILURES = 4;
export const MAX_LOCK_MS = 60 * 60_000;

/** Passwords of the portals and of staff (staff TOTP codes count on the same key). */
export const PASSWORD_RULE: AttemptRule = { kind: 'growing', free: FREE_FAILURES, firstLockMs: 60_000, maxLockMs: MAX_LOCK_MS, forgetAfterMs: 24 * 60 * 60_000 };

/** The keys attempts count on, one per secret a person types; a password reset clears its account's key. */
export const attemptKeys = {
  password: (portal: string, emailNormalized: string) => `${portal}:${emailNormalized}`,
  securityCode: (flowId: string) => `code:${flowId}`,
  pin: (deviceId: string) => `pin:${deviceId}`,
  /** the Kennwortfrage of a Jobmaster account: wrong answers count per account, whichever flow asks */
  securityAnswer: (accountId: string) => `answer:${accountId}`,
};

/** Wrong answers to the Kennwortfrage: five, then the answer is refused until the password reset by mail and staff help. */
export const SECURITY_ANSWER_RULE: AttemptRule = { kind: 'growing', free: FREE_FAILURES, firstLockMs: 15 * 60_000, maxLockMs: 24 * 60 * 60_000, forgetAfterMs: 7 * 24 * 60 * 60_000 };

export function lockDurationMs(failures: number, rule: AttemptRule = PASSWORD_RULE): number {
  if (rule.kind !== 'growing' || failures <= rule.free) return 0;
  return Math.min(2 ** Math.min(failures - rule.free - 1, 30) * rule.firstLockMs, rule.maxLockMs);
}

export type Reservation =
  /** `count` includes this attempt; `lockedUntil` is the lock it set (growing rule), if any */
  | { granted: true; key: string; count: number; lockedUntil: Date | null }
  | { granted: false; key: string; lockedUntil: Date | null };

/**
 * One attempt module for every secret a person types: portal and staff passwords, staff TOTP
 * codes, security codes, app PINs. An attempt is reserved — counted as a failure — in one
 * statement BEFORE the secret is checked, and only a success gives it back. N requests at once
 * therefore get at most the allowed number of checks: on PostgreSQL the upsert takes the row
 * lock and re-reads the row, on PGlite statements run one after another.
 * Keys: `<portal>:<e-mail>` (portal passwords), `staff:<e-mail>`, `code:<flow id>`, `pin:<device id>`.
 */
export function createAttempts(db: Db, clock: Clock) {
  return {
    /** Counts an attempt unless the key is locked or used up; only a granted attempt may be checked. */
    async reserve(key: string, rule: AttemptRule): Promise<Reservation> {
      const now = clock.now();
      const forgetAt = rule.forgetAfterMs === null ? null : new Date(now.getTime() + rule.forgetAfterMs);
      const stale = sql<boolean>`(a.forget_at is not null and a.forget_at <= ${now})`;
      const next = sql<number>`(case when ${stale} then 1 else a.failures + 1 end)`;
      const lock =
        rule.kind === 'growing'
          ? sql`case when ${next} <= ${rule.free} then null
              else ${now}::timestamptz + least(power(2, least(${next} - ${rule.free + 1}, 30)) * ${rule.firstLockMs}, ${rule.maxLockMs}) * interval '1 millisecond' end`
          : sql`null`;
      const open = rule.kind === 'growing' ? sql`(a.locked_until is null or a.locked_until <= ${now})` : sql`(a.failures < ${rule.max} or ${stale})`;
      const firstLockMs = lockDurationMs(1, rule);
      const firstLock = firstLockMs ? new Date(now.getTime() + firstLockMs) : null;
      const { rows } = await sql<{ failures: number; locked_until: Date | string | null }>`
        insert into login_attempts as a (key, failures, last_failure_at, locked_until, forget_at)
        values (${key}, 1, ${now}, ${firstLock}, ${forgetAt})
        on conflict (key) do update set failures = ${next}, last_failure_at = ${now}, locked_until = ${lock}, forget_at = ${forgetAt}
        where ${open}
        returning failures, locked_until`.execute(db);
      const row = rows[0];
      if (!row) return { granted: false, key, lockedUntil: await this.lockedUntil(key) };
      return { granted: true, key, count: Number(row.failures), lockedUntil: row.locked_until ? new Date(row.locked_until) : null };
    },

    /** The running lock of a key, for the message; null when there is none. */
    async lockedUntil(key: string): Promise<Date | null> {
      const row = await db.selectFrom('login_attempts').select(['locked_until']).where('key', '=', key).executeTakeFirst();
      const until = row?.locked_until ? new Date(row.locked_until) : null;
      return until && until > clock.now() ? until : null;
    },

    /**
     * Gives a granted attempt back after a success that is not the end of the login (a staff
     * password before its TOTP code): the count drops by one and a lock this attempt set goes.
     */
    async refund(reservation: Reservation & { granted: true }): Promise<void> {
      await db
        .updateTable('login_attempts')
        .set((eb) => ({
          failures: sql<number>`greatest(${eb.ref('failures')} - 1, 0)`,
          // a lock not later than ours is ours (or one that had run out when ours was granted)
          locked_until: reservation.lockedUntil ? sql<Date | null>`case when locked_until <= ${reservation.lockedUntil} then null else locked_until end` : eb.ref('locked_until'),
        }))
        .where('key', '=', reservation.key)
        .execute();
    },

    /** After a success, or an administrator's unlock: the key starts afresh. Returns the failures it had. */
    async clear(key: string, trx: Db = db): Promise<number> {
      const row = await trx.deleteFrom('login_attempts').where('key', '=', key).returning('failures').executeTakeFirst();
      return row?.failures ?? 0;
    },

    /** Clears every key that starts with `prefix` (the activation's pairs of one KVNR and any address). */
    async clearStartingWith(prefix: string, trx: Db = db): Promise<void> {
      await trx.deleteFrom('login_attempts').where('key', 'like', `${likeLiteral(prefix)}%`).execute();
    },

    /** Drops forgotten keys in bounded batches; a key without `forget_at` (a device's PIN) stays. */
    async sweep(batchSize = 500): Promise<number> {
      const now = clock.now();
      return untilNoneLeft(async () => {
        const result = await db
          .deleteFrom('login_attempts')
          .where('key', 'in', (eb) => eb.selectFrom('login_attempts').select('key').where('forget_at', '<=', now).limit(batchSize))
          .executeTakeFirst();
        return Number(result.numDeletedRows);
      });
    },
  };
}

export type Attempts = ReturnType<typeof createAttempts>;
