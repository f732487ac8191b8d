import { sql, type Kysely } from 'kysely';

/**
 * Jobmaster (manual 004): employers with their contacts and logo, released by the insurer; the
 * security question of every Jobmaster account; the login history; job postings with their search
 * document; the PLZ centroids the radius search measures from. Dates a person chooses (start,
 * deadline) are calendar days, kept as 'YYYY-MM-DD' text like the payment advices' dates.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    alter table accounts drop constraint accounts_role_check;
    alter table accounts add constraint accounts_role_check check (role in ('admin', 'user', 'employer', 'applicant'));

    create table jobmaster_employers (
      id text primary key,
      company_name text not null,
      betriebsnummer text not null,
      street text not null,
      house_number text not null,
      postal_code text not null check (postal_code ~ '^[0-9]{5}$'),
      city text not null,
      insurer_id text not null,
      status text not null check (status in ('unconfirmed', 'waiting', 'released', 'rejected')),
      rejection_reason text,
      released_at timestamptz,
      released_by text references staff (id) on delete set null,
      logo_file_id text references files (id) on delete set null,
      created_at timestamptz not null,
      version integer not null default 1
    );
    create index jobmaster_employers_bnr on jobmaster_employers (betriebsnummer);
    create index jobmaster_employers_status on jobmaster_employers (status, created_at);

    create table jobmaster_contacts (
      id text primary key,
      employer_id text not null references jobmaster_employers (id) on delete cascade,
      salutation text not null,
      title text,
      first_name text not null,
      last_name text not null,
      phone text not null,
      email text not null,
      is_main boolean not null default false,
      created_at timestamptz not null
    );
    create index jobmaster_contacts_employer on jobmaster_contacts (employer_id);
    create unique index jobmaster_contacts_main on jobmaster_contacts (employer_id) where is_main;

    create table security_answers (
      account_id text primary key references accounts (id) on delete cascade,
      question text not null,
      answer_hash text not null,
      set_at timestamptz not null
    );

    create table login_history (
      id text primary key,
      account_id text not null references accounts (id) on delete cascade,
      at timestamptz not null,
      ip text,
      user_agent text,
      success boolean not null
    );
    create index login_history_account on login_history (account_id, at);

    create table job_postings (
      id text primary key,
      employer_id text not null references jobmaster_employers (id) on delete cascade,
      title text not null,
      kind text not null check (kind in ('ausbildung', 'praktikum', 'duales_studium', 'job')),
      starts_on text check (starts_on ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'),
      starts_month boolean not null default false,
      postal_code text not null check (postal_code ~ '^[0-9]{5}$'),
      city text not null,
      lat double precision,
      lon double precision,
      description text not null,
      requirements text not null default '',
      apply_until text check (apply_until ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'),
      contact_id text references jobmaster_contacts (id) on delete set null,
      apply_url text,
      apply_email text,
      status text not null check (status in ('draft', 'active', 'inactive')),
      deactivated_reason text,
      created_at timestamptz not null,
      updated_at timestamptz not null,
      published_at timestamptz,
      reminder_sent_at timestamptz,
      search tsvector not null default ''::tsvector
    );
    create index job_postings_search on job_postings using gin (search);
    create index job_postings_active on job_postings (status, kind, published_at);
    create index job_postings_employer on job_postings (employer_id, created_at);
    create index job_postings_deadline on job_postings (status, apply_until);

    create table plz_centroids (
      postal_code text primary key check (postal_code ~ '^[0-9]{5}$'),
      place text not null,
      lat double precision not null,
      lon double precision not null
    );
    create index plz_centroids_place on plz_centroids (lower(place));

    create table job_bookmarks (
      account_id text not null references accounts (id) on delete cascade,
      posting_id text not null references job_postings (id) on delete cascade,
      created_at timestamptz not null,
      primary key (account_id, posting_id)
    );
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('not reversible');
}
