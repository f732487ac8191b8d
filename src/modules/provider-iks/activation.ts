import type { Db } from '../../core/db/database.ts';
import { newId } from '../../core/ids/secrets.ts';

/**
 * A provider's LE-Admin was activated (by staff, or by the operator's CLI): the IK of the
 * registration becomes managed by the provider, unless it already is, and the LE-Admin may
 * see payment advices. Runs inside the activation's transaction. Requests of other providers
 * for the same IK stay open here; `settleCompeting` refuses them after the commit, with a mail.
 */
export async function recordActivatedProviderAdmin(trx: Db, now: Date, input: { accountId: string; ik: string; insurerId: string; staffId: string | null }) {
  const account = await trx.selectFrom('accounts').select('company').where('id', '=', input.accountId).executeTakeFirstOrThrow();
  const company = account.company ?? input.ik;
  await trx.updateTable('accounts').set({ advice_access: true }).where('id', '=', input.accountId).execute();
  const active = await trx.selectFrom('provider_iks').select('id').where('ik', '=', input.ik).where('status', '=', 'active').executeTakeFirst();
  // another LE-Admin of the same provider: nothing to record
  if (active) return;
  // the provider's own open request of this IK is settled by this check
  const own = await trx.updateTable('provider_iks').set({ status: 'active', decided_at: now, decided_by: input.staffId }).where('ik', '=', input.ik).where('company', '=', company).where('status', '=', 'requested').executeTakeFirst();
  if (Number(own.numUpdatedRows) === 1) return;
  await trx
    .insertInto('provider_iks')
    .values({ id: newId(), company, ik: input.ik, insurer_id: input.insurerId, status: 'active', requested_by: input.accountId, requested_at: now, decided_at: now, decided_by: input.staffId })
    .execute();
}
