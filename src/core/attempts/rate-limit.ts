import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import type { Clock } from '../clock/clock.ts';
import { untilNoneLeft } from '../db/batches.ts';
import { AppError } from '../errors/app-error.ts';

export interface Limit {
  points: number;
  windowMs: number;
}

/**
 * Fixed-window counters in the database, so limits hold across processes and
 * restarts. One upsert per hit; time from the injected clock so tests can move it.
 */
export function createRateLimiter(db: Db, clock: Clock) {
  return {
    /** Counts a hit and refuses the request (429) when the key is over its limit: the guard every route and service uses. */
    async enforce(key: string, limit: Limit): Promise<void> {
      if (!(await this.hit(key, limit)).allowed) throw new AppError('request.rate_limited', 429);
    },

    /** Counts a hit; returns false when the key is over its limit in the current window. */
    async hit(key: string, limit: Limit): Promise<{ allowed: boolean; retryAfterMs: number }> {
      const now = clock.now();
      const ends = new Date(now.getTime() + limit.windowMs);
      const row = await db
        .insertInto('rate_limits')
        .values({ key, points: 1, window_ends: ends })
        .onConflict((oc) =>
          oc.column('key').doUpdateSet({
            points: sql`case when rate_limits.window_ends <= ${now} then 1 else rate_limits.points + 1 end`,
            window_ends: sql`case when rate_limits.window_ends <= ${now} then ${ends}::timestamptz else rate_limits.window_ends end`,
          }),
        )
        .returning(['points', 'window_ends'])
        .executeTakeFirstOrThrow();
      const allowed = row.points <= limit.points;
      return { allowed, retryAfterMs: allowed ? 0 : new Date(row.window_ends).getTime() - now.getTime() };
    },
    /** Deletes ended windows in bounded batches until none are left; returns how many. */
    async sweep(batchSize = 500): Promise<number> {
      const now = clock.now();
      return untilNoneLeft(async () => {
        const result = await db
          .deleteFrom('rate_limits')
          .where('key', 'in', (eb) => eb.selectFrom('rate_limits').select('key').where('window_ends', '<', now).limit(batchSize))
          .executeTakeFirst();
        return Number(result.numDeletedRows);
      });
    },
  };
}

export type RateLimiter = ReturnType<typeof createRateLimiter>;
