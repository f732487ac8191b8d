import { sql, type Kysely } from 'kysely';

/** Staff decisions: why a registration was refused, and why a device reset was. */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    alter table registrations add column rejection_reason text;
    alter table registrations add column rejected_at timestamptz;
    alter table device_resets add column rejection_reason text;
    create index accounts_search on accounts (portal, email_normalized);
    create index audit_log_action on audit_log (action, at);
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('not reversible');
}
