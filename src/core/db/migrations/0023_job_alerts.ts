import { sql, type Kysely } from 'kysely';

/**
 * A job starter's Suchaufträge (manual 004): a saved search whose new matches are mailed at most once
 * a day. Deleting the account deletes its Suchaufträge with it.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table job_alerts (
      id text primary key,
      account_id text not null references accounts (id) on delete cascade,
      query jsonb not null,
      name text,
      created_at timestamptz not null,
      last_sent_at timestamptz,
      -- the day (Europe/Berlin, 'YYYY-MM-DD') its search last ran for the mail: once a day at most
      checked_on text
    );
    create index job_alerts_account on job_alerts (account_id);
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('not reversible');
}
