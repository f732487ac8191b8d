import { sql, type Kysely } from 'kysely';

/**
 * The QR login of manual 003 §4.1: the login page of the AOK Ident shows a request, the Ident app
 * answers it. A request belongs to one login of the provider (its interaction uid, which only the
 * browser that started the login can see), lives 90 seconds and is answered once; the page replaces it
 * by a new one when it runs out. The QR code carries the random id, the short code is for typing; the
 * number is the one the person picks among `choices` in the app. Rows are deleted a day after their end.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table ident_login_requests (
      id text primary key,
      -- the order of a login's requests, also when two are made in the same millisecond
      seq bigint generated always as identity,
      interaction_uid text not null,
      short_code text not null unique,
      number integer not null check (number between 10 and 99),
      choices text not null,
      client_id text not null,
      client_name text not null,
      browser text not null,
      state text not null check (state in ('waiting', 'approved', 'declined', 'expired', 'used')),
      wrong_number boolean not null default false,
      device_id text references ident_devices (id) on delete set null,
      created_at timestamptz not null,
      expires_at timestamptz not null,
      answered_at timestamptz
    );
    create index ident_login_requests_interaction on ident_login_requests (interaction_uid, seq);
    create index ident_login_requests_expires on ident_login_requests (expires_at);
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('not reversible');
}
