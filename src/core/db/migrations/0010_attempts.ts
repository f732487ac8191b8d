import { sql, type Kysely } from 'kysely';

/**
 * login_attempts counts every typed secret now (passwords, staff TOTP, security codes, app
 * PINs), each key with its own rule: `forget_at` says when a key's failures are forgotten and
 * its row may go; a device's PIN key has none (its wrong PINs count until a right one). A
 * device's wrong PINs so far move over, so the upgrade gives no one fresh tries.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    alter table login_attempts add column forget_at timestamptz;
    update login_attempts set forget_at = last_failure_at + interval '24 hours';
    create index login_attempts_forget on login_attempts (forget_at) where forget_at is not null;
    insert into login_attempts (key, failures, last_failure_at, locked_until, forget_at)
      select 'pin:' || id, failed_pins, coalesce(last_login_at, created_at), null, null from devices where failed_pins > 0
      on conflict (key) do nothing;
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('not reversible');
}
