import { setImmediate as nextTurn } from 'node:timers/promises';
import { sql } from 'kysely';
import type { Db } from './database.ts';
import type { Database } from './schema.ts';

/**
 * Runs a bounded batch (a delete, a re-queue) again and again until it touches nothing, and returns
 * the total. Each batch is its own short statement or transaction and the event loop gets a turn
 * between batches, so a large backlog is cleared in one run without holding PGlite's one connection for long.
 */
export async function untilNoneLeft(batch: () => Promise<number>): Promise<number> {
  let total = 0;
  for (;;) {
    const deleted = await batch();
    if (deleted === 0) return total;
    total += deleted;
    await nextTurn();
  }
}

/**
 * Deletes the rows of `table` whose `column` lies before `before`, `batchSize` at a time (by `key`),
 * until none are left; returns how many. The housekeeping's sweep of rows that ran out.
 */
export function deleteBefore<T extends keyof Database & string>(db: Db, table: T, key: keyof Database[T] & string, column: keyof Database[T] & string, before: Date, batchSize = 500): Promise<number> {
  return untilNoneLeft(async () => {
    const result = await sql`delete from ${sql.table(table)} where ${sql.ref(key)} in (select ${sql.ref(key)} from ${sql.table(table)} where ${sql.ref(column)} < ${before} limit ${batchSize})`.execute(db);
    return Number(result.numAffectedRows ?? 0);
  });
}
