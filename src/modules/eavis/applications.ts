import type { StaffMember } from '../../core/staff/service.ts';
import type { EavisState } from '../../core/db/values.ts';
import { AppError } from '../../core/errors/app-error.ts';
import { isId } from '../../core/ids/secrets.ts';
import { applicationReceivedMail, decisionMail } from './mails.ts';
import { DeniedError } from './errors.ts';
import type { EavisContext, ProviderMember } from './service.ts';

/** Applying for the eAvis and ending it (an LE-Admin, per IK), and staff deciding both. */
export function eavisApplications(ctx: EavisContext) {
  const { db, clock, audit, mailer, portal, mailContext, account, recipients, institutionOf, inTransaction, providerIk } = ctx;

  async function changeByProvider(member: ProviderMember, ref: string, kind: 'apply' | 'end', ip: string | null) {
    const me = await account(member, 'admin', ip);
    await inTransaction(me.actor, ip, async (trx) => {
      const row = await providerIk(trx, me.company, ref);
      if (row.status !== 'active') throw new AppError('eavis.ik_not_active', 409);
      const state = row.eavis;
      let next: EavisState;
      if (kind === 'apply') {
        if (state === 'requested' || state === 'end_requested') throw new AppError('eavis.already_requested', 409);
        if (state === 'active') throw new AppError('eavis.already_active', 409);
        next = 'requested';
      } else {
        if (state === 'end_requested') throw new AppError('eavis.already_requested', 409);
        if (state !== 'active') throw new AppError('eavis.not_endable', 409);
        next = 'end_requested';
      }
      await trx.updateTable('provider_iks').set({ eavis: next, eavis_changed_at: clock.now() }).where('id', '=', row.id).execute();
      const mail = applicationReceivedMail({ ...mailContext(row.insurer_id), kind, ik: row.ik, institution: await institutionOf(trx, row.ik), link: portal().url('/ik-verwaltung') });
      for (const to of await recipients(trx, me.company, false)) await mailer.store(to, mail, trx);
      await audit.record({ actor: me.actor, action: kind === 'apply' ? 'eavis.applied' : 'eavis.end_requested', subject: row.id, ip, data: { ik: row.ik, from: state, to: next } }, trx);
    });
  }

  return {
    // ------------------------------------------------------------ applications (provider)

    /** "Zahlungsavis beantragen" for one IK (by its provider_iks id or the IK): none | ended → requested. */
    apply(member: ProviderMember, providerIk: string, ip: string | null = null) {
      return changeByProvider(member, providerIk, 'apply', ip);
    },

    /** "Zahlungsavis beenden": active → end_requested. */
    end(member: ProviderMember, providerIk: string, ip: string | null = null) {
      return changeByProvider(member, providerIk, 'end', ip);
    },

    /** The provider's live IKs with their eAvis state and the institution's name (for filters and the IK-Verwaltung). */
    async iksOf(member: ProviderMember) {
      return db
        .selectFrom('provider_iks')
        .leftJoin('ik_register', 'ik_register.ik', 'provider_iks.ik')
        .select(['provider_iks.id', 'provider_iks.ik', 'provider_iks.insurer_id', 'provider_iks.eavis', 'provider_iks.eavis_changed_at', 'ik_register.name as institution'])
        .where('provider_iks.company', '=', member.company)
        .where('provider_iks.status', '=', 'active')
        .orderBy('provider_iks.ik')
        .execute();
    },

    // ------------------------------------------------------------ applications (staff)

    /** Work list "eAvis-Anträge": applications and endings waiting for staff, oldest first. */
    async pending(staff: StaffMember) {
      let q = db
        .selectFrom('provider_iks')
        .leftJoin('ik_register', 'ik_register.ik', 'provider_iks.ik')
        .select(['provider_iks.id', 'provider_iks.ik', 'provider_iks.company', 'provider_iks.insurer_id', 'provider_iks.eavis', 'provider_iks.eavis_changed_at', 'ik_register.name as institution'])
        .where('provider_iks.status', '=', 'active')
        .where('provider_iks.eavis', 'in', ['requested', 'end_requested']);
      if (staff.role !== 'admin') q = q.where('provider_iks.insurer_id', '=', staff.insurerId ?? '-');
      return q.orderBy('provider_iks.eavis_changed_at', 'asc').limit(500).execute();
    },

    /** Staff confirm or refuse: requested → active | none; end_requested → ended | active. */
    async decide(staff: StaffMember, providerIkId: string, approve: boolean, ip: string | null = null) {
      const actor = `staff:${staff.id}`;
      let next: EavisState = 'none';
      await inTransaction(actor, ip, async (trx) => {
        const row = isId(providerIkId) ? await trx.selectFrom('provider_iks').selectAll().where('id', '=', providerIkId).forUpdate().executeTakeFirst() : undefined;
        if (!row || (staff.role !== 'admin' && row.insurer_id !== staff.insurerId)) throw new DeniedError(providerIkId, 'provider_ik');
        const state = row.eavis;
        if (row.status !== 'active' || (state !== 'requested' && state !== 'end_requested')) throw new AppError('eavis.nothing_pending', 409);
        const kind = state === 'requested' ? 'apply' : 'end';
        next = kind === 'apply' ? (approve ? 'active' : 'none') : approve ? 'ended' : 'active';
        await trx.updateTable('provider_iks').set({ eavis: next, eavis_changed_at: clock.now() }).where('id', '=', row.id).execute();
        const mail = decisionMail({ ...mailContext(row.insurer_id), kind, approved: approve, ik: row.ik, institution: await institutionOf(trx, row.ik), link: portal().url('/ik-verwaltung') });
        for (const to of await recipients(trx, row.company, false)) await mailer.store(to, mail, trx);
        await audit.record({ actor, action: approve ? 'eavis.confirmed' : 'eavis.refused', subject: row.id, ip, data: { ik: row.ik, company: row.company, from: state, to: next } }, trx);
      });
      return next;
    },
  };
}
