import { sql, type ExpressionBuilder } from 'kysely';
import type { Database } from '../../core/db/schema.ts';
import type { Db } from '../../core/db/database.ts';
import type { Clock } from '../../core/clock/clock.ts';
import type { Audit, AuditAction } from '../../core/audit/audit.ts';
import type { Mailer } from '../../core/mail/outbox.ts';
import type { Insurer } from '../../core/config/insurers.ts';
import type { PortalProfiles } from '../../core/portal/profile.ts';
import type { StaffMember } from '../../portals/backoffice/staff/service.ts';
import { AppError } from '../../core/errors/app-error.ts';
import { isId, newId } from '../../core/ids/secrets.ts';
import { ADVICE_PAGE_SIZE, adviceFileName, checkAdvice, type Advice, type AdviceFilter, type StoredAdvice } from './model.ts';
import { announcementMail, applicationReceivedMail, decisionMail, type EavisMailContext } from './mails.ts';
import { renderAdvicePdf } from './pdf.ts';
import { adviceCsv } from './csv.ts';
import { isUniqueViolation } from '../../core/db/errors.ts';

export const PARTNER_PORTAL = 'partner';

/**
 * A signed-in person of a provider as the partner portal knows it (its PartnerMember fits).
 * The service reads the account again, so a locked account or a withdrawn right counts at once.
 */
export interface ProviderMember {
  accountId: string;
  company: string;
}

/** One problem of a batch: the advice's index in the batch, the field and the code. */
export interface BatchProblem {
  index: number;
  field: string;
  code: string;
}

/** A refused publication: nothing was stored; `problems` says what and where. */
export class EavisBatchError extends AppError {
  constructor(readonly problems: BatchProblem[], status = 422) {
    super('eavis.batch_invalid', status);
  }
}

/** "Not found" for something of another provider or insurer; audited once the transaction is over. */
class DeniedError extends AppError {
  constructor(readonly subject: string, readonly reason: string) {
    super('request.not_found', 404);
  }
}

export type EavisState = 'none' | 'requested' | 'active' | 'end_requested' | 'ended';
export type AdviceSource = 'form' | 'csv' | 'json';

export interface EavisDeps {
  db: Db;
  clock: Clock;
  audit: Audit;
  mailer: Mailer;
  config: { publicUrl: string; INSURER_BRAND: string };
  insurers: Insurer[];
  /** the partner portal registers its profile (name, links) when it starts */
  portals: PortalProfiles;
}

export interface StaffAdviceFilter {
  ik?: string;
  page: number;
}

/**
 * The electronic payment advice (eAvis) of the Gesundheitspartnerservice (manual 002):
 * an LE-Admin applies for it per IK and ends it, staff confirm both; staff publish advices
 * to an IK whose eAvis is active; the provider's LE-Admins and users with the right list,
 * open, download, archive and delete them (deleted only for the provider: the insurer keeps
 * them). A new advice is announced by mail without any of its content.
 *
 * Every access is checked by the provider's key (accounts.company); an advice or IK of
 * another provider is "not found" (404) and audited.
 */
export function createEavis(deps: EavisDeps) {
  const { db, clock, audit, mailer, config } = deps;
  const insurerName = (id: string) => deps.insurers.find((i) => i.id === id)?.name ?? config.INSURER_BRAND;

  function portal() {
    const profile = deps.portals.get(PARTNER_PORTAL);
    return {
      name: profile?.name ?? `Mein ${config.INSURER_BRAND} Gesundheitspartnerservice`,
      url: (path: string) => (profile ? profile.url(path) : `${config.publicUrl}/partner${path}`),
    };
  }

  function mailContext(insurerId: string): EavisMailContext {
    return { portalName: portal().name, brand: config.INSURER_BRAND, insurerName: insurerName(insurerId) };
  }

  async function denied(actor: string, action: AuditAction, subject: string, ip: string | null, reason: string) {
    await audit.record({ actor, action, subject: subject.slice(0, 64), ip, outcome: 'denied', data: { reason } });
  }

  /** The member's account as it is now; the right needed is checked here, not trusted from the caller. */
  async function account(member: ProviderMember, need: 'admin' | 'advices', ip: string | null) {
    const row = await db
      .selectFrom('accounts')
      .select(['id', 'company', 'role', 'advice_access', 'status'])
      .where('id', '=', member.accountId)
      .where('portal', '=', PARTNER_PORTAL)
      .executeTakeFirst();
    const actor = `account:${member.accountId}`;
    if (!row || row.status !== 'active' || !row.company || row.company !== member.company) {
      await denied(actor, 'eavis.denied', member.accountId, ip, 'account');
      throw new AppError(need === 'admin' ? 'eavis.admin_only' : 'eavis.no_right', 403);
    }
    if (need === 'admin' && row.role !== 'admin') {
      await denied(actor, 'eavis.denied', member.accountId, ip, 'admin_only');
      throw new AppError('eavis.admin_only', 403);
    }
    if (need === 'advices' && row.role !== 'admin' && !row.advice_access) {
      await denied(actor, 'eavis.denied', member.accountId, ip, 'no_right');
      throw new AppError('eavis.no_right', 403);
    }
    return { id: row.id, company: row.company, actor };
  }

  /**
   * The advices a provider sees: those of its live IK numbers, published since it manages
   * that IK (an IK that moves to another provider does not take its earlier advices along).
   */
  function visibleTo(company: string) {
    return (eb: ExpressionBuilder<Database, 'payment_advices'>) =>
      eb.exists(
        eb
          .selectFrom('provider_iks')
          .select('provider_iks.id')
          .whereRef('provider_iks.ik', '=', 'payment_advices.ik')
          .where('provider_iks.company', '=', company)
          .where('provider_iks.status', '=', 'active')
          .whereRef('provider_iks.decided_at', '<=', 'payment_advices.published_at'),
      );
  }

  /** Where to send mails about a provider: its active LE-Admins, and for advices the users with the right too. */
  async function recipients(trx: Db, company: string, advices: boolean): Promise<string[]> {
    let q = trx.selectFrom('accounts').select('email').where('portal', '=', PARTNER_PORTAL).where('company', '=', company).where('status', '=', 'active');
    q = advices ? q.where((eb) => eb.or([eb('role', '=', 'admin'), eb('advice_access', '=', true)])) : q.where('role', '=', 'admin');
    return (await q.orderBy('email').execute()).map((r) => r.email);
  }

  async function institutionOf(trx: Db, ik: string): Promise<string | null> {
    return (await trx.selectFrom('ik_register').select('name').where('ik', '=', ik).executeTakeFirst())?.name ?? null;
  }

  /**
   * Runs a transaction; a DeniedError thrown inside is audited after the rollback (PGlite has one
   * connection: nothing may be written outside a running transaction from inside it).
   */
  async function inTransaction<T>(actor: string, ip: string | null, fn: (trx: Db) => Promise<T>): Promise<T> {
    try {
      return await db.transaction().execute(fn);
    } catch (error) {
      if (error instanceof DeniedError) await denied(actor, 'eavis.denied', error.subject, ip, error.reason);
      throw error;
    }
  }

  /** The provider's IK row by its id (or by the IK itself); another provider's is "not found". */
  async function providerIk(trx: Db, company: string, ref: string) {
    let q = trx.selectFrom('provider_iks').selectAll().where('company', '=', company);
    if (isId(ref)) q = q.where('id', '=', ref);
    else if (/^[0-9]{9}$/.test(ref)) q = q.where('ik', '=', ref).where('status', 'in', ['requested', 'active']);
    else q = q.where(sql<boolean>`false`);
    const row = await q.forUpdate().executeTakeFirst();
    if (!row) throw new DeniedError(ref, 'provider_ik');
    return row;
  }

  async function changeByProvider(member: ProviderMember, ref: string, kind: 'apply' | 'end', ip: string | null) {
    const me = await account(member, 'admin', ip);
    await inTransaction(me.actor, ip, async (trx) => {
      const row = await providerIk(trx, me.company, ref);
      if (row.status !== 'active') throw new AppError('eavis.ik_not_active', 409);
      const state = row.eavis as EavisState;
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

  function toStored(row: {
    id: string;
    ik: string;
    insurer_id: string;
    advice_number: string;
    advice_date: string;
    value_date: string;
    payer: string;
    iban_masked: string;
    total_cents: string | number;
    source: string;
    published_at: Date | string;
    opened_at: Date | null;
    archived_at: Date | null;
    deleted_at: Date | null;
  }, institution: string | null, items: Array<{ position: number; invoice_number: string; invoice_date: string; invoiced_cents: string | number; paid_cents: string | number; deduction_cents: string | number; deduction_reason: string | null; reference: string | null }>): StoredAdvice {
    return {
      id: row.id,
      ik: row.ik,
      insurerId: row.insurer_id,
      adviceNumber: row.advice_number,
      adviceDate: row.advice_date,
      valueDate: row.value_date,
      payer: row.payer,
      ibanMasked: row.iban_masked,
      totalCents: Number(row.total_cents),
      source: row.source,
      publishedAt: new Date(row.published_at),
      openedAt: row.opened_at ? new Date(row.opened_at) : null,
      archivedAt: row.archived_at ? new Date(row.archived_at) : null,
      deletedAt: row.deleted_at ? new Date(row.deleted_at) : null,
      institution,
      items: items.map((i) => ({
        position: i.position,
        invoiceNumber: i.invoice_number,
        invoiceDate: i.invoice_date,
        invoicedCents: Number(i.invoiced_cents),
        paidCents: Number(i.paid_cents),
        deductionCents: Number(i.deduction_cents),
        deductionReason: i.deduction_reason,
        reference: i.reference,
      })),
    };
  }

  async function load(id: string): Promise<StoredAdvice> {
    const row = await db.selectFrom('payment_advices').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    const items = await db.selectFrom('payment_advice_items').selectAll().where('advice_id', '=', id).orderBy('position').execute();
    return toStored(row, await institutionOf(db, row.ik), items);
  }

  /** An advice the provider may see: one of its live IKs, not deleted by it. Else "not found", audited. */
  async function adviceOfProvider(member: ProviderMember, id: string, ip: string | null) {
    const me = await account(member, 'advices', ip);
    const row = isId(id)
      ? await db
          .selectFrom('payment_advices')
          .select(['id', 'ik', 'opened_at', 'archived_at'])
          .where('id', '=', id)
          .where('deleted_at', 'is', null)
          .where(visibleTo(me.company))
          .executeTakeFirst()
      : undefined;
    if (!row) {
      await denied(me.actor, 'eavis.denied', id, ip, 'advice');
      throw new AppError('request.not_found', 404);
    }
    return { me, row };
  }

  async function adviceOfStaff(staff: StaffMember, id: string, ip: string | null) {
    const row = isId(id) ? await db.selectFrom('payment_advices').select(['id', 'insurer_id']).where('id', '=', id).executeTakeFirst() : undefined;
    if (!row || (staff.role !== 'admin' && row.insurer_id !== staff.insurerId)) {
      await denied(`staff:${staff.id}`, 'eavis.denied', id, ip, 'advice');
      throw new AppError('request.not_found', 404);
    }
    return row;
  }

  async function render(advice: StoredAdvice, format: 'pdf' | 'csv') {
    if (format === 'csv') return { name: adviceFileName(advice, 'csv'), mime: 'text/csv; charset=utf-8', bytes: Buffer.from(adviceCsv(advice), 'utf8') };
    const bytes = await renderAdvicePdf({ advice, insurer: deps.insurers.find((i) => i.id === advice.insurerId), portalName: portal().name, createdAt: clock.now() });
    return { name: adviceFileName(advice, 'pdf'), mime: 'application/pdf', bytes: Buffer.from(bytes) };
  }

  async function setMark(member: ProviderMember, id: string, mark: 'archive' | 'unarchive' | 'delete', ip: string | null) {
    const { me, row } = await adviceOfProvider(member, id, ip);
    const now = clock.now();
    await db.transaction().execute(async (trx) => {
      const set = mark === 'archive' ? { archived_at: now } : mark === 'unarchive' ? { archived_at: null } : { deleted_at: now };
      await trx.updateTable('payment_advices').set(set).where('id', '=', row.id).execute();
      await audit.record({ actor: me.actor, action: `eavis.${mark === 'delete' ? 'deleted' : mark === 'archive' ? 'archived' : 'unarchived'}`, subject: row.id, ip, data: { ik: row.ik } }, trx);
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
        const state = row.eavis as EavisState;
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

    // ------------------------------------------------------------ publishing (staff)

    /**
     * Publishes a batch of advices, all or nothing. Refused (EavisBatchError, nothing stored)
     * when any advice breaks a rule of the model, its IK is not a live provider IK with an
     * active eAvis (eavis.not_active), a clerk's IK belongs to another insurer, or its number
     * exists for the IK already or twice in the batch. Then one mail per recipient, no content.
     */
    async publish(staff: StaffMember, inputs: unknown[], source: AdviceSource, ip: string | null = null): Promise<{ ids: string[]; mails: number }> {
      const actor = `staff:${staff.id}`;
      const problems: BatchProblem[] = [];
      const advices: Advice[] = [];
      if (inputs.length === 0) throw new EavisBatchError([{ index: 0, field: 'advice', code: 'eavis.file_empty' }]);
      inputs.forEach((input, index) => {
        const r = checkAdvice(input);
        if (r.ok) advices[index] = r.advice;
        else for (const p of r.problems) problems.push({ index, ...p });
      });
      const seen = new Map<string, number>();
      advices.forEach((a, index) => {
        if (!a) return;
        const key = `${a.ik}|${a.adviceNumber}`;
        if (seen.has(key)) problems.push({ index, field: 'adviceNumber', code: 'eavis.duplicate' });
        else seen.set(key, index);
      });
      const refuse = async (list: BatchProblem[]) => {
        await audit.record({ actor, action: 'eavis.publish_refused', ip, outcome: 'failure', data: { source, advices: inputs.length, problems: list.length, codes: [...new Set(list.map((p) => p.code))] } });
        return new EavisBatchError(list.sort((a, b) => a.index - b.index));
      };
      if (problems.length) throw await refuse(problems);

      const ids: string[] = [];
      const mailIds: string[] = [];
      try {
        await db.transaction().execute(async (trx) => {
          const iks = [...new Set(advices.map((a) => a.ik))];
          const live = await trx.selectFrom('provider_iks').selectAll().where('ik', 'in', iks).where('status', '=', 'active').forUpdate().execute();
          const byIk = new Map(live.map((r) => [r.ik, r]));
          const existing = await trx.selectFrom('payment_advices').select(['ik', 'advice_number']).where('ik', 'in', iks).where('advice_number', 'in', advices.map((a) => a.adviceNumber)).execute();
          const taken = new Set(existing.map((e) => `${e.ik}|${e.advice_number}`));
          advices.forEach((a, index) => {
            const row = byIk.get(a.ik);
            if (!row || row.eavis !== 'active') problems.push({ index, field: 'ik', code: 'eavis.not_active' });
            else if (staff.role !== 'admin' && row.insurer_id !== staff.insurerId) problems.push({ index, field: 'ik', code: 'eavis.other_insurer' });
            if (taken.has(`${a.ik}|${a.adviceNumber}`)) problems.push({ index, field: 'adviceNumber', code: 'eavis.duplicate' });
          });
          if (problems.length) throw new EavisBatchError(problems);

          const now = clock.now();
          const perCompany = new Map<string, { insurerId: string; count: number }>();
          for (const a of advices) {
            const row = byIk.get(a.ik)!;
            const id = newId();
            ids.push(id);
            await trx
              .insertInto('payment_advices')
              .values({
                id,
                ik: a.ik,
                insurer_id: row.insurer_id,
                advice_number: a.adviceNumber,
                advice_date: a.adviceDate,
                value_date: a.valueDate,
                payer: a.payer,
                iban_masked: a.ibanMasked,
                total_cents: a.totalCents,
                source,
                published_at: now,
                published_by: staff.id,
              })
              .execute();
            // in chunks: a query has at most 65535 parameters
            for (let i = 0; i < a.items.length; i += 500) {
              await trx
                .insertInto('payment_advice_items')
                .values(
                  a.items.slice(i, i + 500).map((item) => ({
                    advice_id: id,
                    position: item.position,
                    invoice_number: item.invoiceNumber,
                    invoice_date: item.invoiceDate,
                    invoiced_cents: item.invoicedCents,
                    paid_cents: item.paidCents,
                    deduction_cents: item.deductionCents,
                    deduction_reason: item.deductionReason,
                    reference: item.reference,
                  })),
                )
                .execute();
            }
            await audit.record({ actor, action: 'eavis.published', subject: id, ip, data: { ik: a.ik, company: row.company, source, items: a.items.length } }, trx);
            const c = perCompany.get(row.company);
            if (c) c.count += 1;
            else perCompany.set(row.company, { insurerId: row.insurer_id, count: 1 });
          }
          const sent = new Set<string>();
          for (const [company, { insurerId, count }] of perCompany) {
            const mail = announcementMail({ ...mailContext(insurerId), link: portal().url('/zahlungsavise'), several: count > 1 });
            for (const to of await recipients(trx, company, true)) {
              if (sent.has(to.toLowerCase())) continue;
              sent.add(to.toLowerCase());
              mailIds.push(await mailer.store(to, mail, trx));
            }
          }
        });
      } catch (error) {
        if (error instanceof EavisBatchError) throw await refuse(error.problems);
        // two publications of the same number at once: the unique index decides
        if (isUniqueViolation(error)) throw await refuse(advices.map((_, index) => ({ index, field: 'adviceNumber', code: 'eavis.duplicate' })));
        throw error;
      }
      return { ids, mails: mailIds.length };
    },

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

export type Eavis = ReturnType<typeof createEavis>;
