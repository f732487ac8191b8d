import { sql, type Kysely } from 'kysely';

/** A device reset waits for a new certificate and the insurer's check, then a new device. Login times for the dashboard. */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table device_resets (
      id text primary key,
      account_id text not null references accounts (id) on delete cascade,
      status text not null check (status in ('requested', 'approved', 'rejected', 'completed')),
      requested_at timestamptz not null,
      decided_at timestamptz,
      completed_at timestamptz
    );
    create index device_resets_account on device_resets (account_id, status);
    create unique index device_resets_one_open on device_resets (account_id) where status in ('requested', 'approved');
    alter table accounts add column last_login_at timestamptz;
    alter table accounts add column previous_login_at timestamptz;
    create index audit_log_subject on audit_log (subject, at);
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('not reversible');
}
