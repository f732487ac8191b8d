import { sql, type Kysely } from 'kysely';

/**
 * The Protokoll finds a person's entries by actor as well as by subject (audit_log_subject):
 * without this index every search by name or e-mail would read the whole log.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index audit_log_actor on audit_log (actor, at)`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('not reversible');
}
