import type { StaffMember } from '../../core/staff/service.ts';
import { ADVICE_PAGE_SIZE, type AdviceFilter, type StoredAdvice } from './model.ts';
import type { EavisContext, ProviderMember, StaffAdviceFilter } from './service.ts';

/** Published advices as staff and the provider see them: lists, one advice, its PDF or CSV, and the provider's archive and delete. */
export function adviceReading(ctx: EavisContext) {
  const { db, clock, audit, account, visibleTo, load, adviceOfProvider, adviceOfStaff, render, setMark } = ctx;

  return {
    /** Published advices for staff, newest first, deleted ones flagged (the insurer keeps them). */
    async listForStaff(staff: StaffMember, filter: StaffAdviceFilter) {
      let q = db.selectFrom('payment_advices').leftJoin('ik_register', 'ik_register.ik', 'payment_advices.ik');
      if (staff.role !== 'admin') q = q.where('payment_advices.insurer_id', '=', staff.insurerId ?? '-');
      if (filter.ik) q = q.where('payment_advices.ik', '=', filter.ik);
      const total = Number((await q.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
      const rows = await q
        .select([
          'payment_advices.id',
          'payment_advices.ik',
          'payment_advices.insurer_id',
          'payment_advices.advice_number',
          'payment_advices.advice_date',
          'payment_advices.value_date',
          'payment_advices.total_cents',
          'payment_advices.source',
          'payment_advices.published_at',
          'payment_advices.opened_at',
          'payment_advices.archived_at',
          'payment_advices.deleted_at',
          'ik_register.name as institution',
        ])
        .orderBy('payment_advices.published_at', 'desc')
        .orderBy('payment_advices.advice_number', 'desc')
        .limit(ADVICE_PAGE_SIZE)
        .offset((filter.page - 1) * ADVICE_PAGE_SIZE)
        .execute();
      return { total, rows: rows.map((r) => ({ ...r, total_cents: Number(r.total_cents), deleted: r.deleted_at !== null })) };
    },

    /** One advice for staff (also when the provider deleted it); another insurer's is "not found". */
    async getForStaff(staff: StaffMember, id: string, ip: string | null = null): Promise<StoredAdvice> {
      const row = await adviceOfStaff(staff, id, ip);
      await audit.record({ actor: `staff:${staff.id}`, action: 'eavis.viewed', subject: row.id, ip });
      return load(row.id);
    },

    async documentForStaff(staff: StaffMember, id: string, format: 'pdf' | 'csv', ip: string | null = null) {
      const row = await adviceOfStaff(staff, id, ip);
      await audit.record({ actor: `staff:${staff.id}`, action: 'eavis.downloaded', subject: row.id, ip, data: { format } });
      return render(await load(row.id), format);
    },

    // ------------------------------------------------------------ the provider's advices

    /** "Zahlungsavise": Neu or Archiv, filtered by IK, advice date and total; newest first. */
    async list(member: ProviderMember, filter: AdviceFilter) {
      const me = await account(member, 'advices', null);
      let q = db
        .selectFrom('payment_advices')
        .leftJoin('ik_register', 'ik_register.ik', 'payment_advices.ik')
        .where(visibleTo(me.company))
        .where('payment_advices.deleted_at', 'is', null)
        .where('payment_advices.archived_at', filter.box === 'archiv' ? 'is not' : 'is', null);
      if (filter.ik) q = q.where('payment_advices.ik', '=', filter.ik);
      if (filter.from) q = q.where('payment_advices.advice_date', '>=', filter.from);
      if (filter.to) q = q.where('payment_advices.advice_date', '<=', filter.to);
      if (filter.minCents !== undefined) q = q.where('payment_advices.total_cents', '>=', String(filter.minCents));
      if (filter.maxCents !== undefined) q = q.where('payment_advices.total_cents', '<=', String(filter.maxCents));
      const total = Number((await q.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
      const rows = await q
        .select([
          'payment_advices.id',
          'payment_advices.ik',
          'payment_advices.advice_number',
          'payment_advices.advice_date',
          'payment_advices.value_date',
          'payment_advices.payer',
          'payment_advices.total_cents',
          'payment_advices.published_at',
          'payment_advices.opened_at',
          'payment_advices.archived_at',
          'ik_register.name as institution',
        ])
        .orderBy('payment_advices.advice_date', 'desc')
        .orderBy('payment_advices.published_at', 'desc')
        .orderBy('payment_advices.id')
        .limit(ADVICE_PAGE_SIZE)
        .offset((filter.page - 1) * ADVICE_PAGE_SIZE)
        .execute();
      return { total, pages: Math.max(1, Math.ceil(total / ADVICE_PAGE_SIZE)), rows: rows.map((r) => ({ ...r, total_cents: Number(r.total_cents), unread: r.opened_at === null })) };
    },

    /** Opens one advice (marks it opened the first time). */
    async get(member: ProviderMember, id: string, ip: string | null = null): Promise<StoredAdvice> {
      const { me, row } = await adviceOfProvider(member, id, ip);
      if (!row.opened_at) await db.updateTable('payment_advices').set({ opened_at: clock.now() }).where('id', '=', row.id).where('opened_at', 'is', null).execute();
      await audit.record({ actor: me.actor, action: 'eavis.opened', subject: row.id, ip, data: { ik: row.ik } });
      return load(row.id);
    },

    /** The advice as PDF or CSV download. */
    async download(member: ProviderMember, id: string, format: 'pdf' | 'csv', ip: string | null = null) {
      const { me, row } = await adviceOfProvider(member, id, ip);
      if (!row.opened_at) await db.updateTable('payment_advices').set({ opened_at: clock.now() }).where('id', '=', row.id).where('opened_at', 'is', null).execute();
      await audit.record({ actor: me.actor, action: 'eavis.downloaded', subject: row.id, ip, data: { ik: row.ik, format } });
      return render(await load(row.id), format);
    },

    archive(member: ProviderMember, id: string, ip: string | null = null) {
      return setMark(member, id, 'archive', ip);
    },

    unarchive(member: ProviderMember, id: string, ip: string | null = null) {
      return setMark(member, id, 'unarchive', ip);
    },

    /** Deleted for this provider only: hidden from its lists, kept for the insurer. */
    delete(member: ProviderMember, id: string, ip: string | null = null) {
      return setMark(member, id, 'delete', ip);
    },

    /** How many advices the provider has not opened yet (for a start page). */
    async unopenedCount(member: ProviderMember): Promise<number> {
      const row = await db
        .selectFrom('payment_advices')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where(visibleTo(member.company))
        .where('deleted_at', 'is', null)
        .where('archived_at', 'is', null)
        .where('opened_at', 'is', null)
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },
  };
}
