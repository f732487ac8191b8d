import type { Db } from '../../core/db/database.ts';
import type { Clock } from '../../core/clock/clock.ts';
import type { Audit } from '../../core/audit/audit.ts';
import type { FlowEngine } from '../../core/flows/engine.ts';
import type { RateLimiter } from '../../core/attempts/rate-limit.ts';
import { AppError } from '../../core/errors/app-error.ts';
import { hashPassword, normalizeEmail, verifyPassword } from '../../core/passwords/passwords.ts';
import { newChallenge, securityCode } from '../devices/security-code.ts';
import { CODE_FLOWS, verifyCodeStep } from '../devices/code-step.ts';
import { loginFlow, type LoginData, type LoginFlow } from './flows.ts';
import { attemptKeys, createAttempts, PASSWORD_RULE } from '../../core/attempts/attempts.ts';

export { loginFlow, type LoginData, type LoginFlow } from './flows.ts';

const IP_LIMIT = { points: 30, windowMs: 10 * 60_000 };
const CODE_IP_LIMIT = { points: 60, windowMs: 10 * 60_000 };

export interface LoginDeps {
  db: Db;
  clock: Clock;
  audit: Audit;
  flows: FlowEngine;
  rateLimiter: RateLimiter;
  hmacKey: string;
}

export function createLoginService(deps: LoginDeps) {
  const { db, clock, audit, flows, rateLimiter, hmacKey } = deps;
  const attempts = createAttempts(db, clock);
  // unknown addresses cost the same hash verification as known ones
  const dummyHash = hashPassword('pforte-timing-equaliser-not-a-password');

  /**
   * The password step every portal's login shares: the attempt counts before the hash is checked,
   * unknown addresses cost the same hash and get the same answer, failures grow into locks, and
   * the right password clears them. Returns the account; what its status means is the caller's.
   */
  async function checkCredentials(portal: string, emailInput: string, password: string, ip: string | null) {
    await rateLimiter.enforce(`login:ip:${ip}`, IP_LIMIT);
    const email = normalizeEmail(emailInput);
    const key = attemptKeys.password(portal, email);
    // the attempt counts before the hash is checked: parallel guesses cannot outrun the lock
    const attempt = await attempts.reserve(key, PASSWORD_RULE);
    if (!attempt.granted) {
      const minutes = attempt.lockedUntil ? Math.ceil((attempt.lockedUntil.getTime() - clock.now().getTime()) / 60_000) : 1;
      throw new AppError('login.temporarily_locked', 429, {}, { minutes: String(Math.max(1, minutes)) });
    }

    const account = await db
      .selectFrom('accounts')
      .leftJoin('registrations', 'registrations.account_id', 'accounts.id')
      .select(['accounts.id', 'accounts.status', 'accounts.password_hash', 'registrations.id as registration_id'])
      .where('accounts.portal', '=', portal)
      .where('accounts.email_normalized', '=', email)
      .executeTakeFirst();
    const ok = await verifyPassword(account?.password_hash ?? (await dummyHash), password);
    if (!account || !ok) {
      await audit.record({ actor: 'anonymous', action: 'login.password_wrong', subject: account?.id ?? null, ip, outcome: 'failure', data: { portal, failures: attempt.count } });
      if (attempt.lockedUntil) {
        await audit.record({ actor: 'system', action: 'login.locked', subject: account?.id ?? null, ip, outcome: 'denied', data: { portal, until: attempt.lockedUntil.toISOString() } });
      }
      throw new AppError('login.invalid', 401);
    }
    // more than this attempt on the key: earlier failures (and any lock) end with the right password
    if ((await attempts.clear(key)) > 1) await audit.record({ actor: `account:${account.id}`, action: 'login.unlocked', subject: account.id, ip });
    return { id: account.id, status: account.status, registrationId: account.registration_id, email };
  }

  return {
    /** A signed draft: the login page stores nothing until the password is right. */
    start(portal: string) {
      return flows.draft(loginFlow, { portal } satisfies LoginData);
    },

    /** With `portal`, a draft of that portal's login page loads too. */
    load(flowId: unknown, portal?: string) {
      return flows.load(loginFlow, flowId, portal === undefined ? undefined : ({ portal } satisfies LoginData));
    },

    /** The login of a page, or a fresh draft with the reason when it expired. */
    loadOrReplace(flowId: unknown, portal: string) {
      return flows.loadOrReplace(loginFlow, flowId, { portal } satisfies LoginData);
    },

    checkCredentials,

    /** Step 1. Wrong data and unknown addresses get the same answer at the same cost. */
    async submitPassword(flow: LoginFlow, emailInput: string, password: string, ip: string | null): Promise<LoginFlow> {
      if (flow.state !== 'credentials') throw new AppError('flow.expired', 410);
      const portal = flow.data.portal;
      const { email, ...account } = await checkCredentials(portal, emailInput, password, ip);
      // only now, with the right password, may the answer tell more about the account
      if (account.status === 'locked') throw new AppError('login.account_locked', 403);
      if (account.status !== 'active') throw new AppError('login.not_activated', 403);
      const device = await db.selectFrom('devices').select(['id']).where('account_id', '=', account.id).where('status', '=', 'active').executeTakeFirst();
      if (!device) {
        const reset = await db.selectFrom('device_resets').select('id').where('account_id', '=', account.id).where('status', 'in', ['requested', 'approved']).executeTakeFirst();
        throw new AppError(reset ? 'login.device_reset_pending' : 'login.no_device', 403);
      }
      const next = await db.transaction().execute((trx) =>
        flows.transition(trx, loginFlow, flow, 'code', { subject: account.id, data: { portal, accountId: account.id, email, challenge: newChallenge(clock.now()) } }),
      );
      await audit.record({ actor: `account:${account.id}`, action: 'login.password_ok', subject: account.id, ip });
      return next;
    },

    /** Step 2: the code shown by the app; five wrong codes or a timed-out code end the flow. */
    async submitCode(flow: LoginFlow, input: string, ip: string | null): Promise<{ accountId: string }> {
      if (flow.state !== 'code' || !flow.data.challenge || !flow.data.accountId) throw new AppError('flow.expired', 410);
      await rateLimiter.enforce(`code:ip:${ip}`, CODE_IP_LIMIT);
      const accountId = flow.data.accountId;
      const portal = flow.data.portal;
      await verifyCodeStep(deps, loginFlow, flow, input, ip, { expired: 'expired', failed: 'failed' });
      await db.transaction().execute(async (trx) => {
        await flows.transition(trx, loginFlow, flow, 'done');
        // manual 000 step 15: the first login completes the registration (and ends its 30-day clock)
        await trx.updateTable('registrations').set({ status: 'completed' }).where('account_id', '=', accountId).where('status', '=', 'open').execute();
        await trx
          .updateTable('accounts')
          .set((eb) => ({ previous_login_at: eb.ref('last_login_at'), last_login_at: clock.now() }))
          .where('id', '=', accountId)
          .execute();
        await audit.record({ actor: `account:${accountId}`, action: 'login.success', subject: accountId, ip, data: { portal } }, trx);
      });
      return { accountId };
    },

    /** Housekeeping: attempt keys whose failures are forgotten (every rule's keys, not only the login's). */
    sweepAttempts() {
      return attempts.sweep();
    },

    /** "Keinen Zugriff auf Authentifikations-Gerät?": allowed only in the code step, i.e. after the right password. */
    async startDeviceReset(flow: LoginFlow): Promise<{ accountId: string }> {
      if (flow.state !== 'code' || !flow.data.accountId) throw new AppError('flow.expired', 410);
      await db.transaction().execute((trx) => flows.transition(trx, loginFlow, flow, 'device_reset'));
      return { accountId: flow.data.accountId };
    },

    /**
     * The newest login of this account that waits for its code, as the app shows it. A timed-out
     * code stays timed out (manual 001 step 5): the login data are entered again on the login page,
     * which makes a newer login with a new code.
     */
    async pendingCode(accountId: string) {
      const flow = await flows.latestOf(CODE_FLOWS, 'code', accountId);
      const challenge = flow?.data.challenge;
      if (!flow || !challenge) return null;
      return {
        flowId: flow.id,
        code: securityCode(hmacKey, flow.id, challenge.id),
        expiresAt: challenge.expiresAt,
        expired: new Date(challenge.expiresAt) <= clock.now(),
        portal: flow.data.portal,
        startedAt: flow.createdAt.toISOString(),
      };
    },
  };
}

export type LoginService = ReturnType<typeof createLoginService>;
