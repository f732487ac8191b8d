import { sql, type Kysely } from 'kysely';

/**
 * The devices of the AOK Ident app (manual 003): a phone's browser app or the terminal program of an
 * insured person, each with its public key and the hash of the GesundheitsID-Code chosen on it. A
 * person has at most two active devices (the service counts them under the person's row lock); a device
 * locked by five wrong codes stays listed until it is removed. The app's bearer sessions are rows of
 * `sessions` that name their Ident device, and go with it.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    -- name: what the person sees in "Geräte"; code_hash: the GesundheitsID-Code's Argon2 hash
    create table ident_devices (
      id text primary key,
      insured_id text not null references insured_persons (id) on delete cascade,
      name text not null,
      status text not null check (status in ('active', 'locked')),
      kind text not null check (kind in ('app', 'cli')),
      created_at timestamptz not null,
      public_key jsonb not null,
      code_hash text not null,
      failed_codes integer not null default 0,
      last_used_at timestamptz
    );
    create index ident_devices_insured on ident_devices (insured_id, created_at);
    alter table sessions add column ident_device_id text references ident_devices (id) on delete cascade;
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('not reversible');
}
