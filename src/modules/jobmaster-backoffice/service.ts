import type { PlatformDeps } from '../../core/deps.ts';
import type { StaffMember } from '../../core/staff/service.ts';
import { AppError } from '../../core/errors/app-error.ts';
import { compose } from '../registration/mails.ts';
import { berlinToday } from '../job-search/service.ts';

export const EMPLOYER_PAGE = 25;
/** the statuses staff look up here: unconfirmed registrations are nobody's business yet */
const LISTED = ['waiting', 'released', 'rejected'] as const;

/**
 * The insurer's view of the job board's employers: search, details with contacts and postings,
 * and taking a posting off the board with a reason the employer is told. Clerks see their
 * insurer's employers only; anything else answers "not found" and is audited.
 */
export function createEmployerBackoffice(deps: PlatformDeps) {
  const { db, audit, mailer, clock } = deps;

  function scoped(staff: StaffMember) {
    let q = db.selectFrom('jobmaster_employers').where('jobmaster_employers.status', 'in', [...LISTED]);
    if (staff.role === 'clerk') q = q.where('jobmaster_employers.insurer_id', '=', staff.insurerId!);
    return q;
  }

  async function denied(staff: StaffMember, action: 'backoffice.employer_denied' | 'backoffice.posting_denied', id: string, ip: string | null): Promise<never> {
    await audit.record({ actor: `staff:${staff.id}`, action, subject: id.slice(0, 64), ip, outcome: 'denied' });
    throw new AppError('request.not_found', 404);
  }

  /** The portal an employer belongs to: the one of its login's account. */
  async function portalOf(employerId: string) {
    const row = await db.selectFrom('accounts').select('portal').where('company', '=', employerId).where('role', '=', 'employer').orderBy('created_at').executeTakeFirst();
    return row ? deps.portals.find(row.portal) : undefined;
  }

  return {
    async search(staff: StaffMember, text: string, page: number) {
      let q = scoped(staff);
      if (text) {
        const like = `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
        q = q.where((eb) => eb.or([eb(eb.fn('lower', ['jobmaster_employers.company_name']), 'like', like), eb('jobmaster_employers.betriebsnummer', 'like', like)]));
      }
      const total = Number((await q.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
      const rows = await q
        .select(['id', 'company_name', 'betriebsnummer', 'postal_code', 'city', 'insurer_id', 'status', 'created_at'])
        .orderBy('company_name')
        .orderBy('id')
        .limit(EMPLOYER_PAGE)
        .offset((page - 1) * EMPLOYER_PAGE)
        .execute();
      return { total, rows };
    },

    async detail(staff: StaffMember, id: string, ip: string | null) {
      const employer = await scoped(staff).selectAll().where('id', '=', id).executeTakeFirst();
      if (!employer) return denied(staff, 'backoffice.employer_denied', id, ip);
      const contacts = await db.selectFrom('jobmaster_contacts').selectAll().where('employer_id', '=', id).orderBy('is_main', 'desc').orderBy('created_at').execute();
      const accounts = await db.selectFrom('accounts').select(['id', 'email', 'status', 'portal', 'last_login_at']).where('company', '=', id).where('role', '=', 'employer').execute();
      const subjects = [id, ...accounts.map((a) => a.id)];
      const history = await db
        .selectFrom('audit_log')
        .select(['at', 'action', 'actor', 'data'])
        .where('subject', 'in', subjects)
        .where('action', 'in', ['registration.created', 'registration.email_confirmed', 'registration.activated', 'registration.rejected', 'account.locked', 'account.unlocked'])
        .orderBy('at')
        .orderBy('id')
        .limit(100)
        .execute();
      const postings = await db
        .selectFrom('job_postings')
        .select(['id', 'title', 'kind', 'status', 'apply_until', 'deactivated_reason'])
        .where('employer_id', '=', id)
        .orderBy('created_at', 'desc')
        .limit(200)
        .execute();
      const today = berlinToday(clock);
      const visible = (p: { status: string; apply_until: string | null }) => employer.status === 'released' && p.status === 'active' && (p.apply_until === null || p.apply_until >= today);
      const portal = accounts[0] ? deps.portals.find(accounts[0].portal) : undefined;
      await audit.record({ actor: `staff:${staff.id}`, action: 'backoffice.employer_viewed', subject: id, ip });
      return { employer, contacts, accounts, history, portal, postings: postings.map((p) => ({ ...p, visible: visible(p) })) };
    },

    /** Takes a posting off the board: inactive, with the reason, audited, and the employer's main contact is told why. */
    async deactivate(staff: StaffMember, employerId: string, postingId: string, reason: string, ip: string | null) {
      let q = db
        .selectFrom('job_postings')
        .innerJoin('jobmaster_employers', 'jobmaster_employers.id', 'job_postings.employer_id')
        .select(['job_postings.id', 'job_postings.title', 'job_postings.status', 'job_postings.employer_id'])
        .where('job_postings.id', '=', postingId)
        .where('job_postings.employer_id', '=', employerId)
        .where('jobmaster_employers.status', 'in', [...LISTED]);
      if (staff.role === 'clerk') q = q.where('jobmaster_employers.insurer_id', '=', staff.insurerId!);
      const posting = await q.executeTakeFirst();
      if (!posting) return denied(staff, 'backoffice.posting_denied', postingId, ip);
      // a second click (or a stale page) neither overwrites the first reason nor mails the employer again
      if (posting.status === 'inactive') return false;
      const portal = await portalOf(posting.employer_id);
      await db.transaction().execute(async (trx) => {
        await trx.updateTable('job_postings').set({ status: 'inactive', deactivated_reason: reason, updated_at: clock.now() }).where('id', '=', postingId).execute();
        const contact = await trx.selectFrom('jobmaster_contacts').select('email').where('employer_id', '=', posting.employer_id).where('is_main', '=', true).executeTakeFirst();
        if (contact) {
          const blocks = [`Ihre Stellenanzeige „${posting.title}“ wurde von Ihrer AOK deaktiviert. Grund: ${reason}`];
          await mailer.store(contact.email, compose('Ihre Stellenanzeige wurde deaktiviert', portal ? [...blocks, { link: 'Zur Anmeldung', href: portal.url('/login') }] : blocks), trx);
        }
        await audit.record(
          { actor: `staff:${staff.id}`, action: 'backoffice.posting_deactivated', subject: postingId, ip, data: { employer: posting.employer_id, reason, before: posting.status } },
          trx,
        );
      });
      return true;
    },
  };
}

export type EmployerBackoffice = ReturnType<typeof createEmployerBackoffice>;
