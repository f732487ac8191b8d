import { AppError, type FieldErrors } from '../../core/errors/app-error.ts';
import type { FormBody } from '../../core/http/forms.ts';
import { hashSecret, newId } from '../../core/ids/secrets.ts';
import { attemptKeys, SECURITY_ANSWER_RULE } from '../../core/attempts/attempts.ts';
import { hashPassword, normalizeEmail } from '../../core/passwords/passwords.ts';
import { checkPassword } from '../../core/passwords/password-rules.ts';
import { checkAnswer, hashAnswer, isSecurityQuestion, verifyAnswer } from '../../core/passwords/security-question.ts';
import { parseContactPerson, type ContactPerson } from '../jobmaster-registration/form.ts';
import { HANDOVER_TTL_MS, isUniqueViolation, type AccountContext } from './context.ts';

/** The new main contact, as the handover form gives them (an existing contact's id, or a new person). */
export interface Person extends ContactPerson {
  contactId: string | null;
}

/** Manual 004 "Hauptansprechpartner wechseln": the request, the new person's link page and its completion. */
export function mainContactHandover(ctx: AccountContext) {
  const { db, clock, audit, mailer, rateLimiter, mails, tokens, attempts, ofPortal, accountRow, openLink, taken } = ctx;
  return {
    /** The employer's contacts other than the main contact, for "Hauptansprechpartner wechseln". */
    async contacts(accountId: string) {
      const account = await accountRow(accountId);
      if (account.role !== 'employer' || !account.company) throw new AppError('request.not_found', 404);
      return db
        .selectFrom('jobmaster_contacts')
        .select(['id', 'salutation', 'title', 'first_name', 'last_name', 'phone', 'email'])
        .where('employer_id', '=', account.company)
        .where('is_main', '=', false)
        .orderBy('last_name')
        .orderBy('first_name')
        .limit(200)
        .execute();
    },

    /**
     * "Hauptansprechpartner wechseln": the Kennwortfrage (counted before it is checked) and the new
     * person; a single-use link goes to them, replacing an open one. Nothing else changes yet.
     */
    async requestHandover(accountId: string, body: FormBody, ip: string | null, link: (token: string) => string): Promise<void> {
      const account = await accountRow(accountId);
      if (account.role !== 'employer' || !account.company) throw new AppError('request.not_found', 404);
      const errors: FieldErrors = {};
      const answer = checkAnswer(body.answer);
      if (!answer.ok) errors.answer = answer.code;
      let person: Person;
      const contactId = body.contactId ?? '';
      if (contactId && contactId !== 'neu') {
        const contact = await db
          .selectFrom('jobmaster_contacts')
          .select(['id', 'salutation', 'title', 'first_name', 'last_name', 'phone', 'email'])
          .where('id', '=', contactId.slice(0, 64))
          .where('employer_id', '=', account.company)
          .where('is_main', '=', false)
          .executeTakeFirst();
        if (!contact) {
          await audit.record({ actor: `account:${accountId}`, action: 'jobmaster_employer.denied', subject: contactId.slice(0, 64), ip, outcome: 'denied' });
          throw new AppError('request.not_found', 404);
        }
        person = { contactId: contact.id, salutation: contact.salutation, title: contact.title, firstName: contact.first_name, lastName: contact.last_name, phone: contact.phone, email: contact.email };
      } else if (contactId === 'neu') {
        person = { contactId: null, ...parseContactPerson(body, errors) };
      } else {
        errors.contactId = 'account.contact_required';
        person = { contactId: null, salutation: '', title: null, firstName: '', lastName: '', phone: '', email: '' };
      }
      if (!errors.email && person.email && normalizeEmail(person.email) === account.email_normalized) errors.email = 'account.email_unchanged';
      if (Object.keys(errors).length) throw new AppError('form.invalid', 422, errors);

      const key = attemptKeys.securityAnswer(accountId);
      const attempt = await attempts.reserve(key, SECURITY_ANSWER_RULE);
      if (!attempt.granted) throw new AppError('account.answer_locked', 429);
      const stored = await db.selectFrom('security_answers').select('answer_hash').where('account_id', '=', accountId).executeTakeFirst();
      const right = !!stored && (await verifyAnswer(stored.answer_hash, answer.ok ? answer.value : ''));
      if (!right) {
        await audit.record({ actor: `account:${accountId}`, action: 'account.handover_answer_wrong', subject: accountId, ip, outcome: 'failure', data: { failures: attempt.count } });
        if (attempt.lockedUntil) throw new AppError('account.answer_locked', 429);
        throw new AppError('form.invalid', 422, { answer: 'answer.wrong' });
      }
      const employer = await db.selectFrom('jobmaster_employers').select('company_name').where('id', '=', account.company).executeTakeFirstOrThrow();
      await db.transaction().execute(async (trx) => {
        await attempts.clear(key, trx);
        await trx.deleteFrom('jobmaster_pending_changes').where('account_id', '=', accountId).where('kind', '=', 'main_contact_handover').execute();
        const secret = await tokens.issue(trx, { kind: 'main_contact_handover', accountId, expiresAt: new Date(clock.now().getTime() + HANDOVER_TTL_MS), replaces: { accountId } });
        const data: Record<string, string | null> = { ...person };
        await trx.insertInto('jobmaster_pending_changes').values({ token_hash: hashSecret(secret), account_id: accountId, kind: 'main_contact_handover', data: JSON.stringify(data) as never, created_at: clock.now() }).execute();
        await mailer.store(person.email, mails.handoverLink(link(secret), employer.company_name), trx);
        await audit.record({ actor: `account:${accountId}`, action: 'account.handover_requested', subject: accountId, ip, data: { contact: person.contactId } }, trx);
      });
    },

    /** The new person's link page. */
    async openHandover(secret: unknown): Promise<{ email: string; name: string }> {
      const { data } = await openLink('main_contact_handover', secret);
      return { email: data.email ?? '', name: [data.salutation, data.title, data.firstName, data.lastName].filter(Boolean).join(' ') };
    },

    /**
     * The new person's password and Kennwortfrage: the login moves to them (address, name, password,
     * answer), every session ends, they become the main contact, the old person is told.
     */
    async completeHandover(secret: unknown, body: FormBody, ip: string | null): Promise<void> {
      await rateLimiter.enforce(`handover:ip:${ip}`, { points: 30, windowMs: 60 * 60_000 });
      const { accountId, data } = await openLink('main_contact_handover', secret);
      const email = data.email ?? '';
      const errors: FieldErrors = {};
      const rules = checkPassword(body.password ?? '', normalizeEmail(email));
      if (!rules.ok) errors.password = rules.code;
      else if (body.password !== body.passwordRepeat) errors.passwordRepeat = 'password.mismatch';
      const question = body.question ?? '';
      if (!question) errors.question = 'field.required';
      else if (!isSecurityQuestion(question)) errors.question = 'field.invalid_choice';
      const answer = checkAnswer(body.answer);
      if (!answer.ok) errors.answer = answer.code;
      if (Object.keys(errors).length || !answer.ok) throw new AppError('form.invalid', 422, errors);
      const passwordHash = await hashPassword(body.password!);
      const answerHash = await hashAnswer(answer.value);
      try {
        await db.transaction().execute(async (trx) => {
          const used = await tokens.consumeLink(trx, ['main_contact_handover'], secret, { scope: ofPortal });
          if (used.account_id !== accountId) throw new AppError('token.invalid', 404);
          if (await taken(trx, email, accountId)) throw new AppError('account.handover_unusable', 409);
          const account = await trx.selectFrom('accounts').select(['email', 'email_normalized', 'company']).where('id', '=', accountId).executeTakeFirstOrThrow();
          const now = clock.now();
          await trx
            .updateTable('accounts')
            .set({ email, email_normalized: normalizeEmail(email), salutation: data.salutation ?? '', title: data.title ?? null, first_name: data.firstName ?? '', last_name: data.lastName ?? '', password_hash: passwordHash })
            .where('id', '=', accountId)
            .execute();
          await trx.deleteFrom('security_answers').where('account_id', '=', accountId).execute();
          await trx.insertInto('security_answers').values({ account_id: accountId, question, answer_hash: answerHash, set_at: now }).execute();
          await trx.deleteFrom('sessions').where('account_id', '=', accountId).execute();
          if (account.company) {
            await trx.updateTable('jobmaster_contacts').set({ is_main: false }).where('employer_id', '=', account.company).where('is_main', '=', true).execute();
            const person = { salutation: data.salutation ?? '', title: data.title ?? null, first_name: data.firstName ?? '', last_name: data.lastName ?? '', phone: data.phone ?? '', email };
            const updated = data.contactId
              ? await trx.updateTable('jobmaster_contacts').set({ ...person, is_main: true }).where('id', '=', data.contactId).where('employer_id', '=', account.company).executeTakeFirst()
              : undefined;
            if (!updated || Number(updated.numUpdatedRows) !== 1) {
              await trx.insertInto('jobmaster_contacts').values({ id: newId(), employer_id: account.company, ...person, is_main: true, created_at: now }).execute();
            }
          }
          await trx.deleteFrom('jobmaster_pending_changes').where('account_id', '=', accountId).execute();
          await attempts.clear(attemptKeys.password(ctx.portal, account.email_normalized), trx);
          await attempts.clear(attemptKeys.securityAnswer(accountId), trx);
          await mailer.store(account.email, mails.handedOver(), trx);
          await audit.record({ actor: 'anonymous', action: 'account.handed_over', subject: accountId, ip, data: { contact: data.contactId ?? null } }, trx);
        });
      } catch (error) {
        if (isUniqueViolation(error) || (error instanceof AppError && error.code === 'account.handover_unusable')) throw new AppError('account.handover_unusable', 409);
        throw error;
      }
    },
  };
}
