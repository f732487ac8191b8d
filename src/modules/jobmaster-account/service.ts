import type { PlatformDeps } from '../../core/deps.ts';
import type { Db } from '../../core/db/database.ts';
import { AppError, type FieldErrors } from '../../core/errors/app-error.ts';
import { emailField, textField, type FormBody } from '../../core/http/forms.ts';
import { hashSecret, newId } from '../../core/ids/secrets.ts';
import { createTokens, type TokenFilter } from '../../core/tokens/tokens.ts';
import { attemptKeys, createAttempts, SECURITY_ANSWER_RULE } from '../../core/attempts/attempts.ts';
import { hashPassword, normalizeEmail } from '../../core/passwords/passwords.ts';
import { checkPassword } from '../../core/passwords/password-rules.ts';
import { checkAnswer, hashAnswer, isSecurityQuestion, verifyAnswer } from '../../core/passwords/security-question.ts';
import { salutations, titles } from '../registration/form.ts';
import type { AccountMails } from './mails.ts';

export const PORTAL = 'jobmaster';
export const EMAIL_CHANGE_TTL_MS = 24 * 3_600_000;
export const HANDOVER_TTL_MS = 72 * 3_600_000;
export const MARKETING = 'einwilligungserklaerung';

type Deps = Pick<PlatformDeps, 'db' | 'clock' | 'audit' | 'login' | 'mailer' | 'rateLimiter'>;

/** The new main contact, as the handover form gives them (an existing contact's id, or a new person). */
export interface Person {
  contactId: string | null;
  salutation: string;
  title: string | null;
  firstName: string;
  lastName: string;
  phone: string;
  email: string;
}

const isUniqueViolation = (error: unknown) => (error as { code?: string } | null)?.code === '23505' || /unique|duplicate key/i.test(String((error as Error)?.message));

/**
 * Manual 004 "Konto": Passwort ändern, E-Mail Adresse ändern, Einwilligungen ändern,
 * Hauptansprechpartner wechseln and Profil löschen. Whatever a mailed link confirms waits in
 * `jobmaster_pending_changes` next to its token; the account changes only when the link is used.
 */
export function createJobmasterAccount(deps: Deps, mails: AccountMails) {
  const { db, clock, audit, login, mailer, rateLimiter } = deps;
  const tokens = createTokens(clock);
  const attempts = createAttempts(db, clock);
  const ofPortal: TokenFilter = (eb) => eb('account_id', 'in', eb.selectFrom('accounts').select('id').where('portal', '=', PORTAL));

  async function accountRow(accountId: string) {
    const row = await db
      .selectFrom('accounts')
      .select(['id', 'email', 'email_normalized', 'role', 'company', 'status'])
      .where('id', '=', accountId)
      .where('portal', '=', PORTAL)
      .executeTakeFirst();
    if (!row) throw new AppError('request.not_found', 404);
    return row;
  }

  /** The account's current password, counted like the login's (the same key, the same locks). */
  async function checkCurrent(account: { email_normalized: string }, password: string | undefined, ip: string | null, errors: FieldErrors, field = 'currentPassword') {
    if (!password) errors[field] = 'field.required';
    if (Object.keys(errors).length) throw new AppError('form.invalid', 422, errors);
    try {
      await login.checkCredentials(PORTAL, account.email_normalized, password!, ip);
    } catch (error) {
      if (error instanceof AppError && error.code === 'login.invalid') throw new AppError('form.invalid', 422, { [field]: 'account.current_password_wrong' });
      throw error;
    }
  }

  function parsePerson(body: FormBody, errors: FieldErrors): Omit<Person, 'contactId'> {
    const text = (name: string, max: number) => {
      const checked = textField(body[name], { max });
      if (!checked.ok) errors[name] = checked.code;
      return checked.ok ? checked.value : '';
    };
    const salutation = body.salutation ?? '';
    if (!salutation) errors.salutation = 'field.required';
    else if (!(salutations as readonly string[]).includes(salutation)) errors.salutation = 'field.invalid_choice';
    const title = body.title ?? '';
    if (title && !(titles as readonly string[]).includes(title)) errors.title = 'field.invalid_choice';
    const firstName = text('firstName', 100);
    const lastName = text('lastName', 100);
    const phone = text('phone', 40);
    if (phone && !/^\+?[0-9 ()/-]{3,40}$/.test(phone)) errors.phone = 'phone.invalid';
    const email = emailField(body.email);
    if (!email.ok) errors.email = email.code;
    return { salutation, title: title || null, firstName, lastName, phone, email: email.ok ? email.value : '' };
  }

  /** The pending change a link stands for, with its account; unknown 404, used or expired 410. */
  async function openLink(kind: 'email_change' | 'main_contact_handover', secret: unknown) {
    const token = await tokens.find(db, [kind], secret, { scope: ofPortal });
    if (!token || !token.account_id) throw new AppError('token.invalid', 404);
    const outcome = tokens.check(token);
    if (outcome !== 'ok') throw new AppError(outcome === 'used' ? 'token.used' : 'token.expired', 410);
    const change = await db.selectFrom('jobmaster_pending_changes').select(['data']).where('token_hash', '=', token.hash).where('kind', '=', kind).executeTakeFirst();
    if (!change) throw new AppError('token.invalid', 404);
    return { accountId: token.account_id, data: change.data };
  }

  async function taken(trx: Db, email: string, accountId: string) {
    const other = await trx.selectFrom('accounts').select('id').where('portal', '=', PORTAL).where('email_normalized', '=', normalizeEmail(email)).where('id', '!=', accountId).executeTakeFirst();
    return !!other;
  }

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
          await attempts.clear(attemptKeys.password(PORTAL, account.email_normalized), trx);
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

    /** "Einwilligungen ändern": each document's newest row. */
    async consents(accountId: string) {
      const rows = await db
        .selectFrom('consents')
        .select(['document', 'version', 'accepted_at', 'revoked_at'])
        .where('account_id', '=', accountId)
        .orderBy('accepted_at', 'desc')
        .orderBy('id', 'desc')
        .execute();
      const newest = new Map<string, (typeof rows)[number]>();
      for (const r of rows) if (!newest.has(r.document)) newest.set(r.document, r);
      return newest;
    },

    /** Gives (a new row with this version) or revokes (the open row gets its time) the Einwilligungserklärung. */
    async setMarketing(accountId: string, give: boolean, version: string, ip: string | null): Promise<void> {
      await accountRow(accountId);
      await db.transaction().execute(async (trx) => {
        const open = await trx
          .selectFrom('consents')
          .select(['id'])
          .where('account_id', '=', accountId)
          .where('document', '=', MARKETING)
          .where('revoked_at', 'is', null)
          .forUpdate()
          .execute();
        if (give && open.length === 0) {
          await trx.insertInto('consents').values({ account_id: accountId, document: MARKETING, version, accepted_at: clock.now() }).execute();
          await audit.record({ actor: `account:${accountId}`, action: 'account.consent_given', subject: accountId, ip, data: { document: MARKETING, version } }, trx);
        } else if (!give && open.length > 0) {
          await trx.updateTable('consents').set({ revoked_at: clock.now() }).where('account_id', '=', accountId).where('document', '=', MARKETING).where('revoked_at', 'is', null).execute();
          await audit.record({ actor: `account:${accountId}`, action: 'account.consent_revoked', subject: accountId, ip, data: { document: MARKETING } }, trx);
        }
      });
    },

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
        person = { contactId: null, ...parsePerson(body, errors) };
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
          await attempts.clear(attemptKeys.password(PORTAL, account.email_normalized), trx);
          await attempts.clear(attemptKeys.securityAnswer(accountId), trx);
          await mailer.store(account.email, mails.handedOver(), trx);
          await audit.record({ actor: 'anonymous', action: 'account.handed_over', subject: accountId, ip, data: { contact: data.contactId ?? null } }, trx);
        });
      } catch (error) {
        if (isUniqueViolation(error) || (error instanceof AppError && error.code === 'account.handover_unusable')) throw new AppError('account.handover_unusable', 409);
        throw error;
      }
    },

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
        await attempts.clear(attemptKeys.password(PORTAL, account.email_normalized), trx);
        await attempts.clear(attemptKeys.securityAnswer(accountId), trx);
        await mailer.store(account.email, mails.deleted(), trx);
        await audit.record({ actor: `account:${accountId}`, action: 'account.deleted', subject: accountId, data: { portal: PORTAL, role: account.role } }, trx);
      });
      return { email: account.email };
    },
  };
}

export type JobmasterAccount = ReturnType<typeof createJobmasterAccount>;
