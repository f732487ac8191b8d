import { AppError, type FieldErrors } from '../../core/errors/app-error.ts';
import { emailField, type FormBody } from '../../core/http/forms.ts';
import { hashSecret } from '../../core/ids/secrets.ts';
import { attemptKeys } from '../../core/attempts/attempts.ts';
import { normalizeEmail } from '../../core/passwords/passwords.ts';
import { EMAIL_CHANGE_TTL_MS, isUniqueViolation, type AccountContext } from './context.ts';

/** Manual 004 "E-Mail Adresse ändern": the link to the new address, its page and its use. */
export function emailChange(ctx: AccountContext) {
  const { db, clock, audit, mailer, rateLimiter, mails, tokens, attempts, ofPortal, accountRow, checkCurrent, openLink, taken } = ctx;
  return {
    /**
     * "E-Mail Adresse ändern": a link to the new address, a notice to the old one. Whether another
     * account uses the new address is not said here (the link's page says it cannot be used).
     */
    async requestEmailChange(accountId: string, body: FormBody, ip: string | null, link: (token: string) => string): Promise<string> {
      await rateLimiter.enforce(`email-change:${accountId}`, { points: 10, windowMs: 60 * 60_000 });
      const account = await accountRow(accountId);
      const errors: FieldErrors = {};
      const email = emailField(body.email);
      if (!email.ok) errors.email = email.code;
      else if (normalizeEmail(email.value) === account.email_normalized) errors.email = 'account.email_unchanged';
      await checkCurrent(account, body.currentPassword, ip, errors);
      const newEmail = (email as { value: string }).value;
      await db.transaction().execute(async (trx) => {
        await trx.deleteFrom('jobmaster_pending_changes').where('account_id', '=', accountId).where('kind', '=', 'email_change').execute();
        const secret = await tokens.issue(trx, { kind: 'email_change', accountId, expiresAt: new Date(clock.now().getTime() + EMAIL_CHANGE_TTL_MS), replaces: { accountId } });
        await trx.insertInto('jobmaster_pending_changes').values({ token_hash: hashSecret(secret), account_id: accountId, kind: 'email_change', data: JSON.stringify({ email: newEmail }) as never, created_at: clock.now() }).execute();
        await mailer.store(newEmail, mails.emailChangeLink(link(secret)), trx);
        await mailer.store(account.email, mails.emailChangeNotice(), trx);
        await audit.record({ actor: `account:${accountId}`, action: 'account.email_change_requested', subject: accountId, ip }, trx);
      });
      return newEmail;
    },

    /** The link's page: whether it can still be used. */
    async openEmailChange(secret: unknown): Promise<{ email: string }> {
      const { data } = await openLink('email_change', secret);
      return { email: data.email ?? '' };
    },

    /** The link, used: the address changes (and an employer's main contact's), the old address is told. */
    async confirmEmailChange(secret: unknown, ip: string | null): Promise<void> {
      const { accountId, data } = await openLink('email_change', secret);
      const email = data.email ?? '';
      try {
        await db.transaction().execute(async (trx) => {
          const used = await tokens.consumeLink(trx, ['email_change'], secret, { scope: ofPortal });
          if (used.account_id !== accountId) throw new AppError('token.invalid', 404);
          if (await taken(trx, email, accountId)) throw new AppError('account.email_change_unusable', 409);
          const account = await trx.selectFrom('accounts').select(['email', 'email_normalized', 'company', 'role']).where('id', '=', accountId).executeTakeFirstOrThrow();
          await trx.updateTable('accounts').set({ email, email_normalized: normalizeEmail(email) }).where('id', '=', accountId).execute();
          if (account.role === 'employer' && account.company) {
            await trx.updateTable('jobmaster_contacts').set({ email }).where('employer_id', '=', account.company).where('is_main', '=', true).execute();
          }
          await trx.deleteFrom('jobmaster_pending_changes').where('token_hash', '=', used.hash).execute();
          await attempts.clear(attemptKeys.password(ctx.portal, account.email_normalized), trx);
          await mailer.store(account.email, mails.emailChanged(), trx);
          await audit.record({ actor: `account:${accountId}`, action: 'account.email_changed', subject: accountId, ip }, trx);
        });
      } catch (error) {
        if (isUniqueViolation(error) || (error instanceof AppError && error.code === 'account.email_change_unusable')) {
          await audit.record({ actor: `account:${accountId}`, action: 'account.email_change_refused', subject: accountId, ip, outcome: 'denied' });
          throw new AppError('account.email_change_unusable', 409);
        }
        throw error;
      }
    },
  };
}
