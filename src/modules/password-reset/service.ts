import type { Db } from '../../core/db/database.ts';
import type { Clock } from '../../core/clock/clock.ts';
import type { Audit } from '../../core/audit/audit.ts';
import type { FlowEngine } from '../../core/flows/engine.ts';
import type { Mailer, MailMessage } from '../../core/mail/outbox.ts';
import type { RateLimiter } from '../../core/attempts/rate-limit.ts';
import { AppError } from '../../core/errors/app-error.ts';
import { createTokens } from '../../core/tokens/tokens.ts';
import { attemptKeys, createAttempts } from '../../core/attempts/attempts.ts';
import { hashPassword, normalizeEmail } from '../../core/passwords/passwords.ts';
import { checkPassword } from '../../core/passwords/password-rules.ts';
import { newChallenge } from '../devices/security-code.ts';
import { passwordResetFlow, type ResetData, type ResetFlow } from './flows.ts';
import { verifyCodeStep } from '../devices/code-step.ts';
import { sameWork } from '../../core/db/same-work.ts';

export const RESET_LINK_TTL_MS = 60 * 60_000;

export { passwordResetFlow, type ResetData, type ResetFlow } from './flows.ts';

/** "Passwort vergessen?" queues one of these for every address, so the mailbox's holder alone learns which. */
export interface ResetMails {
  reset(link: string): MailMessage;
  /** the account is locked: no link, the insurer unlocks it */
  locked(): MailMessage;
  /** no account for this address in the portal: if it was you, register */
  noAccount(): MailMessage;
}

export interface PasswordResetDeps {
  db: Db;
  clock: Clock;
  audit: Audit;
  flows: FlowEngine;
  mailer: Mailer;
  rateLimiter: RateLimiter;
  hmacKey: string;
}

export function createPasswordReset(deps: PasswordResetDeps) {
  const { db, clock, audit, flows, mailer, rateLimiter } = deps;
  const tokens = createTokens(clock);
  const attempts = createAttempts(db, clock);

  async function finish(trx: Db, flow: ResetFlow, passwordHash: string, ip: string | null) {
    await trx.updateTable('accounts').set({ password_hash: passwordHash }).where('id', '=', flow.data.accountId).execute();
    // every session of the account ends: portal sessions and the app's
    await trx.deleteFrom('sessions').where('account_id', '=', flow.data.accountId).execute();
    // a new password ends the lock of the old one
    await attempts.clear(attemptKeys.password(flow.data.portal, flow.data.email), trx);
    await audit.record({ actor: `account:${flow.data.accountId}`, action: 'password.reset', subject: flow.data.accountId, ip }, trx);
  }

  return {
    /**
     * Same answer and the same work for every address: a known one gets the link, a locked one
     * is told to ask the insurer, an unknown one that there is no access (and how to register).
     * Each queues one mail and runs the same statements; see `sameWork`.
     */
    async request(portal: string, emailInput: string, mails: ResetMails, link: (token: string) => string, ip: string | null) {
      await rateLimiter.enforce(`reset:ip:${ip}`, { points: 10, windowMs: 60 * 60_000 });
      const email = normalizeEmail(emailInput);
      await rateLimiter.enforce(`reset:email:${portal}:${email}`, { points: 3, windowMs: 60 * 60_000 });
      const account = await db.selectFrom('accounts').select(['id', 'email', 'status']).where('portal', '=', portal).where('email_normalized', '=', email).executeTakeFirst();
      const usable = !!account && account.status !== 'locked';
      const now = clock.now();
      await db.transaction().execute(async (trx) => {
        const token = await sameWork(trx, usable, (w) =>
          tokens.issue(w, { kind: 'password_reset', accountId: usable ? account.id : null, expiresAt: new Date(now.getTime() + RESET_LINK_TTL_MS), replaces: { accountId: account?.id ?? null } }),
        );
        const message = usable ? mails.reset(link(token)) : account ? mails.locked() : mails.noAccount();
        await mailer.store(account?.email ?? emailInput.trim(), message, trx);
        await audit.record({ actor: 'anonymous', action: 'password.reset_requested', subject: account?.id ?? null, ip, ...(usable ? {} : { outcome: 'denied' as const }) }, trx);
      });
    },

    /** The mail's link: used once, it becomes a flow, so the secret leaves the address bar. */
    async open(portal: string, token: unknown): Promise<ResetFlow> {
      const used = await tokens.consumeLink(db, ['password_reset'], token, {
        scope: (eb) => eb('account_id', 'in', eb.selectFrom('accounts').select('id').where('portal', '=', portal)),
      });
      const row = await db.selectFrom('accounts').select(['id as account_id', 'email_normalized']).where('id', '=', used.account_id!).executeTakeFirstOrThrow();
      return flows.create(passwordResetFlow, { portal, accountId: row.account_id, email: row.email_normalized } satisfies ResetData, row.account_id);
    },

    load(flowId: unknown) {
      return flows.load(passwordResetFlow, flowId);
    },

    /** The new password; with a device the change waits for the security code. */
    async setPassword(flow: ResetFlow, password: string, repeat: string, ip: string | null): Promise<ResetFlow> {
      if (flow.state !== 'password') throw new AppError('flow.expired', 410);
      const rules = checkPassword(password, flow.data.email);
      if (!rules.ok) throw new AppError('form.invalid', 422, { password: rules.code });
      if (password !== repeat) throw new AppError('form.invalid', 422, { passwordRepeat: 'password.mismatch' });
      const passwordHash = await hashPassword(password);
      const device = await db.selectFrom('devices').select('id').where('account_id', '=', flow.data.accountId).where('status', '=', 'active').executeTakeFirst();
      return db.transaction().execute(async (trx) => {
        if (device) {
          return flows.transition(trx, passwordResetFlow, flow, 'code', { data: { ...flow.data, passwordHash, challenge: newChallenge(clock.now()) } });
        }
        const done = await flows.transition(trx, passwordResetFlow, flow, 'done', { data: { portal: flow.data.portal, accountId: flow.data.accountId, email: flow.data.email } });
        await finish(trx, flow, passwordHash, ip);
        return done;
      });
    },

    async submitCode(flow: ResetFlow, input: string, ip: string | null): Promise<void> {
      if (flow.state !== 'code' || !flow.data.passwordHash) throw new AppError('flow.expired', 410);
      await rateLimiter.enforce(`code:ip:${ip}`, { points: 60, windowMs: 10 * 60_000 });
      await verifyCodeStep(deps, passwordResetFlow, flow, input, ip, { expired: 'expired', failed: 'failed' });
      const passwordHash = flow.data.passwordHash;
      await db.transaction().execute(async (trx) => {
        // the hash leaves the flow row with the change
        await flows.transition(trx, passwordResetFlow, flow, 'done', { data: { portal: flow.data.portal, accountId: flow.data.accountId, email: flow.data.email } });
        await finish(trx, flow, passwordHash, ip);
      });
    },
  };
}

export type PasswordReset = ReturnType<typeof createPasswordReset>;
