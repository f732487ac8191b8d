import type { Db } from '../db/database.ts';
import type { Clock } from '../clock/clock.ts';
import { AppError } from '../errors/app-error.ts';
import { hashSecret, newSecret } from '../ids/secrets.ts';

/** An app session ends after 15 minutes without a request, and 12 hours after its login at the latest. */
export const APP_SESSION_IDLE_MS = 15 * 60_000;
const APP_SESSION_MAX_MS = 12 * 3_600_000;

/** Whose session it is: a 2-factor device of an account, or a device of the AOK Ident app. */
export type AppSessionOwner = { accountId: string; deviceId: string } | { identDeviceId: string };

/**
 * The bearer sessions of the apps, after a login with the device key and the PIN: rows of `sessions`
 * under their own `portal`, so no cookie session is ever taken for one. The token is 256 random bits,
 * kept as its hash; a row names its device, and goes when the device does.
 */
export function createAppSessions(db: Db, clock: Clock, portal: string) {
  return {
    /** A new session inside the login's transaction; the token is said once, here. */
    async start(trx: Db, owner: AppSessionOwner): Promise<{ token: string; expiresInSeconds: number }> {
      const token = newSecret();
      const now = clock.now();
      const ids = 'identDeviceId' in owner ? { account_id: null, device_id: null, ident_device_id: owner.identDeviceId } : { account_id: owner.accountId, device_id: owner.deviceId };
      await trx
        .insertInto('sessions')
        .values({ id_hash: hashSecret(token), portal, registration_id: null, ...ids, created_at: now, last_seen_at: now, expires_at: new Date(now.getTime() + APP_SESSION_MAX_MS) })
        .execute();
      return { token, expiresInSeconds: APP_SESSION_IDLE_MS / 1000 };
    },

    /** The live session of a bearer token, kept alive by this request; anything else is `app.session_invalid`. */
    async resolve(token: unknown) {
      if (typeof token !== 'string' || !/^[A-Za-z0-9_-]{43}$/.test(token)) throw new AppError('app.session_invalid', 401);
      const now = clock.now();
      const row = await db
        .selectFrom('sessions')
        .select(['id_hash', 'last_seen_at', 'expires_at', 'account_id', 'device_id', 'ident_device_id'])
        .where('id_hash', '=', hashSecret(token))
        .where('portal', '=', portal)
        .executeTakeFirst();
      if (!row || new Date(row.expires_at) <= now || now.getTime() - new Date(row.last_seen_at).getTime() > APP_SESSION_IDLE_MS) {
        throw new AppError('app.session_invalid', 401);
      }
      await db.updateTable('sessions').set({ last_seen_at: now }).where('id_hash', '=', row.id_hash).execute();
      return { accountId: row.account_id, deviceId: row.device_id, identDeviceId: row.ident_device_id };
    },

    async end(token: unknown): Promise<void> {
      if (typeof token === 'string') await db.deleteFrom('sessions').where('id_hash', '=', hashSecret(token)).where('portal', '=', portal).execute();
    },
  };
}

export type AppSessions = ReturnType<typeof createAppSessions>;
