import { sql } from 'kysely';
import type { Db } from '../db/database.ts';

/** How long /readyz waits for the database: a probe must answer well within a load balancer's timeout. */
export const READY_TIMEOUT_MS = 2_000;

export type NotReady = 'draining' | 'database';

/**
 * Whether this process should get requests: not once it drains (SIGTERM: the load balancer should send
 * the next requests elsewhere at once), and not while its database does not answer a `select 1`.
 */
export function createHealth(db: Db, timeoutMs = READY_TIMEOUT_MS) {
  let draining = false;
  return {
    get draining() {
      return draining;
    },

    drain() {
      draining = true;
    },

    async readiness(): Promise<{ ready: true } | { ready: false; reason: NotReady }> {
      if (draining) return { ready: false, reason: 'draining' };
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs)));
      try {
        // a query still waiting after the timeout is left to end on its own; the probe has answered
        const answered = await Promise.race([sql`select 1`.execute(db).then(() => true), late]);
        return answered ? { ready: true } : { ready: false, reason: 'database' };
      } catch {
        return { ready: false, reason: 'database' };
      } finally {
        clearTimeout(timer);
      }
    },
  };
}

export type Health = ReturnType<typeof createHealth>;
