import { sql, type Kysely } from 'kysely';

/**
 * Who may call the ePA record service (issue 15 §4, gematik's device management): the devices a person
 * unlocked ("Endgerät freischalten"), each the thumbprint of the desktop client's DPoP key, pending until
 * the six-digit code from the e-mail is typed (its keyed hash only); the failed unlocks of the last
 * eight hours (three impose a wait); the DPoP proofs already seen (their jti, once each, until they
 * could no longer pass the time check), and the logins the service has seen (one Protokoll entry each).
 * Every process reads and writes the same rows: nothing of this lives in a process.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table epa_devices (
      id text primary key,
      insured_id text not null references insured_persons (id) on delete cascade,
      -- RFC 7638 thumbprint of the device's public key, the access token's cnf.jkt
      jkt text not null,
      name text not null,
      status text not null check (status in ('pending', 'confirmed')),
      code_hash text,
      code_expires_at timestamptz,
      wrong_codes integer not null default 0 check (wrong_codes >= 0),
      created_at timestamptz not null,
      confirmed_at timestamptz,
      last_used_at timestamptz,
      unique (insured_id, jkt),
      check ((status = 'pending') = (code_hash is not null and code_expires_at is not null))
    );
    create index epa_devices_pending on epa_devices (code_expires_at) where status = 'pending';

    create table epa_device_failures (
      id bigint generated always as identity primary key,
      insured_id text not null references insured_persons (id) on delete cascade,
      failed_at timestamptz not null,
      reason text not null check (reason in ('wrong_codes', 'expired'))
    );
    create index epa_device_failures_person on epa_device_failures (insured_id, failed_at);
    create index epa_device_failures_at on epa_device_failures (failed_at);

    create table epa_dpop_proofs (
      jkt text not null,
      jti text not null,
      expires_at timestamptz not null,
      primary key (jkt, jti)
    );
    create index epa_dpop_proofs_expires on epa_dpop_proofs (expires_at);

    create table epa_logins_seen (
      insured_id text not null references insured_persons (id) on delete cascade,
      jkt text not null,
      -- the Ident login's auth_time (epoch seconds), the same for every token of one login
      auth_time bigint not null,
      seen_at timestamptz not null,
      primary key (insured_id, jkt, auth_time)
    );
    create index epa_logins_seen_at on epa_logins_seen (seen_at);
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('not reversible');
}
