import { sql, type Kysely } from 'kysely';

/** The insurer's staff: clerks of one regional insurer and administrators of all; password and TOTP. */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table staff (
      id text primary key,
      email text not null,
      email_normalized text not null unique,
      name text not null,
      password_hash text not null,
      role text not null check (role in ('admin', 'clerk')),
      insurer_id text,
      totp_iv bytea not null,
      totp_tag bytea not null,
      totp_secret bytea not null,
      totp_last_step bigint not null default 0,
      status text not null check (status in ('active', 'locked')),
      created_at timestamptz not null,
      check (role = 'admin' or insurer_id is not null)
    );
    alter table sessions add column staff_id text references staff (id) on delete cascade;
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('not reversible');
}
