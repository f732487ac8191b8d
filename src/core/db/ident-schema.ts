import type { ColumnType, JSONColumnType } from 'kysely';
import type { OptionalText, OptionalTimestamp, Timestamp } from './column-types.ts';

// the tables of migration 0026 (the AOK Ident OpenID Provider); schema.ts lists them in Database

/** One entry oidc-provider stores (a session, an interaction, a code, a token, a grant …). */
export interface IdentOidcEntriesTable {
  /** oidc-provider's model name, e.g. 'AuthorizationCode' */
  model: string;
  /** the SHA-256 of the entry's id: a code's or token's id is the credential itself */
  id_hash: string;
  /** what oidc-provider stored, without its id, as JSON text (jsonb cannot hold \u0000) */
  payload: string;
  grant_id: OptionalText;
  /** a session's uid, by which tokens bound to the session find it */
  session_uid: OptionalText;
  /** on the platform's clock; null: kept until deleted */
  expires_at: OptionalTimestamp;
  /** a code or refresh token was used (once) */
  consumed_at: OptionalTimestamp;
}

/** A signing key of the provider; the private JWK is AES-256-GCM encrypted under the file key. */
export interface IdentSigningKeysTable {
  kid: string;
  alg: string;
  public_jwk: JSONColumnType<JsonWebKey>;
  private_iv: Buffer;
  private_tag: Buffer;
  private_key: Buffer;
  created_at: ColumnType<Date, Date | string, never>;
  signs_from: Timestamp;
}
