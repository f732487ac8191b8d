import type { Db } from '../../core/db/database.ts';
import type { Clock } from '../../core/clock/clock.ts';
import type { Audit } from '../../core/audit/audit.ts';
import type { Mailer, MailMessage } from '../../core/mail/outbox.ts';
import type { FlowEngine } from '../../core/flows/engine.ts';
import { registrationFormFlow } from './flows.ts';
import { AppError } from '../../core/errors/app-error.ts';
import { newId } from '../../core/ids/secrets.ts';
import { hashPassword, normalizeEmail } from '../../core/passwords/passwords.ts';
import type { Insurer } from '../../core/config/insurers.ts';
import { sameWork, standInEmail } from '../../core/db/same-work.ts';
import type { AccountStatus, RegistrationStatus } from '../../core/db/values.ts';
import { REGISTRATION_TTL_MS, missingSteps, type RegistrationStep, type RequiredStep, type StepDates } from './steps.ts';
import { createRegistrationLinks, type RegistrationLinks } from './links.ts';
import { markStep, stepsOf } from './queries.ts';

export { stepsOf } from './queries.ts';
export type { RegistrationLinks } from './links.ts';

export interface RegistrationInput {
  insurerId: string;
  identifier: string;
  /** the organisation the account belongs to, when it is not the identifier (a provider's further IK) */
  company?: string;
  /** that organisation's insurer, when it is not the one that checks this registration */
  companyInsurerId?: string;
  salutation: string;
  title: string | null;
  firstName: string;
  lastName: string;
  email: string;
  password: string;
  consents: { document: string; version: string }[];
  /** the language of the pages the person registered on: their mails are written in it */
  locale?: 'de' | 'en';
}

/** What differs between portals: their name, their mails and their links. */
export interface RegistrationProfile {
  portal: string;
  confirmationMail(input: { insurer: Insurer; links: RegistrationLinks }): MailMessage;
  accountExistsMail(input: { insurer: Insurer | undefined }): MailMessage;
  /** "Bestätigungsmail nicht erhalten?" for an address with nothing to confirm */
  nothingToConfirmMail(): MailMessage;
  confirmLink(token: string): string;
  statusLink(token: string): string;
}

export interface RegistrationDeps {
  db: Db;
  clock: Clock;
  audit: Audit;
  mailer: Mailer;
  flows: FlowEngine;
  insurers: Insurer[];
}

export { registrationFormFlow } from './flows.ts';

export type RegistrationView = {
  id: string;
  portal: string;
  status: RegistrationStatus;
  insurer: Insurer;
  identifier: string;
  account: { email: string; salutation: string; title: string | null; firstName: string; lastName: string; status: AccountStatus };
  steps: StepDates;
  /** what the insurer still needs before it can activate */
  missing: RequiredStep[];
  rejectionReason: string | null;
  createdAt: Date;
  expiresAt: Date;
};

export function createRegistrationService(deps: RegistrationDeps, profile: RegistrationProfile) {
  const { db, clock, audit, mailer, flows } = deps;
  const insurerById = (id: string) => deps.insurers.find((i) => i.id === id);

  const links = createRegistrationLinks(deps, profile);

  return {
    profile,
    confirmEmail: links.confirmEmail,
    openStatus: links.openStatus,
    issueStatusLink: links.issueStatusLink,

    /** A signed draft: showing the form stores nothing, submitting it stores the flow once. */
    startForm() {
      return flows.draft(registrationFormFlow, {});
    },

    loadForm(flowId: unknown) {
      return flows.load(registrationFormFlow, flowId, {});
    },

    /** The form's flow, or a fresh one with the reason when it expired. */
    loadFormOrReplace(flowId: unknown) {
      return flows.loadOrReplace(registrationFormFlow, flowId, {});
    },

    /**
     * Step "Persönliche Daten". Answers the same whether or not the address already
     * has an account in this portal; that address gets a different mail instead.
     */
    async register(flowId: unknown, input: RegistrationInput, ip: string | null): Promise<void> {
      const flow = await this.loadForm(flowId);
      if (flow.state === 'submitted') return;
      const insurer = insurerById(input.insurerId);
      if (!insurer) throw new AppError('form.invalid', 422, { insurerId: 'field.invalid_choice' });
      const email = input.email.trim();
      const emailNormalized = normalizeEmail(email);
      const passwordHash = await hashPassword(input.password);
      const now = clock.now();
      await db.transaction().execute(async (trx) => {
        await flows.transition(trx, registrationFormFlow, flow, 'submitted', { data: { email } });
        const existing = await trx
          .selectFrom('accounts')
          // an invited user has an account without a registration of their own
          .leftJoin('registrations', 'registrations.account_id', 'accounts.id')
          .select(['accounts.id', 'accounts.company_insurer_id', 'registrations.insurer_id'])
          .where('accounts.portal', '=', profile.portal)
          .where('accounts.email_normalized', '=', emailNormalized)
          .executeTakeFirst();
        const accountId = newId();
        const registrationId = newId();
        const expiresAt = new Date(now.getTime() + REGISTRATION_TTL_MS);
        // an address with an account: the same rows under a stand-in address, rolled back
        const stored = existing ? standInEmail(accountId) : email;
        const mailed = await sameWork(trx, !existing, async (w) => {
          await w
            .insertInto('accounts')
            .values({
              id: accountId,
              portal: profile.portal,
              email: stored,
              email_normalized: existing ? stored : emailNormalized,
              password_hash: passwordHash,
              salutation: input.salutation,
              title: input.title,
              first_name: input.firstName,
              last_name: input.lastName,
              status: 'pending',
              created_at: now,
              activated_at: null,
              company: input.company ?? input.identifier,
              company_insurer_id: input.companyInsurerId ?? insurer.id,
              locale: input.locale ?? 'de',
            })
            .execute();
          await w
            .insertInto('consents')
            .values(input.consents.map((c) => ({ account_id: accountId, document: c.document, version: c.version, accepted_at: now })))
            .execute();
          await w
            .insertInto('registrations')
            .values({
              id: registrationId,
              portal: profile.portal,
              account_id: accountId,
              insurer_id: insurer.id,
              identifier: input.identifier,
              status: 'open',
              created_at: now,
              expires_at: expiresAt,
            })
            .execute();
          return links.issue(w, registrationId, accountId, expiresAt);
        });
        if (existing) {
          await mailer.store(email, profile.accountExistsMail({ insurer: insurerById(existing.insurer_id ?? existing.company_insurer_id ?? '') }), trx);
          await audit.record({ actor: 'anonymous', action: 'registration.duplicate_email', subject: existing.id, ip, outcome: 'denied' }, trx);
          return;
        }
        await mailer.store(email, profile.confirmationMail({ insurer, links: mailed }), trx);
        await audit.record({ actor: 'anonymous', action: 'registration.created', subject: registrationId, ip, data: { portal: profile.portal } }, trx);
      });
    },

    /**
     * "Bestätigungsmail nicht erhalten?": a new mail for an open, unconfirmed registration; any
     * other address gets a mail that nothing waits for its confirmation. The same statements
     * run either way (see `sameWork`), so the answer's time tells nothing either.
     */
    async resendConfirmation(emailInput: string, ip: string | null): Promise<void> {
      const emailNormalized = normalizeEmail(emailInput);
      await db.transaction().execute(async (trx) => {
        const row = await trx
          .selectFrom('registrations')
          .innerJoin('accounts', 'accounts.id', 'registrations.account_id')
          .select(['registrations.id', 'registrations.account_id', 'registrations.insurer_id', 'registrations.expires_at', 'accounts.email'])
          .where('registrations.portal', '=', profile.portal)
          .where('registrations.status', '=', 'open')
          .where('accounts.email_normalized', '=', emailNormalized)
          .executeTakeFirst();
        const confirmed = await trx
          .selectFrom('registration_steps')
          .select('step')
          .where('registration_id', '=', row?.id ?? '')
          .where('step', '=', 'email_confirmed')
          .executeTakeFirst();
        const waiting = !!row && !confirmed;
        const mailed = await sameWork(trx, waiting, (w) => links.issue(w, waiting ? row.id : null, waiting ? row.account_id : null, row ? new Date(row.expires_at) : clock.now()));
        if (!waiting) {
          await mailer.store(row?.email ?? emailInput.trim(), profile.nothingToConfirmMail(), trx);
          await audit.record({ actor: 'anonymous', action: 'registration.confirmation_resent', subject: row?.id ?? null, ip, outcome: 'denied' }, trx);
          return;
        }
        await mailer.store(row.email, profile.confirmationMail({ insurer: insurerById(row.insurer_id)!, links: mailed }), trx);
        await audit.record({ actor: 'anonymous', action: 'registration.confirmation_resent', subject: row.id, ip }, trx);
      });
    },

    async view(registrationId: string): Promise<RegistrationView> {
      const row = await db
        .selectFrom('registrations')
        .innerJoin('accounts', 'accounts.id', 'registrations.account_id')
        .select([
          'registrations.id',
          'registrations.portal',
          'registrations.status',
          'registrations.insurer_id',
          'registrations.identifier',
          'registrations.created_at',
          'registrations.expires_at',
          'registrations.rejection_reason',
          'accounts.email',
          'accounts.salutation',
          'accounts.title',
          'accounts.first_name',
          'accounts.last_name',
          'accounts.status as account_status',
        ])
        .where('registrations.id', '=', registrationId)
        .where('registrations.portal', '=', profile.portal)
        .executeTakeFirst();
      if (!row) throw new AppError('registration.not_found', 404);
      const steps = await stepsOf(db, registrationId);
      return {
        id: row.id,
        portal: row.portal,
        status: row.status,
        insurer: insurerById(row.insurer_id)!,
        identifier: row.identifier,
        account: {
          email: row.email,
          salutation: row.salutation,
          title: row.title,
          firstName: row.first_name,
          lastName: row.last_name,
          status: row.account_status,
        },
        steps,
        missing: missingSteps(steps),
        rejectionReason: row.status === 'rejected' ? row.rejection_reason : null,
        createdAt: new Date(row.created_at),
        expiresAt: new Date(row.expires_at),
      };
    },

    markStep(registrationId: string, step: RegistrationStep) {
      return markStep(db, clock, registrationId, step);
    },
  };
}

export type RegistrationService = ReturnType<typeof createRegistrationService>;
