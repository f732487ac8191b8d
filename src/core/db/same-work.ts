import { sql } from 'kysely';
import type { Db } from './database.ts';

/**
 * Runs `work` inside a savepoint of the caller's transaction and keeps its rows only when
 * `keep` is true. A request whose answer must not tell a known address from an unknown one
 * (password reset, registration, confirmation mail, invitation) runs the same statements
 * either way: the rows of the path not taken are written with stand-in values and rolled
 * back, so neither the time nor the database's statistics tell the two apart.
 */
export async function sameWork<T>(trx: Db, keep: boolean, work: (trx: Db) => Promise<T>): Promise<T> {
  await sql`savepoint same_work`.execute(trx);
  const result = await work(trx);
  if (keep) await sql`release savepoint same_work`.execute(trx);
  else await sql`rollback to savepoint same_work`.execute(trx);
  return result;
}

/** An address no person has: the stand-in for the rolled-back rows of an account. */
export function standInEmail(id: string): string {
  return `${id}@stand-in.invalid`;
}
