import type { PlatformDeps } from '../../core/deps.ts';
import type { Db } from '../../core/db/database.ts';
import type { StaffMember } from '../../core/staff/service.ts';
import type { Flow } from '../../core/flows/engine.ts';
import { AppError } from '../../core/errors/app-error.ts';
import { newId } from '../../core/ids/secrets.ts';
import { hashPassword, normalizeEmail } from '../../core/passwords/passwords.ts';
import { hashAnswer } from '../../core/passwords/security-question.ts';
import { createTokens, type TokenFilter } from '../../core/tokens/tokens.ts';
import { sameWork, standInEmail } from '../../core/db/same-work.ts';
import { checkBetriebsnummer } from '../../core/identifiers/checks.ts';
import { registrationMails } from './mails.ts';
import { applicantRegistrationFlow, employerRegistrationFlow } from './flows.ts';
import type { CompanyInput, PersonInput } from './form.ts';

const MODULE = 'jobmaster-registration';
export const CONFIRMATION_TTL_MS = 720 * 3_600_000;
export const UNCONFIRMED_TTL_MS = 30 * 24 * 3_600_000;

/** What a portal gives the registration: its links and the consent documents of its pages. */
export interface RegistrationSite {
  /** the portal whose accounts these are */
  portal: string;
  url(path: string): string;
  consents: { document: string; version: string }[];
  marketing?: { document: string; version: string };
}

type EmployerFlow = Flow<'company' | 'contact' | 'submitted', { company?: Partial<CompanyInput>; contact?: Record<string, string | undefined> }>;
type ApplicantFlow = Flow<'form' | 'submitted', Record<string, never>>;

/**
 * The Jobmaster's own registration (manual 004): applicants and employers, the mail confirmation,
 * and the insurer's release of an employer. Its accounts are those of the portal that shows it.
 */
export function createJobmasterRegistration(deps: PlatformDeps) {
  const { db, clock, audit, mailer, flows, config } = deps;
  const tokens = createTokens(clock);
  const insurerName = (id: string) => deps.insurers.find((i) => i.id === id)?.name ?? config.INSURER_BRAND;
  // a confirmation link of this portal's pending accounts; any other is unknown here
  const ofPortal =
    (portal: string): TokenFilter =>
    (eb) =>
      eb('account_id', 'in', eb.selectFrom('accounts').select('id').where('portal', '=', portal).where('role', 'in', ['employer', 'applicant']));

  async function issueConfirmation(trx: Db, accountId: string | null, site: RegistrationSite): Promise<string> {
    const secret = await tokens.issue(trx, {
      kind: 'email_confirmation',
      accountId,
      expiresAt: new Date(clock.now().getTime() + CONFIRMATION_TTL_MS),
      replaces: { accountId },
    });
    return site.url(`/registrierung/bestaetigung?token=${secret}`);
  }

  /**
   * One transaction: the flow's submit, the account, for employers their company and main contact,
   * the answer, the consents, the link and the mail. An address that already has a Jobmaster account
   * runs the same statements (rolled back) and gets a different mail: the page says the same.
   */
  async function register(
    site: RegistrationSite,
    flow: { def: typeof employerRegistrationFlow; flow: EmployerFlow } | { def: typeof applicantRegistrationFlow; flow: ApplicantFlow },
    person: PersonInput,
    company: CompanyInput | null,
    ip: string | null,
  ): Promise<void> {
    const email = person.email.trim();
    const emailNormalized = normalizeEmail(email);
    const passwordHash = await hashPassword(person.password);
    const answerHash = await hashAnswer(person.answer);
    const insurerId = config.JOBMASTER_INSURER;
    const now = clock.now();
    // the same address sent from two forms at the same moment: the one that loses the race finds the account
    for (let attempt = 1; ; attempt++) {
      try {
        return await store(now);
      } catch (error) {
        if (attempt >= 2 || (error as { code?: unknown })?.code !== '23505') throw error;
      }
    }

    function store(now: Date) {
      return db.transaction().execute(async (trx) => {
        if (flow.def === employerRegistrationFlow) await flows.transition(trx, employerRegistrationFlow, flow.flow as EmployerFlow, 'submitted');
        else await flows.transition(trx, applicantRegistrationFlow, flow.flow as ApplicantFlow, 'submitted');
        const existing = await trx.selectFrom('accounts').select('id').where('portal', '=', site.portal).where('email_normalized', '=', emailNormalized).executeTakeFirst();
        const accountId = newId();
        const employerId = company ? newId() : null;
        const stored = existing ? standInEmail(accountId) : email;
        const link = await sameWork(trx, !existing, async (w) => {
          if (company && employerId) {
            await w
              .insertInto('jobmaster_employers')
              .values({
                id: employerId,
                company_name: company.companyName,
                betriebsnummer: company.betriebsnummer,
                street: company.street,
                house_number: company.houseNumber,
                postal_code: company.postalCode,
                city: company.city,
                insurer_id: insurerId,
                status: 'unconfirmed',
                created_at: now,
              })
              .execute();
          }
          await w
            .insertInto('accounts')
            .values({
              id: accountId,
              portal: site.portal,
              email: stored,
              email_normalized: existing ? stored : emailNormalized,
              password_hash: passwordHash,
              salutation: person.salutation,
              title: person.title,
              first_name: person.firstName,
              last_name: person.lastName,
              status: 'pending',
              created_at: now,
              activated_at: null,
              company: employerId,
              company_insurer_id: employerId ? insurerId : null,
              role: company ? 'employer' : 'applicant',
            })
            .execute();
          if (company && employerId) {
            await w
              .insertInto('jobmaster_contacts')
              .values({
                id: newId(),
                employer_id: employerId,
                salutation: person.salutation,
                title: person.title,
                first_name: person.firstName,
                last_name: person.lastName,
                phone: person.phone,
                email: stored,
                is_main: true,
                created_at: now,
              })
              .execute();
          }
          await w.insertInto('security_answers').values({ account_id: accountId, question: person.question, answer_hash: answerHash, set_at: now }).execute();
          const consents = [...site.consents, ...(person.marketing && site.marketing ? [site.marketing] : [])];
          await w
            .insertInto('consents')
            .values(consents.map((c) => ({ account_id: accountId, document: c.document, version: c.version, accepted_at: now })))
            .execute();
          return issueConfirmation(w, accountId, site);
        });
        if (existing) {
          await mailer.store(email, registrationMails.accountExists({ loginUrl: site.url('/login'), resetUrl: site.url('/passwort-vergessen'), insurerName: insurerName(insurerId) }), trx);
          await audit.record({ actor: 'anonymous', action: 'registration.duplicate_email', subject: existing.id, ip, outcome: 'denied', data: { portal: site.portal } }, trx);
          return;
        }
        await mailer.store(email, registrationMails.confirmation({ link, insurerName: insurerName(insurerId), employer: !!company }), trx);
        await audit.record({ actor: 'anonymous', action: 'registration.created', subject: accountId, ip, data: { portal: site.portal, role: company ? 'employer' : 'applicant', employer: employerId } }, trx);
      });
    }
  }

  return {
    register,

    /** The confirmation link: the account becomes active; an employer waits for the insurer's release. */
    async confirm(site: RegistrationSite, token: unknown, ip: string | null): Promise<'employer' | 'applicant'> {
      return db.transaction().execute(async (trx) => {
        const used = await tokens.consumeLink(trx, ['email_confirmation'], token, { scope: ofPortal(site.portal) });
        const accountId = used.account_id!;
        const account = await trx.selectFrom('accounts').select(['role', 'company', 'status']).where('id', '=', accountId).executeTakeFirstOrThrow();
        if (account.status === 'pending') {
          await trx.updateTable('accounts').set({ status: 'active', activated_at: clock.now() }).where('id', '=', accountId).execute();
        }
        if (account.role === 'employer' && account.company) {
          await trx.updateTable('jobmaster_employers').set({ status: 'waiting' }).where('id', '=', account.company).where('status', '=', 'unconfirmed').execute();
        }
        await audit.record({ actor: 'anonymous', action: 'registration.email_confirmed', subject: accountId, ip, data: { portal: site.portal, employer: account.company } }, trx);
        return account.role === 'employer' ? 'employer' : 'applicant';
      });
    },

    /**
     * "Bestätigungsmail nicht erhalten?": a new link for a pending Jobmaster account (the older stops
     * working); any other address gets a mail that nothing waits. The same statements run either way.
     */
    async resend(site: RegistrationSite, emailInput: string, ip: string | null): Promise<void> {
      const emailNormalized = normalizeEmail(emailInput);
      await db.transaction().execute(async (trx) => {
        const row = await trx
          .selectFrom('accounts')
          .select(['id', 'email', 'status', 'role'])
          .where('portal', '=', site.portal)
          .where('email_normalized', '=', emailNormalized)
          .executeTakeFirst();
        const waiting = !!row && row.status === 'pending' && (row.role === 'employer' || row.role === 'applicant');
        const link = await sameWork(trx, waiting, (w) => issueConfirmation(w, waiting ? row.id : null, site));
        const insurer = insurerName(config.JOBMASTER_INSURER);
        if (!waiting) {
          await mailer.store(row?.email ?? emailInput.trim(), registrationMails.nothingToConfirm({ registerUrl: site.url('/registrierung'), insurerName: insurer }), trx);
          await audit.record({ actor: 'anonymous', action: 'registration.confirmation_resent', subject: row?.id ?? null, ip, outcome: 'denied', data: { portal: site.portal } }, trx);
          return;
        }
        await mailer.store(row.email, registrationMails.confirmation({ link, insurerName: insurer, employer: row.role === 'employer' }), trx);
        await audit.record({ actor: 'anonymous', action: 'registration.confirmation_resent', subject: row.id, ip, data: { portal: site.portal } }, trx);
      });
    },

    /** Employers waiting for the release: a clerk sees their insurer's, an administrator all. */
    async worklist(staff: StaffMember) {
      let query = db
        .selectFrom('jobmaster_employers as e')
        .innerJoin('accounts as a', (j) => j.onRef('a.company', '=', 'e.id').on('a.role', '=', 'employer'))
        .select(['e.id', 'e.company_name', 'e.betriebsnummer', 'e.postal_code', 'e.city', 'e.insurer_id', 'e.created_at', 'a.email'])
        .where('e.status', '=', 'waiting');
      if (staff.role !== 'admin') query = query.where('e.insurer_id', '=', staff.insurerId ?? '');
      return query.orderBy('e.created_at').limit(500).execute();
    },

    /** One employer for the release; another insurer's (or an unknown id) is not found, and audited. */
    async detail(staff: StaffMember, id: string, ip: string | null) {
      const row = await db
        .selectFrom('jobmaster_employers as e')
        .innerJoin('accounts as a', (j) => j.onRef('a.company', '=', 'e.id').on('a.role', '=', 'employer'))
        .select([
          'e.id',
          'e.company_name',
          'e.betriebsnummer',
          'e.street',
          'e.house_number',
          'e.postal_code',
          'e.city',
          'e.insurer_id',
          'e.status',
          'e.rejection_reason',
          'e.created_at',
          'a.id as account_id',
          'a.portal',
          'a.email',
        ])
        .where('e.id', '=', id)
        .executeTakeFirst();
      if (!row || (staff.role !== 'admin' && row.insurer_id !== staff.insurerId)) {
        await audit.record({ actor: `staff:${staff.id}`, action: 'backoffice.registration_denied', subject: id.slice(0, 64), ip, outcome: 'denied' });
        throw new AppError('request.not_found', 404);
      }
      const contact = await db.selectFrom('jobmaster_contacts').selectAll().where('employer_id', '=', id).where('is_main', '=', true).executeTakeFirst();
      const sameNumber = await db
        .selectFrom('jobmaster_employers')
        .select(['id', 'company_name', 'status', 'city'])
        .where('betriebsnummer', '=', row.betriebsnummer)
        .where('id', '!=', id)
        .orderBy('created_at')
        .limit(50)
        .execute();
      const check = checkBetriebsnummer(row.betriebsnummer);
      await audit.record({ actor: `staff:${staff.id}`, action: 'backoffice.registration_viewed', subject: id, ip, data: { portal: row.portal } });
      return { ...row, contact, sameNumber, check };
    },

    /**
     * "Freigeben" or "Ablehnen" (with a reason). Only a waiting employer can be decided, once:
     * a second decision is `backoffice.already_decided` (409). The mail is the account's portal's.
     */
    async decide(staff: StaffMember, id: string, approve: boolean, reason: string, ip: string | null): Promise<void> {
      const detail = await this.detail(staff, id, ip);
      const portal = deps.portals.get(detail.portal);
      const name = insurerName(detail.insurer_id);
      await db.transaction().execute(async (trx) => {
        const updated = await trx
          .updateTable('jobmaster_employers')
          .set(
            approve
              ? { status: 'released', released_at: clock.now(), released_by: staff.id, rejection_reason: null }
              : { status: 'rejected', rejection_reason: reason },
          )
          .where('id', '=', id)
          .where('status', '=', 'waiting')
          .executeTakeFirst();
        if (Number(updated.numUpdatedRows) !== 1) throw new AppError('backoffice.already_decided', 409);
        const mail = approve ? portal.mails.activation({ insurerName: name }) : portal.mails.rejection({ insurerName: name, reason, statusLink: portal.url('/registrierung') });
        await mailer.store(detail.email, mail, trx);
        await audit.record(
          { actor: `staff:${staff.id}`, action: approve ? 'registration.activated' : 'registration.rejected', subject: id, ip, data: { portal: detail.portal, ...(approve ? {} : { reason }) } },
          trx,
        );
      });
    },

    /** Unconfirmed registrations older than 30 days go, with their company, contacts and answer. */
    async sweepUnconfirmed(): Promise<number> {
      const portals = deps.portals.using(MODULE).map((p) => p.key);
      if (portals.length === 0) return 0;
      const before = new Date(clock.now().getTime() - UNCONFIRMED_TTL_MS);
      const rows = await db
        .selectFrom('accounts')
        .select(['id', 'portal', 'company', 'role'])
        .where('portal', 'in', portals)
        .where('status', '=', 'pending')
        .where('role', 'in', ['employer', 'applicant'])
        .where('created_at', '<', before)
        .limit(500)
        .execute();
      for (const row of rows) {
        await db.transaction().execute(async (trx) => {
          await trx.deleteFrom('accounts').where('id', '=', row.id).where('status', '=', 'pending').execute();
          if (row.company) await trx.deleteFrom('jobmaster_employers').where('id', '=', row.company).where('status', '=', 'unconfirmed').execute();
          await audit.record({ actor: 'system', action: 'registration.deleted', subject: row.id, data: { portal: row.portal, role: row.role, employer: row.company } }, trx);
        });
      }
      return rows.length;
    },
  };
}

export type JobmasterRegistration = ReturnType<typeof createJobmasterRegistration>;
