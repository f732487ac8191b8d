import { sql, type Kysely } from 'kysely';

/**
 * The search's radius: a search for a common word ("Pflege") around a PLZ read every active posting,
 * because the only indexes were the text and (status, kind). The radius is first narrowed to a box of
 * latitude and longitude; this index finds the box, and the database combines it with the text index.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index job_postings_place on job_postings (lat, lon) where status = 'active'`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('not reversible');
}
