import { sql, type Kysely } from 'kysely';

/**
 * An IK is managed by one provider at a time, but a request no longer blocks it: several
 * providers may request the same IK, staff see them side by side and the first activated
 * wins. One open request per provider and IK is enough.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    drop index provider_iks_live;
    create unique index provider_iks_active on provider_iks (ik) where status = 'active';
    create unique index provider_iks_requested on provider_iks (ik, company) where status = 'requested';
    create index provider_iks_requested_at on provider_iks (requested_at) where status = 'requested';
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('not reversible');
}
