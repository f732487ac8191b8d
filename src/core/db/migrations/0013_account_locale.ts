import { sql, type Kysely } from 'kysely';

/**
 * `locale`: the language a person registered in ('de' or 'en'); their mails are sent in it.
 * Accounts from before, and invited users, read German. The outbox finds it by address alone.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    alter table accounts add column locale text not null default 'de' check (locale in ('de', 'en'));
    create index accounts_email on accounts (email_normalized);
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('not reversible');
}
