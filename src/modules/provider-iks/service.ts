import type { Db } from '../../core/db/database.ts';
import type { Clock } from '../../core/clock/clock.ts';
import type { Audit } from '../../core/audit/audit.ts';
import type { Mailer, MailMessage } from '../../core/mail/outbox.ts';
import type { StaffMember } from '../../core/staff/service.ts';
import type { IkRegister } from '../ik-register/service.ts';
import type { PortalRegistry } from '../../core/portal/registry.ts';
import { AppError } from '../../core/errors/app-error.ts';
import { newId } from '../../core/ids/secrets.ts';
import { checkIk } from '../../core/identifiers/checks.ts';
import { checkFiles, storeFile, type IncomingFile } from '../../core/files/checked-files.ts';
import { checkUploadBudget } from '../../core/files/upload-rules.ts';
import { decryptFile } from '../../core/files/encryption.ts';
import { isUniqueViolation } from '../../core/db/errors.ts';
import { untilNoneLeft } from '../../core/db/batches.ts';

export { recordActivatedProviderAdmin } from './activation.ts';

/** A further IK requested without a certificate is deleted after this; the IK is free for others meanwhile anyway. */
export const IK_REQUEST_TTL_MS = 30 * 24 * 3_600_000;

/** The reason a competing request gets: never who manages the IK now. */
export const COMPETING_REFUSAL = 'Die IK-Nummer wurde nach Prüfung durch Ihre AOK einem anderen Antrag zugeordnet. Bei Fragen wenden Sie sich bitte an Ihre AOK.';

/** The insurer's decision mail for a provider's IK, built by the provider portal. */
export type IkDecisionMail = (input: { ik: string; institution: string | null; insurerId: string; approved: boolean; reason?: string }) => MailMessage;

/** The provider's side of a request: who acts, for which provider. */
export interface ProviderActor {
  accountId: string;
  company: string;
}

export type { ProviderIkStatus } from '../../core/db/values.ts';

export interface ProviderIksDeps {
  db: Db;
  clock: Clock;
  audit: Audit;
  mailer: Mailer;
  key: Buffer;
  ikRegister: IkRegister;
  /** the portal whose providers manage IKs: its administrators get the mails */
  portals: PortalRegistry;
}

/**
 * "IK-Verwaltung" (manual 002): the IK numbers a provider manages. The IK of the first
 * registration is recorded when staff activate it; each further IK needs its own certificate
 * and the insurer's check. An IK is managed by one provider at a time; a provider always
 * keeps at least one.
 */
export function createProviderIks(deps: ProviderIksDeps) {
  const { db, clock, audit, mailer, key, ikRegister } = deps;

  async function own(actor: ProviderActor, id: string) {
    const row = await db.selectFrom('provider_iks').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row || row.company !== actor.company || row.status === 'removed') {
      await audit.record({ actor: `account:${actor.accountId}`, action: 'provider_ik.denied', subject: id.slice(0, 64), outcome: 'denied' });
      throw new AppError('request.not_found', 404);
    }
    return row;
  }

  async function filesOf(id: string) {
    const rows = await db
      .selectFrom('files')
      .select(['id', 'name', 'ext', 'mime', 'size', 'created_at'])
      .where('provider_ik_id', '=', id)
      .orderBy('created_at')
      .orderBy('name')
      .execute();
    return rows.map((r) => ({ id: r.id, name: r.name, ext: r.ext, mime: r.mime, size: r.size, createdAt: new Date(r.created_at) }));
  }

  return {
    filesOf,

    /** Every IK of a provider that is not removed, with the institution's name. */
    async list(company: string) {
      const rows = await db
        .selectFrom('provider_iks')
        .leftJoin('ik_register', 'ik_register.ik', 'provider_iks.ik')
        .select([
          'provider_iks.id',
          'provider_iks.ik',
          'provider_iks.status',
          'provider_iks.eavis',
          'provider_iks.requested_at',
          'provider_iks.decided_at',
          'provider_iks.rejection_reason',
          'ik_register.name',
          (eb) => eb.selectFrom('files').select((f) => f.fn.countAll<string>().as('n')).whereRef('files.provider_ik_id', '=', 'provider_iks.id').as('files'),
        ])
        .where('provider_iks.company', '=', company)
        .where('provider_iks.status', '!=', 'removed')
        .orderBy('provider_iks.requested_at')
        .execute();
      return rows.map((r) => ({ ...r, files: Number(r.files ?? 0) }));
    },

    async get(actor: ProviderActor, id: string) {
      const row = await own(actor, id);
      const entry = await ikRegister.lookup(row.ik);
      return { ...row, name: entry?.name ?? null, address: entry ? [entry.street, `${entry.postalCode} ${entry.city}`.trim()].filter(Boolean).join(', ') : null, files: await filesOf(id) };
    },

    /**
     * "IK-Nummer hinzufügen": looked up in the register. The answer never tells whether another
     * provider manages or requested the IK; several providers may request it, staff decide.
     */
    async request(actor: ProviderActor, input: string, ip: string | null): Promise<string> {
      const ik = checkIk(input);
      if (!ik.ok) throw new AppError(ik.code, 422, { ik: ik.code });
      const entry = await ikRegister.lookup(ik.value);
      if (!entry) throw new AppError('ik.unknown', 422, { ik: 'ik.unknown' });
      if (!entry.insurerId) throw new AppError('ik.no_insurer', 422, { ik: 'ik.no_insurer' });
      const mine = await db.selectFrom('provider_iks').select('id').where('ik', '=', ik.value).where('company', '=', actor.company).where('status', 'in', ['requested', 'active']).executeTakeFirst();
      if (mine) throw new AppError('iks.already_yours', 409, { ik: 'iks.already_yours' });
      const id = newId();
      try {
        await db
          .insertInto('provider_iks')
          .values({ id, company: actor.company, ik: ik.value, insurer_id: entry.insurerId, status: 'requested', requested_by: actor.accountId, requested_at: clock.now() })
          .execute();
      } catch (error) {
        // the partial unique index: a second tab of the same provider won the race
        if (isUniqueViolation(error)) throw new AppError('iks.already_yours', 409, { ik: 'iks.already_yours' });
        throw error;
      }
      await audit.record({ actor: `account:${actor.accountId}`, action: 'provider_ik.requested', subject: ik.value, ip, data: { id } });
      return id;
    },

    /** The certificate for a requested IK (up to two files, 10 MB, checked by content). */
    async addFiles(actor: ProviderActor, id: string, incoming: IncomingFile[], ip: string | null) {
      const row = await own(actor, id);
      if (row.status !== 'requested') throw new AppError('iks.not_open', 409);
      if (incoming.length === 0) throw new AppError('upload.none', 422, { files: 'upload.none' });
      const checked = await checkFiles(incoming);
      await db.transaction().execute(async (trx) => {
        await trx.selectFrom('provider_iks').select('id').where('id', '=', id).forUpdate().executeTakeFirst();
        const existing = await trx.selectFrom('files').select('size').where('provider_ik_id', '=', id).execute();
        const budget = checkUploadBudget(existing.map((f) => f.size), checked.map((f) => f.bytes.length));
        if (!budget.ok) throw new AppError(budget.code, 422, { files: budget.code });
        for (const file of checked) {
          const fileId = await storeFile(trx, key, file, { kind: 'provider_ik', providerIkId: id }, clock.now());
          await audit.record({ actor: `account:${actor.accountId}`, action: 'provider_ik.file_uploaded', subject: row.ik, ip, data: { fileId, size: file.bytes.length } }, trx);
        }
      });
    },

    async removeFile(actor: ProviderActor, id: string, fileId: string, ip: string | null) {
      const row = await own(actor, id);
      if (row.status !== 'requested') throw new AppError('iks.not_open', 409);
      const result = await db.deleteFrom('files').where('id', '=', fileId).where('provider_ik_id', '=', id).executeTakeFirst();
      if (Number(result.numDeletedRows) !== 1) throw new AppError('upload.not_found', 404);
      await audit.record({ actor: `account:${actor.accountId}`, action: 'provider_ik.file_deleted', subject: row.ik, ip, data: { fileId } });
    },

    /** "Entfernen": never the provider's last managed IK; a running eAvis ends with it. */
    async remove(actor: ProviderActor, id: string, ip: string | null) {
      const row = await own(actor, id);
      await db.transaction().execute(async (trx) => {
        if (row.status === 'active') {
          const others = await trx
            .selectFrom('provider_iks')
            .select((eb) => eb.fn.countAll<string>().as('n'))
            .where('company', '=', actor.company)
            .where('status', '=', 'active')
            .where('id', '!=', id)
            .executeTakeFirstOrThrow();
          if (Number(others.n) === 0) throw new AppError('iks.last', 409);
        }
        const now = clock.now();
        await trx.updateTable('provider_iks').set({ status: 'removed', removed_at: now, eavis: row.eavis === 'none' ? 'none' : 'ended', eavis_changed_at: now }).where('id', '=', id).execute();
        await trx.deleteFrom('files').where('provider_ik_id', '=', id).execute();
        await audit.record({ actor: `account:${actor.accountId}`, action: 'provider_ik.removed', subject: row.ik, ip, data: { id } }, trx);
      });
    },

    /** Staff: further IKs with their certificate uploaded, of the clerk's insurer. */
    async worklist(staff: StaffMember) {
      let query = db
        .selectFrom('provider_iks')
        .leftJoin('ik_register', 'ik_register.ik', 'provider_iks.ik')
        .select(['provider_iks.id', 'provider_iks.ik', 'provider_iks.company', 'provider_iks.insurer_id', 'provider_iks.requested_at', 'ik_register.name'])
        .select((eb) =>
          eb
            .selectFrom('provider_iks as other')
            .select((o) => o.fn.countAll<string>().as('n'))
            .whereRef('other.ik', '=', 'provider_iks.ik')
            .whereRef('other.id', '!=', 'provider_iks.id')
            .where('other.status', 'in', ['requested', 'active'])
            .as('competing'),
        )
        .where('provider_iks.status', '=', 'requested')
        .where(({ exists, selectFrom }) => exists(selectFrom('files').select('id').whereRef('files.provider_ik_id', '=', 'provider_iks.id')));
      if (staff.role === 'clerk') query = query.where('provider_iks.insurer_id', '=', staff.insurerId!);
      const rows = await query.orderBy('provider_iks.requested_at').execute();
      return rows.map((r) => ({ ...r, competing: Number(r.competing ?? 0) }));
    },

    async staffDetail(staff: StaffMember, id: string, ip: string | null) {
      const row = await db
        .selectFrom('provider_iks')
        .leftJoin('accounts', 'accounts.id', 'provider_iks.requested_by')
        .select(['provider_iks.id', 'provider_iks.ik', 'provider_iks.company', 'provider_iks.insurer_id', 'provider_iks.status', 'provider_iks.requested_at', 'provider_iks.rejection_reason', 'accounts.email', 'accounts.first_name', 'accounts.last_name'])
        .where('provider_iks.id', '=', id)
        .executeTakeFirst();
      if (!row || (staff.role === 'clerk' && row.insurer_id !== staff.insurerId)) {
        await audit.record({ actor: `staff:${staff.id}`, action: 'backoffice.provider_ik_denied', subject: id.slice(0, 64), ip, outcome: 'denied' });
        throw new AppError('request.not_found', 404);
      }
      const entry = await ikRegister.lookup(row.ik);
      const managed = await db.selectFrom('provider_iks').select(['ik', 'status']).where('company', '=', row.company).where('status', '=', 'active').execute();
      // every other provider that manages or requests the same IK: staff decide between them
      const competitors = await db
        .selectFrom('provider_iks')
        .leftJoin('accounts', 'accounts.id', 'provider_iks.requested_by')
        .select([
          'provider_iks.id',
          'provider_iks.company',
          'provider_iks.status',
          'provider_iks.requested_at',
          'accounts.email',
          (eb) => eb.selectFrom('files').select((f) => f.fn.countAll<string>().as('n')).whereRef('files.provider_ik_id', '=', 'provider_iks.id').as('files'),
        ])
        .where('provider_iks.ik', '=', row.ik)
        .where('provider_iks.id', '!=', row.id)
        .where('provider_iks.status', 'in', ['requested', 'active'])
        .orderBy('provider_iks.requested_at')
        .execute();
      await audit.record({ actor: `staff:${staff.id}`, action: 'backoffice.provider_ik_viewed', subject: row.ik, ip });
      return { ...row, entry, managed, competitors: competitors.map((c) => ({ ...c, files: Number(c.files ?? 0) })), files: await filesOf(id) };
    },

    async staffFile(staff: StaffMember, id: string, fileId: string, ip: string | null) {
      await this.staffDetail(staff, id, ip);
      const file = await db.selectFrom('files').selectAll().where('id', '=', fileId).where('provider_ik_id', '=', id).executeTakeFirst();
      if (!file) throw new AppError('request.not_found', 404);
      return { name: file.name, mime: file.mime, bytes: decryptFile(key, { iv: file.iv, tag: file.tag, ciphertext: file.content }) };
    },

    /**
     * Freischalten or ablehnen (with a reason); the provider's LE-Admins get a mail either way.
     * The first request activated wins: an IK another provider manages cannot be activated, and
     * the other open requests of the IK are refused at once.
     */
    async decide(staff: StaffMember, id: string, approve: boolean, reason: string, mail: IkDecisionMail, ip: string | null) {
      const d = await this.staffDetail(staff, id, ip);
      if (d.status !== 'requested') throw new AppError('backoffice.already_decided', 409);
      if (!d.files.length) throw new AppError('backoffice.steps_missing', 409);
      if (approve && d.competitors.some((c) => c.status === 'active')) throw new AppError('backoffice.ik_held', 409);
      try {
        await db.transaction().execute(async (trx) => {
          const now = clock.now();
          const updated = await trx
            .updateTable('provider_iks')
            .set({ status: approve ? 'active' : 'rejected', decided_at: now, decided_by: staff.id, rejection_reason: approve ? null : reason })
            .where('id', '=', id)
            .where('status', '=', 'requested')
            .executeTakeFirst();
          if (Number(updated.numUpdatedRows) !== 1) throw new AppError('backoffice.already_decided', 409);
          await mailAdmins(trx, d.company, mail({ ik: d.ik, institution: d.entry?.name ?? null, insurerId: d.insurer_id, approved: approve, reason: approve ? undefined : reason }));
          await audit.record({ actor: `staff:${staff.id}`, action: approve ? 'backoffice.provider_ik_activated' : 'backoffice.provider_ik_rejected', subject: d.ik, ip, data: approve ? {} : { reason } }, trx);
          if (approve) await refuseCompeting(trx, d.ik, mail, `staff:${staff.id}`);
        });
      } catch (error) {
        // the unique index on active IKs: another provider's request was activated at the same moment
        if (approve && isUniqueViolation(error)) throw new AppError('backoffice.ik_held', 409);
        throw error;
      }
    },

    /**
     * Open requests of IKs that another provider manages now (its LE-Admin's registration was
     * activated, by staff or the CLI) are refused with a mail. Idempotent; run after an activation
     * and by the housekeeping sweep.
     */
    async settleCompeting(mail: IkDecisionMail, ik?: string): Promise<number> {
      let refused = 0;
      await db.transaction().execute(async (trx) => {
        let query = trx
          .selectFrom('provider_iks')
          .select('ik')
          .distinct()
          .where('status', '=', 'requested')
          .where(({ exists, selectFrom }) => exists(selectFrom('provider_iks as held').select('held.id').whereRef('held.ik', '=', 'provider_iks.ik').where('held.status', '=', 'active')));
        if (ik) query = query.where('ik', '=', ik);
        for (const row of await query.limit(100).execute()) {
          await refuseCompeting(trx, row.ik, mail, 'system');
          refused += 1;
        }
      });
      return refused;
    },

    /** Requests without a certificate end after 30 days (housekeeping, in bounded batches); the provider may request again. */
    async sweepExpiredRequests(batchSize = 500): Promise<number> {
      return untilNoneLeft(async () => {
        const cutoff = new Date(clock.now().getTime() - IK_REQUEST_TTL_MS);
        const rows = await db
          .deleteFrom('provider_iks')
          .where('id', 'in', (eb) =>
            eb
              .selectFrom('provider_iks')
              .select('provider_iks.id')
              .where('provider_iks.status', '=', 'requested')
              .where('provider_iks.requested_at', '<=', cutoff)
              .where(({ not, exists, selectFrom }) => not(exists(selectFrom('files').select('files.id').whereRef('files.provider_ik_id', '=', 'provider_iks.id'))))
              .limit(batchSize),
          )
          .returning(['id', 'ik', 'company'])
          .execute();
        for (const r of rows) await audit.record({ actor: 'system', action: 'provider_ik.request_expired', subject: r.ik, data: { id: r.id, company: r.company } });
        return rows.length;
      });
    },
  };

  async function mailAdmins(trx: Db, company: string, message: MailMessage): Promise<string[]> {
    const admins = await trx.selectFrom('accounts').select('email').where('portal', '=', deps.portals.only('provider-iks').key).where('company', '=', company).where('role', '=', 'admin').where('status', '=', 'active').execute();
    const ids: string[] = [];
    for (const a of admins) ids.push(await mailer.store(a.email, message, trx));
    return ids;
  }

  /** Every open request of an IK that is now managed by a provider: refused, its LE-Admins told without naming the holder. */
  async function refuseCompeting(trx: Db, ik: string, mail: IkDecisionMail, actor: string): Promise<string[]> {
    const refused = await trx
      .updateTable('provider_iks')
      .set({ status: 'rejected', decided_at: clock.now(), decided_by: null, rejection_reason: COMPETING_REFUSAL })
      .where('ik', '=', ik)
      .where('status', '=', 'requested')
      .returning(['id', 'company', 'insurer_id'])
      .execute();
    // the register through this transaction: on PGlite a query outside it would wait for it
    const entry = refused.length ? await trx.selectFrom('ik_register').select('name').where('ik', '=', ik).executeTakeFirst() : undefined;
    const ids: string[] = [];
    for (const r of refused) {
      ids.push(...(await mailAdmins(trx, r.company, mail({ ik, institution: entry?.name ?? null, insurerId: r.insurer_id, approved: false, reason: COMPETING_REFUSAL }))));
      await audit.record({ actor, action: 'provider_ik.refused_competing', subject: ik, data: { id: r.id } }, trx);
    }
    return ids;
  }
}

export type ProviderIks = ReturnType<typeof createProviderIks>;
