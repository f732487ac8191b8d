import { setImmediate as nextTurn } from 'node:timers/promises';

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
