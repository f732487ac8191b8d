import type { Db } from '../../core/db/database.ts';
import type { Clock } from '../../core/clock/clock.ts';
import type { Audit } from '../../core/audit/audit.ts';

/**
 * Deletes registrations not completed within their 30 days, in bounded batches.
 * Deleting the account cascades to the registration, its steps, tokens, files,
 * consents and sessions; the audit log keeps only that it happened: the law that has the data
 * deleted would be defeated by a copy of the name and address in the log, so the Protokoll shows
 * such a registration by its id, marked "(gelöscht)".
 */
export async function runRetention(deps: { db: Db; clock: Clock; audit: Audit }, batchSize = 100): Promise<number> {
  const { db, clock, audit } = deps;
  let total = 0;
  for (;;) {
    const now = clock.now();
    const batch = await db
      .selectFrom('registrations')
      .innerJoin('accounts', 'accounts.id', 'registrations.account_id')
      .select(['registrations.id', 'registrations.portal', 'registrations.account_id', 'accounts.email'])
      .where('registrations.status', '!=', 'completed')
      .where('registrations.expires_at', '<=', now)
      .limit(batchSize)
      .execute();
    if (batch.length === 0) return total;
    await db.transaction().execute(async (trx) => {
      await trx.deleteFrom('mail_outbox').where('recipient', 'in', batch.map((r) => r.email)).where('sent_at', 'is', null).execute();
      await trx.deleteFrom('accounts').where('id', 'in', batch.map((r) => r.account_id)).execute();
      for (const r of batch) {
        await audit.record({ actor: 'system', action: 'registration.deleted', subject: r.id, data: { portal: r.portal, reason: 'retention' } }, trx);
      }
    });
    total += batch.length;
  }
}
