import { sql, type Kysely } from 'kysely';

/**
 * Jobmaster account settings (manual 004): a consent can be revoked (the row keeps when it was
 * given and gets when it was revoked, a new row when it is given again), and the changes that wait
 * for a mailed link (new e-mail address, handover of the main contact) keep what they change next
 * to the link's token, so nothing of the account changes before the link is used.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    alter table consents add column revoked_at timestamptz;

    create table jobmaster_pending_changes (
      token_hash text primary key references tokens (hash) on delete cascade,
      account_id text not null references accounts (id) on delete cascade,
      kind text not null check (kind in ('email_change', 'main_contact_handover')),
      data jsonb not null default '{}',
      created_at timestamptz not null
    );
    create index jobmaster_pending_changes_account on jobmaster_pending_changes (account_id);
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('not reversible');
}
