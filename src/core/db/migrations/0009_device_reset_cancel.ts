import { sql, type Kysely } from 'kysely';

/**
 * A device reset requested with the password alone waits for staff and can be cancelled by the
 * holder through a mailed link (its token row, hashed, single use, expiring); at most one device
 * per account that is not switched off, so no activation can put a second one beside it.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    alter table device_resets drop constraint device_resets_status_check;
    alter table device_resets add constraint device_resets_status_check check (status in ('requested', 'approved', 'rejected', 'completed', 'cancelled'));
    alter table device_resets add column cancelled_at timestamptz;
    alter table device_resets add column cancel_token text references tokens (hash) on delete set null;
    create unique index device_resets_cancel_token on device_resets (cancel_token);
    create unique index devices_one_in_use on devices (account_id) where status in ('active', 'locked');
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('not reversible');
}
