import type { Db } from '../db/database.ts';
import type { Clock } from '../clock/clock.ts';
import type { Audit } from '../audit/audit.ts';
import { AppError } from '../errors/app-error.ts';
import { newId } from '../ids/secrets.ts';

export interface DeviceResetView {
  id: string;
  status: string;
  requestedAt: Date;
  decidedAt: Date | null;
  newUpload: boolean;
}

/**
 * "Keinen Zugriff auf Authentifikations-Gerät?": the old device stops at once; a new
 * certificate, the insurer's check and a new device registration follow.
 */
export function createDeviceResets(deps: { db: Db; clock: Clock; audit: Audit }) {
  const { db, clock, audit } = deps;

  return {
    async open(accountId: string): Promise<DeviceResetView | null> {
      const row = await db.selectFrom('device_resets').selectAll().where('account_id', '=', accountId).where('status', 'in', ['requested', 'approved']).executeTakeFirst();
      if (!row) return null;
      const upload = await db
        .selectFrom('files')
        .innerJoin('registrations', 'registrations.id', 'files.registration_id')
        .select('files.id')
        .where('registrations.account_id', '=', accountId)
        .where('files.owner_kind', '=', 'registration')
        .where('files.created_at', '>=', row.requested_at)
        .executeTakeFirst();
      return { id: row.id, status: row.status, requestedAt: new Date(row.requested_at), decidedAt: row.decided_at ? new Date(row.decided_at) : null, newUpload: Boolean(upload) };
    },

    /** Only after the right password (the login flow proves it). Disables the device at once. */
    async request(accountId: string, ip: string | null): Promise<void> {
      const now = clock.now();
      await db.transaction().execute(async (trx) => {
        const existing = await trx.selectFrom('device_resets').select('id').where('account_id', '=', accountId).where('status', 'in', ['requested', 'approved']).executeTakeFirst();
        const disabled = await trx.updateTable('devices').set({ status: 'disabled' }).where('account_id', '=', accountId).where('status', '!=', 'disabled').returning('id').execute();
        await trx.deleteFrom('sessions').where('account_id', '=', accountId).where('portal', '=', 'app').execute();
        for (const d of disabled) await audit.record({ actor: `account:${accountId}`, action: 'device.disabled', subject: d.id, ip, data: { reason: 'device_reset' } }, trx);
        if (existing) return;
        await trx.insertInto('device_resets').values({ id: newId(), account_id: accountId, status: 'requested', requested_at: now, decided_at: null, completed_at: null }).execute();
        // the certificate of the first registration stays for the record; the reset needs a new one
        await trx
          .updateTable('files')
          .set({ owner_kind: 'registration_archived' })
          .where('owner_kind', '=', 'registration')
          .where('registration_id', 'in', trx.selectFrom('registrations').select('id').where('account_id', '=', accountId))
          .execute();
        await audit.record({ actor: `account:${accountId}`, action: 'device_reset.requested', subject: accountId, ip }, trx);
      });
    },

    /** Refused by staff: the reset stays requested, the user is told why and may upload again. */
    async refuse(accountId: string, reason: string, actor: string): Promise<void> {
      const open = await this.open(accountId);
      if (!open || open.status !== 'requested') throw new AppError('device_reset.not_requested', 409);
      await db.transaction().execute(async (trx) => {
        await trx.updateTable('device_resets').set({ rejection_reason: reason, decided_at: clock.now() }).where('id', '=', open.id).execute();
        // the refused upload no longer counts
        await trx
          .updateTable('files')
          .set({ owner_kind: 'registration_rejected' })
          .where('owner_kind', '=', 'registration')
          .where('registration_id', 'in', trx.selectFrom('registrations').select('id').where('account_id', '=', accountId))
          .execute();
        await audit.record({ actor, action: 'device_reset.refused', subject: accountId, data: { reason } }, trx);
      });
    },

    /** Staff reset a device themselves (e.g. after a call): no new certificate needed, the new device may follow at once. */
    async resetByStaff(accountId: string, actor: string, ip: string | null): Promise<void> {
      await this.request(accountId, ip);
      const open = await this.open(accountId);
      await db.transaction().execute(async (trx) => {
        await trx.updateTable('device_resets').set({ status: 'approved', decided_at: clock.now() }).where('id', '=', open!.id).execute();
        await audit.record({ actor, action: 'device_reset.approved', subject: accountId, ip, data: { byStaff: true } }, trx);
      });
    },

    /** Staff's check (the CLI stands in until the back office exists). */
    async approve(accountId: string, actor: string): Promise<void> {
      const open = await this.open(accountId);
      if (!open || open.status !== 'requested') throw new AppError('device_reset.not_requested', 409);
      if (!open.newUpload) throw new AppError('device_reset.upload_missing', 409);
      await db.transaction().execute(async (trx) => {
        await trx.updateTable('device_resets').set({ status: 'approved', decided_at: clock.now() }).where('id', '=', open.id).execute();
        await audit.record({ actor, action: 'device_reset.approved', subject: accountId }, trx);
      });
    },
  };
}

export type DeviceResets = ReturnType<typeof createDeviceResets>;
