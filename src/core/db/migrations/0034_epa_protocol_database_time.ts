import { sql, type Kysely } from 'kysely';

/**
 * A Protokoll entry is evidence, so its time is the database's (issue 15 §7): an app server whose clock
 * is off cannot write entries out of order or into the past. The service leaves `at` out and the
 * column takes `clock_timestamp()`, the moment the row is written (not `now()`, the transaction's
 * start, so the entries of one transaction keep their order in time too). Changing a default changes
 * no row, so the append-only trigger (migration 0030) is not involved.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table epa_protocol alter column at set default clock_timestamp()`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('not reversible');
}
