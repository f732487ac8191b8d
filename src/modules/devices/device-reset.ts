import type { Kysely } from 'kysely';
import type { DeviceResetStatus } from '../../core/db/values.ts';
import type { Database } from '../../core/db/schema.ts';
import type { Db } from '../../core/db/database.ts';
import type { Clock } from '../../core/clock/clock.ts';
import type { Audit } from '../../core/audit/audit.ts';
import type { Mailer, MailMessage } from '../../core/mail/outbox.ts';
import { AppError } from '../../core/errors/app-error.ts';
import { hashSecret, newId } from '../../core/ids/secrets.ts';
import { createTokens } from '../../core/tokens/tokens.ts';

/**
 * How long a reset's links work: the holder's cancel link (a request still open after that waits
 * for staff as before) and the status link of the insurer's decision mail.
 */
export const DEVICE_RESET_LINK_TTL_MS = 30 * 24 * 3_600_000;

export interface DeviceResetView {
  id: string;
  status: DeviceResetStatus;
  requestedAt: Date;
  decidedAt: Date | null;
  newUpload: boolean;
}

/** How the request is told to the account's holder: the portal's mail and its cancel link. */
export interface ResetRequestNotice {
  mailer: Mailer;
  mail(cancelLink: string): MailMessage;
  link(token: string): string;
}

/** What a cancel link finds: an open request it may cancel, or one that is over. */
export type CancelState = 'open' | 'cancelled' | 'decided';

/**
 * "Keinen Zugriff auf Authentifikations-Gerät?". The password alone only records the request:
 * the old device keeps working and the holder gets a mail with a link that cancels it. Only the
 * insurer's approval (after a new certificate) switches the old device off and lets a new one be
 * activated; so knowing the password is never enough to lock the holder out or to take over.
 *
 *   requested ──staff approve──▶ approved ──new device activated──▶ completed
 *       │ └──holder's mail link──▶ cancelled
 *       └──staff refuse: stays requested, with the reason, until a new upload
 */
export function createDeviceResets(deps: { db: Db; clock: Clock; audit: Audit }) {
  const { db, clock, audit } = deps;
  const tokens = createTokens(clock);

  /** The account's registration-bound sessions (status link, reset request) end: what follows needs a new one. */
  async function endRegistrationSessions(trx: Kysely<Database>, accountId: string) {
    await trx
      .deleteFrom('sessions')
      .where('account_id', 'is', null)
      .where('registration_id', 'in', trx.selectFrom('registrations').select('id').where('account_id', '=', accountId))
      .execute();
  }

  /** A new reset: the status links of an earlier one continue nothing. */
  async function spendResetLinks(trx: Kysely<Database>, accountId: string) {
    await tokens.revoke(trx, ['device_reset_status', 'device_reset_cancel'], { accountId });
  }

  /** The old device stops: no codes, no app sessions. */
  async function switchOff(trx: Kysely<Database>, accountId: string, actor: string, ip: string | null) {
    const disabled = await trx.updateTable('devices').set({ status: 'disabled' }).where('account_id', '=', accountId).where('status', '!=', 'disabled').returning('id').execute();
    await trx.deleteFrom('sessions').where('account_id', '=', accountId).where('portal', '=', 'app').execute();
    for (const d of disabled) await audit.record({ actor, action: 'device.disabled', subject: d.id, ip, data: { reason: 'device_reset' } }, trx);
  }

  /** The certificate of the first registration stays for the record; the reset needs a new one. */
  async function archiveCertificates(trx: Kysely<Database>, accountId: string) {
    await trx
      .updateTable('files')
      .set({ owner_kind: 'registration_archived' })
      .where('owner_kind', '=', 'registration')
      .where('registration_id', 'in', trx.selectFrom('registrations').select('id').where('account_id', '=', accountId))
      .execute();
  }

  async function findCancel(token: unknown) {
    // the link stays readable after its use: it tells what became of the request
    const link = await tokens.find(db, ['device_reset_cancel'], token);
    const reset = link && (await db.selectFrom('device_resets').select(['id', 'account_id', 'status']).where('cancel_token', '=', link.hash).executeTakeFirst());
    if (!link || !reset) throw new AppError('token.invalid', 404);
    return { ...reset, expires_at: link.expires_at };
  }

  const stateOf = (status: DeviceResetStatus): CancelState => (status === 'requested' ? 'open' : status === 'cancelled' ? 'cancelled' : 'decided');

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

    /**
     * Only after the right password (the login flow proves it). Records the request and mails the
     * holder a cancel link; the device is not touched. A second request while one is open changes
     * nothing and sends no further mail.
     */
    async request(accountId: string, ip: string | null, notice: ResetRequestNotice): Promise<{ created: boolean }> {
      const now = clock.now();
      let mailId: string | null = null;
      await db.transaction().execute(async (trx) => {
        // sessions bound to the registration before this request (old status links) continue nothing
        await endRegistrationSessions(trx, accountId);
        const existing = await trx.selectFrom('device_resets').select('id').where('account_id', '=', accountId).where('status', 'in', ['requested', 'approved']).executeTakeFirst();
        if (existing) return;
        const account = await trx.selectFrom('accounts').select('email').where('id', '=', accountId).executeTakeFirstOrThrow();
        await spendResetLinks(trx, accountId);
        const token = await tokens.issue(trx, { kind: 'device_reset_cancel', accountId, expiresAt: new Date(now.getTime() + DEVICE_RESET_LINK_TTL_MS) });
        await trx
          .insertInto('device_resets')
          .values({ id: newId(), account_id: accountId, status: 'requested', requested_at: now, decided_at: null, completed_at: null, cancel_token: hashSecret(token) })
          .execute();
        await archiveCertificates(trx, accountId);
        mailId = await notice.mailer.store(account.email, notice.mail(notice.link(token)), trx);
        await audit.record({ actor: `account:${accountId}`, action: 'device_reset.requested', subject: accountId, ip }, trx);
      });
      return { created: mailId !== null };
    },

    /** What the holder's cancel link finds; refuses unknown and expired links. */
    async cancelState(token: unknown): Promise<CancelState> {
      const row = await findCancel(token);
      const state = stateOf(row.status);
      if (state === 'open' && new Date(row.expires_at) <= clock.now()) throw new AppError('token.expired', 410);
      return state;
    },

    /**
     * The holder cancels through the mailed link. Once staff have decided, or after a cancel,
     * the link changes nothing and says so.
     */
    async cancel(token: unknown, ip: string | null): Promise<CancelState | 'now'> {
      const row = await findCancel(token);
      if (row.status !== 'requested') return stateOf(row.status);
      const now = clock.now();
      if (new Date(row.expires_at) <= now) throw new AppError('token.expired', 410);
      return db.transaction().execute(async (trx): Promise<CancelState | 'now'> => {
        const cancelled = await trx.updateTable('device_resets').set({ status: 'cancelled', cancelled_at: now }).where('id', '=', row.id).where('status', '=', 'requested').executeTakeFirst();
        if (Number(cancelled.numUpdatedRows) !== 1) {
          const now2 = await trx.selectFrom('device_resets').select('status').where('id', '=', row.id).executeTakeFirstOrThrow();
          return stateOf(now2.status);
        }
        await tokens.revoke(trx, ['device_reset_cancel'], { accountId: row.account_id });
        // whoever requested it loses the session that continued the reset
        await endRegistrationSessions(trx, row.account_id);
        await audit.record({ actor: `account:${row.account_id}`, action: 'device_reset.cancelled', subject: row.account_id, ip }, trx);
        return 'now' as const;
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
      const now = clock.now();
      await db.transaction().execute(async (trx) => {
        const existing = await trx.selectFrom('device_resets').select(['id', 'status']).where('account_id', '=', accountId).where('status', 'in', ['requested', 'approved']).executeTakeFirst();
        if (existing) {
          await trx.updateTable('device_resets').set({ status: 'approved', decided_at: now }).where('id', '=', existing.id).execute();
          await tokens.revoke(trx, ['device_reset_cancel'], { accountId });
        } else {
          await spendResetLinks(trx, accountId);
          await trx.insertInto('device_resets').values({ id: newId(), account_id: accountId, status: 'approved', requested_at: now, decided_at: now, completed_at: null }).execute();
          await archiveCertificates(trx, accountId);
        }
        await switchOff(trx, accountId, actor, ip);
        await endRegistrationSessions(trx, accountId);
        await audit.record({ actor, action: 'device_reset.approved', subject: accountId, ip, data: { byStaff: true } }, trx);
      });
    },

    /**
     * Staff's check of a request with its new certificate. Only now the old device stops, and
     * only the status link of the decision mail (to the holder) leads to the new activation code.
     */
    async approve(accountId: string, actor: string, ip: string | null = null): Promise<void> {
      const open = await this.open(accountId);
      if (!open || open.status !== 'requested') throw new AppError('device_reset.not_requested', 409);
      if (!open.newUpload) throw new AppError('device_reset.upload_missing', 409);
      const now = clock.now();
      await db.transaction().execute(async (trx) => {
        const approved = await trx.updateTable('device_resets').set({ status: 'approved', decided_at: now }).where('id', '=', open.id).where('status', '=', 'requested').executeTakeFirst();
        // cancelled by the holder in the meantime
        if (Number(approved.numUpdatedRows) !== 1) throw new AppError('device_reset.not_requested', 409);
        await tokens.revoke(trx, ['device_reset_cancel'], { accountId });
        await switchOff(trx, accountId, actor, ip);
        await endRegistrationSessions(trx, accountId);
        await audit.record({ actor, action: 'device_reset.approved', subject: accountId, ip }, trx);
      });
    },
  };
}

export type DeviceResets = ReturnType<typeof createDeviceResets>;
