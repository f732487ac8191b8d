import { sql, type Kysely } from 'kysely';

/**
 * The company an account belongs to (for the administrator taken from the registration,
 * for invited users set by the invitation) and the role within it.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    alter table accounts add column company text;
    alter table accounts add column company_insurer_id text;
    alter table accounts add column role text not null default 'admin' check (role in ('admin', 'user'));
    alter table accounts add column invited_by text references accounts (id) on delete set null;
    alter table accounts drop constraint accounts_status_check;
    alter table accounts add constraint accounts_status_check check (status in ('pending', 'invited', 'active', 'locked'));
    update accounts set company = r.identifier, company_insurer_id = r.insurer_id from registrations r where r.account_id = accounts.id;
    create index accounts_company on accounts (portal, company, company_insurer_id);
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('not reversible');
}
