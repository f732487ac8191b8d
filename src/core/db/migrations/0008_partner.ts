import { sql, type Kysely } from 'kysely';

/**
 * Gesundheitspartnerservice (manual 002): the IK register staff import, the IK numbers a
 * provider manages (each checked by staff, each with its eAvis state), payment advices with
 * their items, reports of barriers, the cookie notice's choice kept with the session, and the
 * rights an LE-Admin gives to the provider's users.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table ik_register (
      ik text primary key check (ik ~ '^[0-9]{9}$'),
      name text not null,
      street text not null default '',
      postal_code text not null default '',
      city text not null default '',
      classification text not null default '',
      region_part text check (region_part in ('rheinland', 'westfalen-lippe')),
      imported_at timestamptz not null
    );

    create table provider_iks (
      id text primary key,
      company text not null,
      ik text not null check (ik ~ '^[0-9]{9}$'),
      insurer_id text not null,
      status text not null check (status in ('requested', 'active', 'rejected', 'removed')),
      requested_by text references accounts (id) on delete set null,
      requested_at timestamptz not null,
      decided_at timestamptz,
      decided_by text references staff (id) on delete set null,
      rejection_reason text,
      removed_at timestamptz,
      eavis text not null default 'none' check (eavis in ('none', 'requested', 'active', 'end_requested', 'ended')),
      eavis_changed_at timestamptz
    );
    create unique index provider_iks_live on provider_iks (ik) where status in ('requested', 'active');
    create index provider_iks_company on provider_iks (company, status);

    alter table files add column provider_ik_id text references provider_iks (id) on delete cascade;
    create index files_provider_ik on files (provider_ik_id) where provider_ik_id is not null;

    alter table accounts add column advice_access boolean not null default false;
    alter table accounts add column locked_by text check (locked_by in ('staff', 'company'));
    alter table sessions add column cookie_notice_at timestamptz;

    create table payment_advices (
      id text primary key,
      ik text not null check (ik ~ '^[0-9]{9}$'),
      insurer_id text not null,
      advice_number text not null,
      advice_date text not null check (advice_date ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'),
      value_date text not null check (value_date ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'),
      payer text not null,
      iban_masked text not null,
      total_cents bigint not null,
      source text not null check (source in ('form', 'csv', 'json')),
      published_at timestamptz not null,
      published_by text references staff (id) on delete set null,
      opened_at timestamptz,
      archived_at timestamptz,
      deleted_at timestamptz,
      unique (ik, advice_number)
    );
    create index payment_advices_ik on payment_advices (ik, advice_date);

    create table payment_advice_items (
      advice_id text not null references payment_advices (id) on delete cascade,
      position integer not null,
      invoice_number text not null,
      invoice_date text not null check (invoice_date ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'),
      invoiced_cents bigint not null,
      paid_cents bigint not null,
      deduction_cents bigint not null default 0,
      deduction_reason text,
      reference text,
      primary key (advice_id, position)
    );

    create table barrier_reports (
      id text primary key,
      portal text not null,
      page text,
      description text not null,
      name text,
      email text,
      created_at timestamptz not null,
      done_at timestamptz,
      done_by text references staff (id) on delete set null
    );
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('not reversible');
}
