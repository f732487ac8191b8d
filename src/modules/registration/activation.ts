import type { Db } from '../../core/db/database.ts';
import type { Clock } from '../../core/clock/clock.ts';
import type { PortalDefinition } from '../../core/portal/definition.ts';

export interface Activation {
  accountId: string;
  /** the account's registration; an account without one (an invited user) only becomes active */
  registration: { id: string; identifier: string; insurerId: string } | null;
  /** who decided: a staff member, or null for an operator on the command line */
  staffId: string | null;
  /** staff activate a pending account only (a second click changes nothing); an operator any account */
  pendingOnly: boolean;
}

/**
 * An account becomes active, its registration records the last step, and its portal does its part
 * (the provider portal records the IK as managed), inside the caller's transaction. The back
 * office's "Aktivieren" and `pforte accounts activate` both activate through here; the back office
 * adds its mails. Gives false when nothing changed.
 */
export async function activateAccount(trx: Db, clock: Clock, portal: PortalDefinition, input: Activation): Promise<boolean> {
  const now = clock.now();
  let update = trx.updateTable('accounts').set({ status: 'active', activated_at: now }).where('id', '=', input.accountId);
  if (input.pendingOnly) update = update.where('status', '=', 'pending');
  const updated = await update.executeTakeFirst();
  if (Number(updated.numUpdatedRows) !== 1) return false;
  const { registration } = input;
  if (registration) {
    await trx
      .insertInto('registration_steps')
      .values({ registration_id: registration.id, step: 'activated', done_at: now })
      .onConflict((oc) => oc.columns(['registration_id', 'step']).doNothing())
      .execute();
    await portal.onActivated?.(trx, { accountId: input.accountId, identifier: registration.identifier, insurerId: registration.insurerId, staffId: input.staffId });
  }
  return true;
}
