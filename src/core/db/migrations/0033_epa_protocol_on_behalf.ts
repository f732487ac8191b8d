import { sql, type Kysely } from 'kysely';

/**
 * A representative's actions appear twice (issue 15 §8): in the represented person's Protokoll as the
 * representative's (actor_kind 'representative'), and in the representative's own Protokoll as their
 * own, on behalf of the other. The latter names the represented person here; null on every other
 * entry. Adding columns changes no row, so the append-only trigger (migration 0030) is not involved.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    alter table epa_protocol add column on_behalf_of_id text, add column on_behalf_of_name text;
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('not reversible');
}
