import { AppError, type FieldErrors } from '../../core/errors/app-error.ts';
import type { FormBody } from '../../core/http/forms.ts';
import { hashPassword } from '../../core/passwords/passwords.ts';
import { checkPassword } from '../../core/passwords/password-rules.ts';
import type { AccountContext } from './context.ts';

/** Manual 004 "Passwort ändern". */
export function passwordChange(ctx: AccountContext) {
  const { db, audit, mailer, mails, accountRow, checkCurrent } = ctx;
  return {
    /** "Passwort ändern": the current password, the new one twice; the other sessions end (the caller rotates its own). */
    async changePassword(accountId: string, body: FormBody, ip: string | null): Promise<void> {
      const account = await accountRow(accountId);
      const errors: FieldErrors = {};
      const rules = checkPassword(body.password ?? '', account.email_normalized);
      if (!rules.ok) errors.password = rules.code;
      else if (body.password !== body.passwordRepeat) errors.passwordRepeat = 'password.mismatch';
      await checkCurrent(account, body.currentPassword, ip, errors);
      const hash = await hashPassword(body.password!);
      await db.transaction().execute(async (trx) => {
        await trx.updateTable('accounts').set({ password_hash: hash }).where('id', '=', accountId).execute();
        await trx.deleteFrom('sessions').where('account_id', '=', accountId).execute();
        await mailer.store(account.email, mails.passwordChanged(), trx);
        await audit.record({ actor: `account:${accountId}`, action: 'account.password_changed', subject: accountId, ip }, trx);
      });
    },
  };
}
