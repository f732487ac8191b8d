import { sql, type Kysely } from 'kysely';

/** 2-factor devices (the app or the terminal program) and sessions that belong to a device. */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table devices (
      id text primary key,
      account_id text not null references accounts (id) on delete cascade,
      kind text not null check (kind in ('app', 'cli')),
      public_key jsonb not null,
      pin_hash text not null,
      status text not null check (status in ('active', 'locked', 'disabled')),
      failed_pins integer not null default 0,
      created_at timestamptz not null,
      last_login_at timestamptz
    );
    create index devices_account on devices (account_id);
    alter table sessions add column device_id text references devices (id) on delete cascade;
    create table login_attempts (
      key text primary key,
      failures integer not null,
      last_failure_at timestamptz not null,
      locked_until timestamptz
    );
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('not reversible');
}
