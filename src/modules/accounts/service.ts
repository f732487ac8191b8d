import { portalMail } from '../../core/portal/definition.ts';
import { sql } from 'kysely';
import type { PlatformDeps } from '../../core/deps.ts';
import type { StaffMember } from '../../core/staff/service.ts';
import { AppError } from '../../core/errors/app-error.ts';
import { registrationsOf } from '../registration/for-portal.ts';

/**
 * Accounts as staff see them: search, lock and unlock (sessions end at once), reset the
 * device, the login history; device-reset requests to decide. Clerks see their insurer only.
 */
export function createAccountAdmin(deps: PlatformDeps) {
  const { db, clock, audit, mailer, deviceResets } = deps;

  /** the Betriebsnummer or IK a row shows */
  const identifier = sql<string | null>`coalesce(employer.betriebsnummer, accounts.company)`.as('identifier');

  // administrators and the users they invited alike: the company is on the account, or, for a
  // stored employer, its id is, and the Betriebsnummer is the employer's
  function scoped(staff: StaffMember) {
    let q = db
      .selectFrom('accounts')
      .leftJoin('registrations', 'registrations.account_id', 'accounts.id')
      .leftJoin('jobmaster_employers as employer', 'employer.id', 'accounts.company')
      .where('accounts.status', '!=', 'invited');
    if (staff.role === 'clerk') q = q.where('accounts.company_insurer_id', '=', staff.insurerId!);
    return q;
  }

  async function get(staff: StaffMember, accountId: string, ip: string | null) {
    const row = await scoped(staff)
      .select([
        'accounts.id',
        'accounts.portal',
        'accounts.email',
        'accounts.title',
        'accounts.first_name',
        'accounts.last_name',
        'accounts.status',
        'accounts.last_login_at',
        'accounts.role',
        'registrations.id as registration_id',
        identifier,
        'accounts.company_insurer_id as insurer_id',
        'registrations.status as registration_status',
      ])
      .where('accounts.id', '=', accountId)
      .executeTakeFirst();
    if (!row) {
      await audit.record({ actor: `staff:${staff.id}`, action: 'backoffice.account_denied', subject: accountId.slice(0, 64), ip, outcome: 'denied' });
      throw new AppError('request.not_found', 404);
    }
    return row;
  }

  /** The portal's name as its registry gives it; accounts of every portal are listed together. */
  const portalName = (key: string) => deps.portals.find(key)?.name ?? key;

  async function mailDecision(accountId: string, approved: boolean, reason?: string) {
    const acc = await db
      .selectFrom('accounts')
      .innerJoin('registrations', 'registrations.account_id', 'accounts.id')
      .select(['accounts.email', 'accounts.portal', 'registrations.id', 'registrations.insurer_id'])
      .where('accounts.id', '=', accountId)
      .executeTakeFirstOrThrow();
    const portal = deps.portals.get(acc.portal);
    const statusLink = await registrationsOf(deps, portal).issueStatusLink(acc.id);
    const insurerName = deps.insurers.find((i) => i.id === acc.insurer_id)?.name ?? '';
    await mailer.send(acc.email, portalMail(portal, 'deviceReset')({ insurerName, approved, reason, statusLink }));
  }

  return {
    async search(staff: StaffMember, text: string) {
      let q = scoped(staff).select([
        'accounts.id',
        'accounts.email',
        'accounts.first_name',
        'accounts.last_name',
        'accounts.status',
        'accounts.portal',
        'accounts.role',
        identifier,
        'accounts.company_insurer_id as insurer_id',
      ]);
      if (text) {
        const like = `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
        q = q.where((eb) =>
          eb.or([
            eb('accounts.email_normalized', 'like', like),
            eb('accounts.company', 'like', like),
            eb('employer.betriebsnummer', 'like', like),
            eb(sql`lower(accounts.first_name || ' ' || accounts.last_name)`, 'like', like),
          ]),
        );
      }
      const rows = await q.orderBy('accounts.email_normalized').limit(50).execute();
      return rows.map((r) => ({ ...r, portal_name: portalName(r.portal) }));
    },

    async detail(staff: StaffMember, accountId: string, ip: string | null) {
      const account = { ...(await get(staff, accountId, ip)), portal_name: '' };
      account.portal_name = portalName(account.portal);
      const device = await db.selectFrom('devices').select(['id', 'kind', 'status', 'created_at', 'last_login_at']).where('account_id', '=', accountId).orderBy('created_at', 'desc').limit(1).executeTakeFirst();
      const reset = await deviceResets.open(accountId);
      const history = await db
        .selectFrom('audit_log')
        .select(['at', 'action', 'ip', 'outcome'])
        .where('subject', '=', accountId)
        .where((eb) => eb.or([eb('action', 'like', 'login.%'), eb('action', 'like', 'account.%')]))
        .orderBy('at', 'desc')
        .limit(30)
        .execute();
      return { account, device, reset, history };
    },

    async setLocked(staff: StaffMember, accountId: string, locked: boolean, ip: string | null) {
      const account = await get(staff, accountId, ip);
      if (account.status === 'pending') throw new AppError('backoffice.not_active', 409);
      await db.transaction().execute(async (trx) => {
        await trx.updateTable('accounts').set({ status: locked ? 'locked' : 'active', locked_by: locked ? 'staff' : null }).where('id', '=', accountId).execute();
        // a locked account's sessions end at once, in the portal and in the app
        if (locked) await trx.deleteFrom('sessions').where('account_id', '=', accountId).execute();
        await audit.record({ actor: `staff:${staff.id}`, action: locked ? 'account.locked' : 'account.unlocked', subject: accountId, ip }, trx);
      });
    },

    async resetDevice(staff: StaffMember, accountId: string, ip: string | null) {
      const account = await get(staff, accountId, ip);
      // an invited user has no registration to continue on: the company's administrator removes and re-invites them
      if (!account.registration_id) throw new AppError('device_reset.ask_admin', 409);
      await deviceResets.resetByStaff(accountId, `staff:${staff.id}`, ip);
      await mailDecision(accountId, true);
    },

    /** Open device-reset requests of the staff member's scope. */
    async resetRequests(staff: StaffMember) {
      let q = db
        .selectFrom('device_resets')
        .innerJoin('accounts', 'accounts.id', 'device_resets.account_id')
        .innerJoin('registrations', 'registrations.account_id', 'accounts.id')
        .select(['device_resets.id', 'device_resets.requested_at', 'device_resets.rejection_reason', 'accounts.id as account_id', 'accounts.email', 'registrations.identifier', 'registrations.insurer_id'])
        .where('device_resets.status', '=', 'requested');
      if (staff.role === 'clerk') q = q.where('registrations.insurer_id', '=', staff.insurerId!);
      const rows = await q.orderBy('device_resets.requested_at').limit(100).execute();
      return Promise.all(rows.map(async (r) => ({ ...r, newUpload: Boolean((await deviceResets.open(r.account_id))?.newUpload) })));
    },

    async decideReset(staff: StaffMember, accountId: string, approve: boolean, reason: string, ip: string | null) {
      await get(staff, accountId, ip);
      // approving is what switches the holder's old device off
      if (approve) await deviceResets.approve(accountId, `staff:${staff.id}`, ip);
      else await deviceResets.refuse(accountId, reason, `staff:${staff.id}`);
      await mailDecision(accountId, approve, reason);
    },

    now: () => clock.now(),
  };
}
