import { sql, type ExpressionBuilder, type Selectable } from 'kysely';
import type { Database, PaymentAdviceItemsTable, PaymentAdvicesTable } from '../../core/db/schema.ts';
import type { Db } from '../../core/db/database.ts';
import type { Clock } from '../../core/clock/clock.ts';
import type { Audit, AuditAction } from '../../core/audit/audit.ts';
import type { Mailer } from '../../core/mail/outbox.ts';
import type { Insurer } from '../../core/config/insurers.ts';
import type { PortalRegistry } from '../../core/portal/registry.ts';
import type { StaffMember } from '../../core/staff/service.ts';
import { AppError } from '../../core/errors/app-error.ts';
import { isId } from '../../core/ids/secrets.ts';
import { adviceFileName, type StoredAdvice } from './model.ts';
import type { EavisMailContext } from './mails.ts';
import { renderAdvicePdf } from './pdf.ts';
import { adviceCsv } from './csv.ts';
import { DeniedError } from './errors.ts';
import { eavisApplications } from './applications.ts';
import { advicePublishing } from './publishing.ts';
import { adviceReading } from './advice-reading.ts';
import type { AdviceSource, EavisState } from '../../core/db/values.ts';

/**
 * A signed-in person of a provider as the partner portal knows it (its PartnerMember fits).
 * The service reads the account again, so a locked account or a withdrawn right counts at once.
 */
export interface ProviderMember {
  accountId: string;
  company: string;
}

export type { AdviceSource, EavisState };
export { EavisBatchError, type BatchProblem } from './errors.ts';

export interface EavisDeps {
  db: Db;
  clock: Clock;
  audit: Audit;
  mailer: Mailer;
  config: { publicUrl: string; INSURER_BRAND: string };
  insurers: Insurer[];
  /** the portal that shows the advices gives its name and links to the mails */
  portals: PortalRegistry;
}

export interface StaffAdviceFilter {
  ik?: string;
  page: number;
}

/** What the parts of the service share: the deps, the checks of who may act, and the advice rows' helpers. */
function eavisContext(deps: EavisDeps) {
  const { db, clock, audit, mailer, config } = deps;
  const insurerName = (id: string) => deps.insurers.find((i) => i.id === id)?.name ?? config.INSURER_BRAND;

  /** the portal whose members see the advices: the rows name none, as provider IKs belong to one portal */
  const portal = () => deps.portals.only('eavis');

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
      .where('portal', '=', portal().key)
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
    let q = trx.selectFrom('accounts').select('email').where('portal', '=', portal().key).where('company', '=', company).where('status', '=', 'active');
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

  /** A stored advice and its items, as their tables give them (the rows of selectAll, less what the model leaves out). */
  function toStored(
    row: Omit<Selectable<PaymentAdvicesTable>, 'published_by'>,
    institution: string | null,
    items: ReadonlyArray<Omit<Selectable<PaymentAdviceItemsTable>, 'advice_id'>>,
  ): StoredAdvice {
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

  return { deps, db, clock, audit, mailer, config, insurerName, portal, mailContext, denied, account, visibleTo, recipients, institutionOf, inTransaction, providerIk, toStored, load, adviceOfProvider, adviceOfStaff, render, setMark };
}

export type EavisContext = ReturnType<typeof eavisContext>;

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
  const ctx = eavisContext(deps);
  return { ...eavisApplications(ctx), ...advicePublishing(ctx), ...adviceReading(ctx) };
}

export type Eavis = ReturnType<typeof createEavis>;
