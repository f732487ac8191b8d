import { sql, type Kysely } from 'kysely';

/** PostgreSQL 15 SQL only: the same statements run on PGlite and on a server. */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table accounts (
      id text primary key,
      portal text not null,
      email text not null,
      email_normalized text not null,
      password_hash text not null,
      salutation text not null,
      title text,
      first_name text not null,
      last_name text not null,
      status text not null check (status in ('pending', 'active', 'locked')),
      created_at timestamptz not null,
      activated_at timestamptz,
      unique (portal, email_normalized)
    );
    create table consents (
      id bigserial primary key,
      account_id text not null references accounts (id) on delete cascade,
      document text not null,
      version text not null,
      accepted_at timestamptz not null
    );
    create index consents_account on consents (account_id);
    create table registrations (
      id text primary key,
      portal text not null,
      account_id text not null unique references accounts (id) on delete cascade,
      insurer_id text not null,
      identifier text not null,
      status text not null check (status in ('open', 'completed', 'rejected')),
      created_at timestamptz not null,
      expires_at timestamptz not null,
      version integer not null default 0
    );
    create index registrations_expiry on registrations (status, expires_at);
    create table registration_steps (
      registration_id text not null references registrations (id) on delete cascade,
      step text not null,
      done_at timestamptz not null,
      primary key (registration_id, step)
    );
    create table tokens (
      hash text primary key,
      kind text not null,
      registration_id text references registrations (id) on delete cascade,
      account_id text references accounts (id) on delete cascade,
      created_at timestamptz not null,
      expires_at timestamptz not null,
      used_at timestamptz
    );
    create index tokens_registration on tokens (registration_id);
    create table flows (
      id text primary key,
      kind text not null,
      state text not null,
      subject text,
      data jsonb not null default '{}',
      created_at timestamptz not null,
      updated_at timestamptz not null,
      expires_at timestamptz not null,
      version integer not null default 0
    );
    create index flows_expiry on flows (expires_at);
    create table sessions (
      id_hash text primary key,
      portal text not null,
      account_id text references accounts (id) on delete cascade,
      registration_id text references registrations (id) on delete cascade,
      created_at timestamptz not null,
      last_seen_at timestamptz not null,
      expires_at timestamptz not null
    );
    create index sessions_expiry on sessions (expires_at);
    create table files (
      id text primary key,
      owner_kind text not null,
      registration_id text references registrations (id) on delete cascade,
      name text not null,
      mime text not null,
      ext text not null,
      size integer not null check (size > 0),
      sha256 text not null,
      iv bytea not null,
      tag bytea not null,
      content bytea not null,
      created_at timestamptz not null
    );
    create index files_registration on files (registration_id);
    create table mail_outbox (
      id text primary key,
      recipient text not null,
      subject text not null,
      text text not null,
      html text not null,
      created_at timestamptz not null,
      sent_at timestamptz,
      attempts integer not null default 0,
      last_error text
    );
    create index mail_outbox_unsent on mail_outbox (created_at) where sent_at is null;
    create table mailbox_messages (
      id bigserial primary key,
      sender text not null,
      recipients text not null,
      subject text not null,
      text text not null,
      html text,
      received_at timestamptz not null
    );
    create table audit_log (
      id bigserial primary key,
      at timestamptz not null,
      actor text not null,
      action text not null,
      subject text,
      ip text,
      outcome text not null,
      data jsonb not null default '{}'
    );
    create index audit_log_at on audit_log (at);
    create function audit_log_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'audit_log is append-only';
    end;
    $$;
    create trigger audit_log_no_update before update or delete on audit_log
      for each statement execute function audit_log_append_only();
    create table rate_limits (
      key text primary key,
      points integer not null,
      window_ends timestamptz not null
    );
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('foundation migration is not reversible');
}
