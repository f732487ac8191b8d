import type { PlatformDeps } from '../../core/deps.ts';
import type { Db } from '../../core/db/database.ts';
import type { MailMessage } from '../../core/mail/outbox.ts';
import { AppError, type FieldErrors } from '../../core/errors/app-error.ts';
import { newId } from '../../core/ids/secrets.ts';
import { createTokens } from '../../core/tokens/tokens.ts';
import { attemptKeys, createAttempts, SECURITY_ANSWER_RULE } from '../../core/attempts/attempts.ts';
import { hashPassword, normalizeEmail } from '../../core/passwords/passwords.ts';
import { checkPassword } from '../../core/passwords/password-rules.ts';
import { checkAnswer, hashAnswer, securityQuestionText, verifyAnswer } from '../../core/passwords/security-question.ts';
import { browserName, shortenIp } from './browser.ts';

export const RESET_LINK_TTL_MS = 60 * 60_000;
export const HISTORY_SIZE = 50;

type Deps = Pick<PlatformDeps, 'db' | 'clock' | 'audit' | 'login' | 'mailer' | 'rateLimiter'>;

export interface SignedIn {
  accountId: string;
  role: string;
  /** an employer the insurer has released may publish offers */
  released: boolean;
}

/**
 * Jobmaster's login (manual 004: e-mail and password, no second factor), "Mein Konto" with the
 * Loginverlauf, and "Passwort vergessen?" with the Kennwortfrage. The password step is the
 * platform's (`login.checkCredentials`); what this adds is the history and the Jobmaster's rules.
 */
export function createJobmasterLogin(deps: Deps, portal: string) {
  const { db, clock, audit, login, mailer, rateLimiter } = deps;
  const tokens = createTokens(clock);
  const attempts = createAttempts(db, clock);
  // an account without a stored answer costs the same verification as one with
  const dummyAnswer = hashAnswer('pforte-timing-equaliser-not-an-answer');

  async function remember(trx: Db, accountId: string, success: boolean, ip: string | null, userAgent: string | undefined) {
    await trx
      .insertInto('login_history')
      .values({ id: newId(), account_id: accountId, at: clock.now(), ip: shortenIp(ip), user_agent: browserName(userAgent), success })
      .execute();
  }

  async function accountByEmail(emailInput: string) {
    return db.selectFrom('accounts').select(['id']).where('portal', '=', portal).where('email_normalized', '=', normalizeEmail(emailInput)).executeTakeFirst();
  }

  /** The reset link's account, or why the link opens nothing (unknown 404, used or expired 410). */
  async function resetAccount(secret: unknown) {
    const token = await tokens.find(db, ['password_reset'], secret, {
      scope: (eb) => eb('account_id', 'in', eb.selectFrom('accounts').select('id').where('portal', '=', portal)),
    });
    if (!token || !token.account_id) throw new AppError('token.invalid', 404);
    const outcome = tokens.check(token);
    if (outcome !== 'ok') throw new AppError(outcome === 'used' ? 'token.used' : 'token.expired', 410);
    const account = await db
      .selectFrom('accounts')
      .leftJoin('security_answers', 'security_answers.account_id', 'accounts.id')
      .select(['accounts.id', 'accounts.email_normalized', 'security_answers.question', 'security_answers.answer_hash'])
      .where('accounts.id', '=', token.account_id)
      .executeTakeFirstOrThrow();
    return account;
  }

  return {
    /** Manual 004 "Login": the platform's password step, then what the account's state allows. */
    async signIn(email: string, password: string, ip: string | null, userAgent: string | undefined): Promise<SignedIn> {
      let account: Awaited<ReturnType<typeof login.checkCredentials>>;
      try {
        account = await login.checkCredentials(portal, email, password, ip);
      } catch (error) {
        if (error instanceof AppError && (error.code === 'login.invalid' || error.code === 'login.temporarily_locked')) {
          const known = await accountByEmail(email);
          if (known) await remember(db, known.id, false, ip, userAgent);
        }
        throw error;
      }
      // only now, with the right password, may the answer tell more about the account
      if (account.status !== 'active') {
        await remember(db, account.id, false, ip, userAgent);
        throw new AppError(account.status === 'locked' ? 'login.account_locked' : 'login.email_unconfirmed', 403);
      }
      const row = await db.transaction().execute(async (trx) => {
        await trx
          .updateTable('accounts')
          .set((eb) => ({ previous_login_at: eb.ref('last_login_at'), last_login_at: clock.now() }))
          .where('id', '=', account.id)
          .execute();
        await remember(trx, account.id, true, ip, userAgent);
        await audit.record({ actor: `account:${account.id}`, action: 'login.success', subject: account.id, ip, data: { portal } }, trx);
        return trx
          .selectFrom('accounts')
          .leftJoin('jobmaster_employers', 'jobmaster_employers.id', 'accounts.company')
          .select(['accounts.role', 'jobmaster_employers.status as employer_status'])
          .where('accounts.id', '=', account.id)
          .executeTakeFirstOrThrow();
      });
      return { accountId: account.id, role: row.role, released: row.role === 'employer' && row.employer_status === 'released' };
    },

    /** What "Mein Konto" and "Persönliche Daten" show. */
    async account(accountId: string) {
      return db
        .selectFrom('accounts')
        .leftJoin('jobmaster_employers', (join) => join.onRef('jobmaster_employers.id', '=', 'accounts.company').on('accounts.role', '=', 'employer'))
        .select([
          'accounts.id',
          'accounts.salutation',
          'accounts.title',
          'accounts.first_name',
          'accounts.last_name',
          'accounts.email',
          'accounts.role',
          'accounts.previous_login_at',
          'jobmaster_employers.company_name',
          'jobmaster_employers.betriebsnummer',
          'jobmaster_employers.status as employer_status',
        ])
        .where('accounts.id', '=', accountId)
        .where('accounts.portal', '=', portal)
        .executeTakeFirst();
    },

    /** "Loginverlauf": the newest attempts first. */
    history(accountId: string) {
      return db.selectFrom('login_history').select(['at', 'ip', 'user_agent', 'success']).where('account_id', '=', accountId).orderBy('at', 'desc').orderBy('id').limit(HISTORY_SIZE).execute();
    },

    /** "Das war ich nicht": every session of the account ends, on every device, and a reset link goes out. */
    async notMe(accountId: string, ip: string | null, mail: (link: string) => MailMessage, link: (token: string) => string) {
      await db.transaction().execute(async (trx) => {
        const account = await trx.selectFrom('accounts').select(['email']).where('id', '=', accountId).executeTakeFirstOrThrow();
        await trx.deleteFrom('sessions').where('account_id', '=', accountId).execute();
        const token = await tokens.issue(trx, { kind: 'password_reset', accountId, expiresAt: new Date(clock.now().getTime() + RESET_LINK_TTL_MS), replaces: { accountId } });
        await mailer.store(account.email, mail(link(token)), trx);
        await audit.record({ actor: `account:${accountId}`, action: 'account.sessions_ended', subject: accountId, ip }, trx);
      });
    },

    /** The question the reset link's page asks. */
    async openReset(secret: unknown): Promise<{ question: string }> {
      const account = await resetAccount(secret);
      return { question: (account.question && securityQuestionText(account.question)) || 'Kennwortfrage' };
    },

    /**
     * The answer and the new password. A wrong answer counts on the account (counted before it is
     * checked) and leaves the link usable until the answers are used up; the link is used only
     * together with the change, in one statement, so two submits at once change the password once.
     */
    async completeReset(secret: unknown, input: { answer?: string; password?: string; passwordRepeat?: string }, ip: string | null): Promise<void> {
      await rateLimiter.enforce(`reset:ip:${ip}`, { points: 30, windowMs: 60 * 60_000 });
      const account = await resetAccount(secret);
      const errors: FieldErrors = {};
      const answer = checkAnswer(input.answer);
      if (!answer.ok) errors.answer = answer.code;
      const rules = checkPassword(input.password ?? '', account.email_normalized);
      if (!rules.ok) errors.password = rules.code;
      else if (input.password !== input.passwordRepeat) errors.passwordRepeat = 'password.mismatch';
      if (Object.keys(errors).length) throw new AppError('form.invalid', 422, errors);

      const key = attemptKeys.securityAnswer(account.id);
      const attempt = await attempts.reserve(key, SECURITY_ANSWER_RULE);
      const usedUp = async () => {
        await tokens.revoke(db, ['password_reset'], { accountId: account.id });
        return new AppError('answer.locked', 429);
      };
      if (!attempt.granted) throw await usedUp();
      const right = await verifyAnswer(account.answer_hash ?? (await dummyAnswer), answer.ok ? answer.value : '');
      if (!right || !account.answer_hash) {
        await audit.record({ actor: 'anonymous', action: 'password_reset.answer_wrong', subject: account.id, ip, outcome: 'failure', data: { failures: attempt.count } });
        if (attempt.lockedUntil) throw await usedUp();
        throw new AppError('form.invalid', 422, { answer: 'answer.wrong' });
      }
      const passwordHash = await hashPassword(input.password!);
      await db.transaction().execute(async (trx) => {
        const used = await tokens.consume(trx, ['password_reset'], secret, {
          scope: (eb) => eb('account_id', '=', account.id),
        });
        if (used.outcome !== 'ok') throw new AppError(used.outcome === 'unknown' ? 'token.invalid' : used.outcome === 'used' ? 'token.used' : 'token.expired', used.outcome === 'unknown' ? 404 : 410);
        await trx.updateTable('accounts').set({ password_hash: passwordHash }).where('id', '=', account.id).execute();
        // every session of the account ends, and the locks of the old password and of the answers with them
        await trx.deleteFrom('sessions').where('account_id', '=', account.id).execute();
        await attempts.clear(attemptKeys.password(portal, account.email_normalized), trx);
        await attempts.clear(key, trx);
        await audit.record({ actor: `account:${account.id}`, action: 'password.reset', subject: account.id, ip }, trx);
      });
    },
  };
}

export type JobmasterLogin = ReturnType<typeof createJobmasterLogin>;
