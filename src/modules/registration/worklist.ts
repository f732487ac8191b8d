import { portalMail } from '../../core/portal/definition.ts';
import { sql } from 'kysely';
import type { PlatformDeps } from '../../core/deps.ts';
import type { Db } from '../../core/db/database.ts';
import type { StaffMember } from '../../core/staff/service.ts';
import { AppError } from '../../core/errors/app-error.ts';
import { stepsOf } from './service.ts';
import { missingSteps } from './steps.ts';
import { registrationsOf } from './for-portal.ts';
import { activateAccount } from './activation.ts';

export const PAGE_SIZE = 20;

export interface WorklistFilter {
  q: string;
  order: 'oldest' | 'newest';
  page: number;
}


/**
 * "Registrierungen zur Prüfung": registrations whose e-mail is confirmed and certificate
 * uploaded, of the clerk's insurer only (administrators see all).
 */
export function createWorklist(deps: PlatformDeps) {
  const { db, clock, audit, mailer } = deps;

  /** "Betriebsnummer", "IK-Nummer": how the registration's portal names its identifier */
  const labelOf = (portal: string) => deps.portals.find(portal)?.identifier.label ?? 'Kennung';

  function base(staff: StaffMember) {
    let query = db
      .selectFrom('registrations')
      .innerJoin('accounts', 'accounts.id', 'registrations.account_id')
      .where('registrations.status', '=', 'open')
      .where('accounts.status', '=', 'pending')
      .where(({ exists, selectFrom }) =>
        exists(selectFrom('registration_steps').select('step').whereRef('registration_steps.registration_id', '=', 'registrations.id').where('step', '=', 'email_confirmed')),
      )
      .where(({ exists, selectFrom }) =>
        exists(selectFrom('files').select('id').whereRef('files.registration_id', '=', 'registrations.id').where('files.owner_kind', '=', 'registration')),
      );
    if (staff.role === 'clerk') query = query.where('registrations.insurer_id', '=', staff.insurerId!);
    return query;
  }

  /** The active administrators of the company a registration joins (same portal, identifier and insurer), itself excepted. */
  function activeAdminsOf(row: { portal: string; company: string | null; company_insurer_id: string | null; account_id: string }, trx: Db = db) {
    return trx
      .selectFrom('accounts')
      .select(['id', 'email', 'salutation', 'title', 'first_name', 'last_name'])
      .where('portal', '=', row.portal)
      .where('company', '=', row.company ?? '')
      .where('company_insurer_id', '=', row.company_insurer_id ?? '')
      .where('role', '=', 'admin')
      .where('status', '=', 'active')
      .where('id', '!=', row.account_id)
      .orderBy('email_normalized')
      .execute();
  }

  return {
    async list(staff: StaffMember, filter: WorklistFilter) {
      let query = base(staff);
      if (filter.q) {
        const like = `%${filter.q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
        query = query.where((eb) =>
          eb.or([
            eb('registrations.identifier', 'like', like),
            eb('accounts.email_normalized', 'like', like),
            eb(sql`lower(accounts.last_name || ' ' || accounts.first_name)`, 'like', like),
          ]),
        );
      }
      const total = Number((await query.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
      const rows = await query
        .select([
          'registrations.id',
          'registrations.identifier',
          'registrations.portal',
          'registrations.insurer_id',
          'registrations.created_at',
          'accounts.email',
          'accounts.first_name',
          'accounts.last_name',
          sql<boolean>`exists (select 1 from registration_steps s where s.registration_id = registrations.id and s.step = 'device_registered')`.as('device_registered'),
          // the company already has an active administrator: staff check why a second one registers
          sql<boolean>`exists (select 1 from accounts a where a.portal = accounts.portal and a.company = accounts.company and a.company_insurer_id = accounts.company_insurer_id and a.role = 'admin' and a.status = 'active' and a.id <> accounts.id)`.as('company_active'),
        ])
        .orderBy('registrations.created_at', filter.order === 'newest' ? 'desc' : 'asc')
        .orderBy('registrations.id')
        .limit(PAGE_SIZE)
        .offset((filter.page - 1) * PAGE_SIZE)
        .execute();
      return { total, rows: rows.map((r) => ({ ...r, identifierLabel: labelOf(r.portal) })) };
    },

    /** One registration; one of another insurer is "not found" for a clerk, and that attempt is logged. */
    async detail(staff: StaffMember, registrationId: string, ip: string | null) {
      const row = await db
        .selectFrom('registrations')
        .innerJoin('accounts', 'accounts.id', 'registrations.account_id')
        .select([
          'registrations.id',
          'registrations.portal',
          'registrations.identifier',
          'registrations.insurer_id',
          'registrations.status',
          'registrations.created_at',
          'registrations.expires_at',
          'accounts.id as account_id',
          'accounts.email',
          'accounts.salutation',
          'accounts.title',
          'accounts.first_name',
          'accounts.last_name',
          'accounts.status as account_status',
          'accounts.company',
          'accounts.company_insurer_id',
        ])
        .where('registrations.id', '=', registrationId)
        .executeTakeFirst();
      if (!row || (staff.role === 'clerk' && row.insurer_id !== staff.insurerId)) {
        await audit.record({ actor: `staff:${staff.id}`, action: 'backoffice.registration_denied', subject: registrationId.slice(0, 64), ip, outcome: 'denied' });
        throw new AppError('request.not_found', 404);
      }
      const steps = await stepsOf(db, row.id);
      const files = await db
        .selectFrom('files')
        .select(['id', 'name', 'mime', 'ext', 'size', 'created_at', 'owner_kind'])
        .where('registration_id', '=', row.id)
        .orderBy('created_at')
        .orderBy('name')
        .execute();
      const others = await db
        .selectFrom('registrations')
        .innerJoin('accounts', 'accounts.id', 'registrations.account_id')
        .select(['registrations.id', 'accounts.email', 'accounts.status', 'registrations.insurer_id'])
        .where('registrations.portal', '=', row.portal)
        .where('registrations.identifier', '=', row.identifier)
        .where('registrations.id', '!=', row.id)
        .execute();
      const activeAdmins = await activeAdminsOf(row);
      await audit.record({ actor: `staff:${staff.id}`, action: 'backoffice.registration_viewed', subject: row.id, ip });
      return { ...row, identifierLabel: labelOf(row.portal), steps, missing: missingSteps(steps), files, others, activeAdmins, check: deps.portals.get(row.portal).identifier.check(row.identifier) };
    },

    /** "An eine andere AOK abgeben": a pending registration moves to another insurer's work list. */
    async handOver(staff: StaffMember, registrationId: string, insurerId: string, ip: string | null) {
      const d = await this.detail(staff, registrationId, ip);
      if (!deps.insurers.some((i) => i.id === insurerId) || insurerId === d.insurer_id) throw new AppError('backoffice.insurer_invalid', 422);
      await db.transaction().execute(async (trx) => {
        const updated = await trx.updateTable('accounts').set({ company_insurer_id: insurerId }).where('id', '=', d.account_id).where('status', '=', 'pending').executeTakeFirst();
        if (Number(updated.numUpdatedRows) !== 1) throw new AppError('backoffice.already_decided', 409);
        await trx.updateTable('registrations').set({ insurer_id: insurerId }).where('id', '=', d.id).execute();
        await audit.record({ actor: `staff:${staff.id}`, action: 'backoffice.registration_handed_over', subject: d.id, ip, data: { from: d.insurer_id, to: insurerId } }, trx);
      });
    },

    /** "Aktivieren": only when every step is done; a second click (another tab) changes nothing. */
    async activate(staff: StaffMember, registrationId: string, ip: string | null) {
      const d = await this.detail(staff, registrationId, ip);
      if (d.missing.length) throw new AppError('backoffice.steps_missing', 409);
      const insurer = deps.insurers.find((i) => i.id === d.insurer_id);
      const portal = deps.portals.get(d.portal);
      await db.transaction().execute(async (trx) => {
        const registration = { id: d.id, identifier: d.identifier, insurerId: d.insurer_id };
        const activated = await activateAccount(trx, clock, portal, { accountId: d.account_id, registration, staffId: staff.id, pendingOnly: true });
        if (!activated) throw new AppError('backoffice.already_decided', 409);
        await mailer.store(d.email, portal.mails.activation({ insurerName: insurer?.name ?? '' }), trx);
        // a second administrator of the same company: the ones it already has learn of it at once
        const newcomer = { name: [d.title, d.first_name, d.last_name].filter(Boolean).join(' '), email: d.email };
        for (const existing of await activeAdminsOf(d, trx)) {
          await mailer.store(existing.email, portalMail(portal, 'secondAdmin')({ insurerName: insurer?.name ?? '', identifier: d.identifier, newcomer }), trx);
        }
        await audit.record({ actor: `staff:${staff.id}`, action: 'registration.activated', subject: d.id, ip }, trx);
      });
      // a provider portal's IK is now managed: other providers' open requests of it are refused
      const ikMail = portal.mails.ikDecision;
      if (ikMail) await deps.providerIks.settleCompeting((input) => ikMail({ ...input, insurerName: deps.insurers.find((i) => i.id === input.insurerId)?.name ?? '' }), d.identifier);
    },

    /** "Ablehnen" with a reason: the files go to the archive, the user gets the reason and a way to correct. */
    async reject(staff: StaffMember, registrationId: string, reason: string, ip: string | null) {
      const d = await this.detail(staff, registrationId, ip);
      const portal = deps.portals.get(d.portal);
      if (d.account_status !== 'pending' || d.status !== 'open') throw new AppError('backoffice.already_decided', 409);
      const insurer = deps.insurers.find((i) => i.id === d.insurer_id);
      const statusLink = await registrationsOf(deps, portal).issueStatusLink(d.id);
      await db.transaction().execute(async (trx) => {
        const updated = await trx
          .updateTable('registrations')
          .set({ status: 'rejected', rejection_reason: reason, rejected_at: clock.now() })
          .where('id', '=', d.id)
          .where('status', '=', 'open')
          .executeTakeFirst();
        if (Number(updated.numUpdatedRows) !== 1) throw new AppError('backoffice.already_decided', 409);
        // the refused files stay for the record but no longer count; a new upload sends the registration back
        await trx.updateTable('files').set({ owner_kind: 'registration_rejected' }).where('registration_id', '=', d.id).where('owner_kind', '=', 'registration').execute();
        await mailer.store(d.email, portal.mails.rejection({ insurerName: insurer?.name ?? '', reason, statusLink }), trx);
        await audit.record({ actor: `staff:${staff.id}`, action: 'registration.rejected', subject: d.id, ip, data: { reason } }, trx);
      });
    },

    async file(staff: StaffMember, registrationId: string, fileId: string, ip: string | null) {
      await this.detail(staff, registrationId, ip);
      const row = await db.selectFrom('files').selectAll().where('id', '=', fileId).where('registration_id', '=', registrationId).executeTakeFirst();
      if (!row) throw new AppError('request.not_found', 404);
      await audit.record({ actor: `staff:${staff.id}`, action: 'backoffice.file_viewed', subject: registrationId, ip, data: { fileId } });
      return row;
    },
  };
}
