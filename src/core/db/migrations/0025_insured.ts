import { sql, type Kysely } from 'kysely';

/**
 * Insured persons (Versicherte) of manual 003: the people an AOK registers for the electronic patient
 * record (ePA). Each has at most one record; the record's content comes later. The activation letter's
 * one-time code is kept only as a keyed hash; a new letter revokes the previous code, so at most one
 * code per person is live (the partial unique index). Birth dates are calendar days as 'YYYY-MM-DD'
 * text, like the other dates a person gives.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table insured_persons (
      id text primary key,
      kvnr text not null unique check (kvnr ~ '^[A-Z][0-9]{9}$'),
      last_name text not null,
      first_name text not null,
      birth_date text not null check (birth_date ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'),
      email text not null,
      insurer_id text not null,
      status text not null check (status in ('active', 'locked')),
      lock_reason text,
      created_at timestamptz not null,
      updated_at timestamptz not null
    );
    create index insured_persons_kvnr_prefix on insured_persons (kvnr text_pattern_ops);
    create index insured_persons_last_name on insured_persons (lower(last_name) text_pattern_ops);
    create index insured_persons_insurer on insured_persons (insurer_id, last_name, first_name);
    create index insured_persons_birth_date on insured_persons (birth_date);

    create table epa_records (
      id text primary key,
      insured_id text not null unique references insured_persons (id) on delete cascade,
      identity_check text not null check (identity_check in ('in_person', 'egk_pin', 'eid')),
      created_by text not null,
      created_at timestamptz not null
    );

    create table insured_activation_codes (
      id text primary key,
      insured_id text not null references insured_persons (id) on delete cascade,
      hash text not null,
      identity_check text not null check (identity_check in ('in_person', 'egk_pin', 'eid')),
      created_by text not null,
      created_at timestamptz not null,
      expires_at timestamptz not null,
      used_at timestamptz,
      revoked_at timestamptz
    );
    create unique index insured_activation_codes_live on insured_activation_codes (insured_id) where used_at is null and revoked_at is null;
    create index insured_activation_codes_person on insured_activation_codes (insured_id, created_at);
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('not reversible');
}
