import { type FieldErrors } from '../../core/errors/app-error.ts';
import type { FormBody } from '../../core/http/forms.ts';
import { attemptKeys } from '../../core/attempts/attempts.ts';
import type { AccountContext } from './context.ts';

/** Manual 004 "Profil löschen". */
export function profileDeletion(ctx: AccountContext) {
  const { db, audit, mailer, mails, attempts, accountRow, checkCurrent } = ctx;
  return {
    /**
     * "Profil löschen": with the password and the confirmation, the account goes with everything of
     * it (postings, contacts, logo, employer, answer, bookmarks, sessions, consents, links). The
     * Protokoll keeps only that it happened, by the account's id.
     */
    async deleteProfile(accountId: string, body: FormBody, ip: string | null): Promise<{ email: string }> {
      const account = await accountRow(accountId);
      const errors: FieldErrors = {};
      if (body.confirm !== 'ja') errors.confirm = 'account.delete_confirm_required';
      await checkCurrent(account, body.password, ip, errors, 'password');
      await db.transaction().execute(async (trx) => {
        const employer = account.role === 'employer' && account.company
          ? await trx.selectFrom('jobmaster_employers').select(['id', 'logo_file_id']).where('id', '=', account.company).executeTakeFirst()
          : undefined;
        await trx.deleteFrom('mail_outbox').where('recipient', '=', account.email).where('sent_at', 'is', null).execute();
        await trx.deleteFrom('accounts').where('id', '=', accountId).execute();
        if (employer) {
          await trx.deleteFrom('job_postings').where('employer_id', '=', employer.id).execute();
          await trx.deleteFrom('jobmaster_contacts').where('employer_id', '=', employer.id).execute();
          await trx.deleteFrom('jobmaster_employers').where('id', '=', employer.id).execute();
          if (employer.logo_file_id) await trx.deleteFrom('files').where('id', '=', employer.logo_file_id).execute();
        }
        await attempts.clear(attemptKeys.password(ctx.portal, account.email_normalized), trx);
        await attempts.clear(attemptKeys.securityAnswer(accountId), trx);
        await mailer.store(account.email, mails.deleted(), trx);
        await audit.record({ actor: `account:${accountId}`, action: 'account.deleted', subject: accountId, data: { portal: ctx.portal, role: account.role } }, trx);
      });
      return { email: account.email };
    },
  };
}
