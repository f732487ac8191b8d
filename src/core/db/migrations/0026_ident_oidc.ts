import { sql, type Kysely } from 'kysely';

/**
 * The AOK Ident OpenID Provider keeps everything in the database, so any process can answer any
 * request: what oidc-provider stores (sessions, interactions, codes, tokens, grants, pushed requests)
 * as one row per entry, keyed by the hash of its id, as the id of a code or token is the credential
 * itself; and its signing keys, the private half encrypted with the file key. A key is published from
 * `created_at` and signs from `signs_from` until a newer key signs; housekeeping removes it later.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table ident_oidc_entries (
      model text not null,
      id_hash text not null,
      -- JSON as text: a parameter may hold a NUL character, which jsonb cannot
      payload text not null,
      grant_id text,
      session_uid text,
      expires_at timestamptz,
      consumed_at timestamptz,
      primary key (model, id_hash)
    );
    create index ident_oidc_entries_grant on ident_oidc_entries (grant_id) where grant_id is not null;
    create index ident_oidc_entries_session_uid on ident_oidc_entries (model, session_uid) where session_uid is not null;
    create index ident_oidc_entries_expires on ident_oidc_entries (expires_at) where expires_at is not null;

    create table ident_signing_keys (
      kid text primary key,
      alg text not null,
      public_jwk jsonb not null,
      private_iv bytea not null,
      private_tag bytea not null,
      private_key bytea not null,
      created_at timestamptz not null,
      signs_from timestamptz not null,
      check (signs_from >= created_at)
    );
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('not reversible');
}
