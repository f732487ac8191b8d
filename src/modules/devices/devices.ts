import { randomInt } from 'node:crypto';
import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { Database } from '../../core/db/schema.ts';
import type { Db } from '../../core/db/database.ts';
import type { Clock } from '../../core/clock/clock.ts';
import type { Audit } from '../../core/audit/audit.ts';
import type { FlowEngine } from '../../core/flows/engine.ts';
import { appChallengeFlow } from './flows.ts';
import { AppError } from '../../core/errors/app-error.ts';
import { hmac, newId } from '../../core/ids/secrets.ts';
import { hashPassword, normalizeEmail } from '../../core/passwords/passwords.ts';
import { checkPin } from './pin-rules.ts';
import { attemptKeys, createAttempts } from '../../core/attempts/attempts.ts';
import { createTokens } from '../../core/tokens/tokens.ts';
import { deviceField, parsePublicKey, verifyDeviceSignature } from '../../core/device-keys/signatures.ts';
import { useChallenge } from '../../core/device-keys/challenges.ts';
import { checkDevicePin, MAX_WRONG_PINS } from '../../core/device-keys/device-pin.ts';
import { createAppSessions } from '../../core/device-keys/app-sessions.ts';

export const ACTIVATION_CODE_TTL_MS = 72 * 3_600_000;

/** What the device signs to log in: bound to the nonce and the device, so neither can be swapped. */
export function loginMessage(nonce: string, deviceId: string): string {
  return `pforte-authenticator:login:${nonce}:${deviceId}`;
}

export { appChallengeFlow } from './flows.ts';

export interface DeviceDeps {
  db: Db;
  clock: Clock;
  audit: Audit;
  flows: FlowEngine;
  hmacKey: string;
}

/** How an activation code is stored: keyed per account, so a code means nothing for another. */
export function activationHash(key: string, accountId: string, code: string): string {
  return hmac(key, `device-activation:${accountId}:${code}`);
}

/**
 * The 2-factor devices: activation with a one-time code, login with a signed nonce
 * plus the PIN, sessions for the app. Accounts of every portal share them.
 */
export function createDevices(deps: DeviceDeps) {
  const { db, clock, audit, flows, hmacKey } = deps;
  const attempts = createAttempts(db, clock);
  const tokens = createTokens(clock);
  const appSessions = createAppSessions(db, clock, 'app');
  const codeOf = (accountId: string) => ({ hash: (code: string) => activationHash(hmacKey, accountId, code) });

  /** One device in use per account; the account row is locked so parallel activations take turns. */
  async function assertNoDeviceInUse(trx: Kysely<Database>, accountId: string) {
    await trx.selectFrom('accounts').select('id').where('id', '=', accountId).forUpdate().executeTakeFirst();
    const inUse = await trx.selectFrom('devices').select('id').where('account_id', '=', accountId).where('status', 'in', ['active', 'locked']).executeTakeFirst();
    if (inUse) throw new AppError('app.device_in_use', 409);
  }

  async function accountsByEmail(email: string) {
    return db.selectFrom('accounts').select(['id', 'email', 'portal', 'status']).where('email_normalized', '=', normalizeEmail(email)).execute();
  }

  return {
    /**
     * A new 8-digit code for the account; older unused codes stop working. Only for an account
     * without a device in use (its first device, or after the approved reset switched it off);
     * the callers decide whether the situation allows one at all (an open registration, an
     * approved reset, an invitation).
     */
    async issueActivationCode(accountId: string, registrationId: string | null): Promise<string> {
      const code = String(randomInt(0, 100_000_000)).padStart(8, '0');
      const now = clock.now();
      await db.transaction().execute(async (trx) => {
        await assertNoDeviceInUse(trx, accountId);
        await tokens.issue(trx, {
          kind: 'device_activation',
          secret: code,
          ...codeOf(accountId),
          registrationId,
          accountId,
          expiresAt: new Date(now.getTime() + ACTIVATION_CODE_TTL_MS),
          replaces: { accountId },
        });
      });
      return code;
    },

    async activeDevice(accountId: string) {
      return db.selectFrom('devices').select(['id', 'kind', 'status', 'created_at']).where('account_id', '=', accountId).where('status', '=', 'active').executeTakeFirst();
    },

    /** Whether the account has a device that is not switched off (active, or locked by wrong PINs). */
    async hasDeviceInUse(accountId: string): Promise<boolean> {
      return Boolean(await db.selectFrom('devices').select('id').where('account_id', '=', accountId).where('status', 'in', ['active', 'locked']).executeTakeFirst());
    },

    /** The app's activation: e-mail + activation code + public key + PIN. */
    async activate(input: { email: unknown; activationCode: unknown; publicKey: unknown; pin: unknown; kind: unknown }, ip: string | null) {
      const email = typeof input.email === 'string' ? input.email.trim() : '';
      const code = typeof input.activationCode === 'string' ? input.activationCode.replace(/\s+/g, '') : '';
      const pin = typeof input.pin === 'string' ? input.pin : '';
      const kind = input.kind === 'cli' ? 'cli' : 'app';
      if (!email || email.length > 254) throw new AppError('app.activation_invalid', 400, { email: 'field.required' });
      if (!/^\d{8}$/.test(code)) throw new AppError('app.activation_invalid', 400, { activationCode: 'app.activation_invalid' });
      const pinCheck = checkPin(pin);
      if (!pinCheck.ok) throw new AppError(pinCheck.code, 422, { pin: pinCheck.code });
      const publicKey = parsePublicKey(input.publicKey);
      const now = clock.now();
      const candidates = await accountsByEmail(email);
      let match: { accountId: string; registrationId: string | null } | undefined;
      for (const account of candidates) {
        const token = await tokens.find(db, ['device_activation'], code, codeOf(account.id));
        if (token) {
          const state = tokens.check(token);
          if (state !== 'ok') throw new AppError(state === 'used' ? 'app.activation_used' : 'app.activation_expired', 410);
          match = { accountId: account.id, registrationId: token.registration_id };
        }
      }
      if (!match) {
        await audit.record({ actor: 'anonymous', action: 'device.activation_failed', ip, outcome: 'failure' });
        throw new AppError('app.activation_invalid', 400, { activationCode: 'app.activation_invalid' });
      }
      const pinHash = await hashPassword(pin);
      const deviceId = newId();
      try {
        await db.transaction().execute(async (trx) => {
          const used = await tokens.consume(trx, ['device_activation'], code, codeOf(match.accountId));
          if (used.outcome !== 'ok') throw new AppError(used.outcome === 'expired' ? 'app.activation_expired' : 'app.activation_used', 410);
          // never beside or instead of a device in use, whatever the code: only the staff-approved reset switches it off
          await assertNoDeviceInUse(trx, match.accountId);
          await trx
            .insertInto('devices')
            .values({ id: deviceId, account_id: match.accountId, kind, public_key: JSON.stringify(publicKey), pin_hash: pinHash, status: 'active', created_at: now, last_login_at: null })
            .execute();
          if (match.registrationId) {
            await trx
              .insertInto('registration_steps')
              .values({ registration_id: match.registrationId, step: 'device_registered', done_at: now })
              .onConflict((oc) => oc.columns(['registration_id', 'step']).doUpdateSet({ done_at: now }))
              .execute();
          }
          // an approved device reset ends with the new device
          await trx.updateTable('device_resets').set({ status: 'completed', completed_at: now }).where('account_id', '=', match.accountId).where('status', '=', 'approved').execute();
          await audit.record({ actor: `account:${match.accountId}`, action: 'device.activated', subject: deviceId, ip, data: { kind } }, trx);
        });
      } catch (error) {
        if (error instanceof AppError && error.code === 'app.device_in_use') {
          await audit.record({ actor: 'anonymous', action: 'device.activation_refused', subject: match.accountId, ip, outcome: 'denied' });
        }
        throw error;
      }
      return { deviceId };
    },

    /** A nonce to sign; answered the same for every address, so it tells nothing. */
    async challenge(): Promise<{ nonce: string; expiresAt: string }> {
      const flow = await flows.create(appChallengeFlow, {});
      return { nonce: flow.id, expiresAt: flow.expiresAt.toISOString() };
    },

    /** App login: the device proves its key by signing the nonce; the PIN is checked on the server. */
    async login(input: { deviceId: unknown; nonce: unknown; signature: unknown; pin: unknown }, ip: string | null) {
      const deviceId = deviceField(input.deviceId, 64);
      const pin = typeof input.pin === 'string' ? input.pin : '';
      const challenge = await useChallenge(flows, db, appChallengeFlow, input.nonce);
      const device = deviceId ? await db.selectFrom('devices').selectAll().where('id', '=', deviceId).executeTakeFirst() : undefined;
      if (!device) throw new AppError('app.signature_invalid', 401);
      if (!verifyDeviceSignature(device.public_key, loginMessage(challenge.id, device.id), deviceField(input.signature, 200))) {
        await audit.record({ actor: 'anonymous', action: 'device.signature_invalid', subject: device.id, ip, outcome: 'failure' });
        throw new AppError('app.signature_invalid', 401);
      }
      if (device.status === 'disabled') throw new AppError('app.device_disabled', 403);
      if (device.status === 'locked') throw new AppError('app.device_locked', 423);
      const checked = await checkDevicePin(attempts, attemptKeys.pin(device.id), device.pin_hash, pin);
      if (!checked.ok) {
        if (!checked.counted) throw new AppError('app.device_locked', 423);
        // failed_pins mirrors the count for the back office; the status is what every other check reads
        await db
          .updateTable('devices')
          .set((eb) => ({ failed_pins: sql<number>`greatest(${eb.ref('failed_pins')}, ${checked.count})`, status: checked.locked ? 'locked' : eb.ref('status') }))
          .where('id', '=', device.id)
          .where('status', '=', 'active')
          .execute();
        await audit.record({ actor: `account:${device.account_id}`, action: checked.locked ? 'device.locked' : 'device.pin_wrong', subject: device.id, ip, outcome: 'failure', data: { failedPins: checked.count } });
        if (checked.locked) throw new AppError('app.device_locked', 423);
        throw new AppError('app.pin_wrong', 401, {}, { attemptsLeft: String(MAX_WRONG_PINS - checked.count) });
      }
      const now = clock.now();
      return db.transaction().execute(async (trx) => {
        await trx.updateTable('devices').set({ failed_pins: 0, last_login_at: now }).where('id', '=', device.id).execute();
        const session = await appSessions.start(trx, { accountId: device.account_id, deviceId: device.id });
        await audit.record({ actor: `account:${device.account_id}`, action: 'device.login', subject: device.id, ip }, trx);
        return session;
      });
    },

    /** Resolves an app session token; the device must still be active. */
    async authenticate(token: unknown) {
      const session = await appSessions.resolve(token);
      const device = session.deviceId ? await db.selectFrom('devices').select(['id', 'account_id', 'status']).where('id', '=', session.deviceId).executeTakeFirst() : undefined;
      if (!device) throw new AppError('app.session_invalid', 401);
      if (device.status !== 'active') throw new AppError(device.status === 'locked' ? 'app.device_locked' : 'app.device_disabled', 403);
      return { accountId: device.account_id, deviceId: device.id };
    },

    logout: (token: unknown) => appSessions.end(token),

    async disableDevices(accountId: string, actor: string, ip: string | null) {
      await db.transaction().execute(async (trx) => {
        const rows = await trx.updateTable('devices').set({ status: 'disabled' }).where('account_id', '=', accountId).where('status', '!=', 'disabled').returning('id').execute();
        await trx.deleteFrom('sessions').where('account_id', '=', accountId).where('portal', '=', 'app').execute();
        for (const r of rows) await audit.record({ actor, action: 'device.disabled', subject: r.id, ip }, trx);
      });
    },
  };
}

export type Devices = ReturnType<typeof createDevices>;
