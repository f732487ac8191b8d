import { sql, type Kysely } from 'kysely';

/**
 * `queued_at`: when the mail's delivery job was queued (in the same transaction). Unsent mails
 * without it have no job and are queued by the mail sweep; rows from before this column get it
 * that way too, so a mail whose job was lost goes out after the update.
 * `failed_at`: the last attempt failed; the back office lists it and `pforte mail retry` queues it again.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    alter table mail_outbox add column queued_at timestamptz;
    alter table mail_outbox add column failed_at timestamptz;
    create index mail_outbox_unqueued on mail_outbox (created_at) where sent_at is null and failed_at is null and queued_at is null;
    create index mail_outbox_failed on mail_outbox (failed_at) where failed_at is not null and sent_at is null;
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('not reversible');
}
