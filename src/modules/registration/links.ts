import type { Db } from '../../core/db/database.ts';
import type { Clock } from '../../core/clock/clock.ts';
import type { Audit } from '../../core/audit/audit.ts';
import { AppError } from '../../core/errors/app-error.ts';
import { createTokens, type TokenFilter } from '../../core/tokens/tokens.ts';
import { DEVICE_RESET_LINK_TTL_MS } from '../devices/device-reset.ts';
import { CONFIRMATION_TTL_MS } from './steps.ts';
import { markStep } from './queries.ts';

export interface RegistrationLinks {
  confirm: string;
  status: string;
}

/** The portal a registration's links belong to, and how its links are written. */
export interface LinkProfile {
  portal: string;
  confirmLink(token: string): string;
  statusLink(token: string): string;
}

/**
 * The mailed links of a registration: the confirmation link (single use) and the status link
 * (opened as often as needed while the registration lives). A link of another portal is unknown here.
 */
export function createRegistrationLinks(deps: { db: Db; clock: Clock; audit: Audit }, profile: LinkProfile) {
  const { db, clock, audit } = deps;
  const tokens = createTokens(clock);
  const ofPortal: TokenFilter = (eb) => eb('registration_id', 'in', eb.selectFrom('registrations').select('id').where('portal', '=', profile.portal));

  return {
    /** A new confirmation link makes older ones useless; status links stay valid. */
    async issue(trx: Db, registrationId: string | null, accountId: string | null, expiresAt: Date): Promise<RegistrationLinks> {
      const now = clock.now();
      const confirm = await tokens.issue(trx, {
        kind: 'email_confirmation',
        registrationId,
        accountId,
        expiresAt: new Date(now.getTime() + CONFIRMATION_TTL_MS),
        replaces: { registrationId },
      });
      const status = await tokens.issue(trx, { kind: 'registration_status', registrationId, accountId, expiresAt });
      return { confirm: profile.confirmLink(confirm), status: profile.statusLink(status) };
    },

    /** The confirmation link: single use, 720 hours. Returns the registration it confirmed. */
    async confirmEmail(token: unknown, ip: string | null): Promise<string> {
      return db.transaction().execute(async (trx) => {
        const used = await tokens.consumeLink(trx, ['email_confirmation'], token, { scope: ofPortal });
        // the portal's scope only holds tokens of a registration
        const registrationId = used.registration_id!;
        await markStep(trx, clock, registrationId, 'email_confirmed');
        await audit.record({ actor: 'anonymous', action: 'registration.email_confirmed', subject: registrationId, ip }, trx);
        return registrationId;
      });
    },

    /**
     * The status link: a registration's valid as long as the registration lives, a device reset's
     * (kind device_reset_status) for that reset only. What it may continue depends on the account
     * (the routes decide): `forReset` tells the link of a running reset from the first mail's,
     * `spent` one of an earlier reset.
     */
    async openStatus(token: unknown): Promise<{ registrationId: string; forReset: boolean; spent: boolean }> {
      const row = await tokens.find(db, ['registration_status', 'device_reset_status'], token, { scope: ofPortal });
      if (!row?.registration_id) throw new AppError('token.invalid', 404);
      if (new Date(row.expires_at).getTime() <= clock.now().getTime()) throw new AppError('token.expired', 410);
      return { registrationId: row.registration_id, forReset: row.kind === 'device_reset_status', spent: row.used_at !== null };
    },

    /**
     * A new status link for a registration (for a staff mail); older ones stay valid. While a
     * device reset runs it is that reset's own link: only such a link continues the reset, and
     * a later reset spends it.
     */
    async issueStatusLink(registrationId: string): Promise<string> {
      const row = await db.selectFrom('registrations').select(['account_id', 'expires_at']).where('id', '=', registrationId).executeTakeFirstOrThrow();
      const reset = await db.selectFrom('device_resets').select('id').where('account_id', '=', row.account_id).where('status', 'in', ['requested', 'approved']).executeTakeFirst();
      const token = await tokens.issue(db, {
        kind: reset ? 'device_reset_status' : 'registration_status',
        registrationId,
        accountId: row.account_id,
        expiresAt: reset ? new Date(clock.now().getTime() + DEVICE_RESET_LINK_TTL_MS) : new Date(row.expires_at),
      });
      return profile.statusLink(token);
    },
  };
}
